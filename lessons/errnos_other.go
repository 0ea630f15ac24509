//go:build !windows

package lessons

// Off Windows there are no Winsock numbers: isWSA never matches.
const wsaRefused, wsaReset, wsaAddrInUse, wsaNotConn, wsaMsgSize = 0, 0, 0, 0, 0

func isWSA(error, int) bool { return false }
