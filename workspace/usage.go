package workspace

import (
	"context"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// Whole-workspace questions (references, `workos-lsp check`, the MCP usage tool) ask every file
// that can hold a WorkOS call: the files that import an SDK, and the files of projects that depend
// on one. They are analysed on GOMAXPROCS workers and not kept in the Sources cache, which holds
// the few files interactive questions reach.

// SDKFiles are the files of snap where SDK calls can be recognised, in path order.
func (s *Snapshot) SDKFiles() []*File {
	var out []*File
	for f := range s.Files() {
		if f.Summary.ImportsSDK || s.DependsOnSDK(f.Path) {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Analysed is one file of a whole-workspace question.
type Analysed struct {
	Path string
	Lang corpus.Language
	File *sdkcall.File // in its project; File.Text is the text answered from
}

// EachSDKFile analyses the SDK files of snap and gives fn each one that is active (it uses an SDK
// or its project does), from several goroutines at once; fn's results come back in path order,
// without the files for which keep was false. It stops early when ctx ends, returning ctx's error.
func EachSDKFile[T any](ctx context.Context, src *Sources, snap *Snapshot, fn func(Analysed) (T, bool)) ([]T, error) {
	files := snap.SDKFiles()
	results := make([]T, len(files))
	keep := make([]bool, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(files))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rec := files[i]
				f := src.uncached(rec)
				if f == nil {
					continue
				}
				f = src.InProject(snap, rec.Path, f)
				if !f.Active() {
					continue
				}
				results[i], keep[i] = fn(Analysed{Path: rec.Path, Lang: rec.Lang, File: f})
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]T, 0, len(files))
	for i, r := range results {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out, nil
}

// uncached is the analysis of a record, from the cache when it is there, made and not stored
// otherwise.
func (s *Sources) uncached(rec *File) *sdkcall.File {
	if f := s.cached(rec); f != nil {
		return f
	}
	text, ok := s.text(rec)
	if !ok {
		return nil
	}
	return sdkcall.Analyze(rec.Lang, text)
}

// text is a record's text: the open document's, else the disk's.
func (s *Sources) text(rec *File) (string, bool) {
	if t, ok := s.open(rec.Path); ok && rec.Open {
		return t, true
	}
	b, err := s.fs.ReadFile(rec.Path)
	if err != nil || len(b) > maxFileSize {
		return "", false
	}
	return string(b), true
}

// Usage is one recognised SDK call, SDK type or event name in a workspace file.
type Usage struct {
	Path       string
	Lang       corpus.Language
	Start, End int           // byte offsets in Text
	Line, Col  int           // 1-based; Col counts characters
	Entry      *corpus.Entry // nil for an event name
	URL        string        // its docs
	Text       string        // the file's text (shared by the file's usages)
}

// UsesOf matches the links that use one of entries (by their language-neutral ID, so the same
// call in every SDK) or, with ev set, the event ev. Nil when there is nothing to match.
func UsesOf(entries []*corpus.Entry, ev *corpus.Event) func(sdkcall.Link) bool {
	switch {
	case ev != nil:
		url := ev.URL()
		return func(l sdkcall.Link) bool { return l.Entry == nil && l.URL == url }
	case len(entries) > 0:
		ids := map[string]bool{}
		for _, e := range entries {
			ids[e.ID] = true
		}
		return func(l sdkcall.Link) bool { return l.Entry != nil && ids[l.Entry.ID] }
	}
	return nil
}

// Usages lists the SDK calls, types and events of the workspace that match (nil: all), in path
// and text order.
func Usages(ctx context.Context, src *Sources, snap *Snapshot, ix *sdkcall.Index, match func(sdkcall.Link) bool) ([]Usage, error) {
	per, err := EachSDKFile(ctx, src, snap, func(a Analysed) ([]Usage, bool) {
		var out []Usage
		lc := newLineCounter(a.File.Text)
		for _, l := range a.File.Links(ix) {
			if match != nil && !match(l) {
				continue
			}
			line, col := lc.at(l.Start)
			out = append(out, Usage{Path: a.Path, Lang: a.Lang, Start: l.Start, End: l.End, Line: line, Col: col, Entry: l.Entry, URL: l.URL, Text: a.File.Text})
		}
		return out, len(out) > 0
	})
	if err != nil {
		return nil, err
	}
	return slices.Concat(per...), nil
}

// Finding is one diagnostic of a workspace file.
type Finding struct {
	Path      string
	Lang      corpus.Language
	Line, Col int // 1-based; Col counts characters
	EndLine   int
	EndCol    int
	sdkcall.Diagnostic
}

// Check lists the diagnostics of every SDK file of the workspace, in path and text order.
func Check(ctx context.Context, src *Sources, snap *Snapshot, ix *sdkcall.Index) ([]Finding, error) {
	per, err := EachSDKFile(ctx, src, snap, func(a Analysed) ([]Finding, bool) {
		ds := a.File.Diagnostics(ix)
		out := make([]Finding, 0, len(ds))
		lc := newLineCounter(a.File.Text)
		for _, d := range ds {
			line, col := lc.at(d.Start)
			endLine, endCol := lc.at(d.End)
			out = append(out, Finding{Path: a.Path, Lang: a.Lang, Line: line, Col: col, EndLine: endLine, EndCol: endCol, Diagnostic: d})
		}
		return out, len(out) > 0
	})
	if err != nil {
		return nil, err
	}
	return slices.Concat(per...), nil
}

// lineCounter maps byte offsets of one text to 1-based lines and character columns.
type lineCounter struct {
	text   string
	starts []int
}

func newLineCounter(text string) *lineCounter {
	lc := &lineCounter{text: text, starts: []int{0}}
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lc.starts = append(lc.starts, i)
	}
	return lc
}

func (lc *lineCounter) at(off int) (line, col int) {
	off = max(0, min(off, len(lc.text)))
	k := sort.SearchInts(lc.starts, off+1) - 1
	return k + 1, utf8.RuneCountInString(lc.text[lc.starts[k]:off]) + 1
}

// ScanFolders is a workspace of folders, scanned: the model the command-line and MCP front ends
// ask whole-workspace questions of. Options.Summarize defaults to Summarize. The caller shuts it
// down.
func ScanFolders(ctx context.Context, folders []string, opts Options) (*Workspace, error) {
	if opts.Summarize == nil {
		opts.Summarize = Summarize
	}
	w := New(ctx, opts)
	w.SetFolders(folders)
	if err := w.Wait(ctx); err != nil {
		w.Shutdown()
		return nil, err
	}
	return w, nil
}
