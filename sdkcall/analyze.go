package sdkcall

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// analysis is what Analyze learns from the text alone (no symbols): tokens, comment spans, whether
// the file uses a WorkOS SDK, and the file's names — imports, assignments, typed declarations and local
// definitions — which are resolved against the symbols lazily, per question.
type analysis struct {
	src      string // File.Text
	toks     tokens
	comments []comment
	vals     []span // string and symbol values, indexed by token.match
	uses     bool

	// importList holds every import of the file in text order, WorkOS or not, with or without a
	// local name; imports indexes those that bind a name by that name.
	importList []importRef
	imports    map[string]importRef
	// localDefs names the functions, methods and classes defined in this file: the defs and the
	// locals (`const f = () => …`, token indices), built on first need with defIndex.
	localDefs map[string]bool
	locals    []int32
	// bindList holds every binding in text order; bindIndex groups them by normalized name ("um",
	// "this.um" → "um"), built on first need (bindingsOf).
	bindList  []binding
	bindOnce  sync.Once
	bindIndex map[string][]binding
	indexed   atomic.Bool
	scans     atomic.Int32 // lookups answered by scanning bindList, before the index exists

	// defs are the functions, methods and types defined here (defs.go), defIndex them by name;
	// exports are the file's explicit exports (JS); pkg its package or namespace clause.
	defs     []defn
	defIndex map[string][]int32
	defOnce  sync.Once
	defScans atomic.Int32 // lookups answered by scanning defs, before the index exists
	exports  []exportRec
	pkg      string   // the first of pkgs
	pkgs     []string // every package clause

	// What an edit needs to redo only part of the work (incremental.go): the lexer's checkpoints
	// and the collector's blocks.
	cps      []checkpoint
	cpStacks []int32
	blocks   []block
	keptCP   int // for tokens in pieces: the checkpoint where their kept tokens end (-1: none kept)

	endpoints []endpointRef // curl/http files
	words     []span        // curl/http files: dotted words that may be event names ("dsync.user.created")
}

// importRef is one import as written: what a resolver (or, across files, a workspace) needs to find
// what it names.
type importRef struct {
	// spec is the specifier as written: a package ("@workos-inc/node", "workos.types.sso"), a path
	// ("./lib/workos", "github.com/workos/workos-go/v4/pkg/sso"), a qualified name ("WorkOS\\SSO",
	// "com.workos.WorkOS"); for Python relative imports without the leading dots (see dots).
	spec string
	// member is the imported member: a name, "default", "*" for a namespace or wildcard, "" for the
	// module itself.
	member string
	// local is the name the import binds here, "" when it binds none (side-effect imports, Ruby
	// require, C# using, Java wildcards, Go blank imports).
	local string
	form  importForm
	dots  int   // Python: the leading dots of a relative import (from ..auth import client: 2)
	as    bool  // the import renames what it imports (import a.b as c, use A\\B as C)
	pos   int32 // token index where the import statement starts
	wk    bool  // from a WorkOS SDK
	rel   bool  // from a file of this project (relative or project-alias specifier)
}

// importForm is the syntax of an import, per language.
type importForm uint8

const (
	formJSNamed             importForm = iota + 1 // import { a, b as c } from "p"
	formJSDefault                                 // import a from "p"
	formJSNamespace                               // import * as a from "p"
	formJSSideEffect                              // import "p"
	formJSRequire                                 // require("p")
	formJSDynamic                                 // import("p")
	formPyImport                                  // import a.b [as c]
	formPyFrom                                    // from [.]a.b import c [as d]
	formGoImport                                  // import [alias] "path"
	formPHPUse                                    // use A\B [as C], use A\{B, C}
	formJavaImport                                // import a.b.C, import a.b.*, import static …
	formCSUsing                                   // using A.B; using static A.B; using X = A.B;
	formRubyRequire                               // require "p"
	formRubyRequireRelative                       // require_relative "p"
	formJSReExport                                // export { a as b } from "p", export * from "p"
)

// exportRec is one explicit export (JS): `export const x`, `export { a as b }`, `export default …`,
// `module.exports = …`, `exports.x = …`.
type exportRec struct {
	name  string // the exported name ("default" for export default and module.exports)
	local string // export { local as name }: the local name, "" otherwise
	tok   int32  // the exported value's first token (export default …, exports.x = …), -1 none
	imp   int32  // a re-export: the import record's index in importList, -1 none
	cjs   bool   // module.exports = … (the module's whole value)
}

type bindKind uint8

const (
	bindExpr  bindKind = iota + 1 // name = <expr at tok>
	bindDestr                     // { member: name } = <expr at tok>
	bindType                      // name: <type at tok> / Type name / name *pkg.Type
)

// binding is one name bound in the file; its name is the text of token pos, normalized (bindKey).
type binding struct {
	kind   bindKind
	c0     byte   // the name's first byte and length: most bindings of a scan are told apart by these
	n      uint16 // (capped)
	pos    int32  // token index of the bound name
	tok    int32  // token index of the value expression or type
	member int32  // bindDestr: token index of the destructured property
}

// Analyze lexes text and collects its imports and bindings. It is linear in the size of the text.
// The File keeps text (File.Text) without copying it.
// Languages other than the SDK languages and curl produce a File that answers nothing.
func Analyze(lang corpus.Language, text string) *File {
	d := dialectOf(lang)
	f := &File{Lang: lang, Text: text, a: &analysis{src: text}, d: d}
	a := f.a
	switch {
	case d == nil:
		return f
	case d.shell:
		a.uses = strings.Contains(text, apiHost)
		if a.uses {
			a.endpoints = scanEndpoints(text)
			a.words = scanDottedWords(text)
		}
		return f
	}
	lx := lexAll(d, text)
	a.setLexed(lx)
	c := collector{f: f, a: a, d: d, src: text, toks: &a.toks}
	c.run(0, a.toks.len())
	a.finish()
	return f
}

func (a *analysis) setLexed(lx *lexer) {
	a.toks, a.comments, a.vals, a.cps, a.cpStacks = flatTokens(lx.toks), lx.comments, lx.vals, lx.cps, lx.cpStacks
}

// finish derives what the collector's lists imply: the imports by name, whether the file uses an
// SDK, its package.
func (a *analysis) finish() {
	for _, r := range a.importList {
		a.uses = a.uses || r.wk
		name := r.local
		if name == "" || name == "_" || name == "." {
			continue
		}
		if a.imports == nil {
			a.imports = map[string]importRef{}
		}
		// A WorkOS import of a name is not replaced by a later foreign one.
		if old, ok := a.imports[name]; ok && old.wk && !r.wk {
			continue
		}
		a.imports[name] = r
	}
	for _, b := range a.blocks {
		a.uses = a.uses || b.marks > 0
	}
	if len(a.pkgs) > 0 {
		a.pkg = a.pkgs[0]
	}
}

// UsesWorkOS reports whether the file imports or requires a WorkOS SDK (or, for curl/http files,
// calls api.workos.com). Only such files get hovers, completions and diagnostics.
func (f *File) UsesWorkOS() bool { return f != nil && f.a != nil && f.a.uses }

type collector struct {
	f    *File
	a    *analysis
	d    *dialect
	src  string
	toks *tokens
	// lo, hi: the hull of the tokens the current block's readers looked at. Every read goes through
	// see, so that an edit knows which blocks read what it changed.
	lo, hi int
	// base counts the records before the tokens read (when an edit reads some blocks again into
	// lists of their own): the lists' indices start there.
	base block
}

// see records that the current block read token i, or its absence past the end. (Before the start
// there is never a token: negative indices, and -1 for "none", need no record.)
func (c *collector) see(i int) {
	if i < 0 {
		return
	}
	if i < c.lo {
		c.lo = i
	}
	if i > c.hi {
		c.hi = i
	}
}

// match is token i's matching bracket (or value index), seen with it.
func (c *collector) match(i int) int32 {
	c.see(i)
	m := c.toks.at(i).match
	if c.toks.at(i).kind() == tkPunct {
		c.see(int(m))
	}
	return m
}

// parent is the bracket enclosing token i, seen with it.
func (c *collector) parent(i int) int32 {
	c.see(i)
	p := c.toks.at(i).parent()
	c.see(int(p))
	return p
}

// nl reports whether a line break precedes token i.
func (c *collector) nl(i int) bool {
	c.see(i)
	return c.toks.at(i).nl()
}

// markUses records that the file uses an SDK without an import saying so.
func (c *collector) markUses() { c.a.blocks[len(c.a.blocks)-1].marks++ }

// setPkg records a package or namespace clause; the file's is the first.
func (c *collector) setPkg(name string) { c.a.pkgs = append(c.a.pkgs, name) }

// text is token i's text. It shares the File's text, so names kept in maps cost no copies.
func (c *collector) text(i int) string { return c.view(i) }

// view is token i's text (a slice of the File's text, no copy).
func (c *collector) view(i int) string {
	c.see(i)
	if i < 0 || i >= c.toks.len() {
		return ""
	}
	t := c.toks.at(i)
	if t.e <= t.s {
		return ""
	}
	return c.src[t.s:t.e]
}

func (c *collector) is(i int, s string) bool {
	c.see(i)
	if i < 0 || i >= c.toks.len() {
		return false
	}
	t := c.toks.at(i)
	if int(t.e-t.s) != len(s) {
		return false
	}
	if len(s) == 1 {
		return c.src[t.s] == s[0]
	}
	return c.src[t.s:t.e] == s
}

func (c *collector) kind(i int) tokKind {
	c.see(i)
	if i < 0 || i >= c.toks.len() {
		return 0
	}
	return c.toks.at(i).kind()
}

func (c *collector) value(i int) string {
	c.see(i)
	vs, ve := c.a.value(i)
	if ve <= vs {
		return ""
	}
	return c.src[vs:ve]
}

// value is the byte range of token k's value: the text between a string's delimiters, a symbol's
// name, or the token itself.
func (a *analysis) value(k int) (int, int) {
	t := a.toks.at(k)
	if (t.kind() == tkString || t.kind() == tkSymbol) && t.match >= 0 && int(t.match) < len(a.vals) {
		v := a.vals[t.match]
		return int(v.s), int(v.e)
	}
	return int(t.s), int(t.e)
}

// addImport records an import; one that binds a name is found by it (a WorkOS import of a name is
// not replaced by a later foreign one).
func (c *collector) addImport(r importRef) {
	c.see(int(r.pos))
	c.a.importList = append(c.a.importList, r)
}

func (c *collector) bind(b binding) {
	c.see(int(b.pos))
	c.see(int(b.tok))
	if b.kind == bindDestr {
		c.see(int(b.member))
	}
	name := bindKey(c.view(int(b.pos)))
	if name == "" {
		return
	}
	b.c0, b.n = name[0], uint16(min(len(name), 1<<16-1))
	c.a.bindList = append(c.a.bindList, b)
}

// bindName is the normalized name a binding binds.
func (a *analysis) bindName(src string, b binding) string {
	t := a.toks.at(int(b.pos))
	return bindKey(src[t.s:t.e])
}

// defineNext is the reader of a keyword that defines the name after it (class, def, function, type).
func defineNext(c *collector, i int) bool {
	c.defAt(i, i+1, functionWords[c.view(i)])
	return true
}

// functionWords are the keywords that define functions (the others define types).
var functionWords = map[string]bool{"def": true, "function": true, "func": true, "fn": true, "fun": true}

// qualifiedName reads a name written as identifiers joined by sep from token j (a.b.c, A\B\C): its
// parts and the token after it.
func (c *collector) qualifiedName(j int, sep string) ([]string, int) {
	var parts []string
	for c.kind(j) == tkIdent {
		parts = append(parts, c.text(j))
		if !c.is(j+1, sep) || c.kind(j+2) != tkIdent {
			return parts, j + 1
		}
		j += 2
	}
	return parts, j
}

// stmtStart reports whether token i starts a statement: first in the file or on its line, or after
// a semicolon.
func (c *collector) stmtStart(i int) bool { return i == 0 || c.nl(i) || c.is(i-1, ";") }

// bindKey normalizes a bound name: sigils go ($x, @x, @@x all bind "x").
func bindKey(name string) string {
	if name != "" && name[0] != '$' && name[0] != '@' {
		return name
	}
	return strings.TrimLeft(name, "$@")
}

// run reads the tokens from up to to, in blocks of blockTokens.
func (c *collector) run(from, to int) {
	for start := from; start < to; start += blockTokens {
		end := min(start+blockTokens, to)
		c.openBlock(start)
		for i := start; i < end; i++ {
			c.read(i)
		}
		c.closeBlock(end)
	}
}

// read looks for what token i starts: an import, a definition, a binding.
func (c *collector) read(i int) {
	t, src, d := c.toks.at(i), c.src, c.d
	switch t.kind() {
	case tkIdent:
		if kw := d.keyword(src[t.s:t.e]); kw != nil && kw(c, i) {
			return
		}
		if d.declares != nil {
			d.declares(c, i)
		}
	case tkPunct:
		switch src[t.s] {
		case '=', ':', '|', '?':
			switch c.view(i) {
			case "=", ":=", "||=", "??=":
				c.assignment(i)
			}
		}
	case tkString:
		if d.stringUse != nil {
			d.stringUse(c, i)
		}
	}
}

// nextByte is the first byte of token i+1, or 0.
func (c *collector) nextByte(i int) byte {
	c.see(i + 1)
	if i+1 < c.toks.len() {
		return c.src[c.toks.at(i+1).s]
	}
	return 0
}

var notCallees = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "catch": true,
	"function": true, "return": true, "foreach": true, "using": true, "lock": true, "fixed": true,
	"elseif": true, "synchronized": true, "new": true, "await": true, "typeof": true, "sizeof": true,
	"nameof": true, "super": true, "this": true, "constructor": true, "when": true, "with": true}

// methodDef records `name(params) {` (a method or function definition in JS/TS classes, Java, C#).
func (c *collector) methodDef(i int) {
	if !c.is(i+1, "(") || c.is(i-1, ".") || c.is(i-1, "?.") || c.is(i-1, "new") {
		return
	}
	m := c.match(i + 1)
	if m < 0 {
		return
	}
	next := int(m) + 1
	switch {
	case c.is(next, "{"), c.is(next, "throws"):
	case c.is(next, ":") || c.is(next, "=>"):
		// TS return type / C# expression body: only at a statement start, never in a ternary.
		if !(c.nl(i) || c.is(i-1, "{") || c.is(i-1, "}") || c.is(i-1, ";") || c.kind(i-1) == tkIdent) {
			return
		}
	default:
		return
	}
	if notCallees[c.view(i)] {
		return
	}
	c.defAt(-1, i, true)
}

// typeAnnotation records TS `name: Type` / `name?: Type` and Python `name: Type` annotations.
func (c *collector) typeAnnotation(i int) {
	j := i + 1
	if c.is(j, "?") {
		j++
	}
	if !c.is(j, ":") || c.kind(j+1) != tkIdent || c.is(j+2, "(") {
		return
	}
	typ := c.view(j + 1)
	if typ == "" || typ[0] < 'A' || typ[0] > 'Z' {
		return
	}
	if c.is(i-1, ".") && !(c.is(i-2, "self") || c.is(i-2, "this")) {
		return
	}
	c.bind(binding{kind: bindType, pos: int32(i), tok: int32(j + 1)})
}

// typedDecl records Java/C#/PHP declarations `Type name` (fields, locals, parameters): the next
// token decides it is a declaration.
func (c *collector) typedDecl(i int) {
	j := i + 1
	if c.is(j, "?") { // C# nullable
		j++
	}
	if c.kind(j) != tkIdent {
		return
	}
	if c.d.varSigil != 0 && c.view(j)[0] != c.d.varSigil {
		return
	}
	typ := c.view(i)
	if typ == "" || typ[0] < 'A' || typ[0] > 'Z' {
		return // types are capitalized; var, val, dynamic and friends are not types
	}
	switch c.view(j + 1) {
	case "=", ";", ",", ")", "{", "=>":
	default:
		return
	}
	if c.is(i-1, ".") || c.is(i-1, "new") {
		return
	}
	// The type may be qualified (WorkOS.UserManagementService, \WorkOS\UserManagement): start at its head.
	start := i
	for start >= 2 && (c.is(start-1, ".") || c.is(start-1, "\\")) && c.kind(start-2) == tkIdent {
		start -= 2
	}
	c.bind(binding{kind: bindType, pos: int32(j), tok: int32(start)})
}

// assignment records `lhs = rhs` for a simple name, a this/self member, or a destructuring pattern.
func (c *collector) assignment(i int) {
	rhs := int32(i + 1)
	if int(rhs) >= c.toks.len() {
		return
	}
	d := c.d
	if d.kwargsInParens {
		if p := c.parent(i); p >= 0 && !c.is(int(p), "{") {
			return // keyword arguments are not assignments
		}
	}
	l := i - 1
	if a := c.annotated(l); a >= 0 {
		l = a // `user: User = …` binds user, not its type
	}
	switch {
	case c.kind(l) == tkIdent:
		if c.is(l-1, ".") || c.is(l-1, "->") {
			base := c.view(l - 2)
			if base != "this" && base != "self" && base != "$this" {
				return
			}
		}
		c.bind(binding{kind: bindExpr, pos: int32(l), tok: rhs})
		c.localFunction(l, int(rhs))
		// Go/Python multi-assign: `client, err := …` binds every name to the expression.
		for k := l - 1; c.is(k, ",") && c.kind(k-1) == tkIdent; k -= 2 {
			if !d.multiAssign {
				break
			}
			c.bind(binding{kind: bindExpr, pos: int32(k - 1), tok: rhs})
		}
	case c.is(l, "}") && d.destructuring:
		open := c.match(l)
		if open < 0 || l-int(open) > 4096 { // a pattern, not a huge object literal
			return
		}
		c.destructure(int(open), l, rhs)
	case c.is(l, ":") && d.destructuring:
		// `const x: T = …` is handled by the annotation; the `=` still binds x.
		if c.kind(l-1) == tkIdent {
			c.bind(binding{kind: bindExpr, pos: int32(l - 1), tok: rhs})
		}
	}
}

// annotated finds the declared name when the tokens ending at l are a type annotation (TS
// `const user: User = …`, `private wos: WorkOS = …`; Python `user: User = …`,
// `users: list[User] = …`), or -1.
func (c *collector) annotated(l int) int {
	if !c.d.annotations {
		return -1
	}
	j := l
	if c.is(j, "]") && c.match(j) >= 0 {
		j = int(c.match(j)) - 1
	}
	for c.kind(j) == tkIdent && c.is(j-1, ".") && c.kind(j-2) == tkIdent {
		j -= 2
	}
	if c.kind(j) != tkIdent || !c.is(j-1, ":") || c.kind(j-2) != tkIdent {
		return -1
	}
	name := j - 2
	if c.d.declKeywords != nil && !c.d.declKeywords[c.view(name-1)] {
		// A declaration, not `{ key: local = default }` in a destructuring pattern or a ternary.
		if !c.nl(name) || c.is(name-1, ",") || c.is(name-1, "{") {
			return -1
		}
	}
	return name
}

// localFunction marks `const name = (…) => …`, `= function`, `= async …` as a local definition.
func (c *collector) localFunction(name, rhs int) {
	if !c.d.arrowFunctions {
		return
	}
	switch c.view(rhs) {
	case "function", "async":
		c.local(name)
	case "(":
		if m := c.match(rhs); m > 0 && c.is(int(m)+1, "=>") {
			c.local(name)
		}
	default:
		if c.kind(rhs) == tkIdent && c.is(rhs+1, "=>") {
			c.local(name)
		}
	}
}

// destructure reads `{ a, b: c, d = 1, ...rest }` between open and close.
func (c *collector) destructure(open, close int, rhs int32) {
	for j := open + 1; j < close; j++ {
		if c.parent(j) != int32(open) || c.kind(j) != tkIdent {
			continue
		}
		if !(c.is(j-1, "{") || c.is(j-1, ",")) {
			continue
		}
		name := j // { member } or { member: name }
		if c.is(j+1, ":") && c.kind(j+2) == tkIdent {
			name = j + 2
		}
		c.bind(binding{kind: bindDestr, pos: int32(name), tok: rhs, member: int32(j)})
	}
}

// indexBinds groups the bindings by name.
func (a *analysis) indexBinds() {
	a.bindIndex = make(map[string][]binding, len(a.bindList)/2)
	for _, b := range a.bindList {
		n := a.bindName(a.src, b)
		a.bindIndex[n] = append(a.bindIndex[n], b)
	}
	a.indexed.Store(true)
}

// packageClause is the reader of a package or namespace clause written as names joined by sep
// (Java `package a.b;`, C# `namespace A.B`, PHP `namespace App\Services;`): the file's first one.
func packageClause(sep string) func(c *collector, i int) bool {
	return func(c *collector, i int) bool {
		if parts, _ := c.qualifiedName(i+1, sep); len(parts) > 0 && !c.is(i-1, ".") {
			c.setPkg(strings.Join(parts, sep))
		}
		return true
	}
}
