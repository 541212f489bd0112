package mdx

import (
	"strings"
)

// The JSX layer is a hand-written scanner rather than a goldmark extension: goldmark's inline and
// block parsers never see JSX as one unit (a multi-line `<CodeBlock\n  title="…"\n/>` is a paragraph
// to CommonMark, an `<Event.Root>` wrapping blocks is an HTML block that ends at the first blank
// line), so the tags have to be found before Markdown parsing. The scanner only needs to know the
// few Markdown constructs that make `<` and `{` literal: fenced code (segments from prepass), code
// spans, autolinks and backslash escapes.

type tokKind uint8

const (
	tkText  tokKind = iota // Markdown text, post-processed by the renderer (links, escaping)
	tkRaw                  // verbatim Markdown: code spans and autolinks
	tkCode                 // a fenced code block (a whole segment)
	tkOpen                 // <Name …>
	tkClose                // </Name>
	tkSelf                 // <Name … />
)

type attr struct {
	name  string
	value string // string value, or the evaluated string literal of a {…} expression
	set   bool   // value is known (a string or a string-literal expression)
}

type token struct {
	kind       tokKind
	s          string // text, or the tag's source
	name       string
	attrs      []attr
	startsLine bool // tag: only whitespace precedes it on its line
	indent     int  // tag: its column when startsLine
	endsLine   bool // tag: only whitespace follows it on its line
	seg        *segment
}

const (
	maxTagLen  = 8 << 10  // an opening tag longer than this is not a tag
	maxExprLen = 64 << 10 // a {…} expression longer than this is literal text
)

type lexer struct {
	src  string
	toks []token
	text strings.Builder // pending Markdown text
	// budget bounds the bytes scanned by tag and expression parses that fail, so that adversarial
	// input (thousands of unterminated `<A b="` or `{`) stays linear; real pages use a tiny part.
	budget int
}

func lex(p prepassed) []token {
	lx := &lexer{src: p.src, toks: make([]token, 0, len(p.src)/64+8), budget: 4*len(p.src) + 1<<16}
	for i := range p.segs {
		sg := &p.segs[i]
		if sg.code {
			lx.emit(token{kind: tkCode, s: p.src[sg.start:sg.end], seg: sg})
			continue
		}
		lx.prose(sg.start, sg.end)
	}
	lx.flushText()
	return lx.toks
}

func (lx *lexer) flushText() {
	if lx.text.Len() > 0 {
		lx.toks = append(lx.toks, token{kind: tkText, s: lx.text.String()})
		lx.text.Reset()
	}
}

func (lx *lexer) emit(t token) {
	lx.flushText()
	lx.toks = append(lx.toks, t)
}

// prose tokenises src[start:end], which starts at a line start and contains no fenced code.
func (lx *lexer) prose(start, end int) {
	s := lx.src
	text := start // start of text not yet added to lx.text
	flush := func(i int) { lx.text.WriteString(s[text:i]) }
	var noClose map[int]int // backtick run length → end of the paragraph known to hold no closing run
	noCommentEnd := false   // no "-->" after the last "<!--" tried
	for i := start; i < end; {
		k := strings.IndexAny(s[i:end], "\\`<{")
		if k < 0 {
			break
		}
		i += k
		switch s[i] {
		case '\\':
			i = min(i+2, end)
		case '`':
			n := 1
			for i+n < end && s[i+n] == '`' {
				n++
			}
			if lim, ok := noClose[n]; ok && i < lim {
				i += n // an earlier run of this length found no closing run in this paragraph
				continue
			}
			j, pe := closingRun(s, i+n, end, n)
			if j < 0 {
				if noClose == nil {
					noClose = map[int]int{}
				}
				noClose[n] = pe
				i += n
				continue
			}
			flush(i)
			lx.emit(token{kind: tkRaw, s: s[i : j+n]})
			i = j + n
			text = i
		case '<':
			if strings.HasPrefix(s[i:end], "<!--") {
				if !noCommentEnd {
					if k := strings.Index(s[i+4:end], "-->"); k >= 0 {
						flush(i)
						i = i + 4 + k + 3
						text = i
						continue
					}
					noCommentEnd = true
				}
				i++
				continue
			}
			if j := autolinkEnd(s, i, end); j > 0 {
				flush(i)
				lx.emit(token{kind: tkRaw, s: s[i:j]})
				i, text = j, j
				continue
			}
			if ok, glued := tagPosition(s, i); ok && lx.budget > 0 {
				tok, j, ok := parseTag(s, i, end)
				if ok && (!glued || tok.kind == tkClose || htmlElements[tok.name]) {
					flush(i)
					tok.startsLine, tok.indent = onlySpaceBefore(s, i)
					tok.endsLine = onlySpaceAfter(s, j, end)
					lx.emit(tok)
					i, text = j, j
					continue
				}
				if !ok {
					lx.budget -= j - i
				}
			}
			i++
		case '{':
			if lx.budget <= 0 {
				i++
				continue
			}
			j, ok := exprEnd(s, i, end)
			if !ok {
				lx.budget -= j - i
				i++ // a stray '{' is literal text
				continue
			}
			inner := strings.TrimSpace(s[i+1 : j-1])
			switch {
			case inner == "" || isComment(inner):
				flush(i) // {/* MDX comment */} and {} vanish
				i, text = j, j
			default:
				if v, ok := stringLiteral(inner); ok {
					flush(i) // {' '} and {"text"} are their value
					lx.text.WriteString(v)
					i, text = j, j
				} else {
					i = j // other expressions (and heading {{ … }} metadata) stay as written
				}
			}
		}
	}
	flush(end)
}

// closingRun finds a run of exactly n backticks in s[from:end] before the paragraph ends. If there
// is none it returns -1 and the end of the paragraph.
func closingRun(s string, from, end, n int) (int, int) {
	for i := from; i < end; {
		k := strings.IndexAny(s[i:end], "`\n")
		if k < 0 {
			return -1, end
		}
		i += k
		if s[i] == '\n' {
			l := i + 1
			for l < end && (s[l] == ' ' || s[l] == '\t') {
				l++
			}
			if l >= end || s[l] == '\n' {
				return -1, i + 1 // a blank line ends the paragraph
			}
			i++
			continue
		}
		m := 1
		for i+m < end && s[i+m] == '`' {
			m++
		}
		if m == n {
			return i, 0
		}
		i += m
	}
	return -1, end
}

// autolinkEnd returns the end of a CommonMark autolink (<https://…>, <me@example.com>) at s[i], or 0.
func autolinkEnd(s string, i, end int) int {
	j := i + 1
	// scheme
	k := j
	for k < end && k-j <= 32 && (isAlnum(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-') {
		k++
	}
	if k < end && s[k] == ':' && k-j >= 2 && isAlpha(s[j]) {
		for m := k + 1; m < end; m++ {
			switch c := s[m]; {
			case c == '>':
				return m + 1
			case c <= ' ' || c == '<':
				return 0
			}
		}
		return 0
	}
	// email
	at := -1
	for m := j; m < end; m++ {
		c := s[m]
		switch {
		case c == '@':
			if at >= 0 || m == j {
				return 0
			}
			at = m
		case c == '>':
			if at < 0 || m == at+1 {
				return 0
			}
			return m + 1
		case isAlnum(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0:
		default:
			return 0
		}
	}
	return 0
}

// tagPosition reports whether a '<' at s[i] may start a tag, and whether it is glued to a preceding
// word. A glued opening tag is only taken for HTML elements (`a<strong>b</strong>`): capitalised
// names glued to a word are generic types written in prose (Promise<User>, List<Group>) and stay text.
func tagPosition(s string, i int) (ok, glued bool) {
	if i+1 >= len(s) {
		return false, false
	}
	if i > 0 {
		p := s[i-1]
		if p == '<' {
			return false, false
		}
		glued = isAlnum(p) || p == '_' || p == '$' || p >= 0x80
	}
	n := s[i+1]
	return isAlpha(n) || n == '/' || n == '>', glued
}

// onlySpaceBefore reports whether only whitespace precedes s[i] on its line, and its column.
func onlySpaceBefore(s string, i int) (bool, int) {
	for k := i - 1; k >= 0; k-- {
		switch s[k] {
		case '\n':
			return true, i - k - 1
		case ' ', '\t':
		default:
			return false, 0
		}
	}
	return true, i
}

func onlySpaceAfter(s string, j, end int) bool {
	for k := j; k < end; k++ {
		switch s[k] {
		case '\n':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// parseTag parses a JSX/HTML tag at s[i] ('<'); on failure j is where scanning stopped. It accepts <Name attrs…>, <Name … />, </Name>,
// fragments <> and </>, member names (Event.Root) and attributes with "…", '…' or {…} values.
func parseTag(s string, i, end int) (tok token, j int, ok bool) {
	if end-i > maxTagLen {
		end = i + maxTagLen
	}
	j = i + 1
	closing := false
	if j < end && s[j] == '/' {
		closing = true
		j++
	}
	name, j := parseName(s, j, end)
	if closing {
		j = skipSpace(s, j, end)
		if j < end && s[j] == '>' {
			return token{kind: tkClose, name: name, s: s[i : j+1]}, j + 1, true
		}
		return tok, j, false
	}
	var attrs []attr
	for {
		k := skipSpace(s, j, end)
		if k >= end {
			return tok, k, false
		}
		if name == "" && s[k] != '>' {
			return tok, k, false // a fragment has no attributes
		}
		switch s[k] {
		case '>':
			return token{kind: tkOpen, name: name, attrs: attrs, s: s[i : k+1]}, k + 1, true
		case '/':
			if k+1 < end && s[k+1] == '>' {
				return token{kind: tkSelf, name: name, attrs: attrs, s: s[i : k+2]}, k + 2, true
			}
			return tok, k, false
		case '{':
			e, ok := exprEnd(s, k, end) // {...spread}
			if !ok {
				return tok, e, false
			}
			j = e
			continue
		}
		if k == j {
			return tok, k, false // attributes must be separated by whitespace
		}
		an, k2 := parseAttrName(s, k, end)
		if an == "" {
			return tok, k, false
		}
		a := attr{name: an}
		k = skipSpace(s, k2, end)
		if k < end && s[k] == '=' {
			k = skipSpace(s, k+1, end)
			if k >= end {
				return tok, k, false
			}
			switch q := s[k]; q {
			case '"', '\'':
				e := strings.IndexByte(s[k+1:end], q)
				if e < 0 {
					return tok, end, false
				}
				a.value, a.set = s[k+1:k+1+e], true
				k = k + 1 + e + 1
			case '{':
				e, ok := exprEnd(s, k, end)
				if !ok {
					return tok, e, false
				}
				a.value, a.set = stringLiteral(strings.TrimSpace(s[k+1 : e-1]))
				k = e
			default:
				return tok, k, false
			}
		} else {
			a.value, a.set = "", true // boolean attribute
		}
		attrs = append(attrs, a)
		j = k
	}
}

func parseName(s string, j, end int) (string, int) {
	start := j
	if j >= end || !isAlpha(s[j]) {
		return "", j
	}
	for j < end {
		c := s[j]
		switch {
		case isAlnum(c) || c == '_' || c == '-' || c == '$':
			j++
		case (c == '.' || c == ':') && j+1 < end && isAlpha(s[j+1]):
			j++
		default:
			return s[start:j], j
		}
	}
	return s[start:j], j
}

func parseAttrName(s string, j, end int) (string, int) {
	start := j
	if j >= end || !(isAlpha(s[j]) || s[j] == '_' || s[j] == '$') {
		return "", j
	}
	for j < end && (isAlnum(s[j]) || strings.IndexByte("_$-:.", s[j]) >= 0) {
		j++
	}
	return s[start:j], j
}

func skipSpace(s string, j, end int) int {
	for j < end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		j++
	}
	return j
}

// exprEnd returns the position after the '}' that closes the '{' at s[i], skipping strings, template
// literals and comments. ok is false when the braces do not balance (a stray '{'); the position is
// then where scanning stopped.
func exprEnd(s string, i, end int) (int, bool) {
	if end-i > maxExprLen {
		end = i + maxExprLen
	}
	depth := 0
	for k := i; k < end; k++ {
		switch c := s[k]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1, true
			}
		case '"', '\'':
			e := stringEnd(s, k, end)
			if e < 0 {
				return -e, false
			}
			k = e - 1
		case '`':
			e := templateEnd(s, k, end)
			if e < 0 {
				return -e, false
			}
			k = e - 1
		case '/':
			if k+1 < end && s[k+1] == '*' {
				e := strings.Index(s[k+2:end], "*/")
				if e < 0 {
					return end, false
				}
				k = k + 2 + e + 1
			} else if k+1 < end && s[k+1] == '/' {
				e := strings.IndexByte(s[k:end], '\n')
				if e < 0 {
					return end, false
				}
				k += e
			}
		}
	}
	return end, false
}

// stringEnd returns the position after the JS string starting at s[k], or minus the position where
// scanning stopped.
func stringEnd(s string, k, end int) int {
	q := s[k]
	for m := k + 1; m < end; m++ {
		switch s[m] {
		case '\\':
			m++
		case '\n':
			return -m
		case q:
			return m + 1
		}
	}
	return -end
}

// templateEnd returns the position after the template literal starting at s[k], or minus the
// position where scanning stopped.
func templateEnd(s string, k, end int) int {
	for m := k + 1; m < end; m++ {
		switch s[m] {
		case '\\':
			m++
		case '`':
			return m + 1
		case '$':
			if m+1 < end && s[m+1] == '{' {
				e, ok := exprEnd(s, m+1, end)
				if !ok {
					return -e
				}
				m = e - 1
			}
		}
	}
	return -end
}

func isComment(inner string) bool {
	return strings.HasPrefix(inner, "/*") && strings.HasSuffix(inner, "*/") && len(inner) >= 4 &&
		!strings.Contains(inner[2:len(inner)-2], "*/")
}

// stringLiteral evaluates a JS expression that is a single string literal ('…', "…" or `…` without
// substitutions).
func stringLiteral(e string) (string, bool) {
	if len(e) < 2 {
		return "", false
	}
	q := e[0]
	if (q != '"' && q != '\'' && q != '`') || e[len(e)-1] != q {
		return "", false
	}
	body := e[1 : len(e)-1]
	var b strings.Builder
	for k := 0; k < len(body); k++ {
		c := body[k]
		switch {
		case c == q:
			return "", false // two literals, e.g. 'a' + 'b'
		case c == '$' && q == '`' && k+1 < len(body) && body[k+1] == '{':
			return "", false
		case c == '\\' && k+1 < len(body):
			k++
			switch body[k] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(body[k])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }
