package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// tokKind classifies a token. Comments and whitespace produce no tokens; their spans are kept
// separately so that questions asked inside them can be refused.
type tokKind uint8

const (
	tkIdent  tokKind = iota + 1 // identifier or keyword, including sigils ($x, @x, @@x)
	tkString                    // string, char, regex, heredoc or template literal
	tkNumber                    // numeric literal
	tkPunct                     // operator or bracket
	tkSymbol                    // Ruby :symbol (value = name)
)

// token is one lexical token, 16 strings. Offsets are byte offsets into the text.
type token struct {
	s, e int32 // the token
	// match: for brackets the index of the matching bracket (-1 if unmatched); for strings and
	// symbols the index of their value span (the text between the delimiters) in vals.
	match int32
	// pf packs the index of the innermost enclosing open bracket plus one (0 at top level) in its
	// low 27 bits, the kind in the next three, then whether a line break separates the token from the
	// previous one (nl) and, for strings, whether the literal interpolates code (interp).
	pf uint32
}

const (
	pfParent  = 1<<27 - 1
	pfKindSh  = 27
	pfNL      = 1 << 30
	pfInterp  = 1 << 31
	maxTokens = pfParent - 1 // beyond this the lexer stops: a 500 MB file is not source code
)

// parent is the index of the innermost enclosing open bracket, -1 at top level.
func (t token) parent() int32 { return int32(t.pf&pfParent) - 1 }

func (t token) kind() tokKind { return tokKind(t.pf >> pfKindSh & 7) }

// nl reports whether a line break separates this token from the previous one.
func (t token) nl() bool { return t.pf&pfNL != 0 }

// interp reports whether a string literal interpolates code, so its value is not a plain literal.
func (t token) interp() bool { return t.pf&pfInterp != 0 }

type span struct{ s, e int32 }

// comment is a comment's extent; a line comment also holds the position at its end (the cursor at
// the end of the line is still in the comment), a block comment does not.
type comment struct {
	s, e int32
	line bool
}

// lexer turns source text into tokens for one language. It knows each language's comments and
// string forms well enough that names inside them are never mistaken for code. It runs in one pass
// over the bytes and never fails: unterminated constructs end at the end of the text (or line).
type lexer struct {
	lang     corpus.Language
	src      string
	i        int
	toks     []token
	comments []comment
	vals     []span
	stack    []int32 // open brackets
	nl       bool
	heredocs []heredoc // Ruby heredocs whose bodies start at the next line break
	// interps are the open interpolations (JS ${…}, Ruby #{…}, Python f-string {…}) whose code is
	// being lexed as code; the literal resumes at the } that closes one.
	interps []interpFrame
}

// interp is an open interpolation inside a string literal.
type interpFrame struct {
	depth  int  // len(stack) when it opened: its } is the first one back at this depth
	kind   byte // '`' JS template, '"' Ruby double-quoted string or backticks, 'f' Python f-string, 'c' C# $"…"
	quote  byte // the literal's closing quote
	triple bool // Python: a triple-quoted f-string
	// verbatim: C# $@"…": "" escapes a quote, no backslash escapes, line breaks allowed
	verbatim bool
}

type heredoc struct {
	id     string
	indent bool // <<~ or <<-: the terminator may be indented
}

func lex(lang corpus.Language, src string) (toks []token, comments []comment, vals []span) {
	lx := &lexer{lang: lang, src: src, toks: make([]token, 0, len(src)/4+8)}
	lx.run()
	return lx.toks, lx.comments, lx.vals
}

// byteClass classifies bytes for the lexer's hot loops.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			t[c] = clsIdentStart | clsIdent
		case c >= '0' && c <= '9':
			t[c] = clsIdent
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = clsSpace
		case c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == ';':
			t[c] = clsBracket
		}
		switch c {
		case '/', '#', '=': // line and block comments, Ruby =begin
			t[c] |= clsComment
		}
		switch c {
		case '"', '\'', '`', '/', '%', '<', '$', '@': // quotes, regexes, %w[], heredocs, C# $"" @""
			t[c] |= clsString
		}
		switch c {
		case '$', '@', '#': // $x, @x, @@x, #private
			t[c] |= clsSigil
		}
	}
	// String prefixes (Python r"", f"") start with identifier strings.
	for c := 0; c < 256; c++ {
		if t[c]&clsIdentStart != 0 {
			t[c] |= clsString
		}
	}
	return t
}()

const (
	clsIdentStart = 1 << iota
	clsIdent
	clsSpace
	clsBracket // brackets, comma, semicolon: never part of a longer token
	clsComment // may start a comment
	clsString  // may start a string-like literal
	clsSigil   // may start an identifier with a sigil
)

func isIdentStart(c byte) bool { return byteClass[c]&clsIdentStart != 0 }

func isIdentByte(c byte) bool { return byteClass[c]&clsIdent != 0 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (lx *lexer) at(i int) byte {
	if i >= 0 && i < len(lx.src) {
		return lx.src[i]
	}
	return 0
}

func (lx *lexer) hasPrefix(s string) bool {
	return len(lx.src)-lx.i >= len(s) && lx.src[lx.i:lx.i+len(s)] == s
}

func (lx *lexer) emit(kind tokKind, s, e int) int {
	pf := uint32(kind) << pfKindSh
	if n := len(lx.stack); n > 0 {
		pf |= uint32(lx.stack[n-1]) + 1
	}
	if lx.nl {
		pf |= pfNL
	}
	lx.toks = append(lx.toks, token{s: int32(s), e: int32(e), match: -1, pf: pf})
	lx.nl = false
	return len(lx.toks) - 1
}

// setInterp marks string token k as interpolating code (or not).
func (lx *lexer) setInterp(k int, interp bool) {
	if interp {
		lx.toks[k].pf |= pfInterp
	} else {
		lx.toks[k].pf &^= pfInterp
	}
}

func (lx *lexer) emitString(s, e, vs, ve int, interp bool) {
	k := lx.emit(tkString, s, e)
	if ve < vs {
		ve = vs
	}
	lx.toks[k].match = int32(len(lx.vals))
	lx.setInterp(k, interp)
	lx.vals = append(lx.vals, span{int32(vs), int32(ve)})
}

func (lx *lexer) comment(s, e int) {
	if e > s {
		line := lx.src[s] == '#' || lx.src[s] == '/' && s+1 < len(lx.src) && lx.src[s+1] == '/'
		lx.comments = append(lx.comments, comment{int32(s), int32(e), line})
	}
	if strings.IndexByte(lx.src[s:e], '\n') >= 0 {
		lx.nl = true
	}
}

func (lx *lexer) run() {
	src := lx.src
	php := lx.lang == corpus.PHP
	if php && (strings.Contains(src, "<?php") || strings.Contains(src, "<?=")) {
		lx.skipHTML()
	}
	for lx.i < len(src) && len(lx.toks) < maxTokens {
		c := src[lx.i]
		cls := byteClass[c]
		switch {
		case cls&clsSpace != 0:
			i := lx.i + 1
			for i < len(src) && byteClass[src[i]]&clsSpace != 0 {
				i++
			}
			lx.i = i
			continue
		case c == '\n':
			lx.nl = true
			lx.i++
			if len(lx.heredocs) > 0 {
				lx.heredocBodies()
			}
			continue
		case cls&clsIdentStart != 0 && (lx.lang != corpus.Python || !lx.quoteSoon()):
			lx.ident() // the common case, with no comment or string possible here
			continue
		case cls&clsBracket != 0:
			lx.punct()
			continue
		}
		if cls&clsComment != 0 && lx.commentOrSkip() {
			continue
		}
		if php && lx.hasPrefix("?>") {
			lx.i += 2
			lx.skipHTML()
			continue
		}
		if cls&clsString != 0 && lx.stringLiteral() {
			continue
		}
		switch {
		case isDigit(c) || c == '.' && isDigit(lx.at(lx.i+1)):
			s := lx.i
			lx.i++
			for lx.i < len(src) && (isIdentByte(src[lx.i]) || src[lx.i] == '.' && isDigit(lx.at(lx.i+1))) {
				lx.i++
			}
			lx.emit(tkNumber, s, lx.i)
		case cls&(clsSigil|clsIdentStart) != 0 && lx.identStart():
			lx.ident()
		default:
			lx.punct()
		}
	}
}

// quoteSoon reports whether a quote follows within the next three bytes (Python string prefixes).
func (lx *lexer) quoteSoon() bool {
	for j := lx.i + 1; j < len(lx.src) && j <= lx.i+2; j++ {
		if c := lx.src[j]; c == '"' || c == '\'' {
			return true
		}
	}
	return false
}

// skipHTML skips PHP inline HTML up to the next opening tag.
func (lx *lexer) skipHTML() {
	j := strings.Index(lx.src[lx.i:], "<?")
	if j < 0 {
		lx.i = len(lx.src)
		return
	}
	lx.nl = true
	lx.i += j + 2
	if lx.hasPrefix("php") {
		lx.i += 3
	} else if lx.hasPrefix("=") {
		lx.i++
	}
}

// commentOrSkip consumes a comment if one starts here.
func (lx *lexer) commentOrSkip() bool {
	src, i := lx.src, lx.i
	c, d := src[i], lx.at(i+1)
	slashes := lx.lang != corpus.Python && lx.lang != corpus.Ruby
	if slashes && c == '/' && d == '/' {
		e := lineEnd(src, i)
		lx.comment(i, e)
		lx.i = e
		return true
	}
	if slashes && c == '/' && d == '*' {
		e := strings.Index(src[i+2:], "*/")
		if e < 0 {
			e = len(src)
		} else {
			e += i + 4
		}
		lx.comment(i, e)
		lx.i = e
		return true
	}
	if c == '#' {
		switch lx.lang {
		case corpus.Python, corpus.Ruby:
		case corpus.PHP:
			if d == '[' { // an attribute, not a comment
				return false
			}
		default:
			return false
		}
		e := lineEnd(src, i)
		lx.comment(i, e)
		lx.i = e
		return true
	}
	if lx.lang == corpus.Ruby && c == '=' && (i == 0 || src[i-1] == '\n') && strings.HasPrefix(src[i:], "=begin") {
		e := strings.Index(src[i:], "\n=end")
		if e < 0 {
			e = len(src)
		} else {
			e = lineEnd(src, i+e+1)
		}
		lx.comment(i, e)
		lx.i = e
		return true
	}
	return false
}

func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

func (lx *lexer) identStart() bool {
	c := lx.src[lx.i]
	if isIdentStart(c) {
		return true
	}
	d := lx.at(lx.i + 1)
	switch c {
	case '$':
		switch lx.lang {
		case corpus.JS:
			return true
		case corpus.PHP, corpus.Ruby:
			return isIdentStart(d)
		}
	case '@':
		switch lx.lang {
		case corpus.Ruby:
			return isIdentStart(d) || d == '@' && isIdentStart(lx.at(lx.i+2))
		case corpus.DotNet:
			return isIdentStart(d)
		}
	case '#':
		return lx.lang == corpus.JS && isIdentStart(d) // #private fields
	}
	return false
}

func (lx *lexer) ident() {
	src := lx.src
	s := lx.i
	i := s + 1
	if byteClass[src[s]]&clsSigil != 0 {
		for i < len(src) && (src[i] == '@' || src[i] == '$') && i-s < 2 { // @@x, $$x
			i++
		}
	}
	for i < len(src) && byteClass[src[i]]&clsIdent != 0 {
		i++
	}
	if lx.lang == corpus.JS {
		for i < len(src) && (byteClass[src[i]]&clsIdent != 0 || src[i] == '$') {
			i++
		}
	}
	if lx.lang == corpus.Ruby && i < len(src) && (src[i] == '?' || src[i] == '!') &&
		lx.at(i+1) != '=' && !(src[i] == '?' && lx.at(i+1) == ':') {
		i++ // predicate and bang methods: valid?, save!
	}
	lx.i = i
	lx.emit(tkIdent, s, i)
}

// multiPuncts lists the multi-byte operators by first byte, longest first.
var multiPuncts = func() [256][]string {
	var t [256][]string
	for _, p := range []string{"===", "!==", "?->", "...", "**=", "<=>", "<<=", ">>=", "??=", "&&=", "||=",
		"?.", "->", "::", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", ":=", "&.",
		"+=", "-=", "*=", "/=", "%=", "++", "--", "<<", ">>", "**", "|=", "&=", "^=", "=~", "!~", "<-"} {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

// multiSecond has, for each first byte of a multi-byte operator, a bit per possible second byte
// (mod 64): a cheap test before trying them.
var multiSecond = func() (t [256]uint64) {
	for c, ps := range multiPuncts {
		for _, p := range ps {
			t[c] |= 1 << (p[1] & 63)
		}
	}
	return t
}()

func (lx *lexer) punct() {
	src := lx.src
	s := lx.i
	c := src[s]
	switch c {
	case '(', '[', '{':
		k := lx.emit(tkPunct, s, s+1)
		lx.stack = append(lx.stack, int32(k))
		lx.i++
		return
	case ')', ']', '}':
		open := byte('(')
		if c == ']' {
			open = '['
		} else if c == '}' {
			open = '{'
		}
		floor := 0 // brackets opened before the innermost interpolation are out of reach
		if n := len(lx.interps); n > 0 {
			floor = lx.interps[n-1].depth
			if c == '}' && !lx.openAbove(floor, '{') {
				// The end of the interpolation (unclosed brackets inside it are dropped): the
				// string resumes here.
				in := lx.interps[n-1]
				lx.interps = lx.interps[:n-1]
				lx.stack = lx.stack[:floor]
				lx.resume(in, s)
				return
			}
		}
		lx.i++
		// Pop to the matching opener if it is near the top; otherwise leave the stack alone.
		for d := len(lx.stack) - 1; d >= floor && d >= len(lx.stack)-4; d-- {
			o := lx.stack[d]
			if src[lx.toks[o].s] == open {
				lx.stack = lx.stack[:d]
				k := lx.emit(tkPunct, s, s+1)
				lx.toks[k].match = o
				lx.toks[o].match = int32(k)
				return
			}
		}
		lx.emit(tkPunct, s, s+1)
		return
	}
	if s+1 < len(src) && multiSecond[c]&(1<<(src[s+1]&63)) != 0 {
		for _, p := range multiPuncts[c] {
			if src[s+1] == p[1] && (len(p) == 2 || s+2 < len(src) && src[s+2] == p[2]) && lx.punctOK(p) {
				lx.i += len(p)
				lx.emit(tkPunct, s, lx.i)
				return
			}
		}
	}
	if c == ':' && lx.lang == corpus.Ruby && (isIdentStart(lx.at(s + 1))) && !lx.prevIsOperand() {
		// :symbol
		j := s + 1
		for j < len(src) && isIdentByte(src[j]) {
			j++
		}
		if j < len(src) && (src[j] == '?' || src[j] == '!') {
			j++
		}
		k := lx.emit(tkSymbol, s, j)
		lx.toks[k].match = int32(len(lx.vals))
		lx.vals = append(lx.vals, span{int32(s + 1), int32(j)})
		lx.i = j
		return
	}
	lx.i++
	lx.emit(tkPunct, s, lx.i)
}

func (lx *lexer) punctOK(p string) bool {
	switch p {
	case "?.":
		return !isDigit(lx.at(lx.i + 2))
	case "&.":
		return lx.lang == corpus.Ruby
	case "?->":
		return lx.lang == corpus.PHP
	case "<-":
		return lx.lang == corpus.Go
	case ":=":
		return lx.lang == corpus.Go || lx.lang == corpus.Python
	}
	return true
}

var regexKeywords = map[string]bool{"return": true, "typeof": true, "case": true, "do": true, "else": true,
	"in": true, "of": true, "new": true, "delete": true, "void": true, "throw": true, "yield": true,
	"await": true, "instanceof": true, "if": true, "unless": true, "when": true, "and": true, "or": true,
	"not": true, "while": true, "until": true, "puts": true, "then": true}

// prevIsOperand reports whether the previous token ends an operand (so "/" divides rather than starts
// a regex, and ":" is not a Ruby symbol).
func (lx *lexer) prevIsOperand() bool {
	if len(lx.toks) == 0 {
		return false
	}
	t := lx.toks[len(lx.toks)-1]
	switch t.kind() {
	case tkIdent:
		return !regexKeywords[lx.src[t.s:t.e]]
	case tkNumber, tkString, tkSymbol:
		return true
	case tkPunct:
		c := lx.src[t.s]
		if t.e-t.s == 1 && (c == ')' || c == ']' || c == '}') {
			return true
		}
	}
	return false
}

// stringLiteral consumes a string-like literal if one starts here.
func (lx *lexer) stringLiteral() bool {
	src, i := lx.src, lx.i
	c := src[i]
	switch lx.lang {
	case corpus.JS:
		switch c {
		case '"', '\'':
			lx.simpleString(c, true, true)
			return true
		case '`':
			lx.template()
			return true
		case '/':
			if lx.at(i+1) != '/' && lx.at(i+1) != '*' && !lx.prevIsOperand() {
				return lx.regex()
			}
		}
	case corpus.Go:
		switch c {
		case '"', '\'':
			lx.simpleString(c, true, true)
			return true
		case '`':
			e := strings.IndexByte(src[i+1:], '`')
			end := len(src)
			if e >= 0 {
				end = i + 1 + e + 1
			}
			lx.emitString(i, end, i+1, min(end-1, len(src)), false)
			lx.i = end
			return true
		}
	case corpus.Python:
		if c == '"' || c == '\'' {
			lx.pythonString(i, i, false)
			return true
		}
		if isIdentStart(c) {
			// String prefixes: r, b, u, f, rb, br, fr, rf, t (any case).
			j := i
			for j < len(src) && j-i < 3 && isIdentByte(src[j]) {
				j++
			}
			if j < len(src) && (src[j] == '"' || src[j] == '\'') && isStringPrefix(src[i:j]) {
				if strings.ContainsAny(src[i:j], "fF") {
					q := src[j]
					triple := j+2 < len(src) && src[j+1] == q && src[j+2] == q
					body := j + 1
					if triple {
						body = j + 3
					}
					lx.fstringPart(i, body, q, triple)
					return true
				}
				lx.pythonString(i, j, strings.ContainsAny(src[i:j], "tT"))
				return true
			}
		}
	case corpus.Ruby:
		return lx.rubyString()
	case corpus.PHP:
		switch c {
		case '\'':
			lx.simpleString(c, false, true)
			return true
		case '"':
			lx.interpString(i, i+1, '"', false, false)
			return true
		case '`':
			lx.simpleString(c, false, true)
			return true
		case '<':
			if lx.hasPrefix("<<<") {
				return lx.phpHeredoc()
			}
		}
	case corpus.Java:
		switch c {
		case '"':
			if lx.hasPrefix(`"""`) {
				lx.tripleString(i, i+3, `"""`, true)
				return true
			}
			lx.simpleString(c, true, true)
			return true
		case '\'':
			lx.simpleString(c, true, true)
			return true
		}
	case corpus.DotNet:
		return lx.csharpString()
	}
	return false
}

func isStringPrefix(p string) bool {
	if len(p) == 0 || len(p) > 2 {
		return false
	}
	for _, c := range p {
		switch c | 0x20 {
		case 'r', 'b', 'u', 'f', 't':
		default:
			return false
		}
	}
	return true
}

// simpleString consumes a quoted string with backslash escapes. With stopAtNewline an unterminated
// string ends at the line break (JS/Go/Java/C# strings cannot span lines).
func (lx *lexer) simpleString(q byte, stopAtNewline, escapes bool) {
	src := lx.src
	s := lx.i
	j := s + 1
	for j < len(src) {
		c := src[j]
		if escapes && c == '\\' {
			j += 2
			continue
		}
		if c == q {
			lx.emitString(s, j+1, s+1, j, false)
			lx.i = j + 1
			return
		}
		if c == '\n' && stopAtNewline {
			break
		}
		j++
	}
	if j > len(src) {
		j = len(src)
	}
	lx.emitString(s, j, s+1, j, false)
	lx.i = j
}

// tripleString consumes a literal closed by close (Python/Java triple quotes, C# raw strings).
func (lx *lexer) tripleString(s, body int, close string, escapes bool) {
	src := lx.src
	j := body
	for j < len(src) {
		if escapes && src[j] == '\\' {
			j += 2
			continue
		}
		if strings.HasPrefix(src[j:], close) {
			lx.emitString(s, j+len(close), body, j, false)
			lx.i = j + len(close)
			return
		}
		j++
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), false)
	lx.i = len(src)
}

// fstringPart consumes Python f-string text from body to the closing quote or the next {, as one
// string token starting at s; {{ and }} are literal braces.
func (lx *lexer) fstringPart(s, body int, q byte, triple bool) {
	src := lx.src
	for j := body; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\':
			j++
		case c == '{':
			if j+1 < len(src) && src[j+1] == '{' {
				j++
				continue
			}
			lx.emitString(s, j+1, body, j, true)
			lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: 'f', quote: q, triple: triple})
			lx.i = j + 1
			return
		case c == q && (!triple || j+2 < len(src) && src[j+1] == q && src[j+2] == q):
			end := j + 1
			if triple {
				end = j + 3
			}
			lx.emitString(s, end, body, j, true)
			lx.i = end
			return
		case c == '\n' && !triple:
			lx.emitString(s, j, body, j, true)
			lx.i = j
			return
		}
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), true)
	lx.i = len(src)
}

func (lx *lexer) pythonString(s, q int, interp bool) {
	src := lx.src
	quote := src[q]
	if q+2 < len(src) && src[q+1] == quote && src[q+2] == quote {
		lx.tripleString(s, q+3, tripleQuote(quote), true)
		lx.setInterp(len(lx.toks)-1, interp)
		return
	}
	lx.i = q
	lx.simpleString(quote, true, true)
	t := &lx.toks[len(lx.toks)-1]
	t.s = int32(s)
	lx.setInterp(len(lx.toks)-1, interp)
}

// template consumes a JS template literal up to its end or its first ${: the code of an
// interpolation is lexed as code, and the literal resumes after its closing brace (resume).
func (lx *lexer) template() {
	lx.templatePart(lx.i, lx.i+1, false)
}

// templatePart consumes template text from body (after the opening backtick or the } closing an
// interpolation) to the closing backtick or the next ${, as one string token starting at s.
func (lx *lexer) templatePart(s, body int, interp bool) {
	src := lx.src
	for j := body; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '`':
			lx.emitString(s, j+1, body, j, interp)
			lx.i = j + 1
			return
		case '$':
			if j+1 < len(src) && src[j+1] == '{' {
				lx.emitString(s, j+2, body, j, true)
				lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: '`', quote: '`'})
				lx.i = j + 2
				return
			}
		}
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), interp)
	lx.i = len(src)
}

// openAbove reports whether an opening bracket c is on the stack above depth floor.
func (lx *lexer) openAbove(floor int, c byte) bool {
	for _, o := range lx.stack[floor:] {
		if lx.src[lx.toks[o].s] == c {
			return true
		}
	}
	return false
}

// resume continues the literal of a closed interpolation from its closing brace at s.
func (lx *lexer) resume(in interpFrame, s int) {
	switch in.kind {
	case '`':
		lx.templatePart(s, s+1, true)
	case '"':
		lx.interpString(s, s+1, in.quote, false, false)
		lx.setInterp(len(lx.toks)-1, true)
	case 'c':
		lx.interpString(s, s+1, in.quote, in.verbatim, true)
		lx.setInterp(len(lx.toks)-1, true)
	case 'f':
		lx.fstringPart(s, s+1, in.quote, in.triple)
	}
}

func (lx *lexer) regex() bool {
	src := lx.src
	s := lx.i
	j := s + 1
	inClass := false
	for j < len(src) {
		c := src[j]
		switch {
		case c == '\\':
			j += 2
			continue
		case c == '\n' || j-s > 1024:
			return false // not a regex after all: let "/" be an operator
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			e := j + 1
			for e < len(src) && isIdentByte(src[e]) {
				e++
			}
			lx.emitString(s, e, s+1, j, true)
			lx.i = e
			return true
		}
		j++
	}
	return false
}

// interpString consumes a double-quoted string with interpolation (Ruby "#{…}", PHP "{$…}", C# $"{…}").
// Nested braces and nested strings inside the interpolation are skipped.
func (lx *lexer) interpString(s, body int, q byte, verbatim, dollar bool) {
	src := lx.src
	j := body
	interp := false
	for j < len(src) {
		c := src[j]
		switch {
		case c == '\\' && !verbatim:
			j += 2
			continue
		case c == q:
			if verbatim && j+1 < len(src) && src[j+1] == q { // "" inside a verbatim string
				j += 2
				continue
			}
			lx.emitString(s, j+1, body, j, interp)
			lx.i = j + 1
			return
		case lx.lang == corpus.Ruby && c == '#' && j+1 < len(src) && src[j+1] == '{':
			// The code inside #{…} is lexed as code; the string resumes at its closing brace.
			lx.emitString(s, j+2, body, j, true)
			lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: '"', quote: q})
			lx.i = j + 2
			return
		case lx.lang == corpus.PHP && c == '$':
			interp = true
		case dollar && c == '{':
			if j+1 < len(src) && src[j+1] == '{' {
				j += 2
				continue
			}
			// C# $"…{code}…": the code is lexed as code; the string resumes at its closing brace.
			lx.emitString(s, j+1, body, j, true)
			lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: 'c', quote: q, verbatim: verbatim})
			lx.i = j + 1
			return
		case c == '\n' && lx.lang == corpus.DotNet && !verbatim:
			lx.emitString(s, j, body, j, interp)
			lx.i = j
			return
		}
		j++
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), interp)
	lx.i = len(src)
}

func (lx *lexer) csharpString() bool {
	src, i := lx.src, lx.i
	j := i
	interp, verbatim := false, false
	for j < len(src) && j-i < 4 {
		switch src[j] {
		case '$':
			interp = true
			j++
			continue
		case '@':
			verbatim = true
			j++
			continue
		}
		break
	}
	if j >= len(src) {
		return false
	}
	switch src[j] {
	case '"':
	case '\'':
		if j == i {
			lx.simpleString('\'', true, true)
			return true
		}
		return false
	default:
		return false
	}
	if strings.HasPrefix(src[j:], `"""`) { // raw string literal: closed by as many quotes
		n := 0
		for j+n < len(src) && src[j+n] == '"' {
			n++
		}
		lx.tripleString(i, j+n, strings.Repeat(`"`, n), false)
		lx.setInterp(len(lx.toks)-1, interp)
		return true
	}
	if !interp && !verbatim {
		lx.simpleString('"', true, true)
		return true
	}
	if !interp {
		lx.interpString(i, j+1, '"', true, false)
		return true
	}
	lx.interpString(i, j+1, '"', verbatim, true)
	lx.setInterp(len(lx.toks)-1, true)
	return true
}

func (lx *lexer) rubyString() bool {
	src, i := lx.src, lx.i
	c := src[i]
	switch c {
	case '\'':
		lx.simpleString(c, false, true)
		return true
	case '"', '`':
		lx.interpString(i, i+1, c, false, false)
		return true
	case '/':
		if !lx.prevIsOperand() {
			return lx.regex()
		}
	case '%':
		if lx.prevIsOperand() {
			return false
		}
		j := i + 1
		if j < len(src) && strings.IndexByte("wWiIqQrsx", src[j]) >= 0 {
			j++
		}
		if j >= len(src) {
			return false
		}
		open := src[j]
		var close byte
		switch open {
		case '(':
			close = ')'
		case '[':
			close = ']'
		case '{':
			close = '}'
		case '<':
			close = '>'
		case '|', '!', '/', '^', '"', '\'':
			close = open
		default:
			return false
		}
		depth := 0
		k := j + 1
		for k < len(src) {
			d := src[k]
			if d == '\\' {
				k += 2
				continue
			}
			if d == open && close != open {
				depth++
			} else if d == close {
				if depth == 0 {
					break
				}
				depth--
			}
			k++
		}
		end := min(k+1, len(src))
		lx.emitString(i, end, j+1, min(k, len(src)), true)
		lx.i = end
		return true
	case '<':
		if !lx.hasPrefix("<<") {
			return false
		}
		j := i + 2
		indent := false
		if j < len(src) && (src[j] == '~' || src[j] == '-') {
			indent = true
			j++
		}
		quote := byte(0)
		if j < len(src) && (src[j] == '\'' || src[j] == '"' || src[j] == '`') {
			quote = src[j]
			j++
		}
		k := j
		for k < len(src) && (src[k] >= 'A' && src[k] <= 'Z' || src[k] == '_' || quote != 0 && isIdentByte(src[k]) || k > j && isDigit(src[k])) {
			k++
		}
		if k == j {
			return false
		}
		id := src[j:k]
		if quote != 0 {
			if k >= len(src) || src[k] != quote {
				return false
			}
			k++
		}
		lx.emitString(i, k, k, k, true)
		lx.heredocs = append(lx.heredocs, heredoc{id: id, indent: indent})
		lx.i = k
		return true
	}
	return false
}

// heredocBodies consumes the bodies of pending Ruby heredocs; lx.i is at the start of a line.
func (lx *lexer) heredocBodies() {
	src := lx.src
	for _, h := range lx.heredocs {
		body := lx.i
		j := body
		for j < len(src) {
			le := lineEnd(src, j)
			line := src[j:le]
			if h.indent {
				line = strings.TrimLeft(line, " \t")
			}
			line = strings.TrimRight(line, "\r")
			if line == h.id {
				lx.emitString(body, le, body, j, true)
				lx.i = le
				break
			}
			j = le + 1
		}
		if j >= len(src) {
			lx.emitString(body, len(src), body, len(src), true)
			lx.i = len(src)
		}
	}
	lx.heredocs = lx.heredocs[:0]
}

func (lx *lexer) phpHeredoc() bool {
	src, i := lx.src, lx.i
	j := i + 3
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	quote := byte(0)
	if j < len(src) && (src[j] == '\'' || src[j] == '"') {
		quote = src[j]
		j++
	}
	k := j
	for k < len(src) && isIdentByte(src[k]) {
		k++
	}
	if k == j {
		return false
	}
	id := src[j:k]
	if quote != 0 {
		if k >= len(src) || src[k] != quote {
			return false
		}
		k++
	}
	body := lineEnd(src, k) + 1
	if body > len(src) {
		body = len(src)
	}
	for p := body; p < len(src); {
		le := lineEnd(src, p)
		line := strings.TrimLeft(src[p:le], " \t")
		if strings.HasPrefix(line, id) && (len(line) == len(id) || !isIdentByte(line[len(id)])) {
			end := le - len(line) + len(id)
			lx.emitString(i, end, body, max(body, p-1), quote != '\'')
			lx.i = end
			return true
		}
		p = le + 1
	}
	lx.emitString(i, len(src), body, len(src), quote != '\'')
	lx.i = len(src)
	return true
}

func tripleQuote(q byte) string {
	if q == '\'' {
		return "'''"
	}
	return `"""`
}
