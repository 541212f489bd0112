package mdx

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
)

type mark struct {
	kind byte
	idx  int
	line int // 0-based line in the final Markdown
}

// finalize cleans the rendered Markdown line by line, outside fenced code only: trailing whitespace
// is trimmed, runs of blank lines become one, `{{ … }}` metadata is removed from heading lines (its
// "url" kept as the anchor of that line), and the NUL markers are removed and located.
func finalize(raw string) (md string, marks []mark, anchors map[int]string) {
	lines, marks, anchors := cleanLines(raw, true)
	if len(lines) == 0 {
		return "", marks, anchors
	}
	return strings.Join(lines, "\n") + "\n", marks, anchors
}

// tidy trims trailing whitespace and collapses blank lines outside fenced code.
func tidy(s string) string {
	lines, _, _ := cleanLines(s, false)
	return strings.Join(lines, "\n")
}

func cleanLines(raw string, final bool) (lines []string, marks []mark, anchors map[int]string) {
	var pending []mark
	attach := func() {
		for i := range pending {
			pending[i].line = len(lines) - 1
		}
		marks = append(marks, pending...)
		pending = pending[:0]
	}
	inFence := false
	var f fence
	blank := false
	for pos := 0; pos < len(raw); {
		l := raw[pos:]
		if k := strings.IndexByte(l, '\n'); k >= 0 {
			l = l[:k]
			pos += k + 1
		} else {
			pos = len(raw)
		}
		if final && strings.IndexByte(l, 0) >= 0 {
			l, pending = extractMarks(l, pending)
		}
		if inFence {
			lines = append(lines, l)
			attach()
			if fenceClose(l, f) {
				inFence = false
			}
			continue
		}
		t := strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(t) == "" {
			blank = true
			continue
		}
		var anchor string
		if final && headingLevel(t) > 0 {
			t, anchor = stripHeadingMeta(t)
		}
		if blank && len(lines) > 0 {
			lines = append(lines, "")
		}
		blank = false
		lines = append(lines, t)
		attach()
		if anchor != "" {
			if anchors == nil {
				anchors = map[int]string{}
			}
			anchors[len(lines)-1] = anchor
		}
		if fo, ok := fenceOpen(t); ok {
			inFence, f = true, fo
		}
	}
	if len(pending) > 0 {
		if len(lines) == 0 {
			lines = append(lines, "")
		}
		attach()
	}
	return lines, marks, anchors
}

// extractMarks removes the NUL markers from a line and appends them to ms.
func extractMarks(l string, ms []mark) (string, []mark) {
	var b strings.Builder
	for {
		k := strings.IndexByte(l, 0)
		if k < 0 {
			b.WriteString(l)
			return b.String(), ms
		}
		b.WriteString(l[:k])
		rest := l[k+1:]
		e := strings.IndexByte(rest, 0)
		if e < 2 {
			l = rest // not a marker we wrote; drop the NUL
			continue
		}
		if n, err := strconv.Atoi(rest[1:e]); err == nil {
			ms = append(ms, mark{kind: rest[0], idx: n})
		}
		l = rest[e+1:]
	}
}

// stripHeadingMeta removes trailing `{{ "url": "api-key", "visibility": … }}` metadata from a heading
// line and returns its "url".
func stripHeadingMeta(t string) (string, string) {
	if !strings.HasSuffix(t, "}}") {
		return t, ""
	}
	for k, tries := strings.Index(t, "{{"), 0; k >= 0 && tries < 8; tries++ {
		if e, ok := exprEnd(t, k, len(t)); ok && e == len(t) {
			return strings.TrimRight(t[:k], " \t"), metaURL(t[k+1 : len(t)-1])
		}
		n := strings.Index(t[k+1:], "{{")
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return t, ""
}

// metaURL reads the "url" of a heading metadata object.
func metaURL(obj string) string {
	var m map[string]any
	if json.Unmarshal([]byte(obj), &m) == nil {
		s, _ := m["url"].(string)
		return strings.TrimSpace(s)
	}
	// Not JSON (single quotes, bare keys): look for url: "…" by hand.
	k := strings.Index(obj, "url")
	if k < 0 {
		return ""
	}
	rest := strings.TrimLeft(obj[k+3:], `"' `)
	if !strings.HasPrefix(rest, ":") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " ")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	if e := strings.IndexByte(rest[1:], rest[0]); e >= 0 {
		return strings.TrimSpace(rest[1 : 1+e])
	}
	return ""
}
