package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"golang.org/x/tools/txtar"
)

// --- a fake file system -----------------------------------------------------------------------

// fakeFS is an in-memory FS that counts every operation per path and fails the ones told to.
type fakeFS struct {
	mu      sync.Mutex
	nodes   map[string]*fakeNode
	fail    map[string]error // path → error for every operation on it
	reads   map[string]int   // path → operations
	modTime time.Time
}

type fakeNode struct {
	dir    bool
	data   []byte
	target string // symlink target (absolute)
}

func newFakeFS() *fakeFS {
	return &fakeFS{nodes: map[string]*fakeNode{"/": {dir: true}}, fail: map[string]error{}, reads: map[string]int{},
		modTime: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (f *fakeFS) mkdirs(p string) {
	for d := p; ; d = filepath.Dir(d) {
		if _, ok := f.nodes[d]; !ok {
			f.nodes[d] = &fakeNode{dir: true}
		}
		if d == filepath.Dir(d) {
			return
		}
	}
}

func (f *fakeFS) write(p, content string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mkdirs(filepath.Dir(p))
	f.nodes[p] = &fakeNode{data: []byte(content)}
}

func (f *fakeFS) symlink(p, target string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mkdirs(filepath.Dir(p))
	f.nodes[p] = &fakeNode{target: target}
}

func (f *fakeFS) remove(p string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := range f.nodes {
		if under(k, p) {
			delete(f.nodes, k)
		}
	}
}

// readsUnder counts the operations on paths under dir.
func (f *fakeFS) readsUnder(dir string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for p, c := range f.reads {
		if under(p, dir) {
			n += c
		}
	}
	return n
}

func (f *fakeFS) op(p string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads[p]++
	return f.fail[p]
}

// resolve follows symlinks in every component of p.
func (f *fakeFS) resolve(p string, follow bool) (string, *fakeNode, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for hops := 0; hops < 40; hops++ {
		segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
		cur := "/"
		restarted := false
		for i, seg := range segs {
			if seg == "" {
				continue
			}
			next := filepath.Join(cur, seg)
			n, ok := f.nodes[next]
			if !ok {
				return "", nil, fs.ErrNotExist
			}
			if n.target != "" && (follow || i < len(segs)-1) {
				p = filepath.Join(append([]string{n.target}, segs[i+1:]...)...)
				restarted = true
				break
			}
			cur = next
		}
		if !restarted {
			return cur, f.nodes[cur], nil
		}
	}
	return "", nil, errors.New("too many links")
}

type fakeInfo struct {
	name string
	n    *fakeNode
	mod  time.Time
}

func (i fakeInfo) Name() string { return i.name }
func (i fakeInfo) Size() int64  { return int64(len(i.n.data)) }
func (i fakeInfo) Mode() fs.FileMode {
	switch {
	case i.n.target != "":
		return fs.ModeSymlink | 0o777
	case i.n.dir:
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i fakeInfo) ModTime() time.Time { return i.mod }
func (i fakeInfo) IsDir() bool        { return i.n.dir }
func (i fakeInfo) Sys() any           { return nil }

func (f *fakeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.op(name); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	real, n, err := f.resolve(name, true)
	if err != nil || !n.dir {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fs.DirEntry
	for p, child := range f.nodes {
		if p != real && filepath.Dir(p) == real {
			out = append(out, fs.FileInfoToDirEntry(fakeInfo{name: filepath.Base(p), n: child, mod: f.modTime}))
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

func (f *fakeFS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.op(name); err != nil {
		return nil, err
	}
	_, n, err := f.resolve(name, false)
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return fakeInfo{name: filepath.Base(name), n: n, mod: f.modTime}, nil
}

func (f *fakeFS) Stat(name string) (fs.FileInfo, error) {
	if err := f.op(name); err != nil {
		return nil, err
	}
	_, n, err := f.resolve(name, true)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fakeInfo{name: filepath.Base(name), n: n, mod: f.modTime}, nil
}

func (f *fakeFS) ReadFile(name string) ([]byte, error) {
	if err := f.op(name); err != nil {
		return nil, err
	}
	_, n, err := f.resolve(name, true)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if n.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return slices.Clone(n.data), nil
}

func (f *fakeFS) Open(name string) (fs.File, error) { return nil, errors.ErrUnsupported }

func (f *fakeFS) RealPath(name string) (string, error) {
	if err := f.op(name); err != nil {
		return "", err
	}
	real, _, err := f.resolve(name, true)
	return real, err
}

// --- a summarizer for tests ---------------------------------------------------------------------

// testSummarize reads imports and top-level declarations with line patterns: enough for the
// fixtures here; the real summaries come from sdkcall.
func testSummarize(lang corpus.Language, path string, text []byte) Summary {
	var s Summary
	src := string(text)
	switch lang {
	case corpus.JS:
		for _, m := range jsImportRe.FindAllStringSubmatch(src, -1) {
			imp := Import{Spec: m[3]}
			if m[1] == "export" {
				imp.Kind = ImportReExport
			}
			imp.Names = jsNames(m[2])
			s.Imports = append(s.Imports, imp)
		}
		for _, m := range jsRequireRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: m[1]})
		}
		for _, m := range jsDeclRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1], Exported: true})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return strings.HasPrefix(i.Spec, "@workos-inc/") })
	case corpus.Python:
		for _, m := range pyFromRe.FindAllStringSubmatch(src, -1) {
			var names []string
			for _, n := range strings.Split(strings.Trim(m[2], "() "), ",") {
				n, _, _ = strings.Cut(strings.TrimSpace(n), " as ")
				names = append(names, n)
			}
			s.Imports = append(s.Imports, Import{Spec: m[1], Names: names})
		}
		for _, m := range pyImportRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: m[1], Alias: m[2]})
		}
		for _, m := range pyDeclRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1] + m[2], Exported: true})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return i.Spec == "workos" || strings.HasPrefix(i.Spec, "workos.") })
	case corpus.Go:
		if m := goPackageRe.FindStringSubmatch(src); m != nil {
			s.Package = m[1]
		}
		for _, m := range goImportRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: m[2], Alias: strings.TrimSpace(m[1])})
		}
		for _, m := range goDeclRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1], Exported: m[1][0] >= 'A' && m[1][0] <= 'Z'})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return strings.HasPrefix(i.Spec, "github.com/workos/workos-go") })
	case corpus.PHP:
		if m := phpNamespaceRe.FindStringSubmatch(src); m != nil {
			s.Package = m[1]
		}
		for _, m := range phpUseRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: m[1], Alias: m[2]})
		}
		for _, m := range classRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1], Kind: DeclType, Exported: true})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return strings.HasPrefix(i.Spec, `WorkOS\`) })
	case corpus.Ruby:
		for _, m := range rbRequireRe.FindAllStringSubmatch(src, -1) {
			imp := Import{Spec: m[2]}
			if m[1] == "require_relative" {
				imp.Kind = ImportRelative
			}
			s.Imports = append(s.Imports, imp)
		}
		var nesting []string
		for _, m := range rbModuleRe.FindAllStringSubmatch(src, -1) {
			nesting = append(nesting, m[1])
		}
		s.Package = strings.Join(nesting, "::")
		for _, m := range rbClassRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[2], Kind: DeclType, Exported: true})
		}
		for _, m := range rbConstRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1], Kind: DeclConst, Namespace: "", Exported: true})
		}
		for _, m := range rbConstRefRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: m[0], Kind: ImportAutoload})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return i.Spec == "workos" })
	case corpus.Java:
		if m := javaPackageRe.FindStringSubmatch(src); m != nil {
			s.Package = m[1]
		}
		for _, m := range javaImportRe.FindAllStringSubmatch(src, -1) {
			s.Imports = append(s.Imports, Import{Spec: strings.TrimSpace(m[1])})
		}
		for _, m := range classRe.FindAllStringSubmatch(src, -1) {
			s.Decls = append(s.Decls, Decl{Name: m[1], Kind: DeclType, Exported: true})
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return strings.HasPrefix(i.Spec, "com.workos.") })
	case corpus.DotNet:
		for _, m := range csUsingRe.FindAllStringSubmatch(src, -1) {
			imp := Import{Spec: m[3], Alias: m[2]}
			if m[1] != "" {
				imp.Kind = ImportGlobal
			}
			s.Imports = append(s.Imports, imp)
		}
		// namespaces in order; each type belongs to the last namespace above it
		ns := ""
		for _, line := range strings.Split(src, "\n") {
			if m := csNamespaceRe.FindStringSubmatch(line); m != nil {
				ns = m[1]
				if s.Package == "" {
					s.Package = ns
				}
			} else if m := classRe.FindStringSubmatch(line); m != nil {
				s.Decls = append(s.Decls, Decl{Name: m[1], Kind: DeclType, Namespace: ns, Exported: true})
			}
		}
		s.ImportsSDK = slices.ContainsFunc(s.Imports, func(i Import) bool { return i.Spec == "WorkOS" })
	}
	return s
}

var (
	jsImportRe     = regexp.MustCompile(`(?m)^\s*(import|export)\s+(?:type\s+)?([^'";]*?)\s*(?:from\s+)?['"]([^'"]+)['"]`)
	jsRequireRe    = regexp.MustCompile(`require\(\s*['"]([^'"]+)['"]\s*\)`)
	jsDeclRe       = regexp.MustCompile(`(?m)^export\s+(?:default\s+)?(?:async\s+)?(?:const|let|var|function|class)\s+(\w+)`)
	pyFromRe       = regexp.MustCompile(`(?m)^from\s+(\.*[\w.]*)\s+import\s+(.+)$`)
	pyImportRe     = regexp.MustCompile(`(?m)^import\s+([\w.]+)(?:\s+as\s+(\w+))?`)
	pyDeclRe       = regexp.MustCompile(`(?m)^(?:(\w+)\s*=|def\s+(\w+)|class\s+(\w+))`)
	goPackageRe    = regexp.MustCompile(`(?m)^package\s+(\w+)`)
	goImportRe     = regexp.MustCompile(`(?m)^\s*(?:import\s+)?(\w+\s+)??"([^"]+)"\s*$`)
	goDeclRe       = regexp.MustCompile(`(?m)^(?:func|var|const|type)\s+(\w+)`)
	phpNamespaceRe = regexp.MustCompile(`(?m)^namespace\s+([\w\\]+)\s*;`)
	phpUseRe       = regexp.MustCompile(`(?m)^use\s+\\?([\w\\]+)(?:\s+as\s+(\w+))?\s*;`)
	classRe        = regexp.MustCompile(`(?m)^\s*(?:(?:public|final|abstract|static|internal|sealed|partial|readonly)\s+)*(?:class|interface|record|enum|trait)\s+(\w+)`)
	rbRequireRe    = regexp.MustCompile(`(?m)^\s*(require|require_relative)\s*\(?\s*["']([^"']+)["']`)
	rbModuleRe     = regexp.MustCompile(`(?m)^\s*module\s+([A-Z]\w*)`)
	rbClassRe      = regexp.MustCompile(`(?m)^\s*(class|module)\s+(?:[A-Z]\w*::)*([A-Z]\w*)\s*(?:<|$)`)
	rbConstRe      = regexp.MustCompile(`(?m)^([A-Z][A-Z0-9_]*)\s*=`)
	rbConstRefRe   = regexp.MustCompile(`\b[A-Z]\w*(?:::[A-Z]\w*)+`)
	javaPackageRe  = regexp.MustCompile(`(?m)^package\s+([\w.]+)\s*;`)
	javaImportRe   = regexp.MustCompile(`(?m)^import\s+((?:static\s+)?[\w.*]+)\s*;`)
	csUsingRe      = regexp.MustCompile(`(?m)^\s*(global\s+)?using\s+(?:(\w+)\s*=\s*)?([\w.]+)\s*;`)
	csNamespaceRe  = regexp.MustCompile(`^\s*namespace\s+([\w.]+)`)
)

func jsNames(clause string) []string {
	clause = strings.TrimSpace(clause)
	if clause == "" {
		return nil
	}
	var names []string
	if strings.HasPrefix(clause, "*") {
		return []string{"*"}
	}
	if i := strings.Index(clause, "{"); i >= 0 {
		if def := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(clause[:i]), ",")); def != "" {
			names = append(names, "default")
		}
		inner := clause[i+1:]
		inner, _, _ = strings.Cut(inner, "}")
		for _, n := range strings.Split(inner, ",") {
			n, _, _ = strings.Cut(strings.TrimSpace(n), " as ")
			if n != "" {
				names = append(names, n)
			}
		}
		return names
	}
	return []string{"default"}
}

// --- fixtures -------------------------------------------------------------------------------

// extract writes a txtar archive into a fresh temporary directory and returns it.
func extract(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// scanned makes a workspace over folder, waits for its scan and returns it.
func scanWorkspace(t testing.TB, opts Options, folders ...string) *Workspace {
	t.Helper()
	if opts.Summarize == nil {
		opts.Summarize = testSummarize
	}
	w := New(context.Background(), opts)
	t.Cleanup(w.Shutdown)
	w.SetFolders(folders)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := w.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

// logLines collects log lines.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logLines) matching(sub string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return out
}
