//go:build !unix && !windows

package runner

// On systems with neither a Unix terminal nor a Windows console (js,
// wasip1, plan9) keys are read from standard input as a plain stream.

import "os"

func terminalKeys(int) keySource { return &readerKeys{r: os.Stdin} }

func terminalMenuReader(int) menuReader { return &plainMenuReader{r: os.Stdin} }

func prepareConsole(int) {}
