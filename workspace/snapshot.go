package workspace

import (
	"iter"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Snapshot is an immutable view of the workspace. Any number of goroutines may read one; a change
// makes a new Snapshot that shares every unchanged record with this one.
type Snapshot struct {
	folders   []string
	files     pmap[*File]
	dirs      multiIndex // directory → paths of its source files
	keys      multiIndex // import key → paths of the files with an import of that key
	decls     multiIndex // declKey(lang, namespace) → paths of the files declaring in it
	manifests pmap[*Manifest]
	projects  map[string]*Project // root → project, rebuilt when a manifest changes
	scanning  int                 // folders whose scan has not finished
	cache     *snapshotCache      // derived answers, computed on first use
}

// snapshotCache holds answers derived from an immutable snapshot, so they never go stale: each
// snapshot has its own.
type snapshotCache struct {
	// tsconfig maps a directory to its effective tsconfig options. They depend on the manifests
	// and folders only, so a snapshot that changes neither shares its parent's map.
	tsconfig *sync.Map
	// reachesSDK maps a path to importsSDKFile's answer; any change of a file can change it, so
	// it is never shared.
	reachesSDK *sync.Map
}

type tsconfigResult struct {
	opts tsOptions
	ok   bool
}

// Folders are the workspace folders, explicit or derived from an open file.
func (s *Snapshot) Folders() []string { return slices.Clone(s.folders) }

// Scanning tells whether a background scan is still running: answers may then miss files.
func (s *Snapshot) Scanning() bool { return s.scanning > 0 }

// Len is the number of source files known.
func (s *Snapshot) Len() int { return s.files.len() }

// File returns the record of a source file.
func (s *Snapshot) File(path string) (*File, bool) { return s.files.get(filepath.Clean(path)) }

// Files yields every source file in no particular order.
func (s *Snapshot) Files() iter.Seq[*File] {
	return func(yield func(*File) bool) {
		s.files.each(func(_ string, f *File) bool { return yield(f) })
	}
}

// FilesIn returns the source files directly in a directory, sorted by path.
func (s *Snapshot) FilesIn(dir string) []*File {
	var out []*File
	for _, p := range s.dirs.get(filepath.Clean(dir)) {
		if f, ok := s.files.get(p); ok {
			out = append(out, f)
		}
	}
	return out
}

// Manifest returns a parsed manifest or configuration file.
func (s *Snapshot) Manifest(path string) (*Manifest, bool) {
	return s.manifests.get(filepath.Clean(path))
}

// Project returns the project rooted at a directory.
func (s *Snapshot) Project(root string) (*Project, bool) {
	p, ok := s.projects[filepath.Clean(root)]
	return p, ok
}

// Projects returns every project, sorted by root.
func (s *Snapshot) Projects() []*Project {
	out := make([]*Project, 0, len(s.projects))
	for _, p := range s.projects {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Project) int { return strings.Compare(a.Root, b.Root) })
	return out
}

// ProjectOf returns the project a file belongs to: the nearest enclosing project with a manifest
// of the file's language (a Python script inside a folder with only a package.json belongs to the
// pyproject.toml above), else the nearest enclosing project of any language.
func (s *Snapshot) ProjectOf(path string) (*Project, bool) {
	path = filepath.Clean(path)
	lang := languageOfPath(path)
	var nearest *Project
	for dir := path; ; dir = filepath.Dir(dir) {
		if p, ok := s.projects[dir]; ok {
			if lang == "" || p.Has(lang) {
				return p, true
			}
			if nearest == nil {
				nearest = p
			}
		}
		if dir == filepath.Dir(dir) {
			break
		}
	}
	return nearest, nearest != nil
}

// projectWith returns the nearest enclosing project of path that has a manifest of kind.
func (s *Snapshot) projectWith(path string, kind ManifestKind) (*Project, *Manifest) {
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if p, ok := s.projects[dir]; ok {
			if m := p.manifestOf(kind); m != nil {
				return p, m
			}
		}
		if dir == filepath.Dir(dir) {
			return nil, nil
		}
	}
}

// DependsOnSDK tells whether a file should be analysed for WorkOS calls: the file imports the SDK
// of its language, or its project or an enclosing one (a monorepo root, a go.work, a Gradle root)
// depends on it, or it imports (through at most sdkImportDepth files of the workspace) a file that
// imports the SDK: a folder with no manifest, whose views import the client from clients.py.
func (s *Snapshot) DependsOnSDK(path string) bool {
	path = filepath.Clean(path)
	if f, ok := s.files.get(path); ok && f.Summary.ImportsSDK {
		return true
	}
	lang := languageOfPath(path)
	p, _ := s.ProjectOf(path)
	for p != nil {
		if p.DependsOn(lang) {
			return true
		}
		p = s.projects[p.Parent]
	}
	return s.importsSDKFile(path)
}

// sdkImportDepth and sdkImportFiles bound the search of importsSDKFile: real apps reach their
// client module in one or two imports.
const (
	sdkImportDepth = 4
	sdkImportFiles = 256
)

// importsSDKFile reports whether a file of the workspace that imports the SDK is reachable from
// path through its imports. The answers are kept per snapshot, since whole-workspace questions ask
// for every file.
func (s *Snapshot) importsSDKFile(path string) bool {
	if s.cache != nil && s.cache.reachesSDK != nil {
		if v, ok := s.cache.reachesSDK.Load(path); ok {
			return v.(bool)
		}
	}
	found := false
	seen := map[string]bool{path: true}
	level := []string{path}
	for depth := 0; depth < sdkImportDepth && len(level) > 0 && !found; depth++ {
		var next []string
		for _, from := range level {
			f, ok := s.files.get(from)
			if !ok {
				continue
			}
			for _, imp := range f.Summary.Imports {
				for _, t := range s.resolveImport(from, imp) {
					if seen[t.Path] || len(seen) >= sdkImportFiles {
						continue
					}
					seen[t.Path] = true
					if g, ok := s.files.get(t.Path); ok && g.Summary.ImportsSDK {
						found = true
					}
					next = append(next, t.Path)
				}
			}
		}
		level = next
	}
	if s.cache != nil && s.cache.reachesSDK != nil {
		s.cache.reachesSDK.Store(path, found)
	}
	return found
}

// Declaring returns the files of a language that declare name in a namespace (Java package, C#
// namespace, PHP namespace, Ruby module nesting; "" for the top level), sorted by path.
func (s *Snapshot) Declaring(lang corpus.Language, namespace, name string) []*File {
	var out []*File
	for _, p := range s.decls.get(declKey(lang, namespace)) {
		f, ok := s.files.get(p)
		if !ok {
			continue
		}
		for _, d := range f.Summary.Decls {
			if d.Name == name && declNamespace(f, d) == namespace {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// InNamespace returns the files of a language that declare anything in a namespace.
func (s *Snapshot) InNamespace(lang corpus.Language, namespace string) []*File {
	var out []*File
	for _, p := range s.decls.get(declKey(lang, namespace)) {
		if f, ok := s.files.get(p); ok {
			out = append(out, f)
		}
	}
	return out
}

func declKey(lang corpus.Language, namespace string) string {
	return string(lang) + "\x00" + namespace
}

func declNamespace(f *File, d Decl) string {
	if d.Namespace != "" {
		return d.Namespace
	}
	return f.Summary.Package
}

// indexedNamespaces are the namespaces a file declares in, for the languages whose names are
// looked up by namespace rather than by path.
func indexedNamespaces(f *File) []string {
	switch f.Lang {
	case corpus.Java, corpus.DotNet, corpus.PHP, corpus.Ruby:
	default:
		return nil
	}
	var out []string
	if f.Summary.Package != "" || f.Lang == corpus.Ruby {
		out = append(out, f.Summary.Package)
	}
	for _, d := range f.Summary.Decls {
		if ns := declNamespace(f, d); !slices.Contains(out, ns) {
			out = append(out, ns)
		}
	}
	return out
}

// --- import keys ----------------------------------------------------------------------------
//
// Dependants are found in two steps. Each import is indexed under a key, the normalised last name
// it mentions ("@/lib/workos" → "workos", "from ..auth import client" → "auth" and "client",
// "github.com/acme/app/auth" → "auth"); each file has the keys it can be imported by (its stem, its
// directory for index/__init__ files and packages, the aliases tsconfig or package.json give it).
// The files whose imports share a key with the changed file are then confirmed by resolving those
// imports against the snapshot. Keys make the search cheap; resolution makes it exact, and stays
// exact when files are created or deleted, since nothing resolved is cached.

// normKey lowercases and drops separators, so "WorkOS", "work_os" and "workos" meet.
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || r == '.':
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var jsExtensions = []string{".d.ts", ".d.mts", ".d.cts", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"}

func stripJSExt(name string) string {
	for _, ext := range jsExtensions {
		if strings.HasSuffix(name, ext) {
			return strings.TrimSuffix(name, ext)
		}
	}
	return name
}

// importKeys are the keys an import is indexed under.
func importKeys(lang corpus.Language, from string, imp Import) []string {
	var names []string
	spec := imp.Spec
	switch lang {
	case corpus.JS:
		spec, _, _ = strings.Cut(spec, "?")
		if strings.HasPrefix(spec, ".") {
			spec = filepath.ToSlash(filepath.Join(filepath.Dir(from), spec))
		}
		names = append(names, stripJSExt(path.Base(strings.TrimSuffix(spec, "/"))))
	case corpus.Python:
		rest := strings.TrimLeft(spec, ".")
		if level := len(spec) - len(rest); level > 0 && rest == "" {
			dir := filepath.Dir(from)
			for range level - 1 {
				dir = filepath.Dir(dir)
			}
			names = append(names, filepath.Base(dir))
		} else if rest != "" {
			names = append(names, rest[strings.LastIndexByte(rest, '.')+1:])
		}
		names = append(names, imp.Names...)
	case corpus.Go:
		segs := strings.Split(spec, "/")
		last := segs[len(segs)-1]
		names = append(names, last)
		if len(segs) > 1 && isMajorVersion(last) {
			names = append(names, segs[len(segs)-2])
		}
	case corpus.Java, corpus.DotNet:
		segs := strings.Split(spec, ".")
		for i := max(0, len(segs)-2); i < len(segs); i++ {
			if segs[i] != "*" {
				names = append(names, segs[i])
			}
		}
	case corpus.PHP:
		names = append(names, spec[strings.LastIndexByte(spec, '\\')+1:])
	case corpus.Ruby:
		if imp.Kind == ImportAutoload {
			names = append(names, spec[strings.LastIndex(spec, "::")+1:])
		} else {
			names = append(names, strings.TrimSuffix(path.Base(spec), ".rb"))
		}
	}
	keys := make([]string, 0, len(names))
	for _, n := range names {
		if k := normKey(n); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

func isMajorVersion(seg string) bool {
	if len(seg) < 2 || seg[0] != 'v' {
		return false
	}
	for _, r := range seg[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// indexImportKeys computes the keys of each of a file's imports and their deduplicated union.
func indexImportKeys(f *File) {
	f.importKeys = make([][]string, len(f.Summary.Imports))
	f.keys = nil
	for i, imp := range f.Summary.Imports {
		f.importKeys[i] = importKeys(f.Lang, f.Path, imp)
		for _, k := range f.importKeys[i] {
			if !slices.Contains(f.keys, k) {
				f.keys = append(f.keys, k)
			}
		}
	}
}

// targetKeys are the keys under which other files' imports may name f.
func (s *Snapshot) targetKeys(f *File) []string {
	base := filepath.Base(f.Path)
	dir := filepath.Base(filepath.Dir(f.Path))
	names := []string{strings.TrimSuffix(base, filepath.Ext(base))}
	switch f.Lang {
	case corpus.JS:
		names[0] = stripJSExt(base)
		if names[0] == "index" {
			names = append(names, dir)
		}
		names = append(names, s.jsAliasNames(f.Path)...)
	case corpus.Python:
		if names[0] == "__init__" {
			names = append(names, dir)
		}
	case corpus.Go, corpus.Java:
		names = append(names, dir)
	case corpus.DotNet:
		for _, ns := range indexedNamespaces(f) {
			names = append(names, ns[strings.LastIndexByte(ns, '.')+1:])
		}
	}
	var keys []string
	for _, n := range names {
		if k := normKey(n); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// Dependants returns the files that import path directly (the reverse import graph) or, in Go,
// Java, C# and PHP, share its package or namespace and so see its declarations without an import.
// Sorted, without path itself. A caller that caches resolutions through re-exports follows the
// chain by asking again for each dependant whose summary re-exports.
func (s *Snapshot) Dependants(path string) []string {
	path = filepath.Clean(path)
	f, ok := s.files.get(path)
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{path: true}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if f.Lang == corpus.Go {
		// the package's test files see a non-test file too, which PackageFiles leaves out
		for _, g := range s.FilesIn(filepath.Dir(path)) {
			if g.Lang == corpus.Go && g.Summary.Package == f.Summary.Package {
				add(g.Path)
			}
		}
	} else {
		for _, sib := range s.PackageFiles(path) {
			add(sib.Path)
		}
	}
	keys := s.targetKeys(f)
	for _, k := range keys {
		for _, cand := range s.keys.get(k) {
			if seen[cand] {
				continue
			}
			if c, ok := s.files.get(cand); ok && s.importsFile(c, path, keys) {
				add(cand)
			}
		}
	}
	if f.Lang == corpus.DotNet {
		s.addGlobalUsingDependants(f, add)
	}
	slices.Sort(out)
	return out
}

// importsFile tells whether one of c's imports with one of keys resolves to target.
func (s *Snapshot) importsFile(c *File, target string, keys []string) bool {
	for i, imp := range c.Summary.Imports {
		if !slices.ContainsFunc(c.importKeys[i], func(k string) bool { return slices.Contains(keys, k) }) {
			continue
		}
		for _, t := range s.resolveImport(c.Path, imp) {
			if t.Path == target {
				return true
			}
		}
	}
	return false
}

// addGlobalUsingDependants: a C# `global using A.B;` anywhere in a project brings A.B into every
// file of it, so a change to a file declaring in A.B concerns every file of that project.
func (s *Snapshot) addGlobalUsingDependants(f *File, add func(string)) {
	namespaces := indexedNamespaces(f)
	proj, _ := s.ProjectOf(f.Path)
	for other := range s.Files() {
		if other.Lang != corpus.DotNet {
			continue
		}
		for _, imp := range other.Summary.Imports {
			if imp.Kind == ImportGlobal && slices.Contains(namespaces, imp.Spec) {
				for g := range s.Files() {
					if p, _ := s.ProjectOf(g.Path); g.Lang == corpus.DotNet && p == proj {
						add(g.Path)
					}
				}
				return
			}
		}
	}
}

// under tells whether path is dir or inside it.
// Under reports whether path is dir or inside it (paths clean and absolute).
func Under(path, dir string) bool { return under(path, dir) }

func under(path, dir string) bool {
	if path == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}
