package workspace

import (
	"bytes"
	"encoding/json"
	"path"
	"path/filepath"
	"strings"

	"github.com/tailscale/hujson"
)

// --- tsconfig -------------------------------------------------------------------------------

// tsconfigLink is one file of a tsconfig extends chain with the options import resolution needs.
type tsconfigLink struct {
	Path       string
	HasBaseURL bool
	BaseURL    string              // absolute
	Paths      map[string][]string // nil when the file sets no paths
	PathsBase  string              // where Paths' substitutions are relative to: baseUrl, else this file's dir
	References []string            // absolute paths of referenced tsconfig files
	Err        error
}

type tsconfigJSON struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		BaseURL *string             `json:"baseUrl"`
		Paths   map[string][]string `json:"paths"`
	} `json:"compilerOptions"`
	References []struct {
		Path string `json:"path"`
	} `json:"references"`
}

// parseTSConfig reads one tsconfig file. tsc accepts comments and trailing commas, and so does
// hujson (JWCC), which turns the text into standard JSON first.
func parseTSConfig(p string, data []byte) (tsconfigLink, []string) {
	link := tsconfigLink{Path: p}
	std, err := hujson.Standardize(bytes.Clone(data))
	var raw tsconfigJSON
	if err == nil {
		err = json.Unmarshal(std, &raw)
	}
	if err != nil {
		link.Err = err
		return link, nil
	}
	dir := filepath.Dir(p)
	link.PathsBase = dir
	if b := raw.CompilerOptions.BaseURL; b != nil {
		link.HasBaseURL, link.BaseURL = true, absJoin(dir, *b)
		link.PathsBase = link.BaseURL
	}
	link.Paths = raw.CompilerOptions.Paths
	for _, r := range raw.References {
		ref := absJoin(dir, r.Path)
		if !strings.HasSuffix(ref, ".json") {
			ref = filepath.Join(ref, "tsconfig.json")
		}
		link.References = append(link.References, ref)
	}
	var extends []string
	var one string
	if json.Unmarshal(raw.Extends, &one) == nil && one != "" {
		extends = []string{one}
	} else {
		_ = json.Unmarshal(raw.Extends, &extends)
	}
	return link, extends
}

// loadTSConfigChain parses a tsconfig and the files it extends, in priority order: the file itself
// first, then its bases, the last of an extends array before the earlier ones (TypeScript 5 merges
// them in order). Bases outside the workspace (a package in node_modules) are read here, once.
func loadTSConfigChain(p string, data []byte, fsys FS) ([]tsconfigLink, error) {
	var chain []tsconfigLink
	seen := map[string]bool{}
	var visit func(p string, data []byte)
	visit = func(p string, data []byte) {
		if seen[p] || len(chain) > 16 {
			return
		}
		seen[p] = true
		link, extends := parseTSConfig(p, data)
		chain = append(chain, link)
		for i := len(extends) - 1; i >= 0; i-- {
			base := resolveTSConfigExtends(filepath.Dir(p), extends[i], fsys)
			if base == "" {
				continue
			}
			if b, err := fsys.ReadFile(base); err == nil {
				visit(base, b)
			}
		}
	}
	visit(p, data)
	return chain, chain[0].Err
}

func resolveTSConfigExtends(dir, spec string, fsys FS) string {
	var candidates []string
	if strings.HasPrefix(spec, ".") || filepath.IsAbs(spec) {
		base := absJoin(dir, spec)
		candidates = []string{base, base + ".json", filepath.Join(base, "tsconfig.json")}
	} else {
		for d := dir; ; d = filepath.Dir(d) {
			base := filepath.Join(d, "node_modules", filepath.FromSlash(spec))
			candidates = append(candidates, base, base+".json", filepath.Join(base, "tsconfig.json"))
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	for _, c := range candidates {
		if fi, err := fsys.Stat(c); err == nil && fi.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// tsOptions are the effective baseUrl and paths for a file.
type tsOptions struct {
	hasBaseURL bool
	baseURL    string
	paths      map[string][]string
	pathsBase  string
}

// tsconfigFor finds the tsconfig.json or jsconfig.json nearest to a file and merges its chain.
// A solution-style tsconfig (Vite, Angular: `files: []` and references) usually keeps paths in a
// referenced tsconfig.app.json: when the nearest one sets none, the referenced ones are asked.
func (s *Snapshot) tsconfigFor(from string) (tsOptions, bool) {
	var visited []string
	remember := func(r tsconfigResult) (tsOptions, bool) {
		for _, d := range visited {
			s.cache.tsconfig.Store(d, r)
		}
		return r.opts, r.ok
	}
	for dir := filepath.Dir(from); ; dir = filepath.Dir(dir) {
		if r, ok := s.cache.tsconfig.Load(dir); ok {
			return remember(r.(tsconfigResult))
		}
		visited = append(visited, dir)
		for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
			if m, ok := s.manifests.get(dir + string(filepath.Separator) + name); ok && len(m.ts) > 0 {
				return remember(tsconfigResult{opts: s.effectiveTSConfig(m), ok: true})
			}
		}
		if dir == filepath.Dir(dir) || s.isFolder(dir) {
			return remember(tsconfigResult{})
		}
	}
}

func (s *Snapshot) effectiveTSConfig(m *Manifest) tsOptions {
	opts := s.mergeTSConfig(m.ts)
	if opts.paths == nil {
		for _, ref := range m.ts[0].References {
			if rm, ok := s.manifests.get(ref); ok && len(rm.ts) > 0 {
				if r := s.mergeTSConfig(rm.ts); r.paths != nil {
					opts.paths, opts.pathsBase = r.paths, r.pathsBase
					if !opts.hasBaseURL {
						opts.hasBaseURL, opts.baseURL = r.hasBaseURL, r.baseURL
					}
					break
				}
			}
		}
	}
	return opts
}

func (s *Snapshot) isFolder(dir string) bool {
	for _, f := range s.folders {
		if f == dir {
			return true
		}
	}
	return false
}

// mergeTSConfig takes baseUrl and paths from the first link that sets them. A base inside the
// workspace is read from this snapshot, so editing tsconfig.base.json takes effect at once.
func (s *Snapshot) mergeTSConfig(chain []tsconfigLink) tsOptions {
	var o tsOptions
	havePaths := false
	for i, link := range chain {
		if i > 0 {
			if m, ok := s.manifests.get(link.Path); ok && len(m.ts) > 0 {
				link = m.ts[0]
			}
		}
		if !o.hasBaseURL && link.HasBaseURL {
			o.hasBaseURL, o.baseURL = true, link.BaseURL
		}
		if !havePaths && link.Paths != nil {
			havePaths, o.paths, o.pathsBase = true, link.Paths, link.PathsBase
		}
	}
	if havePaths && o.hasBaseURL {
		// paths are relative to the effective baseUrl, wherever it was set
		o.pathsBase = o.baseURL
	}
	return o
}

// matchPattern returns the text a tsconfig paths or package.json imports/exports pattern captures
// for spec, preferring an exact key, then the wildcard key with the longest prefix (tsc's and
// Node's rule).
func matchPattern[V any](patterns map[string]V, spec string) (key, captured string, ok bool) {
	if _, exact := patterns[spec]; exact && !strings.Contains(spec, "*") {
		return spec, "", true
	}
	best := -1
	for k := range patterns {
		prefix, suffix, wild := strings.Cut(k, "*")
		if !wild || !strings.HasPrefix(spec, prefix) || !strings.HasSuffix(spec, suffix) || len(spec) < len(prefix)+len(suffix) {
			continue
		}
		if len(prefix) > best || (len(prefix) == best && k < key) {
			best, key = len(prefix), k
			captured = spec[len(prefix) : len(spec)-len(suffix)]
		}
	}
	return key, captured, best >= 0
}

// --- resolution -----------------------------------------------------------------------------

// resolveJS resolves a JS/TS module specifier as TypeScript's bundler/node16 resolution would for
// files of this workspace.
func (s *Snapshot) resolveJS(from, spec string) []Target {
	spec, _, _ = strings.Cut(spec, "?")
	if spec == "" {
		return nil
	}
	if spec == "." || spec == ".." || strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || strings.HasPrefix(spec, "/") {
		p := absJoin(filepath.Dir(from), spec)
		if strings.HasPrefix(spec, "/") {
			p = filepath.Clean(filepath.FromSlash(spec))
		}
		return s.jsTarget(p, "relative")
	}
	if strings.HasPrefix(spec, "#") {
		if _, m := s.projectWith(from, PackageJSON); m != nil && m.pkg != nil {
			return s.jsConditional(m.pkg.Imports, spec, m.Root, "package.json imports")
		}
		return nil
	}
	if opts, ok := s.tsconfigFor(from); ok {
		if key, captured, ok := matchPattern(opts.paths, spec); ok {
			for _, sub := range opts.paths[key] {
				p := absJoin(opts.pathsBase, strings.Replace(sub, "*", captured, 1))
				if ts := s.jsTarget(p, "tsconfig paths"); ts != nil {
					return ts
				}
			}
		}
		if opts.hasBaseURL {
			if ts := s.jsTarget(absJoin(opts.baseURL, spec), "tsconfig baseUrl"); ts != nil {
				return ts
			}
		}
	}
	return s.resolveWorkspacePackage(spec)
}

func (s *Snapshot) jsTarget(p, via string) []Target {
	if f, ok := s.jsFile(p); ok {
		return []Target{{Path: f, Kind: TargetModule, Via: via}}
	}
	return nil
}

// jsFile finds the source file a module path names: the file itself, a .ts source for a .js
// specifier (TypeScript's rule for ESM imports), the path with each extension, or a directory's
// package.json entry or index file.
func (s *Snapshot) jsFile(p string) (string, bool) {
	ext := filepath.Ext(p)
	switch ext {
	case ".ts", ".tsx", ".mts", ".cts":
		if s.has(p) {
			return p, true
		}
	case ".js", ".jsx", ".mjs", ".cjs":
		if s.has(p) {
			return p, true
		}
		stem := strings.TrimSuffix(p, ext)
		sources := map[string][]string{
			".js": {".ts", ".tsx", ".d.ts"}, ".jsx": {".tsx"}, ".mjs": {".mts", ".d.mts"}, ".cjs": {".cts", ".d.cts"},
		}[ext]
		for _, e := range sources {
			if s.has(stem + e) {
				return stem + e, true
			}
		}
	}
	for _, e := range []string{".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"} {
		if s.has(p + e) {
			return p + e, true
		}
	}
	if m, ok := s.manifests.get(filepath.Join(p, "package.json")); ok && m.pkg != nil {
		if ts := s.packageEntry(m, "."); ts != nil {
			return ts[0].Path, true
		}
	}
	for _, e := range []string{".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs"} {
		if idx := filepath.Join(p, "index"+e); s.has(idx) {
			return idx, true
		}
	}
	return "", false
}

// resolveWorkspacePackage resolves a bare specifier naming a package of this workspace (a
// monorepo's packages/auth whose package.json says "name": "@acme/auth").
func (s *Snapshot) resolveWorkspacePackage(spec string) []Target {
	name, sub := splitPackageSpec(spec)
	var out []Target
	s.manifests.each(func(_ string, m *Manifest) bool {
		if m.Kind != PackageJSON || m.pkg == nil || m.pkg.Name != name {
			return true
		}
		if ts := s.packageEntry(m, sub); ts != nil {
			out = ts
			return false
		}
		return true
	})
	return out
}

// splitPackageSpec splits "@acme/auth/client" into "@acme/auth" and "./client".
func splitPackageSpec(spec string) (name, sub string) {
	parts := strings.SplitN(spec, "/", 3)
	n := 1
	if strings.HasPrefix(spec, "@") {
		n = 2
	}
	if len(parts) <= n {
		return spec, "."
	}
	return strings.Join(parts[:n], "/"), "./" + strings.Join(parts[n:], "/")
}

// packageEntry resolves a subpath ("." or "./client") of a workspace package: its exports, else
// main/module/types and index files for ".", else the path inside the package.
func (s *Snapshot) packageEntry(m *Manifest, sub string) []Target {
	via := "workspace package " + m.pkg.Name
	if len(m.pkg.Exports) > 0 && string(m.pkg.Exports) != "null" {
		return s.jsConditional(exportsMap(m.pkg.Exports), sub, m.Root, via)
	}
	if sub != "." {
		return s.jsSourceTarget(m.Root, sub, via)
	}
	for _, entry := range []string{m.pkg.Types, m.pkg.Typings, m.pkg.Module, m.pkg.Main} {
		if entry == "" {
			continue
		}
		if ts := s.jsSourceTarget(m.Root, entry, via); ts != nil {
			return ts
		}
	}
	return s.jsTarget(filepath.Join(m.Root, "index"), via)
}

// exportsMap normalises package.json exports: a string or a conditions object is the "." entry.
func exportsMap(raw json.RawMessage) json.RawMessage {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		for k := range obj {
			if strings.HasPrefix(k, ".") {
				return raw
			}
		}
	}
	wrapped, _ := json.Marshal(map[string]json.RawMessage{".": raw})
	return wrapped
}

// jsConditional resolves spec through an exports or imports map: the matching key, then each
// target string it leads to (arrays and condition objects in their order) until one names a file.
func (s *Snapshot) jsConditional(raw json.RawMessage, spec, root, via string) []Target {
	var patterns map[string]json.RawMessage
	if json.Unmarshal(raw, &patterns) != nil {
		return nil
	}
	key, captured, ok := matchPattern(patterns, spec)
	if !ok {
		return nil
	}
	for _, t := range conditionTargets(patterns[key], nil) {
		t = strings.ReplaceAll(t, "*", captured)
		if strings.HasPrefix(t, "./") {
			if ts := s.jsSourceTarget(root, t, via); ts != nil {
				return ts
			}
		} else if !strings.HasPrefix(t, "#") {
			// an imports entry may name another package ("#workos": "@acme/auth")
			if ts := s.resolveWorkspacePackage(t); ts != nil {
				return ts
			}
		}
	}
	return nil
}

func conditionTargets(raw json.RawMessage, out []string) []string {
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return append(out, str)
	}
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) == nil {
		for _, a := range arr {
			out = conditionTargets(a, out)
		}
		return out
	}
	// Conditions in the object's order: encoding/json maps lose it, so walk the tokens.
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return out
	}
	for dec.More() {
		if _, err := dec.Token(); err != nil {
			return out
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return out
		}
		out = conditionTargets(v, out)
	}
	return out
}

// jsSourceTarget resolves a path inside a package, and when it names build output that the scan
// skips (dist/index.js), the source it was built from (src/index.ts).
func (s *Snapshot) jsSourceTarget(root, rel, via string) []Target {
	if ts := s.jsTarget(absJoin(root, rel), via); ts != nil {
		return ts
	}
	clean := path.Clean(strings.TrimPrefix(filepath.ToSlash(rel), "./"))
	for _, out := range []string{"dist/", "lib/", "build/", "out/", "esm/", "cjs/"} {
		if rest, ok := strings.CutPrefix(clean, out); ok {
			rest = strings.TrimSuffix(rest, ".d.ts")
			if ts := s.jsTarget(absJoin(root, "src/"+rest), via+" (source of "+clean+")"); ts != nil {
				return ts
			}
		}
	}
	return nil
}

// jsAliasNames are the names under which imports other than by path may name file p: the package
// name of a workspace package whose entry it is, an exports/imports key or a tsconfig paths key
// that leads to it. They make Dependants find `import { workos } from '@acme/auth'`.
func (s *Snapshot) jsAliasNames(p string) []string {
	var names []string
	lastSeg := func(k string) string {
		k = strings.TrimSuffix(strings.TrimSuffix(k, "/*"), "*")
		return k[strings.LastIndexByte(k, '/')+1:]
	}
	leadsHere := func(ts []Target) bool { return len(ts) > 0 && ts[0].Path == p }
	s.manifests.each(func(_ string, m *Manifest) bool {
		switch {
		case m.Kind == PackageJSON && m.pkg != nil:
			if !under(p, m.Root) {
				return true
			}
			if m.pkg.Name != "" {
				if leadsHere(s.packageEntry(m, ".")) {
					names = append(names, lastSeg(m.pkg.Name))
				}
				var exports map[string]json.RawMessage
				if len(m.pkg.Exports) > 0 && json.Unmarshal(exportsMap(m.pkg.Exports), &exports) == nil {
					for k := range exports {
						if k != "." && !strings.Contains(k, "*") && leadsHere(s.packageEntry(m, k)) {
							names = append(names, lastSeg(k))
						}
					}
				}
			}
			var imports map[string]json.RawMessage
			if json.Unmarshal(m.pkg.Imports, &imports) == nil {
				for k := range imports {
					if !strings.Contains(k, "*") && leadsHere(s.jsConditional(m.pkg.Imports, k, m.Root, "")) {
						names = append(names, lastSeg(k))
					}
				}
			}
		case m.Kind == TSConfig && len(m.ts) > 0:
			link := m.ts[0]
			for k, subs := range link.Paths {
				if strings.Contains(k, "*") {
					continue
				}
				for _, sub := range subs {
					if f, ok := s.jsFile(absJoin(link.PathsBase, sub)); ok && f == p {
						names = append(names, lastSeg(k))
					}
				}
			}
		}
		return true
	})
	return names
}
