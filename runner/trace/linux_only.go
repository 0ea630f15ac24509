package trace

import "errors"

// ErrLinuxOnly is what a call that socktour makes on Linux only answers
// on other systems. Such a call is not made there, so nothing is
// recorded: a failure shown is always a real call's.
var ErrLinuxOnly = errors.New("this call is made on Linux only")
