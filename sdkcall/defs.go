package sdkcall

import "strings"

// defn is a function, method or type the file defines: enough to find, when a question needs it,
// the function's body and what it returns. Only the tokens are recorded while collecting; the
// shape of the body is worked out on demand (fnShape), since few definitions are ever called.
type defn struct {
	kw   int32 // the defining keyword's token (function, def, func, class…), -1 when none (methods)
	name int32 // the name's token
	fn   bool  // a function or method (false: a class, struct, module, interface…)
	// recv is the token of the Go receiver's type name of a method (`func (c *Client) UserMgr()` →
	// Client), -1 for others. (An index, not the name: defs are copied on every edit, and a
	// string would make them pointers for the collector to copy with write barriers.)
	recv int32
}

// defAt records a definition named by token name.
func (c *collector) defAt(kw, name int, fn bool) {
	c.see(kw)
	if c.kind(name) != tkIdent {
		return
	}
	c.a.defs = append(c.a.defs, defn{kw: int32(kw), name: int32(name), fn: fn, recv: -1})
}

// local records token name as the name of a function defined by an assignment.
func (c *collector) local(name int) {
	c.see(name)
	c.a.locals = append(c.a.locals, int32(name))
}

// indexDefs groups the definitions by name, and names the local definitions.
func (a *analysis) indexDefs() {
	a.localDefs = make(map[string]bool, len(a.defs)+len(a.locals))
	a.defIndex = make(map[string][]int32, len(a.defs))
	for k, d := range a.defs {
		name := a.tokText(d.name)
		a.localDefs[name] = true
		n := bindKey(name)
		a.defIndex[n] = append(a.defIndex[n], int32(k))
	}
	for _, k := range a.locals {
		a.localDefs[a.tokText(k)] = true
	}
}

func (a *analysis) tokText(k int32) string {
	t := a.toks.at(int(k))
	return a.src[t.s:t.e]
}

// defLookups is how many lookups of a version scan the definitions before they are indexed: the
// question that follows an edit does not pay for the index (see bindingsOf).
const defLookups = 16

// defsNamed lists the definitions of name in text order.
func (a *analysis) defsNamed(name string) []int32 {
	if a.defScans.Add(1) > defLookups {
		a.defOnce.Do(a.indexDefs)
		return a.defIndex[bindKey(name)]
	}
	key := bindKey(name)
	var out []int32
	for k, d := range a.defs {
		if t := a.toks.at(int(d.name)); int(t.e-t.s) >= len(key) && bindKey(a.src[t.s:t.e]) == key {
			out = append(out, int32(k))
		}
	}
	return out
}

// isLocalDef reports whether the file defines a function, method or class named name.
func (a *analysis) isLocalDef(name string) bool {
	if a.defScans.Add(1) > defLookups {
		a.defOnce.Do(a.indexDefs)
		return a.localDefs[name]
	}
	for _, d := range a.defs {
		if a.tokText(d.name) == name {
			return true
		}
	}
	for _, k := range a.locals {
		if a.tokText(k) == name {
			return true
		}
	}
	return false
}

// fnShape is where a function's body is and what it says it returns.
type fnShape struct {
	body, end int // the body's tokens [body, end); end ≤ body: no body known
	ret       int // the declared return type's first token, -1 for none
	expr      int // the token of an expression body (JS `=> expr`, C# `=> expr`), -1 for none
	// params is the "(" of the parameter list, -1 for none.
	params int
	// lastExpr: the body's last expression is its value (Ruby).
	lastExpr bool
}

var noShape = fnShape{ret: -1, expr: -1, params: -1}

// retStyle says where a language writes a function's return type.
type retStyle uint8

const (
	retNone   retStyle = iota
	retColon           // after the parameters and a colon: TS `f(): T`, PHP `f(): T`
	retAfter           // right after the parameters: Go `func f() *T`
	retBefore          // before the name: Java and C# `T f()`
	retArrow           // after the parameters and an arrow: Python `def f() -> T:`
)

// braceShape finds the shape of a function whose body is a braced block: the parameter list after
// the name (or after the keyword for unnamed functions), the return type as the language writes it,
// then the body's `{` or an expression body after `=>`.
func (r *resolver) braceShape(d defn, style retStyle) fnShape {
	sh := noShape
	p := int(d.name) + 1
	if r.is(p, "<") { // TS/Java/C# generic parameters
		p = r.skipAngles(p)
	}
	if !r.is(p, "(") || r.toks.at(p).match < 0 {
		return sh
	}
	sh.params = p
	close := int(r.toks.at(p).match)
	switch style {
	case retColon:
		if r.is(close+1, ":") {
			sh.ret = r.typeStart(close + 2)
		}
	case retAfter:
		sh.ret = r.typeStart(close + 1)
	case retBefore:
		if k := int(d.name) - 1; r.kind(k) == tkIdent && isTypeName(r.text(k)) {
			sh.ret = k
		}
	}
	// The body: the first `{` after the parameters at the same depth, or `=> expr`.
	parent := r.toks.at(p).parent()
	for k := close + 1; k < r.toks.len() && k < close+64; k++ {
		t := r.toks.at(k)
		if t.parent() != parent {
			continue
		}
		switch {
		case r.is(k, "{"):
			if m := int(t.match); m > k {
				sh.body, sh.end = k+1, m
			}
			return sh
		case r.is(k, "=>"):
			sh.expr, sh.end = k+1, r.stmtEnd(k+1)
			return sh
		case r.is(k, ";"):
			return sh // a declaration without a body (interface, abstract)
		}
	}
	return sh
}

// typeStart is the first name of a type written at token k: past pointers, nullable marks and
// wrappers that hand their argument back (Promise<T>, Task<T>, Optional<T>, (T, error)).
func (r *resolver) typeStart(k int) int {
	for steps := 0; steps < 8; steps++ {
		switch {
		case r.is(k, "*") || r.is(k, "&") || r.is(k, "?") || r.is(k, "("):
			k++
		case r.kind(k) == tkIdent && r.is(k+1, "<") && typeWrappers[r.text(k)]:
			k += 2
		case r.kind(k) == tkIdent:
			return k
		default:
			return -1
		}
	}
	return -1
}

var typeWrappers = map[string]bool{"Promise": true, "Task": true, "ValueTask": true, "Optional": true, "Awaitable": true}

// isTypeName reports whether a word before a method name can be its return type (not a modifier).
func isTypeName(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	return !typeModifiers[w]
}

var typeModifiers = map[string]bool{"Override": true}

// skipAngles skips a <…> group starting at k (which the lexer does not match as brackets).
func (r *resolver) skipAngles(k int) int {
	depth := 0
	for j := k; j < r.toks.len() && j < k+64; j++ {
		switch r.text(j) {
		case "<":
			depth++
		case ">":
			depth--
		case ">>":
			depth -= 2
		}
		if depth <= 0 {
			return j + 1
		}
	}
	return k
}

// stmtEnd is the token after the statement that starts at k: the next `;` or line break at k's
// depth, or the end of the enclosing bracket.
func (r *resolver) stmtEnd(k int) int {
	if k >= r.toks.len() {
		return r.toks.len()
	}
	parent := r.toks.at(k).parent()
	for j := k + 1; j < r.toks.len(); j++ {
		t := r.toks.at(j)
		if t.parent() < parent || t.parent() == parent && (r.is(j, ";") || t.nl() && !continues(r, j)) {
			return j
		}
		if parent >= 0 && j >= int(r.toks.at(int(parent)).match) && r.toks.at(int(parent)).match >= 0 {
			return j
		}
	}
	return r.toks.len()
}

// continues reports whether the token at j, first on its line, continues the expression of the
// previous line (a chain `.member`, an operator).
func continues(r *resolver, j int) bool {
	if r.isSep(j) {
		return true
	}
	switch r.text(j - 1) {
	case ".", "(", ",", "=", "=>", "||", "&&", "??", "?", ":", "+":
		return true
	}
	return false
}

// indentShape finds the shape of a function whose body is the block indented below its line
// (Python `def f(…) -> T:`, Ruby `def f … end`).
func (r *resolver) indentShape(d defn, style retStyle, lastExpr bool) fnShape {
	sh := noShape
	sh.lastExpr = lastExpr
	k := int(d.name) + 1
	if r.is(k, "(") && r.toks.at(k).match >= 0 {
		sh.params = k
		k = int(r.toks.at(k).match) + 1
	}
	if style == retArrow && r.is(k, "->") {
		sh.ret = r.typeStart(k + 1)
	}
	base := r.column(int(d.name))
	if d.kw >= 0 {
		base = r.column(int(d.kw))
	}
	// The body starts at the first token of the next line (Python: after the colon, which may be
	// followed by the body on the same line).
	start := -1
	for j := k; j < r.toks.len() && j < k+64; j++ {
		if r.toks.at(j).nl() {
			start = j
			break
		}
		if style == retArrow && r.is(j, ":") && r.toks.at(j).parent() < 0 && j+1 < r.toks.len() && !r.toks.at(j+1).nl() {
			start = j + 1 // def f(): return x
			sh.body, sh.end = start, r.stmtEnd(start)
			return sh
		}
	}
	if start < 0 || r.column(start) <= base {
		return sh
	}
	end := r.toks.len()
	for j := start + 1; j < r.toks.len(); j++ {
		if r.toks.at(j).nl() && r.column(j) <= base {
			end = j
			break
		}
	}
	sh.body, sh.end = start, end
	return sh
}

// column is the byte column of token k on its line.
func (r *resolver) column(k int) int {
	s := int(r.toks.at(k).s)
	return s - (strings.LastIndexByte(r.src[:s], '\n') + 1)
}

// returns is the value a call of the function v gives: its declared return type, its expression
// body, what its return statements return (those of the body itself first, then nested ones), or
// its last expression (Ruby).
func (r *resolver) returns(v value) value {
	sh := r.shapeOf(v)
	if sh.ret >= 0 {
		if t := r.evalType(sh.ret); t.kind != vForeign {
			return t
		}
	}
	if sh.expr >= 0 {
		w, _ := r.evalExpr(sh.expr, sh.end)
		return w
	}
	if sh.end <= sh.body {
		return value{}
	}
	var nested value
	for k := sh.body; k < sh.end; k++ {
		if !r.is(k, "return") || r.kind(k) != tkIdent {
			continue
		}
		w, _ := r.evalExpr(k+1, r.stmtEnd(k+1))
		if w.kind == vUnknown {
			continue
		}
		if r.directlyIn(k, sh) {
			return w
		}
		if nested.kind == vUnknown {
			nested = w
		}
	}
	if nested.kind != vUnknown {
		return nested
	}
	if sh.lastExpr {
		if k := r.lastStatement(sh); k >= 0 {
			w, _ := r.evalExpr(k, sh.end)
			return w
		}
	}
	return value{}
}

// directlyIn reports whether token k belongs to the function's own statements, not to a nested
// block or function.
func (r *resolver) directlyIn(k int, sh fnShape) bool {
	if sh.body > 0 && r.is(sh.body-1, "{") {
		return int(r.toks.at(k).parent()) == sh.body-1
	}
	return r.column(k) == r.column(sh.body)
}

// lastStatement is the first token of the last statement at the body's indentation.
func (r *resolver) lastStatement(sh fnShape) int {
	col := r.column(sh.body)
	last := -1
	for k := sh.body; k < sh.end; k++ {
		if (k == sh.body || r.toks.at(k).nl()) && r.column(k) == col {
			last = k
		}
	}
	return last
}

// shapeOf is the shape of function value v: a definition of this file or a function expression.
func (r *resolver) shapeOf(v value) fnShape {
	if v.def >= 0 && int(v.def) < len(r.a.defs) {
		if r.d.fnShape == nil {
			return noShape
		}
		return r.d.fnShape(r, r.a.defs[v.def])
	}
	return r.lambdaShape(int(v.tok))
}

// lambdaShape is the shape of a function expression at token k: JS `(…) => …`, `x => …`,
// `function (…) {…}`, `async …`.
func (r *resolver) lambdaShape(k int) fnShape {
	sh := noShape
	if r.is(k, "async") {
		k++
	}
	if r.is(k, "function") {
		k++
		if r.kind(k) == tkIdent {
			k++
		}
		return r.braceShape(defn{name: int32(k - 1)}, retColon)
	}
	if r.kind(k) == tkIdent && r.is(k+1, "(") { // a method shorthand: { users() { … } }
		return r.braceShape(defn{name: int32(k)}, retColon)
	}
	var after int
	switch {
	case r.is(k, "(") && r.toks.at(k).match >= 0:
		sh.params = k
		after = int(r.toks.at(k).match) + 1
	case r.kind(k) == tkIdent:
		after = k + 1
	default:
		return sh
	}
	if r.is(after, ":") { // TS return type
		sh.ret = r.typeStart(after + 1)
		for j := after; j < r.toks.len() && j < after+32; j++ {
			if r.is(j, "=>") {
				after = j
				break
			}
		}
	}
	if !r.is(after, "=>") {
		return noShape
	}
	b := after + 1
	if r.is(b, "{") && r.toks.at(b).match > int32(b) {
		sh.body, sh.end = b+1, int(r.toks.at(b).match)
		return sh
	}
	if r.is(b, "(") && r.toks.at(b).match > int32(b) { // => ({ … })
		sh.expr, sh.end = b+1, int(r.toks.at(b).match)
		return sh
	}
	sh.expr, sh.end = b, r.stmtEnd(b)
	return sh
}

// isLambda reports whether a function expression starts at token k.
func (r *resolver) isLambda(k int) bool {
	if !r.d.lambdas {
		return false
	}
	if r.is(k, "async") {
		k++
	}
	switch {
	case r.is(k, "function"):
		return true
	case r.is(k, "(") && r.toks.at(k).match >= 0:
		after := int(r.toks.at(k).match) + 1
		return r.is(after, "=>") || r.is(after, ":") && r.arrowWithin(after)
	case r.kind(k) == tkIdent:
		return r.is(k+1, "=>")
	}
	return false
}

func (r *resolver) arrowWithin(k int) bool {
	for j := k; j < r.toks.len() && j < k+32; j++ {
		switch {
		case r.is(j, "=>"):
			return true
		case r.is(j, ";") || r.is(j, "{") || r.is(j, "="):
			return false
		}
	}
	return false
}
