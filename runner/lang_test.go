package runner

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/progress"
)

func TestLocaleLanguage(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "zh"},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, "zh"},
		{map[string]string{"LANG": "zh"}, "zh"},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, "ko"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "ko_KR.UTF-8", "LANG": "zh_CN.UTF-8"}, "ko"},
		{map[string]string{"LC_MESSAGES": "zh_CN@cjknarrow", "LANG": "en_US"}, "zh"},
		{map[string]string{"LANGUAGE": "fr:ko:en", "LANG": "zh_CN.UTF-8"}, "ko"},
		{map[string]string{"LANGUAGE": "", "LC_ALL": "", "LANG": "ko_KR"}, "ko"},
		{map[string]string{}, "en"},
	} {
		if got := localeLanguage(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}

// TestChoosingTheLanguage: --lang beats SOCKTOUR_LANG, which beats the
// locale; a wrong value is a usage error naming the three; flags after --
// are the learner program's.
func TestChoosingTheLanguage(t *testing.T) {
	defer assets.SetLanguage(assets.English)
	env := map[string]string{"LANG": "ko_KR.UTF-8"}
	o := testIO("", &bytes.Buffer{})
	o.Getenv = func(k string) string { return env[k] }
	rest, err := chooseLanguage([]string{"run", "--lang", "zh", "3"}, o)
	if err != nil || assets.Language() != "zh" || strings.Join(rest, " ") != "run 3" {
		t.Errorf("--lang zh: %v, %s, %v", err, assets.Language(), rest)
	}
	env["SOCKTOUR_LANG"] = "en"
	if _, err := chooseLanguage([]string{"list"}, o); err != nil || assets.Language() != "en" {
		t.Errorf("SOCKTOUR_LANG=en: %v, %s", err, assets.Language())
	}
	delete(env, "SOCKTOUR_LANG")
	if rest, _ := chooseLanguage([]string{"verify", "1", "--", "prog", "--lang=fr"}, o); assets.Language() != "ko" || rest[len(rest)-1] != "--lang=fr" {
		t.Errorf("locale ko, program flags kept: %s %v", assets.Language(), rest)
	}
	var out bytes.Buffer
	o = testIO("", &out)
	if code := Main(context.Background(), []string{"list", "--lang=fr"}, o); code != 2 ||
		!strings.Contains(o.Err.(*bytes.Buffer).String(), `--lang is en, zh or ko, not "fr"`) {
		t.Errorf("--lang=fr: exit %d, %s", code, o.Err)
	}
}

// TestMenuSwitchesLanguage: l in the menu goes to the next language,
// shows the menu in it and remembers it in progress for the next start.
func TestMenuSwitchesLanguage(t *testing.T) {
	defer assets.SetLanguage(assets.English)
	home := t.TempDir()
	var out bytes.Buffer
	o, _ := ttyIO("lq", &out)
	o.Home = home
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if !strings.Contains(out.String(), "[English] · 中文 · 한국어") || !strings.Contains(out.String(), "English · [中文] · 한국어") {
		t.Errorf("the menu does not show the switch:\n%s", out.String())
	}
	p, _ := (&progress.Store{Dir: home}).Load()
	if p.Lang != "zh" {
		t.Errorf("progress remembers %q, want zh", p.Lang)
	}
	assets.SetLanguage(assets.English)
	o = testIO("", &bytes.Buffer{})
	o.Home = home
	if _, err := chooseLanguage([]string{"list"}, o); err != nil || assets.Language() != "zh" {
		t.Errorf("the next start speaks %s (%v), want zh", assets.Language(), err)
	}
}
