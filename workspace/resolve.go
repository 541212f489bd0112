package workspace

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Target is one file an import or a name resolves to.
type Target struct {
	Path string
	Kind TargetKind
	// Name is what to look up in Path: the attribute of a Python module, the declared name for
	// TargetDecl, the submodule's name for a Python TargetModule reached through `from a import b`.
	Name string
	// Via says which rule found it ("relative", "tsconfig paths", "package.json imports",
	// "workspace package @acme/auth", "project root", "src layout", "psr-4", "zeitwerk"…), for logs
	// and for a caller that ranks candidates.
	Via string
}

// TargetKind is what a Target's file is to the import.
type TargetKind uint8

const (
	// TargetModule: the file is the imported module (JS, Python, Ruby require, a Java class file,
	// a PHP class file).
	TargetModule TargetKind = iota
	// TargetAttribute: Name is an attribute of the module in Path (Python `from a.b import c` where
	// c is defined in a/b.py or a/b/__init__.py).
	TargetAttribute
	// TargetPackage: the file is one of the files of the imported package or namespace (Go import
	// path, Java on-demand import, C# using).
	TargetPackage
	// TargetDecl: the file declares Name (Go, Java, C#, PHP, Ruby names).
	TargetDecl
)

func (k TargetKind) String() string {
	switch k {
	case TargetModule:
		return "module"
	case TargetAttribute:
		return "attribute"
	case TargetPackage:
		return "package"
	case TargetDecl:
		return "decl"
	}
	return "?"
}

// ResolveImport resolves an import written in file from, in the terms of from's language. The
// targets are files of this snapshot (a dependency outside the workspace resolves to nothing),
// best first.
func (s *Snapshot) ResolveImport(from string, imp Import) []Target {
	return s.resolveImport(filepath.Clean(from), imp)
}

func (s *Snapshot) resolveImport(from string, imp Import) []Target {
	switch languageOfPath(from) {
	case corpus.JS:
		return s.resolveJS(from, imp.Spec)
	case corpus.Python:
		return s.resolvePython(from, imp)
	case corpus.Go:
		return s.resolveGoImport(from, imp.Spec)
	case corpus.PHP:
		if imp.Kind == ImportAutoload {
			return s.ResolveName(from, "\\"+imp.Spec)
		}
		return s.phpClass(from, strings.TrimPrefix(imp.Spec, "\\"))
	case corpus.Ruby:
		return s.resolveRubyImport(from, imp)
	case corpus.Java:
		return s.resolveJavaImport(from, imp.Spec)
	case corpus.DotNet:
		return s.resolveCSharpUsing(from, imp)
	}
	return nil
}

// ResolveName resolves a type or constant name as written in file from ("Client", "auth.Client" in
// Go, "Services\\WorkOS" in PHP, "Workos::Client" in Ruby, "com.acme.Auth" or "Auth" in Java,
// "Auth.Client" in C#) to the files that declare it, following the language's lookup rules
// (same package, imports, usings, namespaces, autoloading). JS and Python name nothing without an
// import, so they resolve nothing here: use ResolveImport.
func (s *Snapshot) ResolveName(from, name string) []Target {
	from = filepath.Clean(from)
	switch languageOfPath(from) {
	case corpus.Go:
		return s.resolveGoName(from, name)
	case corpus.PHP:
		return s.resolvePHPName(from, name)
	case corpus.Ruby:
		return s.resolveRubyName(from, name)
	case corpus.Java:
		return s.resolveJavaName(from, name)
	case corpus.DotNet:
		return s.resolveCSharpName(from, name)
	}
	return nil
}

// PackageFiles returns the other files that see path's declarations without an import: in Go the
// files of the same package (same directory and package clause; test files only for test files),
// in Java the same package, in C# and PHP the same namespace within the project. nil for JS,
// Python and Ruby, whose files share nothing implicitly.
func (s *Snapshot) PackageFiles(path string) []*File {
	path = filepath.Clean(path)
	f, ok := s.files.get(path)
	if !ok {
		return nil
	}
	var out []*File
	switch f.Lang {
	case corpus.Go:
		isTest := strings.HasSuffix(path, "_test.go")
		for _, g := range s.FilesIn(filepath.Dir(path)) {
			if g.Path == path || g.Lang != corpus.Go || g.Summary.Package != f.Summary.Package {
				continue
			}
			if !isTest && strings.HasSuffix(g.Path, "_test.go") {
				continue
			}
			out = append(out, g)
		}
	case corpus.Java:
		for _, g := range s.FilesIn(filepath.Dir(path)) {
			if g.Path != path && g.Lang == corpus.Java && g.Summary.Package == f.Summary.Package {
				out = append(out, g)
			}
		}
	case corpus.DotNet, corpus.PHP:
		proj, _ := s.ProjectOf(path)
		for _, ns := range indexedNamespaces(f) {
			for _, g := range s.InNamespace(f.Lang, ns) {
				if g.Path == path || slices.Contains(out, g) {
					continue
				}
				if p, _ := s.ProjectOf(g.Path); p == proj {
					out = append(out, g)
				}
			}
		}
		slices.SortFunc(out, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	}
	return out
}

// has tells whether a source file exists in the snapshot.
func (s *Snapshot) has(path string) bool {
	_, ok := s.files.get(path)
	return ok
}

// folderOf returns the workspace folder holding path, or "".
func (s *Snapshot) folderOf(path string) string {
	best := ""
	for _, f := range s.folders {
		if under(path, f) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

func appendTarget(ts []Target, t Target) []Target {
	for _, o := range ts {
		if o.Path == t.Path && o.Kind == t.Kind && o.Name == t.Name {
			return ts
		}
	}
	return append(ts, t)
}

// declTargets turns files declaring name into targets.
func declTargets(ts []Target, files []*File, name, via string) []Target {
	for _, f := range files {
		ts = appendTarget(ts, Target{Path: f.Path, Kind: TargetDecl, Name: name, Via: via})
	}
	return ts
}

func declares(f *File, name string) bool {
	return slices.ContainsFunc(f.Summary.Decls, func(d Decl) bool { return d.Name == name })
}
