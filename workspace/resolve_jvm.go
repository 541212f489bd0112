package workspace

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// --- Java -----------------------------------------------------------------------------------

// resolveJavaImport resolves `import a.b.C` (also a static import's class, and nested classes
// a.b.Outer.Inner) to the class's file, and `import a.b.*` to the files of package a.b.
func (s *Snapshot) resolveJavaImport(from, spec string) []Target {
	spec = strings.TrimPrefix(spec, "static ")
	if pkg, ok := strings.CutSuffix(spec, ".*"); ok {
		if ts := s.javaClassByQualified(from, pkg); ts != nil {
			return ts // a static on-demand import of a class's members
		}
		var out []Target
		for _, f := range s.javaPackage(from, pkg) {
			out = appendTarget(out, Target{Path: f.Path, Kind: TargetPackage, Via: "package " + pkg})
		}
		return out
	}
	return s.javaClassByQualified(from, spec)
}

// javaClassByQualified tries every split of a dotted name into package and class, longest
// package first, so a.b.Outer.Inner and a static import a.b.C.member find a/b/C.java.
func (s *Snapshot) javaClassByQualified(from, name string) []Target {
	segs := strings.Split(name, ".")
	for i := len(segs) - 1; i >= 0; i-- {
		pkg, class := strings.Join(segs[:i], "."), segs[i]
		if class == "" || !unicode.IsUpper([]rune(class)[0]) {
			continue
		}
		if ts := s.javaClass(from, pkg, class); ts != nil {
			return ts
		}
	}
	return nil
}

// javaClass finds class pkg.class: files whose summary declares it in that package, then the
// file pkg/class.java under the source roots (the importing file's own root, found from its
// package and path, and src/main/java, src/test/java, src of its project).
func (s *Snapshot) javaClass(from, pkg, class string) []Target {
	out := declTargets(nil, s.Declaring(corpus.Java, pkg, class), class, "declaration")
	rel := filepath.Join(strings.Split(pkg, ".")...)
	for _, root := range s.javaSourceRoots(from) {
		if p := filepath.Join(root, rel, class+".java"); s.has(p) {
			out = appendTarget(out, Target{Path: p, Kind: TargetDecl, Name: class, Via: "source root " + root})
		}
	}
	return out
}

func (s *Snapshot) javaSourceRoots(from string) []string {
	var roots []string
	if f, ok := s.files.get(from); ok && f.Summary.Package != "" {
		pkgDir := filepath.Join(strings.Split(f.Summary.Package, ".")...)
		if dir := filepath.Dir(from); strings.HasSuffix(dir, string(filepath.Separator)+pkgDir) {
			roots = append(roots, strings.TrimSuffix(dir, string(filepath.Separator)+pkgDir))
		}
	}
	if p, ok := s.ProjectOf(from); ok {
		for _, r := range []string{"src/main/java", "src/test/java", "src"} {
			if root := filepath.Join(p.Root, filepath.FromSlash(r)); !slices.Contains(roots, root) {
				roots = append(roots, root)
			}
		}
	}
	return roots
}

// javaPackage returns the files of a package: by declared package, or by directory under the
// source roots when the summaries carry no package.
func (s *Snapshot) javaPackage(from, pkg string) []*File {
	files := s.InNamespace(corpus.Java, pkg)
	rel := filepath.Join(strings.Split(pkg, ".")...)
	for _, root := range s.javaSourceRoots(from) {
		for _, f := range s.FilesIn(filepath.Join(root, rel)) {
			if f.Lang == corpus.Java && !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
	}
	return files
}

// resolveJavaName resolves a class name as written in a Java file: a qualified name as such, a
// simple name through single-type imports, the file's own package, then on-demand imports.
func (s *Snapshot) resolveJavaName(from, name string) []Target {
	first, rest, qualified := strings.Cut(name, ".")
	if qualified {
		if ts := s.javaClassByQualified(from, name); ts != nil {
			return ts
		}
	}
	f, _ := s.files.get(from)
	withRest := func(ts []Target) []Target {
		if !qualified || len(ts) == 0 {
			return ts
		}
		// Outer.Inner: the nested class lives in Outer's file
		for i := range ts {
			ts[i].Name = name[strings.LastIndexByte(name, '.')+1:]
		}
		return ts
	}
	if f != nil {
		for _, imp := range f.Summary.Imports {
			spec := strings.TrimPrefix(imp.Spec, "static ")
			if !strings.HasSuffix(spec, ".*") && (spec == first || strings.HasSuffix(spec, "."+first)) {
				if ts := s.javaClassByQualified(from, spec); ts != nil {
					return withRest(ts)
				}
			}
		}
		pkg := f.Summary.Package
		if ts := s.javaClass(from, pkg, first); ts != nil {
			return withRest(ts)
		}
		for _, imp := range f.Summary.Imports {
			if pkg, ok := strings.CutSuffix(imp.Spec, ".*"); ok && !strings.HasPrefix(imp.Spec, "static ") {
				if ts := s.javaClass(from, pkg, first); ts != nil {
					return withRest(ts)
				}
			}
		}
	} else if ts := s.javaClass(from, "", first); ts != nil {
		return withRest(ts)
	}
	_ = rest
	return nil
}

// --- C# -------------------------------------------------------------------------------------

// resolveCSharpUsing resolves `using A.B;` to the files declaring in namespace A.B, and an alias
// `using C = A.B.C;` to the type's files (or the namespace's when A.B.C is one).
func (s *Snapshot) resolveCSharpUsing(from string, imp Import) []Target {
	spec := strings.TrimPrefix(imp.Spec, "global::")
	if imp.Alias != "" {
		ns, name := splitLast(spec, ".")
		if files := s.Declaring(corpus.DotNet, ns, name); len(files) > 0 {
			return declTargets(nil, files, name, "using alias")
		}
	}
	var out []Target
	for _, f := range s.InNamespace(corpus.DotNet, spec) {
		out = appendTarget(out, Target{Path: f.Path, Kind: TargetPackage, Via: "namespace " + spec})
	}
	return out
}

// resolveCSharpName resolves a type name as C# looks it up from a file: the file's namespaces and
// each enclosing one (innermost first), then the namespaces of its using directives and of the
// project's global usings, then using aliases. The first group that finds the name wins, as in
// C#, where a type in an enclosing namespace hides one brought in by a using.
func (s *Snapshot) resolveCSharpName(from, name string) []Target {
	name = strings.TrimPrefix(name, "global::")
	f, ok := s.files.get(from)
	if !ok {
		return nil
	}
	qualifier, simple := splitLast(name, ".")
	lookup := func(ns, via string) []Target {
		full := ns
		if qualifier != "" {
			full = joinNS(ns, qualifier)
		}
		ts := declTargets(nil, s.Declaring(corpus.DotNet, full, simple), simple, via)
		if len(ts) == 0 && qualifier != "" {
			// Outer.Inner: the nested type lives in Outer's file
			outerNS, outer := splitLast(full, ".")
			ts = declTargets(nil, s.Declaring(corpus.DotNet, outerNS, outer), simple, via+", nested in "+outer)
		}
		return ts
	}
	// 1. the file's namespaces and those enclosing them
	var enclosing []string
	for _, ns := range indexedNamespaces(f) {
		for n := ns; ; {
			if !slices.Contains(enclosing, n) {
				enclosing = append(enclosing, n)
			}
			if n == "" {
				break
			}
			n, _ = splitLast(n, ".")
		}
	}
	if !slices.Contains(enclosing, "") {
		enclosing = append(enclosing, "")
	}
	for _, ns := range enclosing {
		if ts := lookup(ns, "namespace "+ns); ts != nil {
			return ts
		}
	}
	// 2. using directives: the file's own, then the project's global usings
	usings := s.csharpUsings(f)
	var out []Target
	for _, u := range usings {
		if u.Alias != "" {
			continue
		}
		for _, t := range lookup(strings.TrimPrefix(u.Spec, "global::"), "using "+u.Spec) {
			out = appendTarget(out, t)
		}
	}
	if out != nil {
		return out
	}
	// 3. aliases: `using Auth = Acme.Auth;` then Auth.Client, or `using Client = Acme.Auth.Client;`
	first, rest, _ := strings.Cut(name, ".")
	for _, u := range usings {
		if u.Alias != first {
			continue
		}
		target := strings.TrimPrefix(u.Spec, "global::")
		if rest == "" {
			ns, n := splitLast(target, ".")
			return declTargets(nil, s.Declaring(corpus.DotNet, ns, n), n, "using alias "+first)
		}
		ns, n := splitLast(target+"."+rest, ".")
		return declTargets(nil, s.Declaring(corpus.DotNet, ns, n), n, "using alias "+first)
	}
	return nil
}

// csharpUsings are a file's using directives plus the global usings of its project's files.
func (s *Snapshot) csharpUsings(f *File) []Import {
	usings := slices.Clone(f.Summary.Imports)
	proj, _ := s.ProjectOf(f.Path)
	if proj == nil {
		return usings
	}
	for g := range s.Files() {
		if g.Lang != corpus.DotNet || g == f || !under(g.Path, proj.Root) {
			continue
		}
		for _, imp := range g.Summary.Imports {
			if imp.Kind == ImportGlobal {
				usings = append(usings, imp)
			}
		}
	}
	return usings
}

func joinNS(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
