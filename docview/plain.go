package docview

import (
	"regexp"
	"strings"
)

var (
	plainImage    = regexp.MustCompile(`!\[([^\]]*)\]\(([^)\s]*)\)`)
	plainLink     = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]*)\)`)
	plainAutolink = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	plainStrong   = regexp.MustCompile(`\*\*([^*\n]+)\*\*|__([^_\n]+)__`)
	plainEm       = regexp.MustCompile(`(^|[^\w*])\*([^*\s](?:[^*\n]*[^*\s])?)\*`)
	plainCode     = regexp.MustCompile("`([^`\n]*)`")
	plainHeading  = regexp.MustCompile(`^ {0,3}#{1,6}\s+`)
)

// PlainText reduces the Markdown this package renders to readable plain text: fences dropped (their
// code kept), links written as "text (url)", emphasis and code spans unwrapped, rules removed.
func PlainText(md string) string {
	var out []string
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			out = append(out, line)
			continue
		}
		if t == "---" || t == "***" {
			continue
		}
		line = plainHeading.ReplaceAllString(line, "")
		line = plainImage.ReplaceAllString(line, "$1")
		line = plainLink.ReplaceAllStringFunc(line, func(m string) string {
			sm := plainLink.FindStringSubmatch(m)
			text, url := sm[1], sm[2]
			text = plainCode.ReplaceAllString(text, "$1")
			if url == "" || url == text {
				return text
			}
			return text + " (" + url + ")"
		})
		line = plainAutolink.ReplaceAllString(line, "$1")
		line = plainStrong.ReplaceAllString(line, "$1$2")
		line = plainEm.ReplaceAllString(line, "$1$2")
		line = plainCode.ReplaceAllString(line, "$1")
		if strings.HasPrefix(strings.TrimSpace(line), "> ") || strings.TrimSpace(line) == ">" {
			line = strings.TrimPrefix(strings.TrimLeft(line, " "), ">")
			line = strings.TrimPrefix(line, " ")
		}
		out = append(out, line)
	}
	s := strings.Join(out, "\n")
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return strings.TrimSpace(s) + "\n"
}
