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
	toks     []token
	comments []comment
	vals     []span // string and symbol values, indexed by token.match
	uses     bool

	imports   map[string]importRef // local name → what was imported
	localDefs map[string]bool      // functions, methods, classes defined in this file
	// bindList holds every binding in text order; bindIndex groups them by normalized name ("um",
	// "this.um" → "um"), built on first need (bindingsOf).
	bindList  []binding
	bindOnce  sync.Once
	bindIndex map[string][]binding
	indexed   atomic.Bool
	scans     atomic.Int32 // lookups answered by scanning bindList, before the index exists

	endpoints []endpointRef // curl/http files
	words     []span        // curl/http files: dotted words that may be event names ("dsync.user.created")
}

// importRef is one imported name.
type importRef struct {
	path string // package, module or namespace path as written
	name string // the imported member ("default", "*" for namespaces, "" for whole-package imports)
	wk   bool   // from a WorkOS SDK
	rel  bool   // from a file of this project (relative import), so nothing is known about it
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
	f := &File{Lang: lang, Text: text, a: &analysis{src: text}}
	a := f.a
	switch lang {
	case corpus.Curl:
		a.uses = strings.Contains(text, "api.workos.com")
		if a.uses {
			a.endpoints = scanEndpoints(text)
			a.words = scanDottedWords(text)
		}
		return f
	case corpus.JS, corpus.Go, corpus.Python, corpus.Ruby, corpus.PHP, corpus.Java, corpus.DotNet:
	default:
		return f
	}
	a.toks, a.comments, a.vals = lex(lang, text)
	c := collector{f: f, a: a, src: text, toks: a.toks}
	c.run()
	return f
}

// UsesWorkOS reports whether the file imports or requires a WorkOS SDK (or, for curl/http files,
// calls api.workos.com). Only such files get hovers, completions and diagnostics.
func (f *File) UsesWorkOS() bool { return f != nil && f.a != nil && f.a.uses }

type collector struct {
	f    *File
	a    *analysis
	src  string
	toks []token
}

// text is token i's text. It shares the File's text, so names kept in maps cost no copies.
func (c *collector) text(i int) string { return c.view(i) }

// view is token i's text (a slice of the File's text, no copy).
func (c *collector) view(i int) string {
	if i < 0 || i >= len(c.toks) {
		return ""
	}
	t := c.toks[i]
	if t.e <= t.s {
		return ""
	}
	return c.src[t.s:t.e]
}

func (c *collector) is(i int, s string) bool {
	if i < 0 || i >= len(c.toks) {
		return false
	}
	t := c.toks[i]
	if int(t.e-t.s) != len(s) {
		return false
	}
	if len(s) == 1 {
		return c.src[t.s] == s[0]
	}
	return c.src[t.s:t.e] == s
}

func (c *collector) kind(i int) tokKind {
	if i < 0 || i >= len(c.toks) {
		return 0
	}
	return c.toks[i].kind()
}

func (c *collector) value(i int) string {
	vs, ve := c.a.value(i)
	if ve <= vs {
		return ""
	}
	return c.src[vs:ve]
}

// value is the byte range of token k's value: the text between a string's delimiters, a symbol's
// name, or the token itself.
func (a *analysis) value(k int) (int, int) {
	t := a.toks[k]
	if (t.kind() == tkString || t.kind() == tkSymbol) && t.match >= 0 && int(t.match) < len(a.vals) {
		v := a.vals[t.match]
		return int(v.s), int(v.e)
	}
	return int(t.s), int(t.e)
}

func (c *collector) addImport(name string, r importRef) {
	if name == "" || name == "_" || name == "." {
		return
	}
	if c.a.imports == nil {
		c.a.imports = map[string]importRef{}
	}
	if r.wk {
		c.a.uses = true
	}
	if old, ok := c.a.imports[name]; ok && old.wk && !r.wk {
		return
	}
	c.a.imports[name] = r
}

func (c *collector) bind(b binding) {
	name := bindKey(c.view(int(b.pos)))
	if name == "" {
		return
	}
	b.c0, b.n = name[0], uint16(min(len(name), 1<<16-1))
	c.a.bindList = append(c.a.bindList, b)
}

// bindName is the normalized name a binding binds.
func (a *analysis) bindName(src string, b binding) string {
	t := a.toks[b.pos]
	return bindKey(src[t.s:t.e])
}

func (c *collector) def(name string) {
	if name == "" {
		return
	}
	if c.a.localDefs == nil {
		c.a.localDefs = map[string]bool{}
	}
	c.a.localDefs[name] = true
}

// bindKey normalizes a bound name: sigils go ($x, @x, @@x all bind "x").
func bindKey(name string) string {
	if name != "" && name[0] != '$' && name[0] != '@' {
		return name
	}
	return strings.TrimLeft(name, "$@")
}

func (c *collector) run() {
	toks, src := c.toks, c.src
	for i := range toks {
		t := &toks[i]
		switch t.kind() {
		case tkIdent:
			c.ident(i)
		case tkPunct:
			switch src[t.s] {
			case '=', ':', '|', '?':
				switch c.view(i) {
				case "=", ":=", "||=", "??=":
					c.assignment(i)
				}
			}
		case tkString:
			c.stringUse(i)
		}
	}
}

// nextByte is the first byte of token i+1, or 0.
func (c *collector) nextByte(i int) byte {
	if i+1 < len(c.toks) {
		return c.src[c.toks[i+1].s]
	}
	return 0
}

// stringUse marks files that load a WorkOS package by string (JS require/import, Ruby require, Go
// import paths).
func (c *collector) stringUse(i int) {
	v := c.value(i)
	switch c.f.Lang {
	case corpus.JS:
		if isWorkOSJSPackage(v) && (c.is(i-1, "from") || c.is(i-1, "import") ||
			c.is(i-1, "(") && (c.is(i-2, "require") || c.is(i-2, "import"))) {
			c.a.uses = true
		}
	case corpus.Ruby:
		if (v == "workos" || strings.HasPrefix(v, "workos/")) && (c.is(i-1, "require") || c.is(i-2, "require") && c.is(i-1, "(")) {
			c.a.uses = true
		}
	}
}

func isWorkOSJSPackage(p string) bool {
	return strings.HasPrefix(p, "@workos-inc/")
}

func isRelativePath(p string) bool {
	return strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "@/") ||
		strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "$lib")
}

func isGoWorkOSPath(p string) bool {
	return p == "github.com/workos/workos-go" || strings.HasPrefix(p, "github.com/workos/workos-go/")
}

func (c *collector) ident(i int) {
	lang := c.f.Lang
	if lang == corpus.JS {
		c.jsIdent(i)
		return
	}
	word := c.view(i)
	switch lang {
	case corpus.Go:
		switch word {
		case "import":
			c.goImport(i)
			return
		case "func":
			j := i + 1
			if c.is(j, "(") { // method receiver
				if m := c.toks[j].match; m > 0 {
					c.goParams(j)
					j = int(m) + 1
				}
			}
			if c.kind(j) == tkIdent {
				c.def(c.text(j))
				if c.is(j+1, "(") {
					c.goParams(j + 1)
				}
			} else if c.is(j, "(") {
				c.goParams(j)
			}
			return
		case "type":
			if c.kind(i+1) == tkIdent {
				c.def(c.text(i + 1))
			}
			return
		case "var":
			if c.kind(i+1) == tkIdent {
				c.goTypedName(i+1, i+2)
			} else if c.is(i+1, "(") {
				c.goParams(i + 1)
			}
			return
		}
		if c.is(i-1, "{") || c.toks[i].nl() {
			if p := c.toks[i].parent(); p >= 0 && c.is(int(p), "{") {
				c.goTypedName(i, i+1) // struct field
			}
		}
	case corpus.Python:
		switch word {
		case "import":
			if !c.is(i-1, ".") && (c.toks[i].nl() || i == 0 || c.is(i-1, ";")) {
				c.pyImport(i)
			}
			return
		case "from":
			c.pyFrom(i)
			return
		case "def", "class":
			if c.kind(i+1) == tkIdent {
				c.def(c.text(i + 1))
			}
			return
		}
		if c.nextByte(i) == ':' {
			c.typeAnnotation(i)
		}
	case corpus.Ruby:
		switch word {
		case "def":
			j := i + 1
			if c.is(j, "self") && c.is(j+1, ".") {
				j += 2
			}
			if c.kind(j) == tkIdent {
				c.def(c.text(j))
			}
			return
		case "class", "module":
			if c.kind(i+1) == tkIdent && !c.is(i+2, "::") {
				c.def(c.text(i + 1))
			}
			return
		case "WorkOS":
			if c.is(i+1, "::") || c.is(i+1, ".") {
				c.a.uses = true
			}
		}
	case corpus.PHP:
		switch word {
		case "use":
			if c.toks[i].parent() < 0 || c.is(int(c.toks[i].parent()), "{") && c.toks[i].nl() {
				c.phpUse(i)
			}
			return
		case "function", "class", "interface", "trait", "enum":
			if c.kind(i+1) == tkIdent {
				c.def(c.text(i + 1))
			}
			return
		case "WorkOS":
			if c.is(i+1, "\\") && (c.is(i-1, "\\") || c.is(i-1, "new") || c.is(i-1, "use")) {
				c.a.uses = true
			}
		}
		if c.kind(i+1) == tkIdent || c.nextByte(i) == '?' {
			c.typedDecl(i)
		}
	case corpus.Java, corpus.DotNet:
		switch {
		case word == "import" && c.f.Lang == corpus.Java:
			c.javaImport(i)
			return
		case word == "using" && c.f.Lang == corpus.DotNet:
			c.csUsing(i)
			return
		case word == "class" || word == "interface" || word == "enum" || word == "record" ||
			(word == "struct" && c.f.Lang == corpus.DotNet):
			if c.kind(i+1) == tkIdent {
				c.def(c.text(i + 1))
			}
			return
		}
		switch {
		case c.nextByte(i) == '(':
			c.methodDef(i)
		case c.kind(i+1) == tkIdent || c.nextByte(i) == '?':
			c.typedDecl(i)
		}
	}
}

// jsIdent handles a JS/TS identifier: the keywords that import or define names (first byte tested
// before the word: this runs for every identifier), method definitions and type annotations.
func (c *collector) jsIdent(i int) {
	switch c.src[c.toks[i].s] {
	case 'i', 'f', 'c', 'e', 't':
		word := c.view(i)
		switch word {
		case "import":
			if !c.is(i-1, ".") {
				c.jsImport(i)
			}
			return
		case "function", "class", "interface", "enum", "type":
			if c.kind(i+1) == tkIdent && !c.is(i-1, ".") && (word != "type" || c.is(i+2, "=") || c.is(i+2, "<")) {
				if word == "function" && c.is(i+1, "*") {
					return
				}
				c.def(c.text(i + 1))
			}
			return
		}
	}
	switch c.nextByte(i) {
	case '(':
		c.methodDef(i)
	case ':', '?':
		c.typeAnnotation(i)
	}
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
	m := c.toks[i+1].match
	if m < 0 {
		return
	}
	next := int(m) + 1
	switch {
	case c.is(next, "{"), c.is(next, "throws"):
	case c.is(next, ":") || c.is(next, "=>"):
		// TS return type / C# expression body: only at a statement start, never in a ternary.
		if !(c.toks[i].nl() || c.is(i-1, "{") || c.is(i-1, "}") || c.is(i-1, ";") || c.kind(i-1) == tkIdent) {
			return
		}
	default:
		return
	}
	if notCallees[c.view(i)] {
		return
	}
	c.def(c.text(i))
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
	if c.f.Lang == corpus.PHP && !strings.HasPrefix(c.view(j), "$") {
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
	if int(rhs) >= len(c.toks) {
		return
	}
	lang := c.f.Lang
	if lang == corpus.Python {
		if p := c.toks[i].parent(); p >= 0 && !c.is(int(p), "{") {
			return // keyword arguments are not assignments
		}
	}
	l := i - 1
	if a := c.annotated(l); a >= 0 {
		l = a // `user: User = …` binds user, not its type
	}
	switch {
	case c.kind(l) == tkIdent:
		name := c.text(l)
		if c.is(l-1, ".") || c.is(l-1, "->") {
			base := c.view(l - 2)
			if base != "this" && base != "self" && base != "$this" {
				return
			}
		}
		c.bind(binding{kind: bindExpr, pos: int32(l), tok: rhs})
		c.localFunction(name, int(rhs))
		// Go/Python multi-assign: `client, err := …` binds every name to the expression.
		for k := l - 1; c.is(k, ",") && c.kind(k-1) == tkIdent; k -= 2 {
			if lang != corpus.Go && lang != corpus.Python {
				break
			}
			c.bind(binding{kind: bindExpr, pos: int32(k - 1), tok: rhs})
		}
	case c.is(l, "}") && lang == corpus.JS:
		open := c.toks[l].match
		if open < 0 || l-int(open) > 4096 { // a pattern, not a huge object literal
			return
		}
		c.destructure(int(open), l, rhs)
	case c.is(l, ":") && lang == corpus.JS:
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
	lang := c.f.Lang
	if lang != corpus.JS && lang != corpus.Python {
		return -1
	}
	j := l
	if c.is(j, "]") && c.toks[j].match >= 0 {
		j = int(c.toks[j].match) - 1
	}
	for c.kind(j) == tkIdent && c.is(j-1, ".") && c.kind(j-2) == tkIdent {
		j -= 2
	}
	if c.kind(j) != tkIdent || !c.is(j-1, ":") || c.kind(j-2) != tkIdent {
		return -1
	}
	name := j - 2
	if lang == corpus.JS {
		// A declaration, not `{ key: local = default }` in a destructuring pattern or a ternary.
		switch c.view(name - 1) {
		case "const", "let", "var", "private", "public", "protected", "readonly", "static", "declare":
		default:
			if !c.toks[name].nl() || c.is(name-1, ",") || c.is(name-1, "{") {
				return -1
			}
		}
	}
	return name
}

// localFunction marks `const name = (…) => …`, `= function`, `= async …` as a local definition.
func (c *collector) localFunction(name string, rhs int) {
	if c.f.Lang != corpus.JS {
		return
	}
	switch c.view(rhs) {
	case "function", "async":
		c.def(name)
	case "(":
		if m := c.toks[rhs].match; m > 0 && c.is(int(m)+1, "=>") {
			c.def(name)
		}
	default:
		if c.kind(rhs) == tkIdent && c.is(rhs+1, "=>") {
			c.def(name)
		}
	}
}

// destructure reads `{ a, b: c, d = 1, ...rest }` between open and close.
func (c *collector) destructure(open, close int, rhs int32) {
	for j := open + 1; j < close; j++ {
		if c.toks[j].parent() != int32(open) || c.kind(j) != tkIdent {
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

// jsImport reads `import X from "p"`, `import * as X from "p"`, `import { A, B as C } from "p"`,
// `import type …`, `import "p"` and records the names.
func (c *collector) jsImport(i int) {
	j := i + 1
	if c.kind(j) == tkString { // side-effect import
		if isWorkOSJSPackage(c.value(j)) {
			c.a.uses = true
		}
		return
	}
	if c.is(j, "(") { // dynamic import: a value, handled by expressions
		return
	}
	type pending struct{ local, name string }
	var names []pending
	if c.is(j, "type") && !c.is(j+1, "from") && !c.is(j+1, ",") {
		j++
	}
	for k := 0; j < len(c.toks) && k < 512; k++ {
		switch {
		case c.is(j, "from"):
			if c.kind(j+1) != tkString {
				return
			}
			p := c.value(j + 1)
			r := importRef{path: p, wk: isWorkOSJSPackage(p), rel: isRelativePath(p)}
			for _, n := range names {
				r.name = n.name
				c.addImport(n.local, r)
			}
			if r.wk {
				c.a.uses = true
			}
			return
		case c.is(j, "*") && c.is(j+1, "as") && c.kind(j+2) == tkIdent:
			names = append(names, pending{c.text(j + 2), "*"})
			j += 3
		case c.is(j, "{"):
			close := int(c.toks[j].match)
			if close < 0 {
				return
			}
			for m := j + 1; m < close; m++ {
				if c.kind(m) != tkIdent || !(c.is(m-1, "{") || c.is(m-1, ",") || c.is(m-1, "type")) {
					continue
				}
				if c.is(m, "type") && c.kind(m+1) == tkIdent {
					continue
				}
				name := c.text(m)
				local := name
				if c.is(m+1, "as") && c.kind(m+2) == tkIdent {
					local = c.text(m + 2)
				}
				names = append(names, pending{local, name})
			}
			j = close + 1
		case c.kind(j) == tkIdent:
			names = append(names, pending{c.text(j), "default"})
			j++
		case c.is(j, ","):
			j++
		default:
			return
		}
	}
}

func (c *collector) goImport(i int) {
	one := func(j int) int {
		alias := ""
		if c.kind(j) == tkIdent || c.is(j, ".") || c.is(j, "_") {
			alias = c.text(j)
			j++
		}
		if c.kind(j) != tkString {
			return j + 1
		}
		p := c.value(j)
		if alias == "" {
			alias = goPackageName(p)
		}
		c.addImport(alias, importRef{path: p, wk: isGoWorkOSPath(p)})
		return j + 1
	}
	j := i + 1
	if c.is(j, "(") {
		close := int(c.toks[j].match)
		if close < 0 {
			close = len(c.toks)
		}
		for k := j + 1; k < close; {
			if c.is(k, ";") {
				k++
				continue
			}
			k = one(k)
		}
		return
	}
	one(j)
}

// goPackageName is the default name of an imported package: the last path element that is not a
// major version suffix (…/workos-go/v4/pkg/usermanagement → usermanagement).
func goPackageName(p string) string {
	parts := strings.Split(p, "/")
	for k := len(parts) - 1; k >= 0; k-- {
		s := parts[k]
		if len(s) >= 2 && s[0] == 'v' && strings.Trim(s[1:], "0123456789") == "" && k > 0 {
			continue
		}
		return strings.ReplaceAll(s, "-", "")
	}
	return p
}

// goParams reads a Go parameter or var list `(a, b *pkg.T, c int)`.
func (c *collector) goParams(open int) {
	close := int(c.toks[open].match)
	if close < 0 {
		return
	}
	var names []int
	for j := open + 1; j < close; j++ {
		if c.toks[j].parent() != int32(open) {
			continue
		}
		if c.kind(j) == tkIdent && (c.is(j-1, "(") || c.is(j-1, ",") || c.toks[j].nl() || c.is(j-1, ";")) {
			names = append(names, j)
			if !(c.is(j+1, ",")) {
				typ := j + 1
				for _, n := range names {
					c.goBindType(n, typ)
				}
				names = names[:0]
			}
		}
	}
}

// goTypedName reads `name [*]Type` / `name [*]pkg.Type` (var declarations, struct fields).
func (c *collector) goTypedName(name, typ int) {
	if c.kind(name) != tkIdent {
		return
	}
	c.goBindType(name, typ)
}

func (c *collector) goBindType(name, typ int) {
	for c.is(typ, "*") || c.is(typ, "&") {
		typ++
	}
	if c.kind(typ) != tkIdent {
		return
	}
	switch c.view(typ) {
	case "func", "map", "chan", "struct", "interface":
		return
	}
	c.bind(binding{kind: bindType, pos: int32(name), tok: int32(typ)})
}

// pyImport reads `import a.b [as x], c`.
func (c *collector) pyImport(i int) {
	j := i + 1
	for k := 0; j < len(c.toks) && k < 64; k++ {
		var parts []string
		for c.kind(j) == tkIdent {
			parts = append(parts, c.text(j))
			if !c.is(j+1, ".") {
				j++
				break
			}
			j += 2
		}
		if len(parts) == 0 {
			return
		}
		path := strings.Join(parts, ".")
		wk := parts[0] == "workos"
		if c.is(j, "as") && c.kind(j+1) == tkIdent {
			c.addImport(c.text(j+1), importRef{path: path, name: "", wk: wk})
			j += 2
		} else {
			c.addImport(parts[0], importRef{path: parts[0], wk: wk})
		}
		if !c.is(j, ",") {
			return
		}
		j++
	}
}

// pyFrom reads `from a.b import x [as y], (z)`.
func (c *collector) pyFrom(i int) {
	j := i + 1
	rel := false
	for c.is(j, ".") || c.is(j, "...") {
		rel = true
		j++
	}
	var parts []string
	for c.kind(j) == tkIdent && !c.is(j, "import") {
		parts = append(parts, c.text(j))
		if !c.is(j+1, ".") {
			j++
			break
		}
		j += 2
	}
	if !c.is(j, "import") {
		return
	}
	path := strings.Join(parts, ".")
	wk := !rel && len(parts) > 0 && parts[0] == "workos"
	j++
	end := len(c.toks)
	if c.is(j, "(") {
		if m := c.toks[j].match; m > 0 {
			end = int(m)
		}
		j++
	}
	for ; j < end; j++ {
		if c.kind(j) != tkIdent {
			if c.is(j, ",") {
				continue
			}
			break
		}
		name := c.text(j)
		local := name
		if c.is(j+1, "as") && c.kind(j+2) == tkIdent {
			local = c.text(j + 2)
			j += 2
		}
		c.addImport(local, importRef{path: path, name: name, wk: wk, rel: rel})
		if !c.is(j+1, ",") && end == len(c.toks) {
			break
		}
	}
}

// phpUse reads `use WorkOS\UserManagement [as UM];` and `use WorkOS\{A, B as C};`.
func (c *collector) phpUse(i int) {
	j := i + 1
	if c.is(j, "function") || c.is(j, "const") {
		j++
	}
	for k := 0; j < len(c.toks) && k < 64; k++ {
		var parts []string
		if c.is(j, "\\") {
			j++
		}
		for c.kind(j) == tkIdent {
			parts = append(parts, c.text(j))
			if !c.is(j+1, "\\") {
				j++
				break
			}
			j += 2
		}
		if c.is(j, "{") { // group use
			close := int(c.toks[j].match)
			if close < 0 {
				return
			}
			for m := j + 1; m < close; m++ {
				if c.kind(m) != tkIdent || !(c.is(m-1, "{") || c.is(m-1, ",")) {
					continue
				}
				sub := append(append([]string{}, parts...), c.text(m))
				for m+2 < close && c.is(m+1, "\\") {
					sub = append(sub, c.text(m+2))
					m += 2
				}
				local := sub[len(sub)-1]
				if c.is(m+1, "as") && c.kind(m+2) == tkIdent {
					local = c.text(m + 2)
				}
				c.addImport(local, importRef{path: strings.Join(sub, "\\"), wk: sub[0] == "WorkOS"})
			}
			return
		}
		if len(parts) == 0 {
			return
		}
		local := parts[len(parts)-1]
		if c.is(j, "as") && c.kind(j+1) == tkIdent {
			local = c.text(j + 1)
			j += 2
		}
		c.addImport(local, importRef{path: strings.Join(parts, "\\"), wk: parts[0] == "WorkOS"})
		if !c.is(j, ",") {
			return
		}
		j++
	}
}

func (c *collector) javaImport(i int) {
	j := i + 1
	if c.is(j, "static") {
		j++
	}
	var parts []string
	for c.kind(j) == tkIdent || c.is(j, "*") {
		parts = append(parts, c.text(j))
		if !c.is(j+1, ".") {
			break
		}
		j += 2
	}
	if len(parts) == 0 {
		return
	}
	wk := len(parts) >= 2 && parts[0] == "com" && parts[1] == "workos"
	if wk {
		c.a.uses = true
	}
	last := parts[len(parts)-1]
	if last == "*" {
		return
	}
	c.addImport(last, importRef{path: strings.Join(parts, "."), name: last, wk: wk})
}

func (c *collector) csUsing(i int) {
	j := i + 1
	if c.is(j, "static") {
		j++
	}
	if c.kind(j) == tkIdent && c.is(j+1, "=") { // alias: handled as an assignment
		j += 2
	}
	if c.is(j, "WorkOS") && (c.is(j+1, ";") || c.is(j+1, ".")) {
		c.a.uses = true
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
