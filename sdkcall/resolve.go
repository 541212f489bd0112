package sdkcall

import (
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// vkind is what an expression evaluates to, as far as the SDK is concerned.
type vkind uint8

const (
	vUnknown     vkind = iota // nothing known
	vForeign                  // another library's object, or a plain value (literal, number…)
	vLocal                    // an object, class or function of this program (this/self, local types)
	vClient                   // a WorkOS client instance
	vClientClass              // the client class: WorkOS, WorkOSClient
	vNamespace                // the SDK itself: WorkOS:: (Ruby), WorkOS\ (PHP), import * as …, require(…)
	vModule                   // a module: instance, class, Go package or Ruby module
	vFunc                     // a free SDK function (entries)
	vType                     // an SDK object type (entries)
	vMethod                   // a module's method (entries)
	vResult                   // a value returned by an SDK call
	vOptType                  // an options type of a call (Go opts struct, C# options class, Java options)
	vBuilder                  // Java: OptionsType.builder() and its chained setters
	vWk                       // something of the SDK we cannot name precisely
	vFunction                 // a function of this file (def ≥ 0) or a function expression at tok
	vObject                   // an object literal of this file, its { at tok (JS)
	vProject                  // something of another project file, evaluated there (x)
)

// value is the abstract value of an expression.
type value struct {
	kind    vkind
	module  string          // vModule, vMethod, vWk on a module
	guess   bool            // vModule: inferred from a name, not traced to the SDK
	weak    bool            // vModule: guessed from a one-word name (see guessedModule)
	prop    bool            // vUnknown: named as another object's property or a non-SDK instance
	simple  bool            // vUnknown: a plain name with no binding, import or definition
	self    bool            // vLocal: this/self
	entries []*corpus.Entry // vFunc, vType, vMethod, vOptType, vBuilder
	param   int             // vOptType, vBuilder: index of the options parameter in entries[0]
	// tok and def locate a value of this file: vFunction its definition (def, an index into the
	// file's defs, -1 for a function expression at tok), vObject the literal's { at tok, vLocal the
	// name of the class it is (or -1 unknown).
	tok, def int32
	x        xscope // vProject: where members and calls are evaluated
	fn       bool   // vProject: a function (Ruby calls it without parentheses)
}

// resolver answers questions about one File against one symbol table. It memoizes bindings, so one
// resolver serves a whole Diagnostics or Links pass in linear time. Not safe for concurrent use; make
// one per question.
type resolver struct {
	f     *File
	a     *analysis
	src   string
	toks  *tokens
	s     *corpus.Symbols
	lang  corpus.Language // the symbol table's language of the file
	d     *dialect
	ix    *symIndex
	memo  map[int64]value // by bindID
	busy  map[int64]bool
	mods  map[string]string // moduleOf results ("" for none)
	typos map[string]bool   // mayBeTypo results
	depth int
	// trail is the question's evaluation across files; strict: names alone are not the SDK's (the
	// file imports no SDK, and is read only because its project depends on one).
	trail  *trail
	strict bool
	// traced: a name that merely contains "workos" is not taken for a client (see nodocs.go).
	traced bool
}

func (f *File) resolver(ix *Index) *resolver {
	return &resolver{f: f, a: f.a, src: f.Text, toks: &f.a.toks, s: ix.symbols, lang: f.Lang, d: f.d, ix: ix.of(f.Lang),
		trail: newTrail(ix), strict: f.strict()}
}

const maxDepth = 16

// text is token i's text, without copying: it is only used for lookups and comparisons, and the
// analysed text is never modified.
func (r *resolver) text(i int) string {
	if i < 0 || i >= r.toks.len() {
		return ""
	}
	t := r.toks.at(i)
	if t.e <= t.s {
		return ""
	}
	return r.src[t.s:t.e]
}

func (r *resolver) is(i int, s string) bool {
	if i < 0 || i >= r.toks.len() {
		return false
	}
	t := r.toks.at(i)
	if int(t.e-t.s) != len(s) {
		return false
	}
	if len(s) == 1 {
		return r.src[t.s] == s[0]
	}
	return r.src[t.s:t.e] == s
}

func (r *resolver) kind(i int) tokKind {
	if i < 0 || i >= r.toks.len() {
		return 0
	}
	return r.toks.at(i).kind()
}

// isSep reports whether token i separates a receiver from its member.
func (r *resolver) isSep(i int) bool {
	if r.kind(i) != tkPunct {
		return false
	}
	switch r.text(i) {
	case ".", "?.", "&.":
		return true
	case "->", "?->":
		return r.d.seps&sepArrow != 0
	case "::":
		return r.d.seps&sepColons != 0
	case "\\":
		return r.d.seps&sepBackslash != 0
	}
	return false
}

func isSelfName(n string) bool { return n == "this" || n == "self" || n == "$this" }

// chainStart walks back from the identifier at i over member separators, calls and index
// expressions to the start of the member chain (workos.userManagement.createUser → workos).
func (r *resolver) chainStart(i int) int {
	j := i
	for steps := 0; steps < 64; steps++ {
		p := j - 1
		if !r.isSep(p) {
			break
		}
		q := p - 1
		if r.d.nonNull && r.is(q, "!") { // TS non-null assertion
			q--
		}
		if q < 0 {
			break
		}
		switch {
		case r.kind(q) == tkIdent:
			if r.is(p, "\\") && r.toks.at(q).e != r.toks.at(p).s {
				break // `new \WorkOS\…`: a leading namespace separator
			}
			j = q
			continue
		case r.is(q, ")") || r.is(q, "]"):
			m := int(r.toks.at(q).match)
			if m < 0 {
				return j
			}
			if r.is(m, "(") && r.kind(m-1) == tkIdent && !notCallees[r.text(m-1)] {
				j = m - 1
				continue
			}
			if r.is(m, "[") && (r.kind(m-1) == tkIdent || r.is(m-1, ")") || r.is(m-1, "]")) {
				j = m - 1
				if r.kind(j) != tkIdent {
					// a[0][1] or f()[0]: keep walking from the inner expression
					if mm := int(r.toks.at(j).match); mm >= 0 {
						j = mm
						if r.kind(j-1) == tkIdent {
							j--
						}
					}
				}
				continue
			}
			j = m // a parenthesized group
			return r.withPrefix(j)
		case r.kind(q) == tkString:
			return q
		}
		break
	}
	return r.withPrefix(j)
}

// withPrefix extends a chain start over `new` and a leading namespace separator (PHP \WorkOS\SSO).
func (r *resolver) withPrefix(j int) int {
	if r.d.seps&sepBackslash != 0 && r.is(j-1, "\\") {
		j--
	}
	if r.is(j-1, "new") {
		j--
	}
	return j
}

// evalExpr evaluates the expression starting at token i, not looking at tokens from end on. It
// returns the value and the index after the expression.
func (r *resolver) evalExpr(i, end int) (value, int) {
	if end > r.toks.len() {
		end = r.toks.len()
	}
	if r.depth > maxDepth {
		return value{}, end
	}
	r.depth++
	defer func() { r.depth-- }()

	i, newOp := r.skipPrefix(i, end)
	if i >= end {
		return value{}, end
	}
	v, i, ok := r.evalOperand(i, end)
	if !ok {
		return v, i
	}
	v, i = r.evalPostfix(v, i, end, newOp)
	// `a || b`, `a ?? b`, `a or b`: the first alternative that says something (`self._client =
	// client or WorkOSClient(…)`).
	for i < end && r.isAlternative(i) {
		w, j := r.evalExpr(i+1, end)
		if v.kind == vUnknown || v.kind == vForeign && w.kind != vUnknown {
			v = w
		}
		if j <= i {
			break
		}
		i = j
	}
	return v, i
}

// isAlternative reports whether token i joins two alternatives of one value.
func (r *resolver) isAlternative(i int) bool {
	switch r.text(i) {
	case "||", "??", "?:":
		return r.kind(i) == tkPunct
	case "or":
		return r.d.wordOr && r.kind(i) == tkIdent
	}
	return false
}

// skipPrefix skips the prefix operators that do not change what the SDK sees (await, &, *, return,
// a leading namespace separator) and reports a `new`.
func (r *resolver) skipPrefix(i, end int) (int, bool) {
	newOp := false
	for ; i < end; i++ {
		switch r.text(i) {
		case "await", "yield", "&", "*", "go", "defer", "return":
		case "async":
			if r.isLambda(i) {
				return i, newOp
			}
		case "new":
			newOp = true
		case "\\":
			if r.d.seps&sepBackslash == 0 {
				return i, newOp
			}
		default:
			return i, newOp
		}
	}
	return i, newOp
}

// evalOperand evaluates the operand at token i: a literal, a name, a loader call, a parenthesized
// expression or a collection literal. ok is false when the expression ends there.
func (r *resolver) evalOperand(i, end int) (v value, next int, ok bool) {
	t := r.toks.at(i)
	switch t.kind() {
	case tkString, tkNumber, tkSymbol:
		return value{kind: vForeign}, i + 1, true
	case tkIdent:
		if pkg, next, ok := r.loaderCall(i); ok {
			return pkg, next, true
		}
		if r.isLambda(i) {
			return r.lambda(i, end)
		}
		if q := r.d.qualifiedSDK; q != "" && (r.is(i+1, q) || r.is(i-1, q)) && r.is(i, "WorkOS") {
			// A qualified name (WorkOS\SSO, \WorkOS\SSO) starts at the SDK's namespace, whatever
			// `use WorkOS\WorkOS;` made of the bare name.
			return value{kind: vNamespace}, i + 1, true
		}
		return r.base(i), i + 1, true
	case tkPunct:
		m := int(t.match)
		switch r.text(i) {
		case "(":
			if m < 0 {
				return value{}, end, false
			}
			if r.isLambda(i) {
				return r.lambda(i, end)
			}
			v, _ = r.evalExpr(i+1, m)
			return v, m + 1, true
		case "{", "[":
			if m > i {
				if r.d.objectLiterals && r.is(i, "{") {
					return value{kind: vObject, tok: int32(i), def: -1}, m + 1, true
				}
				return value{kind: vForeign}, m + 1, true
			}
			return value{kind: vForeign}, end, false
		}
	}
	return value{}, i, false
}

// lambda is the function expression at token i, and the token after it.
func (r *resolver) lambda(i, end int) (value, int, bool) {
	sh := r.lambdaShape(i)
	next := sh.end
	if sh.body > 0 && r.is(sh.end, "}") {
		next = sh.end + 1
	}
	if sh.expr >= 0 && sh.body == 0 && r.is(sh.expr-1, "(") {
		next = sh.end + 1
	}
	if next <= i {
		next = end
	}
	return value{kind: vFunction, tok: int32(i), def: -1}, min(next, end), false
}

// evalPostfix applies what follows an operand: members, calls, composite literals, indexes.
func (r *resolver) evalPostfix(v value, i, end int, newOp bool) (value, int) {
	for i < end {
		var ok bool
		switch {
		case r.isSep(i) && r.kind(i+1) == tkIdent:
			name := r.text(i + 1)
			i += 2
			if name == r.d.newMember && name != "" {
				v = r.call(v, true)
				if r.is(i, "(") && r.toks.at(i).match > 0 {
					i = int(r.toks.at(i).match) + 1
				}
				continue
			}
			v = r.member(v, name)
			if r.d.parenless && (v.kind == vMethod || v.kind == vFunc || v.kind == vFunction || v.kind == vProject && v.fn) && !r.is(i, "(") {
				v = r.call(v, false) // Ruby calls need no parentheses: `users = UserManagement.list_users limit: 5`
			}
			continue
		case r.is(i, "("):
			v, newOp = r.call(v, newOp), false
		case r.is(i, "{") && r.composes(newOp) && !r.toks.at(i).nl():
			v, newOp = r.call(v, true), false
		case r.is(i, "["):
			v = r.index(v)
		case r.is(i, "!") && r.d.nonNull && r.isSep(i+1):
			i++
			continue
		default:
			if newOp {
				v = r.call(v, true)
			}
			return v, i
		}
		// Past the bracketed group opening at i; an unclosed one ends the expression.
		if i, ok = int(r.toks.at(i).match)+1, r.toks.at(i).match >= 0; !ok {
			return v, end
		}
	}
	if newOp && end == r.toks.len() {
		v = r.call(v, true)
	}
	return v, i
}

// composes reports whether `{` after a value constructs it (Go T{…}, C# new T { … }).
func (r *resolver) composes(newOp bool) bool {
	return r.d.composite == compositeAlways || r.d.composite == compositeAfterNew && newOp
}

func (r *resolver) index(v value) value {
	switch v.kind {
	case vForeign:
		return v
	case vClient, vModule, vNamespace, vWk, vResult, vMethod, vFunc, vType:
		return value{kind: vResult}
	}
	return value{kind: vUnknown}
}

// base evaluates the identifier at token i as the head of a chain.
func (r *resolver) base(i int) value {
	name := r.text(i)
	if isSelfName(name) {
		return value{kind: vLocal, self: true}
	}
	key := strings.TrimLeft(name, "$@")
	evidence, sdkResult := false, false
	if v, ok := r.bound(key, int32(i)); ok {
		switch {
		case v.kind == vUnknown && v.prop:
			return v
		case v.kind == vResult:
			evidence, sdkResult = true, true
		case v.kind == vUnknown:
			evidence = true
		default:
			return v
		}
	}
	if imp, ok := r.a.imports[name]; ok {
		v := r.importValue(imp)
		if v.kind != vUnknown {
			return v
		}
		evidence = true
	}
	if ks := r.a.defsNamed(name); len(ks) > 0 {
		return r.defValue(ks[len(ks)-1])
	}
	if r.a.isLocalDef(name) {
		return value{kind: vLocal, def: -1}
	}
	// Not bound, imported or defined in this file: a name another file of the project declares (a Go
	// package-level name of a sibling file, a class of the same namespace, a Ruby constant), else what
	// the name alone says.
	if v, ok := r.global(key); ok {
		if v.kind != vUnknown {
			return v
		}
		evidence = true
	}
	v := r.byName(name, !evidence)
	if sdkResult && v.kind == vModule {
		// A value the SDK returned, named after a module: `session = loadSealedSession(…)`.
		v.weak = false
	}
	return v
}

// bound evaluates the binding of key that applies at token pos, skipping bindings being evaluated
// (so `x = x.foo` looks at the previous x).
func (r *resolver) bound(key string, pos int32) (value, bool) {
	list := r.bindingsOf(key)
	if len(list) == 0 {
		return value{}, false
	}
	k := sort.Search(len(list), func(k int) bool { return list[k].pos >= pos })
	// The nearest binding before pos that says something, then the ones after it; a declaration and
	// an assignment of the same name (`UserManagementService svc = new();`) sit at the same place.
	var first *value
	for n := 0; n < len(list) && n < 8; n++ {
		j := k - 1 - n
		if j < 0 {
			j = n // then the bindings after pos, in order
		}
		if j >= len(list) {
			break
		}
		b := list[j]
		if r.busy[bindID(b)] {
			continue
		}
		v := r.evalBinding(b)
		if v.kind != vUnknown {
			return v, true
		}
		if first == nil {
			first = &v
		}
		if j+1 < len(list) && list[j+1].pos == b.pos || j > 0 && list[j-1].pos == b.pos {
			continue
		}
		break
	}
	if first != nil {
		return *first, true
	}
	return value{}, true
}

// bindingsOf lists the bindings of name in text order. The first lookups in a version scan the flat
// list (a few microseconds each): the hover or completion that follows an edit does not pay for an
// index by name. Once a version has seen more lookups (diagnostics, links, more questions), the
// index is built.
func (r *resolver) bindingsOf(name string) []binding {
	a := r.a
	if !a.indexed.Load() && a.scans.Add(1) <= 16 {
		var out []binding
		if name == "" {
			return nil
		}
		c0, n := name[0], uint16(min(len(name), 1<<16-1))
		for _, b := range a.bindList {
			if b.c0 == c0 && b.n == n && a.bindName(r.src, b) == name {
				out = append(out, b)
			}
		}
		return out
	}
	a.bindOnce.Do(a.indexBinds)
	return a.bindIndex[name]
}

// bindID identifies a binding: a declaration and an assignment may bind the same name at one place.
func bindID(b binding) int64 { return int64(b.pos)<<3 | int64(b.kind) }

func (r *resolver) evalBinding(b binding) value {
	id := bindID(b)
	if v, ok := r.memo[id]; ok {
		return v
	}
	if r.busy == nil {
		r.busy = map[int64]bool{}
		r.memo = map[int64]value{}
	}
	r.busy[id] = true
	var v value
	switch b.kind {
	case bindExpr:
		v, _ = r.evalExpr(int(b.tok), r.toks.len())
	case bindDestr:
		v0, _ := r.evalExpr(int(b.tok), r.toks.len())
		v = r.member(v0, r.text(int(b.member)))
	case bindType:
		v = r.evalType(int(b.tok))
	}
	delete(r.busy, id)
	r.memo[id] = v
	return v
}

// evalType turns a declared type into the value of a variable of that type.
func (r *resolver) evalType(i int) value {
	end := i + 1
	for end+1 < r.toks.len() && (r.isSep(end) || r.is(end, ".")) && r.kind(end+1) == tkIdent {
		end += 2
	}
	v, _ := r.evalExpr(i, end)
	switch v.kind {
	case vClientClass, vClient:
		return value{kind: vClient, guess: v.guess}
	case vModule:
		return v
	case vType, vOptType, vResult, vWk:
		return value{kind: vResult}
	case vForeign:
		return v
	case vProject:
		return r.call(v, true) // an instance of a project class
	}
	return value{kind: vLocal, def: -1}
}

// importValue evaluates an import: the SDK's by the dialect, a project file's through the Env.
func (r *resolver) importValue(imp importRef) value {
	if !imp.wk && r.f.env != nil {
		if v := r.fromProject(imp); v.kind != vUnknown {
			return v
		}
	}
	return r.d.evalImport(r, imp)
}

// loaderCall recognises a call that loads a package by name (JS require("pkg"), import("pkg")).
func (r *resolver) loaderCall(i int) (value, int, bool) {
	if !r.d.loaders[r.text(i)] || !r.is(i+1, "(") || r.kind(i+2) != tkString || !r.is(i+3, ")") {
		return value{}, 0, false
	}
	vs, ve := r.a.value(i + 2)
	spec := r.src[vs:ve]
	v := r.d.specifier(spec)
	if v.kind == vUnknown && r.f.env != nil {
		// A project module: what loading it gives.
		v = r.moduleValue(r.f.env.Import(Import{Spec: spec}))
	}
	return v, i + 4, true
}

// foreignImport is the value of what another library exports.
func foreignImport(*resolver, importRef) value { return value{kind: vForeign} }

// byName applies what a name alone says: the client classes, the SDK namespace, module classes,
// names containing "workos", and module names.
func (r *resolver) byName(name string, simple bool) value {
	if r.strict {
		return value{kind: vUnknown, simple: simple}
	}
	key := strings.TrimLeft(name, "$@")
	switch {
	case key == "WorkOS":
		return value{kind: r.d.sdkName, simple: simple && r.d.sdkName == vUnknown}
	case isClientClass(key):
		return value{kind: vClientClass}
	}
	if key != "" && key[0] >= 'A' && key[0] <= 'Z' {
		if o, ok := r.optType(key, ""); ok { // CreateUserOptions in C#/Java/PHP
			return o
		}
	}
	if m, ok := r.moduleOf(key); ok && key[0] >= 'A' && key[0] <= 'Z' && r.d.moduleClasses {
		return value{kind: vModule, module: m} // a module class: UserManagementService, WorkOS::SSO
	}
	if containsFold(key, "workos") && !r.traced {
		return value{kind: vClient}
	}
	if m, ok := r.moduleOf(key); ok {
		return guessedModule(m, key)
	}
	return value{kind: vUnknown, simple: simple}
}

// guessedModule is the module a receiver's name suggests when nothing traces it to the SDK. A
// one-word name (session, sso, organizations) is weak: other libraries use those names too
// (req.session, db.session, client.organizations), so such a receiver is not shown as a module, gets
// no method completion, and only its compound method names resolve.
func guessedModule(module, name string) value {
	return value{kind: vModule, module: module, guess: true, weak: !compoundName(strings.TrimLeft(name, "$@"))}
}

// containsFold reports whether s contains the lower-case ASCII word sub in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func isClientClass(n string) bool {
	switch n {
	case "WorkOS", "WorkOSClient", "AsyncWorkOSClient", "WorkOSClientAsync", "SyncWorkOSClient":
		return true
	}
	return false
}

// moduleOf resolves a receiver name to a module that has methods in this language.
func (r *resolver) moduleOf(name string) (string, bool) {
	if name == "" || r.s == nil {
		return "", false
	}
	if m, ok := r.mods[name]; ok {
		return m, m != ""
	}
	m, ok := r.findModule(name)
	if r.mods == nil {
		r.mods = map[string]string{}
	}
	r.mods[name] = m
	return m, ok
}

func (r *resolver) findModule(name string) (string, bool) {
	try := func(n string) (string, bool) {
		m, ok := r.s.Module(n)
		if !ok || len(r.s.Methods(r.lang, m)) == 0 {
			return "", false
		}
		return m, true
	}
	if m, ok := try(name); ok {
		return m, true
	}
	for _, suf := range r.d.moduleSuffixes {
		if n, ok := strings.CutSuffix(name, suf); ok && n != "" {
			if m, ok := try(n); ok {
				return m, true
			}
		}
	}
	return "", false
}

// member evaluates v.name.
func (r *resolver) member(v value, name string) value {
	switch v.kind {
	case vClient:
		if m, ok := r.moduleOf(name); ok {
			return value{kind: vModule, module: m, guess: v.guess}
		}
		return value{kind: vWk}
	case vNamespace:
		return r.namespaceMember(v, name)
	case vModule:
		return r.moduleMember(v, name)
	case vLocal, vFunction:
		if bv, ok := r.bound(strings.TrimLeft(name, "$@"), 1<<30); ok && (bv.kind != vUnknown || bv.prop) {
			return bv
		}
		// A method of the program: this.getClient(), AuthService.directory, $this->users().
		if ks := r.a.defsNamed(name); len(ks) > 0 && r.a.defs[ks[len(ks)-1]].fn {
			return r.defValue(ks[len(ks)-1])
		}
		return r.byName(name, v.self)
	case vObject:
		return r.objectMember(v, name)
	case vProject:
		if v.x == nil {
			return value{}
		}
		return v.x.member(r.trail, name)
	case vUnknown:
		w := r.byName(name, false)
		switch w.kind {
		case vClientClass, vNamespace:
			return value{kind: vUnknown, prop: true}
		case vUnknown:
			w.prop = true
		}
		return w
	case vResult:
		if m, ok := r.moduleOf(name); ok {
			return value{kind: vModule, module: m, guess: true} // a part of what the SDK returned
		}
		return value{kind: vResult}
	case vOptType:
		if name == "builder" {
			return value{kind: vBuilder, entries: v.entries, param: v.param}
		}
		return value{kind: vResult}
	case vBuilder:
		if name == "build" {
			return value{kind: vResult}
		}
		return v
	case vClientClass, vWk:
		return value{kind: vWk}
	case vFunc, vType, vMethod:
		return value{kind: vResult}
	}
	return value{kind: vForeign}
}

// namespaceMember evaluates a member of the SDK namespace: the client class or a client, a module
// class, an object type, a free function, an options type, or a nested namespace.
func (r *resolver) namespaceMember(v value, name string) value {
	switch {
	case isClientClass(name) || name == r.d.nsClientClass && name != "":
		return value{kind: vClientClass}
	case name == r.d.nsClient && name != "":
		return value{kind: vClient}
	}
	if m, ok := r.moduleOf(name); ok {
		return value{kind: vModule, module: m}
	}
	if ts := r.s.Type(r.lang, name); len(ts) > 0 {
		return value{kind: vType, entries: ts}
	}
	if fs := r.functionsNamed(name); len(fs) > 0 {
		return value{kind: vFunc, entries: fs}
	}
	if o, ok := r.optType(name, ""); ok {
		return o
	}
	if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
		return v // a nested namespace: WorkOS\Resource, WorkOS::Types
	}
	return value{kind: vWk}
}

// moduleMember evaluates a member of a module: its methods (in the SDK's own spelling of initialisms
// too), its types and options types.
func (r *resolver) moduleMember(v value, name string) value {
	if v.weak && !compoundName(name) {
		return value{kind: vWk, module: v.module, guess: true, weak: true}
	}
	if es := r.s.Method(r.lang, v.module, name); len(es) > 0 {
		return value{kind: vMethod, module: v.module, guess: v.guess, entries: es}
	}
	if es := r.methodFold(v.module, name); len(es) > 0 {
		// The SDK spells initialisms its own way: Go GetLogoutURL for the docs' GetLogoutUrl.
		return value{kind: vMethod, module: v.module, guess: v.guess, entries: es}
	}
	if ts := r.typesIn(name, v.module); len(ts) > 0 {
		return value{kind: vType, entries: ts}
	}
	if o, ok := r.optType(name, v.module); ok {
		return o
	}
	if r.d.moduleSelf != nil && r.d.moduleSelf(name) {
		return v
	}
	return value{kind: vWk, module: v.module, guess: v.guess, weak: v.weak}
}

// call evaluates calling (or constructing with new) v.
func (r *resolver) call(v value, isNew bool) value {
	switch v.kind {
	case vClientClass, vClient:
		return value{kind: vClient, guess: v.guess}
	case vModule, vBuilder:
		return v
	case vMethod, vFunc, vWk, vType:
		return value{kind: vResult}
	case vLocal:
		if isNew {
			return value{kind: vLocal, tok: v.tok, def: -1}
		}
		return value{kind: vUnknown}
	case vFunction:
		if isNew || r.depth > maxDepth {
			return value{kind: vLocal, def: -1}
		}
		r.depth++
		defer func() { r.depth-- }()
		return r.returns(v)
	case vProject:
		if v.x == nil {
			return value{}
		}
		return v.x.call(r.trail, isNew)
	case vUnknown:
		return value{kind: vUnknown, prop: isNew}
	case vOptType:
		return value{kind: vResult}
	case vNamespace:
		return value{kind: vWk}
	}
	return v
}

// methodFold finds a module's methods whose name equals name ignoring case.
func (r *resolver) methodFold(module, name string) []*corpus.Entry {
	var out []*corpus.Entry
	for _, e := range r.s.Methods(r.lang, module) {
		if strings.EqualFold(e.Name, name) || strings.EqualFold(e.Key, name) {
			out = append(out, e)
		}
	}
	return out
}

func (r *resolver) functionsNamed(name string) []*corpus.Entry {
	var out []*corpus.Entry
	for _, e := range r.s.Functions(r.lang) {
		if e.Name == name || e.Key == name {
			out = append(out, e)
		}
	}
	return out
}

// typesIn finds object types named name that belong to module (Go: usermanagement.User).
func (r *resolver) typesIn(name, module string) []*corpus.Entry {
	var out []*corpus.Entry
	for _, e := range r.s.Type(r.lang, name) {
		if e.Receiver == "" {
			continue
		}
		if m, ok := r.s.Module(e.Receiver); ok && m == module {
			out = append(out, e)
		}
	}
	return out
}

// conventionalOptions is the index of a call's one options parameter, or -1.
func conventionalOptions(e *corpus.Entry) int {
	k := -1
	for i := range e.Parameters {
		if p := &e.Parameters[i]; isOptionsParam(p) || len(p.Properties) > 0 {
			if k >= 0 {
				return -1
			}
			k = i
		}
	}
	return k
}

func (r *resolver) optType(name, module string) (value, bool) {
	refs := r.ix.opts[name]
	for _, o := range refs {
		if module == "" || o.qual == module || o.qual == "" && o.e.Module == module {
			return value{kind: vOptType, entries: []*corpus.Entry{o.e}, param: o.param}, true
		}
	}
	return value{}, false
}

// symIndex is derived from a symbol table once: the options types of calls, and the deletion
// neighbourhoods of method names (typoKeys) that tell in a few map lookups whether a name can be a
// typo of a documented method.
type symIndex struct {
	opts     map[string][]optRef
	typoKeys map[string]bool
}

type optRef struct {
	e     *corpus.Entry
	param int
	qual  string // module named by the type's qualifier (usermanagement.CreateUserOpts), or ""
}

func buildIndex(s *corpus.Symbols, lang corpus.Language) *symIndex {
	ix := &symIndex{}
	m := map[string][]optRef{}
	add := func(e *corpus.Entry) {
		for k := range e.Parameters {
			p := &e.Parameters[k]
			if !isOptionsParam(p) {
				continue
			}
			typ := strings.TrimSpace(p.Type)
			typ = strings.TrimLeft(typ, "*&")
			if i := strings.IndexAny(typ, "<[ |"); i >= 0 {
				typ = typ[:i]
			}
			qual, last := "", typ
			if i := strings.LastIndexAny(typ, `.\`); i >= 0 {
				qual, last = typ[:i], typ[i+1:]
			}
			if last == "" || last[0] < 'A' || last[0] > 'Z' {
				continue // "object", "dict": no type to match
			}
			ref := optRef{e: e, param: k}
			if qual != "" {
				if mod, ok := s.Module(qual); ok {
					ref.qual = mod
				}
			}
			m[last] = append(m[last], ref)
		}
	}
	for _, mod := range s.Modules(lang) {
		for _, e := range s.Methods(lang, mod) {
			add(e)
		}
	}
	if dialectOf(lang).optionsNamedAfterCalls {
		// The SDKs name a call's options class after the call (listDirectoryUsers →
		// ListDirectoryUsersOptions) even where the docs spell the type differently.
		for _, mod := range s.Modules(lang) {
			for _, e := range s.Methods(lang, mod) {
				n := callName(e)
				k := conventionalOptions(e)
				if n == "" || k < 0 {
					continue
				}
				name := strings.ToUpper(n[:1]) + n[1:] + "Options"
				dup := false
				for _, o := range m[name] {
					dup = dup || o.e == e
				}
				if !dup {
					m[name] = append(m[name], optRef{e: e, param: k, qual: mod})
				}
			}
		}
	}
	for _, e := range s.Functions(lang) {
		add(e)
	}
	ix.opts = m
	keys := map[string]bool{}
	for _, mod := range s.Modules(lang) {
		for _, e := range s.Methods(lang, mod) {
			n := strings.ToLower(e.Name)
			deletions(n, typoLimit(n), func(d string) { keys[d] = true })
		}
	}
	ix.typoKeys = keys
	return ix
}
