package sdkcall

import (
	"strings"
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
	t        *lexTable // the language's lexical forms
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
	// cps are the checkpoints so far (incremental.go), cpStacks their open brackets, lastCP the
	// offset of the last one.
	cps      []checkpoint
	cpStacks []int32
	lastCP   int
	// sync, during a relex after an edit, is the old run to come back to; synced is set once the
	// state matches it at a checkpoint, which ends the run.
	sync   *resync
	synced bool
	// A relex lexes only the tokens from off on (toks[0] is token off): the ones before are prev's,
	// but for the partners of their open brackets, fixes.
	off   int
	prev  *tokens
	fixes []fix
	// restart is the checkpoint the relex started at, -1 the start of the text.
	restart int
}

// tok is token k, of this run or (before off) of the previous version.
func (lx *lexer) tok(k int) token {
	if k >= lx.off {
		return lx.toks[k-lx.off]
	}
	return lx.prev.at(k)
}

// count is the number of tokens so far.
func (lx *lexer) count() int { return lx.off + len(lx.toks) }

// last is the index of the last token.
func (lx *lexer) last() int { return lx.count() - 1 }

// setMatch records m as the partner of bracket k.
func (lx *lexer) setMatch(k, m int32) {
	if int(k) >= lx.off {
		lx.toks[int(k)-lx.off].match = m
		return
	}
	for i := range lx.fixes {
		if lx.fixes[i].k == k {
			lx.fixes[i].match = m
			return
		}
	}
	lx.fixes = append(lx.fixes, fix{k, m})
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

func lex(d *dialect, src string) (toks []token, comments []comment, vals []span) {
	lx := lexAll(d, src)
	return lx.toks, lx.comments, lx.vals
}

// lexAll lexes the whole of src, recording checkpoints for later edits.
func lexAll(d *dialect, src string) *lexer {
	lx := &lexer{t: &d.lex, src: src, toks: make([]token, 0, len(src)/4+8)}
	lx.run()
	return lx
}

// byteClass classifies bytes for the lexer's hot loops; each dialect keeps a copy with only its own
// comment, string and sigil starts (lexTable.cls).
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
	return lx.last()
}

// setInterp marks string token k as interpolating code (or not).
func (lx *lexer) setInterp(k int, interp bool) {
	if interp {
		lx.toks[k-lx.off].pf |= pfInterp
	} else {
		lx.toks[k-lx.off].pf &^= pfInterp
	}
}

func (lx *lexer) emitString(s, e, vs, ve int, interp bool) {
	k := lx.emit(tkString, s, e)
	if ve < vs {
		ve = vs
	}
	lx.toks[k-lx.off].match = int32(len(lx.vals))
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
	classes := &lx.t.cls
	prefixes := lx.t.stringPrefixes
	tags := lx.t.openTags
	if lx.i == 0 && tags && hasOpenTag(src) {
		lx.skipHTML()
	}
	for lx.i < len(src) && len(lx.toks) < maxTokens && !lx.synced {
		c := src[lx.i]
		cls := classes[c]
		switch {
		case cls&clsSpace != 0:
			i := lx.i + 1
			for i < len(src) && classes[src[i]]&clsSpace != 0 {
				i++
			}
			lx.i = i
			continue
		case c == '\n':
			lx.nl = true
			lx.i++
			if len(lx.stack) > 0 && lx.t.statementWords != nil && len(lx.interps) == 0 && lx.statementAhead() {
				lx.stack = lx.stack[:0] // unclosed: their partners stay -1
			}
			if len(lx.heredocs) > 0 {
				lx.heredocBodies()
			} else if len(lx.interps) == 0 && (lx.i-lx.lastCP >= checkpointEvery || lx.sync != nil) {
				lx.lineStart()
			}
			continue
		case cls&clsIdentStart != 0 && (!prefixes || !lx.quoteSoon()):
			lx.ident() // the common case, with no comment or string possible here
			continue
		case cls&clsBracket != 0:
			lx.punct()
			continue
		}
		if cls&clsComment != 0 && lx.commentOrSkip() {
			continue
		}
		if tags && lx.hasPrefix("?>") {
			lx.i += 2
			lx.skipHTML()
			continue
		}
		if cls&clsString != 0 && lx.t.strings(lx) {
			continue
		}
		switch {
		case c == '\\' && lx.t.lineJoin && lx.lineJoinAt():
			continue
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

// statementAhead reports whether the line starting at lx.i starts with one of the language's
// statement words.
func (lx *lexer) statementAhead() bool {
	src, j := lx.src, lx.i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	e := j
	for e < len(src) && isIdentByte(src[e]) {
		e++
	}
	return e > j && lx.t.statementWords[src[j:e]]
}

// lineJoinAt skips a backslash at lx.i and the line break right after it, if there is one: the
// break is not a new line to the chain and statement rules.
func (lx *lexer) lineJoinAt() bool {
	j := lx.i + 1
	if lx.at(j) == '\r' {
		j++
	}
	if lx.at(j) != '\n' {
		return false
	}
	lx.i = j + 1
	return true
}

// hasOpenTag reports whether PHP text holds an opening tag: if not, it is all code.
func hasOpenTag(src string) bool {
	return strings.Contains(src, "<?php") || strings.Contains(src, "<?=")
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
	switch {
	case c == '/' && d == '/' && lx.t.slashComments:
		e := lineEnd(src, i)
		lx.comment(i, e)
		lx.i = e
		return true
	case c == '/' && d == '*' && lx.t.slashComments:
		e := strings.Index(src[i+2:], "*/")
		if e < 0 {
			e = len(src)
		} else {
			e += i + 4
		}
		lx.comment(i, e)
		lx.i = e
		return true
	case c == '#' && lx.t.hashComments:
		if d == '[' && lx.t.hashAttributes { // an attribute, not a comment
			return false
		}
		e := lineEnd(src, i)
		lx.comment(i, e)
		lx.i = e
		return true
	case c == '=' && lx.t.blockBegin && (i == 0 || src[i-1] == '\n') && strings.HasPrefix(src[i:], "=begin"):
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
		return lx.t.dollarAlways || lx.t.dollarVars && isIdentStart(d)
	case '@':
		return lx.t.atVars && (isIdentStart(d) || lx.t.atClassVars && d == '@' && isIdentStart(lx.at(lx.i+2)))
	case '#':
		return lx.t.hashPrivate && isIdentStart(d) // #private fields
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
	if lx.t.dollarInIdent {
		for i < len(src) && (byteClass[src[i]]&clsIdent != 0 || src[i] == '$') {
			i++
		}
	}
	if lx.t.predicates && i < len(src) && (src[i] == '?' || src[i] == '!') &&
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
			if src[lx.tok(int(o)).s] == open {
				lx.stack = lx.stack[:d]
				k := lx.emit(tkPunct, s, s+1)
				lx.toks[k-lx.off].match = o
				lx.setMatch(o, int32(k))
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
	if c == ':' && lx.t.symbols && (isIdentStart(lx.at(s + 1))) && !lx.prevIsOperand() {
		// :symbol
		j := s + 1
		for j < len(src) && isIdentByte(src[j]) {
			j++
		}
		if j < len(src) && (src[j] == '?' || src[j] == '!') {
			j++
		}
		k := lx.emit(tkSymbol, s, j)
		lx.toks[k-lx.off].match = int32(len(lx.vals))
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
		return lx.t.safeNav
	case "?->":
		return lx.t.nullsafeArrow
	case "<-":
		return lx.t.chanArrow
	case ":=":
		return lx.t.walrus
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
	if lx.count() == 0 {
		return false
	}
	t := lx.tok(lx.last())
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

// openAbove reports whether an opening bracket c is on the stack above depth floor.
func (lx *lexer) openAbove(floor int, c byte) bool {
	for _, o := range lx.stack[floor:] {
		if lx.src[lx.tok(int(o)).s] == c {
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
		lx.setInterp(lx.last(), true)
	case 'c':
		lx.interpString(s, s+1, in.quote, in.verbatim, true)
		lx.setInterp(lx.last(), true)
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
		case lx.t.hashInterp && c == '#' && j+1 < len(src) && src[j+1] == '{':
			// The code inside #{…} is lexed as code; the string resumes at its closing brace.
			lx.emitString(s, j+2, body, j, true)
			lx.interps = append(lx.interps, interpFrame{depth: len(lx.stack), kind: '"', quote: q})
			lx.i = j + 2
			return
		case lx.t.dollarInterp && c == '$':
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
		case c == '\n' && lx.t.stringLines && !verbatim:
			lx.emitString(s, j, body, j, interp)
			lx.i = j
			return
		}
		j++
	}
	lx.emitString(s, len(src), min(body, len(src)), len(src), interp)
	lx.i = len(src)
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

// heredocID reads the terminator of a heredoc at j (Ruby <<~EOS, PHP <<<'EOT'), bare or in one of
// quotes: the id, its quote (0 when bare) and the index after it. idByte says which bytes an id may
// hold.
func (lx *lexer) heredocID(j int, quotes string, idByte func(c byte, first, quoted bool) bool) (id string, quote byte, end int, ok bool) {
	src := lx.src
	if j < len(src) && strings.IndexByte(quotes, src[j]) >= 0 {
		quote = src[j]
		j++
	}
	k := j
	for k < len(src) && idByte(src[k], k == j, quote != 0) {
		k++
	}
	if k == j {
		return "", 0, 0, false
	}
	id = src[j:k]
	if quote != 0 {
		if k >= len(src) || src[k] != quote {
			return "", 0, 0, false
		}
		k++
	}
	return id, quote, k, true
}
