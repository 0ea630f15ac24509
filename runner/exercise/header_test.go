package exercise

import "testing"

func TestGoodHeader(t *testing.T) {
	for h, want := range map[string]bool{
		"27        ": true, "1073741824": true, "5": true,
		"": false, "  27      ": false, "-5        ": false, "+27       ": false, "2_7       ": false, "27   x    ": false,
	} {
		if got := goodHeader([]byte(h)); got != want {
			t.Errorf("goodHeader(%q) = %v, want %v", h, got, want)
		}
	}
}
