//go:build !unix && !windows

package tui

import "os"

// On systems with neither a Unix terminal nor a Windows console (js,
// wasip1, plan9) keys are read from standard input as a plain stream.

// TerminalKeys reads the player's keys from standard input.
func TerminalKeys(int) KeySource { return &readerKeys{r: os.Stdin} }

// TerminalMenuReader reads the menu's keys from standard input.
func TerminalMenuReader(int) MenuReader { return &plainMenuReader{r: os.Stdin} }

// PrepareConsole has nothing to prepare here, and reports that escape
// codes can be written.
func PrepareConsole(int) bool { return true }
