package workspace

import (
	"path/filepath"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// resolveGoImport resolves an import path to the files of the package, through the module paths
// of the workspace's go.mod files (go.work modules are go.mod files of the workspace too) and the
// importing module's local replace directives.
func (s *Snapshot) resolveGoImport(from, importPath string) []Target {
	dir, via := s.goPackageDir(from, importPath)
	if dir == "" {
		return nil
	}
	var out []Target
	for _, f := range s.goPackage(dir) {
		out = append(out, Target{Path: f.Path, Kind: TargetPackage, Via: via})
	}
	return out
}

// goPackageDir maps an import path to a directory: the longest module path that prefixes it.
func (s *Snapshot) goPackageDir(from, importPath string) (dir, via string) {
	best := -1
	consider := func(modPath, modDir, how string) {
		if importPath != modPath && !strings.HasPrefix(importPath, modPath+"/") {
			return
		}
		if len(modPath) > best {
			best = len(modPath)
			dir = filepath.Join(modDir, filepath.FromSlash(strings.TrimPrefix(importPath[len(modPath):], "/")))
			via = how
		}
	}
	if _, m := s.projectWith(from, GoMod); m != nil && m.gomod != nil {
		for old, target := range m.gomod.Replaces {
			consider(old, target, "go.mod replace")
		}
	}
	s.manifests.each(func(_ string, m *Manifest) bool {
		if m.Kind == GoMod && m.gomod != nil && m.gomod.Path != "" {
			consider(m.gomod.Path, m.Root, "module "+m.gomod.Path)
		}
		return true
	})
	return dir, via
}

// goPackage returns a directory's non-test Go files of its package.
func (s *Snapshot) goPackage(dir string) []*File {
	var out []*File
	for _, f := range s.FilesIn(dir) {
		if f.Lang == corpus.Go && !strings.HasSuffix(f.Path, "_test.go") {
			out = append(out, f)
		}
	}
	return out
}

// resolveGoName resolves "Name" (the same package) or "pkg.Name" (an imported package, by its
// alias or its package clause) to the files declaring Name.
func (s *Snapshot) resolveGoName(from, name string) []Target {
	qualifier, ident, qualified := strings.Cut(name, ".")
	if !qualified {
		ident = qualifier
		var out []Target
		if f, ok := s.files.get(from); ok && declares(f, ident) {
			out = declTargets(out, []*File{f}, ident, "same file")
		}
		var siblings []*File
		for _, g := range s.PackageFiles(from) {
			if declares(g, ident) {
				siblings = append(siblings, g)
			}
		}
		return declTargets(out, siblings, ident, "same package")
	}
	f, ok := s.files.get(from)
	if !ok {
		return nil
	}
	for _, imp := range f.Summary.Imports {
		dir, via := s.goPackageDir(from, imp.Spec)
		if dir == "" {
			continue
		}
		files := s.goPackage(dir)
		if len(files) == 0 {
			continue
		}
		local := imp.Alias
		if local == "" {
			local = files[0].Summary.Package
		}
		if local == "" {
			// no package clause from the summarizer: the go tool's default is the last element
			local = defaultPackageName(imp.Spec)
		}
		if local != qualifier {
			continue
		}
		var declaring []*File
		for _, g := range files {
			if declares(g, ident) {
				declaring = append(declaring, g)
			}
		}
		return declTargets(nil, declaring, ident, via)
	}
	return nil
}

// defaultPackageName returns the default package name of an import path: its last element, skipping a
// major-version suffix.
func defaultPackageName(spec string) string {
	segs := strings.Split(spec, "/")
	last := segs[len(segs)-1]
	if len(segs) > 1 && isMajorVersion(last) {
		last = segs[len(segs)-2]
	}
	return strings.ReplaceAll(last, "-", "")
}
