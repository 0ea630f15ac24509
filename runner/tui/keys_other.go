//go:build !unix && !windows

package tui

// On systems with neither a Unix terminal nor a Windows console (js,
// wasip1, plan9) keys are read from standard input as a plain stream.

import "os"

func TerminalKeys(int) KeySource { return &readerKeys{r: os.Stdin} }

func TerminalMenuReader(int) MenuReader { return &plainMenuReader{r: os.Stdin} }

func PrepareConsole(int) {}
