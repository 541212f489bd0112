package sdkcall

import (
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Across files. A File alone knows nothing of what another file of the project exports: an
// `import { workos } from '@/lib/workos'` is only a name. InProject gives a File an Env — the
// workspace around it — which says which files an import or a free name leads to; sdkcall then
// evaluates what those files define, in their own terms, as lazily as it evaluates one file: a
// value of another file is a reference (xvalue) whose members and calls are evaluated in that file
// when a question reaches them. Every question carries a trail that bounds how far it may go
// (cyclic imports end) and remembers what it already evaluated.

// Env is the project around one file: the files its imports and free names lead to. The workspace
// implements it; sdkcall never reads files.
type Env interface {
	// Import lists the project files an import names, best first; none when it names a library or
	// nothing that exists.
	Import(imp Import) []Origin
	// Global lists the project files that declare a name this file uses without binding, importing or
	// defining it: a Go package-level name of a sibling file, a class of the same package or
	// namespace (Java, C#, PHP), a Ruby constant. Go methods declared apart from their type are asked
	// as "Type.Method".
	Global(name string) []Origin
}

// Import is one import as written, for an Env to resolve.
type Import struct {
	// Spec is the specifier as written: "./lib/workos", "@/lib/workos", "app.auth", "..auth"
	// (Python: the leading dots of a relative import are part of it), "example.com/app/wos",
	// "App\\Services\\WorkOSService", "com.acme.service.AuthService", "lib/workos".
	Spec string
	// Member is the imported name ("workos", "default", "*" for a namespace), "" for the module.
	Member string
	// Local is the name the import binds in the importing file, "" for none.
	Local string
	// Relative: the specifier is relative to the importing file by the language's own rule that is
	// not visible in its spelling (Ruby require_relative).
	Relative bool
	// ReExport: the file re-exports what it imports (JS `export … from`).
	ReExport bool
}

// Origin is one file an import or a name leads to.
type Origin struct {
	// File is the file's analysis, with its own Env (InProject).
	File *File
	// Name is what to take from the file: an attribute (Python `from a import b` where b is defined
	// in a.py) or a declared name; "" for the file itself (a module).
	Name string
	// Package: the file is one of the files of an imported package (Go), whose names are shared.
	Package bool
}

// InProject is f in its project: env answers for the other files, and sdk tells that the project
// depends on a WorkOS SDK, so the file is analysed even when it imports no SDK itself. Such a file
// answers only for chains that trace back to the SDK (through env): a name alone proves nothing
// there (another library's `client.organizations`, the app's own `createUser`). f is not modified;
// the result shares its analysis.
func (f *File) InProject(env Env, sdk bool) *File {
	if f == nil {
		return nil
	}
	g := *f
	g.env, g.project = env, sdk
	return &g
}

// strict reports whether names alone must not be read as the SDK's: the file does not import an
// SDK itself.
func (f *File) strict() bool { return f.a != nil && !f.a.uses }

// Active reports whether questions about the file are answered: it uses a WorkOS SDK, or it is
// part of a project that does.
func (f *File) Active() bool {
	return f.UsesWorkOS() || f != nil && f.project && f.d != nil && !f.d.shell
}

// maxHops bounds one question's evaluation across files: a reference evaluated in another file is
// one hop. Real chains take a handful; a cycle takes them all and ends unknown.
const maxHops = 256

// trail is one question's evaluation across files.
type trail struct {
	ix   *Index
	hops int
	memo map[trailKey]value
	busy map[trailKey]bool
}

type trailKey struct {
	f    *analysis // the file (its analysis: every InProject copy of a File shares it)
	kind vkind
	tok  int32
	def  int32
	op   byte // 'm' member, 'c' call, 'n' construct, 'x' export, 'i' import
	name string
}

func newTrail(ix *Index) *trail { return &trail{ix: ix} }

// step runs fn once per key within the question, refusing cycles and runaway chains.
func (t *trail) step(k trailKey, fn func() value) value {
	if v, ok := t.memo[k]; ok {
		return v
	}
	if t.busy[k] || t.hops >= maxHops {
		return value{}
	}
	if t.memo == nil {
		t.memo, t.busy = map[trailKey]value{}, map[trailKey]bool{}
	}
	t.hops++
	t.busy[k] = true
	v := fn()
	delete(t.busy, k)
	t.memo[k] = v
	return v
}

// xscope is a value that lives in another file (or spans files): its members and calls are
// evaluated there.
type xscope interface {
	member(t *trail, name string) value
	call(t *trail, isNew bool) value
}

// xvalue is a value of file f, evaluated there: an object of the program, a function, a class, a
// module.
type xvalue struct {
	f *File
	v value
}

func (x *xvalue) member(t *trail, name string) value {
	return t.step(trailKey{f: x.f.a, kind: x.v.kind, tok: x.v.tok, def: x.v.def, op: 'm', name: name}, func() value {
		r := x.f.resolverIn(t)
		return r.portable(r.member(x.v, name))
	})
}

func (x *xvalue) call(t *trail, isNew bool) value {
	op := byte('c')
	if isNew {
		op = 'n'
	}
	return t.step(trailKey{f: x.f.a, kind: x.v.kind, tok: x.v.tok, def: x.v.def, op: op}, func() value {
		r := x.f.resolverIn(t)
		return r.portable(r.call(x.v, isNew))
	})
}

// fileModule is a file as a module: its members are what the file exports (the names at its top
// level, JS exports, CommonJS module.exports).
type fileModule struct{ f *File }

func (m *fileModule) member(t *trail, name string) value {
	return t.step(trailKey{f: m.f.a, op: 'x', name: name}, func() value {
		r := m.f.resolverIn(t)
		return r.portable(r.exportValue(name))
	})
}

func (m *fileModule) call(t *trail, isNew bool) value {
	// Calling a module: a CommonJS module whose module.exports is a function or class.
	r := m.f.resolverIn(t)
	if v, ok := r.moduleExports(); ok {
		return r.portable(r.call(v, isNew))
	}
	return value{}
}

// packageScope is an imported package spread over several files (Go): a member is the name of
// whichever file declares it.
type packageScope struct{ files []Origin }

func (p *packageScope) member(t *trail, name string) value {
	for _, tg := range p.files {
		if tg.File == nil || !tg.File.declaresTop(name) {
			continue
		}
		if v := (&fileModule{tg.File}).member(t, name); v.kind != vUnknown {
			return v
		}
	}
	return value{}
}

func (p *packageScope) call(*trail, bool) value { return value{} }

// subModules is a module that may have submodules of its own (a Python package): a member is the
// module's own attribute, else the submodule of that name.
type subModules struct {
	env  Env
	spec string
}

func (s *subModules) member(t *trail, name string) value {
	if v := targetsValue(t, s.env.Import(Import{Spec: s.spec}), name); v.kind != vUnknown {
		return v
	}
	sub := s.spec + "." + name
	if s.spec == "" || strings.HasSuffix(s.spec, ".") {
		sub = s.spec + name
	}
	if len(s.env.Import(Import{Spec: sub})) > 0 {
		return value{kind: vProject, x: &subModules{env: s.env, spec: sub}}
	}
	return value{}
}

func (s *subModules) call(*trail, bool) value { return value{} }

// targetsValue is the value of name in the first target that says something of it (name "" is
// the target itself: a module, or the name the target declares).
func targetsValue(t *trail, ts []Origin, name string) value {
	var pkg []Origin
	for _, tg := range ts {
		if tg.File == nil {
			continue
		}
		if tg.Package {
			pkg = append(pkg, tg)
			continue
		}
		// The target names what to take from the file (an attribute, a declaration): that is what
		// the import or name asked for. Otherwise the file is a module and name one of its members.
		n := tg.Name
		if n == "" {
			n = name
		}
		if n == "" {
			return value{kind: vProject, x: &fileModule{tg.File}}
		}
		if v := (&fileModule{tg.File}).member(t, n); v.kind != vUnknown {
			return v
		}
	}
	if len(pkg) > 0 {
		p := &packageScope{files: pkg}
		if name == "" {
			return value{kind: vProject, x: p}
		}
		return p.member(t, name)
	}
	return value{}
}

// memberOf is v.name for a value of another file, or nothing.
func memberOf(t *trail, v value, name string) value {
	if v.kind == vProject && v.x != nil {
		return v.x.member(t, name)
	}
	return value{}
}

// resolverIn is a resolver for f within a question that started elsewhere.
func (f *File) resolverIn(t *trail) *resolver {
	r := f.resolver(t.ix)
	r.trail = t
	return r
}

// portable turns a value of this file into one that another file can hold: what is the SDK's is
// the same everywhere; an object, function or class of this file becomes a reference to it.
func (r *resolver) portable(v value) value {
	switch v.kind {
	case vLocal, vFunction, vObject:
		return value{kind: vProject, x: &xvalue{f: r.f, v: v}, fn: v.kind == vFunction}
	}
	return v
}

// fromProject is the value of an import of a project file, through the file's Env: the imported
// member, the module itself for namespace imports, or the module's default export.
func (r *resolver) fromProject(imp importRef) value {
	if r.f.env == nil {
		return value{}
	}
	ts := r.f.env.Import(imp.export())
	if len(ts) == 0 {
		return value{}
	}
	member := imp.member
	switch {
	case member == "*":
		member = ""
	case imp.form == formJSRequire || imp.form == formJSDynamic:
		// require('./client') is the module's module.exports, or its namespace
		return r.moduleValue(ts)
	case imp.form == formPyImport && !imp.as:
		// import app.auth binds app, whose members are its attributes and submodules
		return value{kind: vProject, x: &subModules{env: r.f.env, spec: imp.spec[:max(0, strings.IndexByte(imp.spec+".", '.'))]}}
	case imp.form == formPyImport:
		return value{kind: vProject, x: &subModules{env: r.f.env, spec: imp.export().Spec}}
	case imp.form == formPyFrom:
		// from a import b: b is an attribute of a, or its submodule a.b
		if v := targetsValue(r.trail, ts, ""); v.kind != vUnknown {
			if v.kind == vProject {
				if _, isModule := v.x.(*fileModule); isModule {
					// the target is a submodule reached through `from a import b`
					return value{kind: vProject, x: &subModules{env: r.f.env, spec: imp.export().Spec + "." + member}}
				}
			}
			return v
		}
		return value{}
	}
	return targetsValue(r.trail, ts, member)
}

// moduleValue is what loading a project module gives (JS require): its module.exports when it sets
// one, else the module itself.
func (r *resolver) moduleValue(ts []Origin) value {
	for _, tg := range ts {
		if tg.File == nil {
			continue
		}
		m := &fileModule{tg.File}
		rr := tg.File.resolverIn(r.trail)
		if v, ok := rr.moduleExports(); ok {
			return rr.portable(v)
		}
		return value{kind: vProject, x: m}
	}
	return value{}
}

// global is the value of a name this file uses but does not bind, import or define, from the files
// that declare it.
func (r *resolver) global(name string) (value, bool) {
	if r.f.env == nil || r.trail == nil {
		return value{}, false
	}
	ts := r.f.env.Global(name)
	if len(ts) == 0 {
		return value{}, false
	}
	return targetsValue(r.trail, ts, ""), true
}

// export is the import record as an Env reads it.
func (imp importRef) export() Import {
	spec := imp.spec
	if imp.dots > 0 {
		spec = strings.Repeat(".", imp.dots) + spec
	}
	return Import{Spec: spec, Member: imp.member, Local: imp.local, Relative: imp.form == formRubyRequireRelative,
		ReExport: imp.form == formJSReExport}
}

// exportValue is the value of a name as other files import it from this one: an explicit export
// (JS), a definition, a binding at the top level, or a name this file imports (a re-export).
func (r *resolver) exportValue(name string) value {
	if r.d.exportOf != nil {
		if v, ok := r.d.exportOf(r, name); ok {
			return v
		}
	}
	return r.topValue(name)
}

// topValue is the value of a name at the file's top level: a binding, a definition, an import.
func (r *resolver) topValue(name string) value {
	if v, ok := r.boundTop(name); ok && v.kind != vUnknown {
		return v
	}
	for _, k := range r.a.defsNamed(name) {
		if d := r.a.defs[k]; d.recv < 0 && r.topLevel(int(d.name)) {
			return r.defValue(k)
		}
	}
	if imp, ok := r.a.imports[name]; ok {
		return r.importValue(imp)
	}
	return value{}
}

// declaresTop reports whether the file declares name at its top level.
func (f *File) declaresTop(name string) bool {
	if f.a == nil {
		return false
	}
	r := &resolver{f: f, a: f.a, src: f.Text, toks: &f.a.toks, d: f.d}
	for _, k := range f.a.defsNamed(name) {
		if d := f.a.defs[k]; d.recv < 0 && r.topLevel(int(d.name)) {
			return true
		}
	}
	for _, b := range f.a.bindList {
		if r.topLevel(int(b.pos)) && f.a.bindName(f.Text, b) == name {
			return true
		}
	}
	return false
}

// boundTop evaluates the last binding of name at the file's top level.
func (r *resolver) boundTop(name string) (value, bool) {
	list := r.bindingsOf(bindKey(name))
	for j := len(list) - 1; j >= 0; j-- {
		b := list[j]
		if !r.topLevel(int(b.pos)) || r.busy[bindID(b)] {
			continue
		}
		return r.evalBinding(b), true
	}
	return value{}, false
}

// topLevel reports whether token k is at the file's top level: inside no braces (JS, Go, Java, C#,
// PHP namespaces aside), or not indented (Python, Ruby).
func (r *resolver) topLevel(k int) bool {
	if r.d.indentBlocks {
		line := k
		for line > 0 && !r.toks.at(line).nl() {
			line--
		}
		return r.column(line) == 0 && r.toks.at(k).parent() < 0
	}
	for p := r.toks.at(k).parent(); p >= 0; p = r.toks.at(int(p)).parent() {
		if r.is(int(p), "{") && !r.namespaceBlock(int(p)) {
			return false
		}
	}
	return true
}

// namespaceBlock reports whether the brace at k opens a namespace block (C# `namespace A { … }`,
// PHP `namespace A { … }`), whose contents are still the file's top level.
func (r *resolver) namespaceBlock(k int) bool {
	j := k - 1
	for j >= 0 && (r.kind(j) == tkIdent || r.is(j, ".") || r.is(j, "\\")) && !r.is(j, "namespace") {
		j--
	}
	return r.is(j, "namespace")
}

// defValue is the value a definition names: a function, or a class or type of this file.
func (r *resolver) defValue(k int32) value {
	d := r.a.defs[k]
	if d.fn {
		return value{kind: vFunction, def: k, tok: d.name}
	}
	return value{kind: vLocal, tok: d.name, def: -1}
}

// forwards lists the SDK entries a project function only forwards to: its body is one call of
// the SDK method of the same name with the function's own parameters (a thin wrapper), so its
// docs are the SDK method's. Any other function forwards to nothing.
func (r *resolver) forwards(v value) ([]*corpus.Entry, string) {
	if v.kind != vFunction || v.def < 0 {
		return nil, ""
	}
	d := r.a.defs[v.def]
	name := r.text(int(d.name))
	sh := r.shapeOf(v)
	k, end := sh.expr, sh.end
	if k < 0 {
		k = sh.body
	}
	if end <= k {
		return nil, ""
	}
	for r.is(k, "return") || r.is(k, "await") {
		k++
	}
	// The call: a chain ending in name(…), then nothing else in the body.
	call := -1
	for j := k; j < end; j++ {
		if r.kind(j) == tkIdent && r.text(j) == name && r.is(j+1, "(") && r.isSep(j-1) {
			call = j
			break
		}
		if r.is(j, ";") || r.is(j, "=") || r.toks.at(j).nl() && j > k && !continues(r, j) {
			return nil, ""
		}
	}
	if call < 0 {
		return nil, ""
	}
	closeTok := int(r.toks.at(call + 1).match)
	if closeTok < 0 {
		return nil, ""
	}
	for j := closeTok + 1; j < end; j++ {
		if !r.is(j, ";") {
			return nil, ""
		}
	}
	params := map[string]bool{}
	if sh.params >= 0 {
		for j := sh.params + 1; j < int(r.toks.at(sh.params).match); j++ {
			if r.kind(j) == tkIdent {
				params[bindKey(r.text(j))] = true
			}
		}
	}
	for j := call + 2; j < closeTok; j++ {
		switch {
		case r.kind(j) == tkIdent && (params[bindKey(r.text(j))] || r.is(j+1, "=") || r.is(j+1, ":")):
		case r.kind(j) == tkPunct && (r.is(j, ",") || r.is(j, "...") || r.is(j, "*") || r.is(j, "**") || r.is(j, "=") || r.is(j, ":")):
		default:
			return nil, ""
		}
	}
	start := r.chainStart(call)
	recv, _ := r.evalExpr(start, call-1)
	m := r.member(recv, name)
	if m.kind != vMethod || m.guess {
		return nil, ""
	}
	return m.entries, r.src[r.toks.at(start).s:r.toks.at(call).e]
}

// objectMember is the value of a key of an object literal: `{ workos, db }`, `{ workos: client }`,
// `{ users() { … } }`, `{ ...base }`.
func (r *resolver) objectMember(v value, name string) value {
	open := int(v.tok)
	if !r.is(open, "{") || r.toks.at(open).match < 0 {
		return value{}
	}
	close := int(r.toks.at(open).match)
	var spread []int
	for j := open + 1; j < close; j++ {
		if int(r.toks.at(j).parent()) != open || !(r.is(j-1, "{") || r.is(j-1, ",")) {
			continue
		}
		if r.is(j, "...") {
			spread = append(spread, j+1)
			continue
		}
		key := ""
		switch r.kind(j) {
		case tkIdent:
			key = r.text(j)
		case tkString:
			vs, ve := r.a.value(j)
			key = r.src[vs:ve]
		}
		if key != name {
			continue
		}
		switch {
		case r.is(j+1, ":"):
			w, _ := r.evalExpr(j+2, r.itemEnd(j+2))
			return w
		case r.is(j+1, ",") || j+1 == close:
			return r.base(j) // shorthand: { workos }
		case r.is(j+1, "("):
			return value{kind: vFunction, tok: int32(j), def: -1}
		}
	}
	for _, k := range spread {
		base, _ := r.evalExpr(k, r.itemEnd(k))
		if w := r.member(base, name); w.kind != vUnknown {
			return w
		}
	}
	return value{}
}

// itemEnd is the token after the list item that starts at k (the next comma at its depth, or the
// closing bracket).
func (r *resolver) itemEnd(k int) int {
	if k >= r.toks.len() {
		return r.toks.len()
	}
	parent := r.toks.at(k).parent()
	for j := k; j < r.toks.len(); j++ {
		t := r.toks.at(j)
		if t.parent() == parent && r.is(j, ",") || t.parent() < parent || parent >= 0 && int32(j) == r.toks.at(int(parent)).match {
			return j
		}
	}
	return r.toks.len()
}

// moduleExports is what loading this file gives when that is not its namespace (CommonJS
// module.exports = …).
func (r *resolver) moduleExports() (value, bool) {
	if r.d.moduleExports == nil {
		return value{}, false
	}
	return r.d.moduleExports(r)
}

// forwarded is what forwards finds for a function of this file or of another one.
func (r *resolver) forwarded(v value) ([]*corpus.Entry, string) {
	if v.kind == vFunction {
		return r.forwards(v)
	}
	if x, ok := v.x.(*xvalue); ok && x.v.kind == vFunction {
		return x.f.resolverIn(r.trail).forwards(x.v)
	}
	return nil, ""
}
