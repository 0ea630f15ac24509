//go:build linux

package capture

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// Bounds on the private network's start and end.
const (
	readyWait = 10 * time.Second // for the child to say whether it can capture
	killWait  = 5 * time.Second  // after SIGTERM, before SIGKILL
)

// errNoNamespace wraps why the private network could not be had.
type errNoNamespace struct{ err error }

func (e errNoNamespace) Error() string { return "no private network: " + e.err.Error() }
func (e errNoNamespace) Unwrap() error { return e.err }

// reexec runs this program again with args, in a user namespace and a
// network namespace of its own where it is root, and waits for it. Its
// standard input, output and error are req's (a terminal stays the
// terminal); a fourth file, the status pipe, tells whether it could
// bring its loopback up and capture on it. When it could not, it has
// printed nothing, and reexec returns an errNoNamespace for the caller to
// fall back. Cancelling ctx (Ctrl-C, SIGTERM) sends the child SIGTERM,
// then SIGKILL if it does not end.
func reexec(ctx context.Context, req Request) (code int, err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, errNoNamespace{err}
	}
	defer r.Close()
	cmd := exec.Command("/proc/self/exe", req.Args...)
	cmd.Args[0] = os.Args[0]
	cmd.Stdin, cmd.Stdout, cmd.Stderr = req.In, req.Out, req.Err
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the child
	cmd.Env = append(os.Environ(), envChild+"=3")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNET,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
		Pdeathsig:   syscall.SIGKILL, // the child never outlives socktour
	}
	runtime.LockOSThread() // Pdeathsig follows the thread that started the child
	defer runtime.UnlockOSThread()
	saved := saveTerminal(req.In)
	if err := cmd.Start(); err != nil {
		w.Close()
		return 0, errNoNamespace{err}
	}
	w.Close()
	if err := awaitReady(r); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return 0, errNoNamespace{err}
	}
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Signal(syscall.SIGTERM)
		case <-stopped:
			return
		}
		select {
		case <-time.After(killWait):
			cmd.Process.Kill()
		case <-stopped:
		}
	}()
	err = cmd.Wait()
	st := cmd.ProcessState
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		saved.restore() // it had no chance to leave the terminal as it was
		return 128 + int(ws.Signal()), nil
	}
	if st.Exited() {
		return st.ExitCode(), nil
	}
	return 1, err
}

// awaitReady reads the child's one status line: "ok", or "no " and why.
func awaitReady(r *os.File) error {
	r.SetReadDeadline(time.Now().Add(readyWait))
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	switch {
	case strings.HasPrefix(line, "ok"):
		return nil
	case strings.HasPrefix(line, "no "):
		return errors.New(strings.TrimSpace(line[3:]))
	case err == io.EOF:
		return errors.New("the private network's process ended before it could start")
	}
	return fmt.Errorf("the private network's process did not start: %v", err)
}

// childSetup runs in the child: it brings lo up, starts capturing on it,
// and says whether it could on the status pipe numbered fdText. The
// marker leaves the environment, so nothing this process starts takes
// itself for the child.
func childSetup(fdText string, ring bool) (tap, error) {
	os.Unsetenv(envChild)
	fd, err := strconv.Atoi(fdText)
	if err != nil || fd < 3 {
		return nil, fmt.Errorf("%s=%q is not a file descriptor", envChild, fdText)
	}
	status := os.NewFile(uintptr(fd), "status")
	defer status.Close()
	unix.CloseOnExec(fd)
	var c *live
	err = loopbackUp()
	if err == nil {
		c, err = openLive("lo", ring)
	}
	if err != nil {
		fmt.Fprintf(status, "no %v\n", err)
		return nil, err
	}
	if _, err := fmt.Fprintln(status, "ok"); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// loopbackUp brings up lo, which a new network namespace has down.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("bring lo up: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bring lo up: %w", err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP | unix.IFF_RUNNING)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bring lo up: %w", err)
	}
	return nil
}

// hostCapture starts capturing on the host's loopback, where this
// process holds CAP_NET_RAW, through a ring if ring is set.
func hostCapture(ring bool) (tap, error) { return openLive("lo", ring) }

// terminalState is the terminal's mode before the child started, to put
// back if the child is killed before it can.
type terminalState struct {
	fd    int
	state *term.State
}

func saveTerminal(in io.Reader) terminalState {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return terminalState{}
	}
	st, err := term.GetState(int(f.Fd()))
	if err != nil {
		return terminalState{}
	}
	return terminalState{fd: int(f.Fd()), state: st}
}

func (t terminalState) restore() {
	if t.state != nil {
		term.Restore(t.fd, t.state)
	}
}
