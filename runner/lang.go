package runner

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/socktour/socktour/assets"
)

// chooseLanguage takes --lang off args and sets the language of every
// text socktour shows: --lang, else SOCKTOUR_LANG, else the language last
// chosen in the menu (kept in progress), else the locale (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG, as gettext reads them), else English. An
// unknown --lang or SOCKTOUR_LANG is a usage error; an unknown locale is
// English. Flags after "--" belong to the learner's program, not to
// socktour.
func chooseLanguage(args []string, io *IO) ([]string, error) {
	// First the language without the flag, so that a mistake in the flag
	// is said in the learner's language, never in the last one used.
	fallback := io.rememberedLanguage()
	if fallback == "" {
		fallback = localeLanguage(io.Getenv)
	}
	assets.SetLanguage(fallback)
	var rest []string
	chosen := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(a, "=")
		if name != "--lang" && name != "-lang" {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, usagef("--lang needs a language: en, zh or ko")
			}
			i++
			val = args[i]
		}
		chosen = val
		if !known(val) {
			return nil, usagef("--lang is en, zh or ko, not %q", val)
		}
	}
	if chosen == "" && io.Getenv != nil {
		if v := io.Getenv("SOCKTOUR_LANG"); v != "" {
			if !known(v) {
				return nil, usagef("SOCKTOUR_LANG is en, zh or ko, not %q", v)
			}
			chosen = v
		}
	}
	if chosen != "" {
		assets.SetLanguage(chosen)
	}
	return rest, nil
}

func known(l string) bool {
	for _, k := range assets.Languages {
		if l == k {
			return true
		}
	}
	return false
}

// localeLanguage is the language the locale asks for, or English.
// LANGUAGE may list several ("ko:en"); the first that socktour speaks
// wins. zh_CN.UTF-8 is not a well-formed tag: its codeset and modifier
// go, _ becomes -, and C and POSIX mean no preference.
func localeLanguage(getenv func(string) string) string {
	if getenv == nil {
		return assets.English
	}
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		for _, one := range strings.Split(v, ":") {
			if l, ok := matchLocale(one); ok {
				return l
			}
		}
		if name != "LANGUAGE" {
			break // LC_ALL, LC_MESSAGES and LANG decide alone, as in gettext
		}
	}
	return assets.English
}

// supported are socktour's languages as tags, in assets.Languages order.
var supported = []language.Tag{language.English, language.SimplifiedChinese, language.Korean}

// matchLocale turns one locale name into a language socktour speaks: any
// Chinese (zh_CN, zh_TW, zh) is zh, Korean is ko, English en. ok is false
// for a locale of another language, or none (C, POSIX).
func matchLocale(locale string) (string, bool) {
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return "", false
	}
	tag, err := language.Parse(strings.ReplaceAll(locale, "_", "-"))
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	for i, s := range supported {
		if sb, _ := s.Base(); sb == base {
			return assets.Languages[i], true
		}
	}
	return "", false
}
