package mdx

import "strings"

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

// langAliases maps info-string languages to one spelling per language.
var langAliases = map[string]string{
	"javascript": "js", "node": "js", "nodejs": "js", "jsx": "js", "mjs": "js", "cjs": "js",
	"typescript": "ts",
	"sh":         "bash", "shell": "bash", "zsh": "bash", "console": "bash", "terminal": "bash", "curl": "bash",
	"shellscript": "bash",
	"plain":       "text", "plaintext": "text", "txt": "text", "url": "text", "none": "text",
	"py": "python", "python3": "python",
	"rb":     "ruby",
	"golang": "go",
	"cs":     "csharp", "c#": "csharp", "dotnet": "csharp", ".net": "csharp",
	"yml":   "yaml",
	"jsonc": "json", "json5": "json",
	"htm": "html",
	"kt":  "kotlin",
}

func normLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	l = strings.TrimPrefix(l, "language-")
	if a, ok := langAliases[l]; ok {
		return a
	}
	return l
}
