//go:build linux

package lessons

import (
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// TestAddressesAnyAddressInPrivateNetwork runs the scene that binds
// 0.0.0.0 and :: only where it is safe: this test starts itself again in
// a private network namespace (unshare -rn, lo up), whose only network is
// its loopback, and skips where such a namespace cannot be made.
func TestAddressesAnyAddressInPrivateNetwork(t *testing.T) {
	if os.Getenv("SOCKTOUR_TEST_NETNS") != "1" {
		if _, err := exec.LookPath("unshare"); err != nil {
			t.Skip("no unshare here")
		}
		cmd := exec.Command("unshare", "-rn", "sh", "-c",
			`ip link set lo up && exec "$0" -test.run '^TestAddressesAnyAddressInPrivateNetwork$' -test.count=1`, os.Args[0])
		cmd.Env = append(os.Environ(), "SOCKTOUR_TEST_NETNS=1")
		out, err := cmd.CombinedOutput()
		if err != nil && strings.Contains(string(out), "unshare") {
			t.Skipf("no private network namespace here: %s", out)
		}
		if err != nil || !strings.Contains(string(out), "PASS") {
			t.Errorf("in a private network namespace: %v\n%s", err, out)
		}
		return
	}
	if !PrivateNetwork() {
		t.Fatal("inside the namespace, PrivateNetwork says no")
	}
	var got []string
	for _, e := range inPart(runAddresses(t), "part-any-address") {
		switch {
		case e.Op == "bind":
			got = append(got, "bind "+e.Local[:strings.LastIndexByte(e.Local, ':')])
		case e.Op == "setsockopt" && e.Vals["option"] == "IPV6_V6ONLY":
			got = append(got, "v6only "+e.Vals["value"])
		case e.Op == "connect":
			got = append(got, "connect "+e.Remote[:strings.LastIndexByte(e.Remote, ':')])
		case e.Key == "dual stack":
			got = append(got, "dual stack "+e.Vals["addr"])
		}
	}
	want := "bind 0.0.0.0|connect 127.0.0.2|v6only 0|bind [::]|connect 127.0.0.1|dual stack ::ffff:127.0.0.1"
	sort.Strings(got)
	w := strings.Split(want, "|")
	sort.Strings(w)
	if strings.Join(got, "|") != strings.Join(w, "|") {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}
