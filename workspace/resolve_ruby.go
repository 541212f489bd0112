package workspace

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// resolveRubyImport resolves require_relative against the requiring file, require against the
// load path a Bundler/Rails project sets up (each enclosing Ruby project's lib/ and root, the
// workspace folder's lib/), and an autoloaded constant through resolveRubyName.
func (s *Snapshot) resolveRubyImport(from string, imp Import) []Target {
	switch imp.Kind {
	case ImportAutoload:
		return s.resolveRubyName(from, imp.Spec)
	case ImportRelative:
		return s.rubyFile(nil, absJoin(filepath.Dir(from), imp.Spec), "require_relative")
	}
	if strings.HasPrefix(imp.Spec, "./") || strings.HasPrefix(imp.Spec, "../") {
		return s.rubyFile(nil, absJoin(filepath.Dir(from), imp.Spec), "require (relative)")
	}
	var out []Target
	for _, dir := range s.rubyLoadPath(from) {
		out = s.rubyFile(out, filepath.Join(dir, filepath.FromSlash(imp.Spec)), "load path "+dir)
	}
	return out
}

func (s *Snapshot) rubyFile(out []Target, p, via string) []Target {
	if !strings.HasSuffix(p, ".rb") {
		p += ".rb"
	}
	if s.has(p) {
		out = appendTarget(out, Target{Path: p, Kind: TargetModule, Via: via})
	}
	return out
}

func (s *Snapshot) rubyLoadPath(from string) []string {
	var dirs []string
	for _, root := range s.rubyRoots(from) {
		dirs = append(dirs, filepath.Join(root, "lib"), root)
	}
	if f := s.folderOf(from); f != "" && !slices.Contains(dirs, f) {
		dirs = append(dirs, filepath.Join(f, "lib"), f)
	}
	return dirs
}

// rubyRoots are the enclosing Ruby projects' roots, nearest first.
func (s *Snapshot) rubyRoots(from string) []string {
	var roots []string
	for dir := filepath.Dir(from); ; dir = filepath.Dir(dir) {
		if p, ok := s.projects[dir]; ok && p.Has(corpus.Ruby) {
			roots = append(roots, dir)
		}
		if dir == filepath.Dir(dir) {
			return roots
		}
	}
}

// resolveRubyName resolves a constant as Ruby and Zeitwerk would: lexically from the file's module
// nesting outwards ("Client" written inside module Workos tries Workos::Client, then Client), each
// candidate first among declarations (constants set in config/initializers, classes declared
// anywhere), then by Zeitwerk's file convention under every autoload root (app/*, app/*/concerns,
// lib): Workos::Client ↔ app/services/workos/client.rb.
func (s *Snapshot) resolveRubyName(from, name string) []Target {
	var candidates []string
	if abs, ok := strings.CutPrefix(name, "::"); ok {
		candidates = []string{abs}
	} else {
		if f, ok := s.files.get(from); ok && f.Summary.Package != "" {
			nesting := strings.Split(f.Summary.Package, "::")
			for i := len(nesting); i > 0; i-- {
				candidates = append(candidates, strings.Join(nesting[:i], "::")+"::"+name)
			}
		}
		candidates = append(candidates, name)
	}
	roots := s.zeitwerkRoots(from)
	for _, c := range candidates {
		ns, last := splitLast(c, "::")
		out := declTargets(nil, s.Declaring(corpus.Ruby, ns, last), last, "declaration")
		segs := strings.Split(c, "::")
		for _, root := range roots {
			for _, inflect := range []func(string) string{underscore, strings.ToLower} {
				parts := make([]string, len(segs))
				for i, seg := range segs {
					parts[i] = inflect(seg)
				}
				p := filepath.Join(root, filepath.Join(parts...)+".rb")
				if s.has(p) {
					out = appendTarget(out, Target{Path: p, Kind: TargetDecl, Name: last, Via: "zeitwerk " + root})
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// zeitwerkRoots are the autoload roots of the Ruby projects enclosing from: every directory
// directly under app/ (and their concerns/), and lib/.
func (s *Snapshot) zeitwerkRoots(from string) []string {
	var roots []string
	for _, project := range s.rubyRoots(from) {
		app := filepath.Join(project, "app") + string(filepath.Separator)
		found := map[string]bool{}
		s.dirs.m.each(func(dir string, _ []string) bool {
			if rest, ok := strings.CutPrefix(dir, app); ok {
				first, _, _ := strings.Cut(rest, string(filepath.Separator))
				found[filepath.Join(app, first)] = true
				if concerns := filepath.Join(app, first, "concerns"); under(dir, concerns) {
					found[concerns] = true
				}
			}
			return true
		})
		sorted := make([]string, 0, len(found))
		for r := range found {
			sorted = append(sorted, r)
		}
		slices.Sort(sorted)
		roots = append(append(roots, sorted...), filepath.Join(project, "lib"))
	}
	return roots
}

// underscore is ActiveSupport's String#underscore for one constant name: "WorkOSClient" →
// "work_os_client", "HTTPClient" → "http_client".
func underscore(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
