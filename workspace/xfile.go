package workspace

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// Cross-file questions. The workspace knows which files an import or a name leads to; sdkcall knows
// what a file defines. Sources joins them: for a file of a snapshot it gives the file's sdkcall
// analysis with an Env that resolves the file's imports and free names through the snapshot, and
// analyses the files they lead to on demand, from the open document or the disk. Analyses are
// cached per file record (a record is replaced whenever its file changes, so a cached analysis is
// never stale), with a bound on how many are kept.

// Summarize is the workspace's summarizer over sdkcall: a file's outline, without its text.
func Summarize(lang corpus.Language, _ string, text []byte) Summary {
	o := sdkcall.Analyze(lang, string(text)).Outline()
	return summaryOf(o)
}

// SummaryOf is Summarize's summary of a file already analysed.
func SummaryOf(f *sdkcall.File) Summary {
	if f == nil {
		return Summary{}
	}
	return summaryOf(f.Outline())
}

// The names are copied: an outline's strings are slices of the file's text, and a summary outlives
// the version it was made from (an open document's summary would hold each summarised text).
func summaryOf(o sdkcall.Outline) Summary {
	s := Summary{Package: strings.Clone(o.Package), ImportsSDK: o.ImportsSDK}
	for _, imp := range o.Imports {
		s.Imports = append(s.Imports, importOf(imp))
	}
	for _, d := range o.Decls {
		kind := DeclVar
		switch d.Kind {
		case sdkcall.DeclFunc:
			kind = DeclFunc
		case sdkcall.DeclType:
			kind = DeclType
		case sdkcall.DeclMethod:
			kind = DeclMethod
		}
		s.Decls = append(s.Decls, Decl{Name: strings.Clone(d.Name), Kind: kind, Exported: d.Exported})
	}
	return s
}

// importOf is an sdkcall import as the resolvers read it.
func importOf(imp sdkcall.Import) Import {
	w := Import{Spec: strings.Clone(imp.Spec)}
	switch {
	case imp.Relative:
		w.Kind = ImportRelative
	case imp.ReExport:
		w.Kind = ImportReExport
	}
	if imp.Member != "" {
		w.Names = []string{strings.Clone(imp.Member)}
	}
	if imp.Local != "" && imp.Local != imp.Member {
		w.Alias = strings.Clone(imp.Local)
	}
	return w
}

// maxAnalyses bounds the analyses kept for cross-file questions (the files a question reaches
// through imports: a client module, a context module; each a few tens of kilobytes of tokens).
const maxAnalyses = 256

// Sources gives sdkcall analyses of workspace files for cross-file questions. Safe for concurrent
// use.
type Sources struct {
	fs FS
	// open gives the text of an open document (the editor's, newer than the disk).
	open func(path string) (string, bool)

	mu    sync.Mutex
	cache map[string]*analysed
	tick  uint64
}

type analysed struct {
	rec  *File
	file *sdkcall.File
	used uint64
}

// NewSources reads files through fs (nil: the real file system), open documents through open
// (nil: none).
func NewSources(fs FS, open func(path string) (string, bool)) *Sources {
	if fs == nil {
		fs = OSFS{}
	}
	if open == nil {
		open = func(string) (string, bool) { return "", false }
	}
	return &Sources{fs: fs, open: open, cache: map[string]*analysed{}}
}

// InProject is f (the analysis of path, e.g. an open document's) placed in its project: its Env
// resolves through snap, and it is analysed as part of an SDK project when the project depends on
// one.
func (s *Sources) InProject(snap *Snapshot, path string, f *sdkcall.File) *sdkcall.File {
	if snap == nil || f == nil {
		return f
	}
	path = filepath.Clean(path)
	return f.InProject(&fileEnv{s: s, snap: snap, path: path}, snap.DependsOnSDK(path))
}

// File is the analysis of a workspace file of snap, in its project; nil when the snapshot has no
// such file or it cannot be read.
func (s *Sources) File(snap *Snapshot, path string) *sdkcall.File {
	path = filepath.Clean(path)
	rec, ok := snap.File(path)
	if !ok {
		return nil
	}
	f := s.analysis(rec)
	if f == nil {
		return nil
	}
	return s.InProject(snap, path, f)
}

// analysis is the cached analysis of a file record, made on first need.
func (s *Sources) analysis(rec *File) *sdkcall.File {
	if f := s.cached(rec); f != nil {
		return f
	}
	text, ok := s.text(rec)
	if !ok {
		return nil
	}
	f := sdkcall.Analyze(rec.Lang, text)

	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.cache) >= maxAnalyses {
		s.evictLocked()
	}
	s.cache[rec.Path] = &analysed{rec: rec, file: f, used: s.tick}
	return f
}

// cached is the cached analysis of rec (marked as used), nil when there is none for this record.
func (s *Sources) cached(rec *File) *sdkcall.File {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick++
	if a, ok := s.cache[rec.Path]; ok && a.rec == rec {
		a.used = s.tick
		return a.file
	}
	return nil
}

// evictLocked drops the least recently used half of the cache.
func (s *Sources) evictLocked() {
	cut := s.tick - uint64(maxAnalyses/2)
	for p, a := range s.cache {
		if a.used <= cut {
			delete(s.cache, p)
		}
	}
	if len(s.cache) >= maxAnalyses { // all used recently: start over
		clear(s.cache)
	}
}

// Forget drops the cached analyses of paths (a closed document whose text is gone).
func (s *Sources) Forget(paths ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		delete(s.cache, filepath.Clean(p))
	}
}

// fileEnv is the Env of one file of a snapshot.
type fileEnv struct {
	s    *Sources
	snap *Snapshot
	path string
}

func (e *fileEnv) Import(imp sdkcall.Import) []sdkcall.Origin {
	return e.origins(e.snap.ResolveImport(e.path, importOf(imp)))
}

func (e *fileEnv) Global(name string) []sdkcall.Origin {
	if strings.Contains(name, ".") && languageOfPath(e.path) == corpus.Go {
		// A Go method declared apart from its type ("Client.UserMgr"): the package's files.
		var ts []Target
		for _, f := range append(e.snap.PackageFiles(e.path), e.self()...) {
			if declares(f, name) {
				ts = append(ts, Target{Path: f.Path, Kind: TargetDecl, Name: name[strings.IndexByte(name, '.')+1:]})
			}
		}
		return e.origins(ts)
	}
	return e.origins(e.snap.ResolveName(e.path, name))
}

func (e *fileEnv) self() []*File {
	if f, ok := e.snap.File(e.path); ok {
		return []*File{f}
	}
	return nil
}

// origins turns resolution targets into analysed files.
func (e *fileEnv) origins(ts []Target) []sdkcall.Origin {
	var out []sdkcall.Origin
	for _, t := range ts {
		if t.Path == e.path && t.Kind != TargetPackage {
			continue // a file does not import itself
		}
		f := e.s.File(e.snap, t.Path)
		if f == nil {
			continue
		}
		o := sdkcall.Origin{File: f, Package: t.Kind == TargetPackage}
		if t.Kind == TargetAttribute || t.Kind == TargetDecl {
			o.Name = t.Name
		}
		out = append(out, o)
	}
	return out
}
