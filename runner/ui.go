package runner

import "github.com/socktour/socktour/assets"

// ui is an interface text of assets/ui.md, in the learner's language,
// with its {name} templates filled from kv (name, value pairs).
func ui(key string, kv ...string) string {
	text := assets.Section("ui", key)
	if len(kv) == 0 {
		return text
	}
	vals := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		vals[kv[i]] = kv[i+1]
	}
	return assets.Fill(text, vals)
}
