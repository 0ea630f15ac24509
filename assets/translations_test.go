package assets

import (
	"strings"
	"testing"
)

// TestTranslationsInStep fails for every translated section whose English
// has changed since it was translated: go run ./assets/cmd/translations
// lists them for a translator.
func TestTranslationsInStep(t *testing.T) {
	for _, s := range Stale() {
		t.Error(s)
	}
}

// TestFallbackSectionBySection: a section a translation lacks is the
// English one, never a blank or a key; a translated one replaces it.
func TestFallbackSectionBySection(t *testing.T) {
	en := Parse("# Title\n\nSummary.\n\n## a\nEnglish a.\n\n## b\nEnglish b.\n")
	tr := Parse("# 标题 @12345678\n\n摘要。\n\n## a @12345678\n中文 a。\n")
	d := translated(en, tr)
	if d.Title != "标题" || d.Summary != "摘要。" || d.Section("a") != "中文 a。" || d.Section("b") != "English b." {
		t.Errorf("merged %+v", d)
	}
	if tr.Sources["a"] != "12345678" || tr.Sources[""] != "12345678" {
		t.Errorf("sources %v", tr.Sources)
	}
	defer SetLanguage(English)
	for _, l := range Languages {
		SetLanguage(l)
		for _, key := range []string{"menu", "diagram", "question predict"} {
			if s := Section("ui", key); s == "" || strings.Contains(s, "@") {
				t.Errorf("%s: ui %q is %q", l, key, s)
			}
		}
	}
}

// TestStamp: stamping records the English hash on headers that have none
// and leaves stamped ones alone.
func TestStamp(t *testing.T) {
	out, err := Stamp("ui.md", "# 界面\n\n## diagram\n完整的交换\n\n## menu @00000000\n旧的\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "## diagram @" + Hash(Parse(Text("ui.md")).Section("diagram"))
	if !strings.Contains(out, want) || !strings.Contains(out, "## menu @00000000") {
		t.Errorf("stamped:\n%s", out)
	}
}
