package mdx

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus/langs"
)

// parseInfo reads a fence info string such as `js title="pages/login.tsx"` or
// `json language="json" title="SSO profile"`: the language (normalised) and the title.
func parseInfo(info string) (lang, title string) {
	rest := strings.TrimSpace(info)
	if rest != "" && !strings.ContainsAny(strings.Fields(rest)[0], "=\"'") {
		f := strings.Fields(rest)[0]
		lang = f
		rest = strings.TrimSpace(rest[len(f):])
	}
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			break
		}
		key := strings.TrimSpace(rest[:eq])
		if sp := strings.LastIndexAny(key, " \t"); sp >= 0 {
			key = key[sp+1:] // skip bare words before the key
		}
		v := strings.TrimLeft(rest[eq+1:], " \t")
		var val string
		if v != "" && (v[0] == '"' || v[0] == '\'') {
			e := strings.IndexByte(v[1:], v[0])
			if e < 0 {
				val, rest = v[1:], ""
			} else {
				val, rest = v[1:1+e], strings.TrimSpace(v[2+e:])
			}
		} else {
			e := strings.IndexAny(v, " \t")
			if e < 0 {
				val, rest = v, ""
			} else {
				val, rest = v[:e], strings.TrimSpace(v[e:])
			}
		}
		switch strings.ToLower(key) {
		case "title":
			title = strings.TrimSpace(val)
		case "language", "lang":
			if lang == "" {
				lang = val
			}
		}
	}
	return normLang(lang), title
}

// normLang is the one spelling of a fence's language, from the language table.
func normLang(l string) string { return langs.NormFence(l) }
