package workspace

import (
	"path/filepath"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// phpClass resolves a fully-qualified class name (no leading backslash) to its file: PSR-4 and
// PSR-0 from the composer.json of the importing file's project and the projects enclosing it,
// then any file whose summary declares the class in that namespace (classmap autoloading, and
// projects without composer).
func (s *Snapshot) phpClass(from, fqcn string) []Target {
	var out []Target
	for dir := filepath.Dir(from); ; dir = filepath.Dir(dir) {
		if p, ok := s.projects[dir]; ok {
			if m := p.manifestOf(ComposerJSON); m != nil && m.composer != nil {
				out = s.phpAutoload(out, m.composer, fqcn)
			}
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	ns, class := splitLast(fqcn, `\`)
	return declTargets(out, s.Declaring(corpus.PHP, ns, class), class, "declaration")
}

func (s *Snapshot) phpAutoload(out []Target, a *composerAutoload, fqcn string) []Target {
	_, class := splitLast(fqcn, `\`)
	for _, pd := range a.psr4 {
		rest, ok := strings.CutPrefix(fqcn, pd.prefix)
		if !ok {
			continue
		}
		for _, dir := range pd.dirs {
			p := filepath.Join(dir, filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/"))+".php")
			if s.has(p) {
				out = appendTarget(out, Target{Path: p, Kind: TargetDecl, Name: class, Via: "psr-4 " + pd.prefix})
			}
		}
	}
	for _, pd := range a.psr0 {
		if !strings.HasPrefix(fqcn, pd.prefix) {
			continue
		}
		ns, cls := splitLast(fqcn, `\`)
		rel := strings.ReplaceAll(ns, `\`, "/")
		if rel != "" {
			rel += "/"
		}
		rel += strings.ReplaceAll(cls, "_", "/") + ".php"
		for _, dir := range pd.dirs {
			if p := filepath.Join(dir, filepath.FromSlash(rel)); s.has(p) {
				out = appendTarget(out, Target{Path: p, Kind: TargetDecl, Name: class, Via: "psr-0 " + pd.prefix})
			}
		}
	}
	return out
}

// resolvePHPName resolves a class name as written in a file: `\A\B` is fully qualified; otherwise
// the first segment is replaced by the `use` import it names (by alias or last segment), else the
// file's namespace is prepended (PHP's rules for class names).
func (s *Snapshot) resolvePHPName(from, name string) []Target {
	if fq, ok := strings.CutPrefix(name, `\`); ok {
		return s.phpClass(from, fq)
	}
	f, ok := s.files.get(from)
	if !ok {
		return nil
	}
	first, rest, _ := strings.Cut(name, `\`)
	for _, imp := range f.Summary.Imports {
		if imp.Kind != ImportStatic {
			continue
		}
		spec := strings.TrimPrefix(imp.Spec, `\`)
		local := imp.Alias
		if local == "" {
			_, local = splitLast(spec, `\`)
		}
		if strings.EqualFold(local, first) {
			if rest != "" {
				spec += `\` + rest
			}
			return s.phpClass(from, spec)
		}
	}
	if ns := f.Summary.Package; ns != "" {
		return s.phpClass(from, ns+`\`+name)
	}
	return s.phpClass(from, name)
}

// splitLast splits "A\B\C" into "A\B" and "C".
func splitLast(s, sep string) (head, last string) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):]
	}
	return "", s
}
