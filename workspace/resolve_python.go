package workspace

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// resolvePython resolves `import a.b`, `from a.b import c`, `from . import x` and
// `from ..auth import client`. For each imported name it returns both readings Python allows:
// the submodule a/b/c.py (TargetModule, Name c) and the attribute c of a/b.py or
// a/b/__init__.py (TargetAttribute); the caller keeps whichever its summaries can use.
func (s *Snapshot) resolvePython(from string, imp Import) []Target {
	rest := strings.TrimLeft(imp.Spec, ".")
	level := len(imp.Spec) - len(rest)
	var parts []string
	if rest != "" {
		parts = strings.Split(rest, ".")
	}
	type base struct{ dir, via string }
	var bases []base
	if level > 0 {
		dir := filepath.Dir(from)
		for range level - 1 {
			dir = filepath.Dir(dir)
		}
		bases = []base{{dir, "relative"}}
	} else {
		for _, r := range s.pythonRoots(from) {
			bases = append(bases, base(r))
		}
	}
	var out []Target
	for _, b := range bases {
		modPath := filepath.Join(append([]string{b.dir}, parts...)...)
		module, hasModule := "", false
		if len(parts) > 0 {
			module, hasModule = s.pythonModule(modPath)
		} else if init := filepath.Join(b.dir, "__init__.py"); s.has(init) {
			module, hasModule = init, true
		}
		if len(imp.Names) == 0 {
			if hasModule {
				out = appendTarget(out, Target{Path: module, Kind: TargetModule, Via: b.via})
			}
			continue
		}
		for _, name := range imp.Names {
			if name == "*" {
				if hasModule {
					out = appendTarget(out, Target{Path: module, Kind: TargetModule, Via: b.via})
				}
				continue
			}
			if sub, ok := s.pythonModule(filepath.Join(modPath, name)); ok {
				out = appendTarget(out, Target{Path: sub, Kind: TargetModule, Name: name, Via: b.via + ", submodule"})
			}
			if hasModule {
				out = appendTarget(out, Target{Path: module, Kind: TargetAttribute, Name: name, Via: b.via})
			}
		}
	}
	return out
}

// pythonModule finds the file of module path p: p.py, or p/__init__.py for a package.
func (s *Snapshot) pythonModule(p string) (string, bool) {
	if s.has(p + ".py") {
		return p + ".py", true
	}
	if init := filepath.Join(p, "__init__.py"); s.has(init) {
		return init, true
	}
	return "", false
}

// pythonRoots are the directories absolute imports are tried from, best first: each enclosing
// Python project's root and its src/ (the src layout), the importing script's own directory
// (Python puts it first on sys.path when it runs the script), and the workspace folder.
func (s *Snapshot) pythonRoots(from string) []struct{ dir, via string } {
	var roots []struct{ dir, via string }
	add := func(dir, via string) {
		if !slices.ContainsFunc(roots, func(r struct{ dir, via string }) bool { return r.dir == dir }) {
			roots = append(roots, struct{ dir, via string }{dir, via})
		}
	}
	for dir := filepath.Dir(from); ; dir = filepath.Dir(dir) {
		if p, ok := s.projects[dir]; ok && p.Has(corpus.Python) {
			add(dir, "project root")
			add(filepath.Join(dir, "src"), "src layout")
		}
		if dir == filepath.Dir(dir) || s.isFolder(dir) {
			break
		}
	}
	add(filepath.Dir(from), "script directory")
	if f := s.folderOf(from); f != "" {
		add(f, "workspace folder")
	}
	return roots
}
