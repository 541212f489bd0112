package mdx

import (
	"strings"
)

// fence describes a fenced code block.
type fence struct {
	prefix string // what precedes the fence characters on the opening line (indentation, "> ")
	ch     byte   // '`' or '~'
	n      int    // number of fence characters
	info   string // the info string, trimmed
}

// fenceOpen reports whether line (without its newline) opens a fenced code block. Any indentation and
// blockquote markers may precede the fence: MDX has no indented code blocks, and fences in list
// items and JSX children are indented.
func fenceOpen(line string) (f fence, ok bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	if i >= len(line) || (line[i] != '`' && line[i] != '~') {
		return f, false
	}
	c := line[i]
	j := i
	for j < len(line) && line[j] == c {
		j++
	}
	if j-i < 3 {
		return f, false
	}
	info := strings.TrimSpace(line[j:])
	if c == '`' && strings.IndexByte(info, '`') >= 0 {
		return f, false // "```foo``` bar" is a code span, not a fence
	}
	return fence{prefix: line[:i], ch: c, n: j - i, info: info}, true
}

// fenceClose reports whether line closes a fence opened with f.
func fenceClose(line string, f fence) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	j := i
	for j < len(line) && line[j] == f.ch {
		j++
	}
	return j-i >= f.n && strings.TrimSpace(line[j:]) == ""
}

// segment is a byte range of the prepassed source: prose, or one fenced code block (whole lines,
// fence lines included).
type segment struct {
	start, end int
	code       bool
	fence      fence
	closed     bool // code: the closing fence was found
}

type prepassed struct {
	src  string
	segs []segment
}

// prepass splits src into prose and fenced code and applies the line-level rewrites that need the
// previous line, which the tag scanner does not keep: definition lists, top-level ESM lines and the
// `- $ frontend="nextjs"` tab items of the AuthKit quick start.
func prepass(src string) prepassed {
	out := make([]byte, 0, len(src)+len(src)/16)
	var segs []segment
	segStart := 0
	inCode := false
	var cur fence

	prevStart := -1     // start in out of the previous prose line, -1 if none or it was not prose
	prevBlank := true   // previous line was blank (or there is none)
	prevWasDef := false // previous line is a rewritten definition
	inESM := false

	for pos := 0; pos < len(src); {
		nl := strings.IndexByte(src[pos:], '\n')
		var line string
		if nl < 0 {
			line = src[pos:]
			pos = len(src)
		} else {
			line = src[pos : pos+nl+1]
			pos += nl + 1
		}
		body := strings.TrimSuffix(line, "\n")

		if inCode {
			out = append(out, line...)
			if fenceClose(body, cur) {
				segs = append(segs, segment{start: segStart, end: len(out), code: true, fence: cur, closed: true})
				segStart = len(out)
				inCode = false
			}
			continue
		}
		if f, ok := fenceOpen(body); ok {
			if len(out) > segStart {
				segs = append(segs, segment{start: segStart, end: len(out)})
			}
			segStart = len(out)
			out = append(out, line...)
			inCode, cur = true, f
			prevStart, prevBlank, prevWasDef, inESM = -1, false, false, false
			continue
		}

		blank := strings.TrimSpace(body) == ""
		if inESM {
			if !blank {
				continue // the ESM block runs to the next blank line
			}
			inESM = false
		}
		if !blank && prevBlank && isESM(body) {
			inESM = true
			continue
		}

		trimmed := strings.TrimLeft(body, " \t")
		if !blank && prevStart >= 0 && !prevBlank && isDefinition(trimmed) {
			def := strings.TrimSpace(trimmed[1:])
			prev := strings.TrimSuffix(string(out[prevStart:]), "\n")
			if prevWasDef {
				// A second definition of the same term: a new line, kept in the same paragraph.
				ind := prev[:len(prev)-len(strings.TrimLeft(prev, " \t"))]
				out = append(out, ind+"— "+def+"\n"...)
			} else if isTerm(prev) {
				ind := prev[:len(prev)-len(strings.TrimLeft(prev, " \t"))]
				term := strings.TrimSpace(prev)
				if !(len(term) > 4 && strings.HasPrefix(term, "**") && strings.HasSuffix(term, "**")) {
					term = "**" + term + "**"
				}
				out = append(out[:prevStart], ind+term+" — "+def+"\n"...)
			} else {
				out = append(out, line...)
				prevStart, prevBlank, prevWasDef = len(out)-len(line), false, false
				continue
			}
			prevWasDef, prevBlank = true, false
			continue
		}

		if !blank {
			body = rewriteTabItem(body)
			line = body + line[len(strings.TrimSuffix(line, "\n")):]
		}
		prevStart = len(out)
		out = append(out, line...)
		prevBlank, prevWasDef = blank, false
	}
	if len(out) > segStart {
		segs = append(segs, segment{start: segStart, end: len(out), code: inCode, fence: cur, closed: false})
	}
	return prepassed{src: string(out), segs: segs}
}

// isDefinition reports whether a trimmed line is a definition-list description (": text").
func isDefinition(trimmed string) bool {
	return len(trimmed) >= 2 && trimmed[0] == ':' && (trimmed[1] == ' ' || trimmed[1] == '\t')
}

// isTerm reports whether a line can be the term of a definition list: plain paragraph text, not a
// heading, list item, table row, blockquote or JSX tag line.
func isTerm(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	switch t[0] {
	case '#', '|', '>', '<', '-', '+', ':', '{':
		return false
	case '*':
		return strings.HasPrefix(t, "**")
	}
	return true
}

// isESM reports whether a line starts a top-level MDX import/export statement.
func isESM(line string) bool {
	var rest string
	switch {
	case strings.HasPrefix(line, "import"):
		rest = line[len("import"):]
	case strings.HasPrefix(line, "export"):
		rest = line[len("export"):]
	default:
		return false
	}
	if rest == "" || (rest[0] != ' ' && rest[0] != '{' && rest[0] != '*') {
		return false
	}
	r := strings.TrimSpace(rest)
	if strings.HasPrefix(line, "import") {
		if r == "" {
			return false
		}
		switch r[0] {
		case '{', '*', '\'', '"':
			return true
		}
		// import X from '…' / import X, { … } from '…' / import type …
		return strings.Contains(r, " from ") || strings.HasPrefix(r, "type ")
	}
	for _, kw := range []string{"const ", "let ", "var ", "function", "async ", "class ", "default ", "type ", "interface ", "{", "*"} {
		if strings.HasPrefix(r, kw) {
			return true
		}
	}
	return false
}

// rewriteTabItem turns the AuthKit quick start's `- $ frontend="nextjs, remix"` list items (a tab
// switch on the site) into `- **frontend: nextjs, remix**`.
func rewriteTabItem(line string) string {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 4 || (t[0] != '-' && t[0] != '*' && t[0] != '+') || t[1] != ' ' {
		return line
	}
	rest := strings.TrimLeft(t[2:], " ")
	if !strings.HasPrefix(rest, "$ ") {
		return line
	}
	kv := strings.TrimSpace(rest[2:])
	eq := strings.IndexByte(kv, '=')
	if eq <= 0 || len(kv) < eq+3 || kv[eq+1] != '"' || kv[len(kv)-1] != '"' {
		return line
	}
	key, val := kv[:eq], kv[eq+2:len(kv)-1]
	for _, c := range key {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return line
		}
	}
	ind := line[:len(line)-len(t)]
	return ind + t[:2] + "**" + key + ": " + val + "**"
}
