module github.com/socktour/socktour

go 1.26.8

require (
	github.com/fatih/color v1.19.0
	golang.org/x/sys v0.49.0
)

require (
	github.com/chzyer/readline v0.0.0-20180603132655-2972be24d48e // indirect
	github.com/manifoldco/promptui v0.9.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	go.uber.org/goleak v1.3.0 // indirect
	golang.org/x/term v0.47.0 // indirect
)
