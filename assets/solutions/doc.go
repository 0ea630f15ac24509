// Package solutions holds the worked solutions of socktour's exercises,
// one program per directory, in Go (main.go) and in Python. `socktour
// solution N` shows them; the tests build and verify every one, so a
// solution shown is a solution that passes.
package solutions
