package sdkcall

// Outline is what a workspace keeps of a file between questions: its package, its imports as
// written, what it declares at its top level, and whether it imports a WorkOS SDK itself. Text and
// tokens are not part of it.
type Outline struct {
	Package    string
	Imports    []Import
	Decls      []Decl
	ImportsSDK bool
}

// Decl is one top-level declaration.
type Decl struct {
	// Name is the declared name; a Go method is "Type.Method".
	Name     string
	Kind     DeclKind
	Exported bool
}

// DeclKind is what a declaration declares.
type DeclKind uint8

const (
	DeclVar DeclKind = iota
	DeclFunc
	DeclType
	DeclMethod
)

// Outline summarises the file.
func (f *File) Outline() Outline {
	o := Outline{ImportsSDK: f.UsesWorkOS()}
	if f == nil || f.a == nil || f.d == nil || f.d.shell {
		return o
	}
	a := f.a
	o.Package = a.pkg
	for _, imp := range a.importList {
		o.Imports = append(o.Imports, imp.export())
	}
	r := &resolver{f: f, a: a, src: f.Text, toks: &a.toks, d: f.d}
	exported := f.exportedNames()
	seen := map[string]bool{}
	add := func(name string, kind DeclKind) {
		if name == "" || seen[name] {
			return
		}
		seen[name] = true
		o.Decls = append(o.Decls, Decl{Name: name, Kind: kind, Exported: f.isExported(name, exported)})
	}
	for _, d := range a.defs {
		name := r.text(int(d.name))
		switch {
		case d.recv >= 0:
			add(a.tokText(d.recv)+"."+name, DeclMethod)
		case !r.topLevel(int(d.name)):
		case d.fn:
			add(name, DeclFunc)
		default:
			add(name, DeclType)
		}
	}
	for _, b := range a.bindList {
		if r.topLevel(int(b.pos)) && !r.is(int(b.pos)-1, ".") && !r.is(int(b.pos)-1, "->") {
			add(a.bindName(f.Text, b), DeclVar)
		}
	}
	return o
}

// exportedNames are the names a JS file exports explicitly (nil for languages without exports).
func (f *File) exportedNames() map[string]bool {
	if f.d.exportOf == nil {
		return nil
	}
	out := map[string]bool{}
	for _, e := range f.a.exports {
		out[e.name] = true
	}
	return out
}

// isExported tells whether other files can name a top-level declaration: JS exports, else the
// dialect's rule (Go capitalised names, Python names without a leading underscore), else any.
func (f *File) isExported(name string, exports map[string]bool) bool {
	switch {
	case exports != nil:
		return exports[name]
	case f.d.exported != nil:
		return f.d.exported(name)
	}
	return true
}
