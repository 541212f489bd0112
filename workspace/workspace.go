package workspace

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Options configure a Workspace. The zero value works: the real file system, no summaries, the
// default file cap, no logs.
type Options struct {
	FS        FS         // default OSFS
	Summarize Summarizer // default: an empty Summary for every file
	// MaxFiles caps the source files indexed per folder (default DefaultMaxFiles); one log line
	// says when a folder hits it.
	MaxFiles int
	// Logf receives one line per notable event (permission denied, cap reached). Default: discard.
	Logf func(format string, args ...any)
	// Progress is called from the scan goroutine as files are summarised (for $/progress): first
	// with Done 0 once the folder is listed, then every few hundred files, last with Finished.
	Progress func(Progress)
	// Start, when set, holds every scan until it is closed: the language server opens it once the
	// docs are loaded, so the scan does not compete with the first hover for the CPU. Open
	// documents are summarised at once all the same.
	Start <-chan struct{}
	// HomeDir is never taken as a root derived from an open file (default os.UserHomeDir), so a
	// stray ~/package.json does not make the server scan a home directory.
	HomeDir string
}

// DefaultMaxFiles is the default cap on indexed source files per folder: far above the 10,000
// files of a large monorepo's own code, low enough to bound memory when a folder is a home
// directory or a checkout of many repositories.
const DefaultMaxFiles = 30000

// Progress reports a folder's scan.
type Progress struct {
	Folder      string
	Done, Total int
	Finished    bool
}

// EventKind is the kind of a file event.
type EventKind uint8

const (
	Created EventKind = iota + 1
	Changed
	Deleted
)

// Event is one file event, as workspace/didChangeWatchedFiles reports it (a rename arrives as
// Deleted + Created). Path may name a directory.
type Event struct {
	Path string
	Kind EventKind
}

// Changes tells what an update changed, for the caller to invalidate what it derived.
type Changes struct {
	// Files are the source files whose record changed (added, re-summarised or removed).
	Files []string
	// Dependants are the other files that import a changed file or share its package: their
	// cross-file answers may change too.
	Dependants []string
	// Projects are the roots of projects whose manifests or tsconfig changed: any answer in them
	// may change.
	Projects []string
}

func (c *Changes) addFile(p string) {
	if !slices.Contains(c.Files, p) {
		c.Files = append(c.Files, p)
	}
}

func (c *Changes) addProject(root string) {
	if !slices.Contains(c.Projects, root) {
		c.Projects = append(c.Projects, root)
	}
}

// Workspace is the project model: folders, their source files' summaries, their projects. Its
// methods are safe for concurrent use; readers take Snapshot() and never wait for writers.
type Workspace struct {
	opts   Options
	ctx    context.Context
	cancel context.CancelFunc

	snap atomic.Pointer[Snapshot]

	mu       sync.Mutex // held by writers only
	folders  []*folder
	open     map[string]bool
	seq      uint64            // incremented by every update
	touched  map[string]uint64 // path → seq of the last event or document update, so a scan does not overwrite newer state
	scanDone *sync.Cond
	running  int
}

type folder struct {
	path     string
	explicit bool // from the client, not derived from an open file
	cancel   context.CancelFunc
}

// New makes an empty workspace. Background scans stop when ctx is done or Shutdown is called.
func New(ctx context.Context, opts Options) *Workspace {
	if opts.FS == nil {
		opts.FS = OSFS{}
	}
	if opts.Summarize == nil {
		opts.Summarize = func(corpus.Language, string, []byte) Summary { return Summary{} }
	}
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = DefaultMaxFiles
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.HomeDir == "" {
		opts.HomeDir, _ = os.UserHomeDir()
	}
	w := &Workspace{opts: opts, open: map[string]bool{}, touched: map[string]uint64{}}
	w.ctx, w.cancel = context.WithCancel(ctx)
	w.scanDone = sync.NewCond(&w.mu)
	w.snap.Store((&Snapshot{}).txn().commit())
	return w
}

// Shutdown stops every background scan.
func (w *Workspace) Shutdown() { w.cancel() }

// Snapshot returns the current snapshot. It never blocks.
func (w *Workspace) Snapshot() *Snapshot { return w.snap.Load() }

// Wait blocks until no scan is running or ctx is done.
func (w *Workspace) Wait(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.scanDone.Broadcast()
		w.mu.Unlock()
	})
	defer stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.running > 0 && ctx.Err() == nil {
		w.scanDone.Wait()
	}
	return ctx.Err()
}

// SetFolders replaces the workspace folders (initialize's workspaceFolders, else rootUri), and
// starts a scan of each new one. Folders derived from open files are dropped.
func (w *Workspace) SetFolders(paths []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	want := map[string]bool{}
	for _, p := range paths {
		want[filepath.Clean(p)] = true
	}
	for _, f := range slices.Clone(w.folders) {
		if !f.explicit || !want[f.path] {
			w.removeFolderLocked(f.path)
		}
	}
	for _, p := range paths {
		w.addFolderLocked(filepath.Clean(p), true)
	}
}

// AddFolder adds a workspace folder (didChangeWorkspaceFolders) and scans it.
func (w *Workspace) AddFolder(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range slices.Clone(w.folders) {
		if !f.explicit {
			w.removeFolderLocked(f.path)
		}
	}
	w.addFolderLocked(filepath.Clean(path), true)
}

// RemoveFolder removes a workspace folder: its scan stops and its files leave the model, except
// open documents.
func (w *Workspace) RemoveFolder(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.removeFolderLocked(filepath.Clean(path))
}

func (w *Workspace) addFolderLocked(path string, explicit bool) {
	for _, f := range w.folders {
		if f.path == path {
			return
		}
	}
	ctx, cancel := context.WithCancel(w.ctx)
	f := &folder{path: path, explicit: explicit, cancel: cancel}
	w.folders = append(w.folders, f)
	t := w.snap.Load().txn()
	t.folders = w.folderPaths()
	t.scanning++
	w.snap.Store(t.commit())
	w.running++
	go w.scan(ctx, f)
}

func (w *Workspace) folderPaths() []string {
	out := make([]string, len(w.folders))
	for i, f := range w.folders {
		out[i] = f.path
	}
	return out
}

func (w *Workspace) removeFolderLocked(path string) {
	i := slices.IndexFunc(w.folders, func(f *folder) bool { return f.path == path })
	if i < 0 {
		return
	}
	w.folders[i].cancel()
	w.folders = slices.Delete(w.folders, i, i+1)
	t := w.snap.Load().txn()
	t.folders = w.folderPaths()
	w.dropOutside(t, path)
	w.snap.Store(t.commit())
}

// dropOutside removes the records under a removed folder that no remaining folder holds.
func (w *Workspace) dropOutside(t *txn, removed string) {
	inFolders := func(p string) bool {
		for _, f := range w.folders {
			if under(p, f.path) {
				return true
			}
		}
		return false
	}
	t.base.files.each(func(p string, _ *File) bool {
		if under(p, removed) && !w.open[p] && !inFolders(p) {
			t.removeFile(p)
		}
		return true
	})
	t.base.manifests.each(func(p string, _ *Manifest) bool {
		if under(p, removed) && !inFolders(p) {
			t.removeManifest(p)
		}
		return true
	})
}

// --- scan -----------------------------------------------------------------------------------

const scanBatch = 256

type scanned struct {
	file *File
	err  error
	path string
}

// scan lists a folder, then summarises its files on GOMAXPROCS workers, publishing a snapshot
// every batch so requests see the files known so far.
func (w *Workspace) scan(ctx context.Context, f *folder) {
	defer func() {
		w.mu.Lock()
		t := w.snap.Load().txn()
		t.scanning--
		w.snap.Store(t.commit())
		w.running--
		w.scanDone.Broadcast()
		w.mu.Unlock()
	}()
	if w.opts.Start != nil {
		select {
		case <-w.opts.Start:
		case <-ctx.Done():
			return
		}
	}
	w.mu.Lock()
	startSeq := w.seq
	var realRoots []string
	for _, other := range w.folders {
		if real, err := w.opts.FS.RealPath(other.path); err == nil {
			realRoots = append(realRoots, real)
		}
	}
	w.mu.Unlock()

	real, err := w.opts.FS.RealPath(f.path)
	if err != nil {
		w.opts.Logf("workspace: skipping folder %s: %v", f.path, err)
		return
	}
	wk := &walker{fsys: w.opts.FS, logf: w.opts.Logf, maxFiles: w.opts.MaxFiles, realRoots: realRoots}
	if err := wk.walk(ctx, f.path, real, repoRules(w.opts.FS, f.path), nil); err == errCapped {
		w.opts.Logf("workspace: %s has more than %d source files: indexed the first %d (MaxFiles)", f.path, w.opts.MaxFiles, w.opts.MaxFiles)
	} else if err != nil {
		return
	}

	// Manifests first: they are few, and every answer about projects needs them.
	manifests := make([]*Manifest, 0, len(wk.manifests))
	for _, p := range wk.manifests {
		if data, err := w.opts.FS.ReadFile(p); err == nil {
			manifests = append(manifests, parseManifest(p, data, w.opts.FS))
		}
	}
	seen := map[string]bool{}
	for _, c := range wk.files {
		seen[c.path] = true
	}
	w.mu.Lock()
	if ctx.Err() != nil { // removed or rescanned meanwhile (cancel happens under w.mu)
		w.mu.Unlock()
		return
	}
	t := w.snap.Load().txn()
	for _, m := range manifests {
		if w.touched[m.Path] <= startSeq {
			t.putManifest(m)
		}
	}
	// A rescan drops what the walk no longer finds.
	t.base.files.each(func(p string, _ *File) bool {
		if under(p, f.path) && !seen[p] && !w.open[p] && w.touched[p] <= startSeq {
			t.removeFile(p)
		}
		return true
	})
	w.snap.Store(t.commit())
	first := w.openFirstLocked(wk.files)
	w.mu.Unlock()
	pendingFirst := make(map[string]bool, first)
	for _, c := range wk.files[:first] {
		pendingFirst[c.path] = true
	}

	total := len(wk.files)
	w.progress(Progress{Folder: f.path, Total: total})
	jobs := make(chan candidate)
	results := make(chan scanned, scanBatch)
	var workers sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for c := range jobs {
				file, err := w.readAndSummarize(c)
				results <- scanned{file: file, err: err, path: c.path}
			}
		}()
	}
	// The files the open documents reach go out first, and the rest only once they are all
	// summarised: with the workers in parallel, a worker slow on one of them would otherwise let a
	// full batch of other files be published before it.
	firstDone := make(chan struct{})
	if first == 0 {
		close(firstDone)
	}
	go func() {
		defer close(jobs)
		for i, c := range wk.files {
			if i == first {
				select {
				case <-firstDone:
				case <-ctx.Done():
					return
				}
			}
			select {
			case jobs <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { workers.Wait(); close(results) }()

	done, unreadable := 0, 0
	batch := make([]*File, 0, scanBatch)
	flush := func() {
		w.mu.Lock()
		if ctx.Err() != nil {
			w.mu.Unlock()
			return
		}
		t := w.snap.Load().txn()
		for _, file := range batch {
			if !w.open[file.Path] && w.touched[file.Path] <= startSeq {
				t.putFile(file)
			}
		}
		w.snap.Store(t.commit())
		w.mu.Unlock()
		batch = batch[:0]
		w.progress(Progress{Folder: f.path, Done: done, Total: total})
	}
	for r := range results {
		done++
		switch {
		case r.err != nil:
			unreadable++
		case r.file != nil:
			batch = append(batch, r.file)
		}
		if pendingFirst[r.path] {
			delete(pendingFirst, r.path)
			if len(pendingFirst) == 0 {
				flush() // the open documents' imports, without waiting for a full batch
				close(firstDone)
				continue
			}
		}
		if len(batch) == scanBatch {
			flush()
		}
	}
	if ctx.Err() != nil {
		return
	}
	flush()
	if unreadable > 0 {
		w.opts.Logf("workspace: %s: %d files could not be read", f.path, unreadable)
	}
	w.progress(Progress{Folder: f.path, Done: done, Total: total, Finished: true})
}

func (w *Workspace) progress(p Progress) {
	if w.opts.Progress != nil {
		w.opts.Progress(p)
	}
}

// readAndSummarize reads a source file from disk; nil without error for a generated one.
func (w *Workspace) readAndSummarize(c candidate) (*File, error) {
	text, err := w.opts.FS.ReadFile(c.path)
	if err != nil {
		return nil, err
	}
	if len(text) > maxFileSize || generated(text) {
		return nil, nil
	}
	return &File{
		Path: c.path, Lang: c.lang, Size: int64(len(text)), ModTime: c.modTime,
		Summary: w.summarize(c.lang, c.path, text),
	}, nil
}

// summarize calls the summarizer, which must never take the workspace down.
func (w *Workspace) summarize(lang corpus.Language, path string, text []byte) (sum Summary) {
	if lang == "" {
		return Summary{}
	}
	defer func() {
		if r := recover(); r != nil {
			w.opts.Logf("workspace: summarizing %s: panic: %v", path, r)
			sum = Summary{}
		}
	}()
	return w.opts.Summarize(lang, path, text)
}

// --- open documents -------------------------------------------------------------------------

// Open records an open document: its text overrides the file on disk until Close. A file outside
// every folder is recorded too, with the manifests above it; when there is no folder at all, the
// nearest directory above it with a project manifest becomes a folder and is scanned.
func (w *Workspace) Open(path string, text []byte) Changes {
	return w.OpenSummarized(path, int64(len(text)), w.summarize(languageOfPath(path), path, text))
}

// OpenSummarized is Open for a caller that has summarised the document itself (the language
// server has the document's analysis anyway: SummaryOf).
func (w *Workspace) OpenSummarized(path string, size int64, sum Summary) Changes {
	path = filepath.Clean(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.open[path] = true
	if w.folderOfLocked(path) == "" {
		w.discoverOutside(path)
	}
	return w.putDocumentLocked(path, size, sum)
}

// Change replaces an open document's text.
func (w *Workspace) Change(path string, text []byte) Changes {
	return w.ChangeSummarized(path, int64(len(text)), w.summarize(languageOfPath(path), path, text))
}

// ChangeSummarized is Change with the caller's summary of the new text.
func (w *Workspace) ChangeSummarized(path string, size int64, sum Summary) Changes {
	path = filepath.Clean(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.open[path] = true
	return w.putDocumentLocked(path, size, sum)
}

// Close forgets an open document: the record reverts to the file on disk, or goes when the file
// is not on disk, is not indexed (ignored, generated, too big) or is outside every folder.
func (w *Workspace) Close(path string) Changes {
	path = filepath.Clean(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.open, path)
	return w.refreshLocked([]string{path})
}

func (w *Workspace) putDocumentLocked(path string, size int64, sum Summary) Changes {
	lang := languageOfPath(path)
	if lang == "" {
		return Changes{}
	}
	w.seq++
	w.touched[path] = w.seq
	old := w.snap.Load()
	t := old.txn()
	t.putFile(&File{Path: path, Lang: lang, Size: size, ModTime: time.Now(), Open: true, Summary: sum})
	s := t.commit()
	w.snap.Store(s)
	ch := Changes{Files: []string{path}}
	ch.Dependants = s.Dependants(path)
	return ch
}

func (w *Workspace) folderOfLocked(path string) string {
	for _, f := range w.folders {
		if under(path, f.path) {
			return f.path
		}
	}
	return ""
}

// discoverOutside reads the manifests of the directories above a file outside every folder, up to
// the nearest project; with no folder at all, that project's directory becomes a folder.
func (w *Workspace) discoverOutside(path string) {
	t := w.snap.Load().txn()
	found := ""
	for dir := filepath.Dir(path); found == ""; dir = filepath.Dir(dir) {
		if dir == w.opts.HomeDir || dir == filepath.Dir(dir) {
			break
		}
		entries, err := w.opts.FS.ReadDir(dir)
		if err != nil {
			break
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if _, _, ok := manifestKind(p); !ok || !e.Type().IsRegular() {
				continue
			}
			data, err := w.opts.FS.ReadFile(p)
			if err != nil {
				continue
			}
			m := parseManifest(p, data, w.opts.FS)
			t.putManifest(m)
			if m.definesProject() {
				found = m.Root
			}
		}
	}
	w.snap.Store(t.commit())
	if found != "" && len(w.folders) == 0 {
		w.addFolderLocked(found, false)
	}
}

// --- file events ----------------------------------------------------------------------------

// FilesChanged applies workspace/didChangeWatchedFiles events. Open documents keep their text
// (Close reads the disk again); manifests and tsconfig files are re-parsed; a .gitignore change
// rescans its folder; a created directory is walked; a deleted one drops everything under it.
func (w *Workspace) FilesChanged(events []Event) Changes {
	paths := make([]string, 0, len(events))
	for _, e := range events {
		paths = append(paths, filepath.Clean(e.Path))
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.refreshLocked(paths)
}

// Refresh re-stats files as if the watcher had reported them: call it on didSave and didOpen
// when the client cannot watch files.
func (w *Workspace) Refresh(paths ...string) Changes {
	clean := make([]string, len(paths))
	for i, p := range paths {
		clean[i] = filepath.Clean(p)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.refreshLocked(clean)
}

// refreshLocked brings the records of paths in line with the disk (the event kind is not trusted:
// the disk is asked, which also makes out-of-order create/delete pairs harmless).
func (w *Workspace) refreshLocked(paths []string) Changes {
	var ch Changes
	old := w.snap.Load()
	t := old.txn()
	var removed, updated []string
	rescan := map[string]bool{}
	for _, p := range paths {
		w.seq++
		w.touched[p] = w.seq
		folderPath := w.folderOfLocked(p)
		info, statErr := w.opts.FS.Stat(p)
		if filepath.Base(p) == ".gitignore" || (filepath.Base(p) == "exclude" && filepath.Base(filepath.Dir(p)) == "info") {
			if folderPath != "" {
				rescan[folderPath] = true
			}
			continue
		}
		if _, _, isManifest := manifestKind(p); isManifest && (statErr != nil || info.Mode().IsRegular()) {
			if m, ok := old.manifests.get(p); ok {
				ch.addProject(m.Root)
			}
			if statErr != nil || (folderPath != "" && ignoredPath(w.opts.FS, folderPath, p, false)) {
				t.removeManifest(p)
				continue
			}
			if data, err := w.opts.FS.ReadFile(p); err == nil {
				m := parseManifest(p, data, w.opts.FS)
				t.putManifest(m)
				ch.addProject(m.Root)
			}
			continue
		}
		switch {
		case statErr != nil: // deleted: the path, or everything under it if it was a directory
			if w.open[p] {
				continue
			}
			if t.removeFile(p) {
				removed = append(removed, p)
			}
			old.files.each(func(q string, _ *File) bool {
				if under(q, p) && q != p && !w.open[q] && t.removeFile(q) {
					removed = append(removed, q)
				}
				return true
			})
			old.manifests.each(func(q string, m *Manifest) bool {
				if under(q, p) && t.removeManifest(q) {
					ch.addProject(m.Root)
				}
				return true
			})
		case info.IsDir():
			if folderPath == "" || ignoredPath(w.opts.FS, folderPath, p, true) {
				continue
			}
			updated = append(updated, w.walkNewDirLocked(t, folderPath, p, &ch)...)
		case w.open[p]:
			// the open document's text wins; Close reads the disk
		default:
			lang := languageOfPath(p)
			if lang == "" {
				continue
			}
			indexable := folderPath != "" && info.Size() <= maxFileSize && !minifiedName(p) &&
				!ignoredPath(w.opts.FS, folderPath, p, false)
			var f *File
			if indexable {
				f, _ = w.readAndSummarize(candidate{path: p, lang: lang, size: info.Size(), modTime: info.ModTime()})
			}
			if f == nil {
				if t.removeFile(p) {
					removed = append(removed, p)
				}
				continue
			}
			t.putFile(f)
			updated = append(updated, p)
		}
	}
	s := t.commit()
	w.snap.Store(s)
	for f := range rescan {
		w.rescanLocked(f)
	}
	for _, p := range removed {
		ch.addFile(p)
		ch.Dependants = append(ch.Dependants, old.Dependants(p)...)
	}
	for _, p := range updated {
		ch.addFile(p)
		ch.Dependants = append(ch.Dependants, s.Dependants(p)...)
	}
	slices.Sort(ch.Dependants)
	ch.Dependants = slices.Compact(ch.Dependants)
	ch.Dependants = slices.DeleteFunc(ch.Dependants, func(p string) bool { return slices.Contains(ch.Files, p) })
	return ch
}

// walkNewDirLocked indexes a directory that appeared (a checkout, an unzip) synchronously.
func (w *Workspace) walkNewDirLocked(t *txn, folderPath, dir string, ch *Changes) []string {
	real, err := w.opts.FS.RealPath(dir)
	if err != nil {
		return nil
	}
	rootReal, _ := w.opts.FS.RealPath(folderPath)
	rules := repoRules(w.opts.FS, folderPath)
	// the .gitignore files between the folder and the new directory
	rel, _ := filepath.Rel(folderPath, dir)
	d := folderPath
	for _, seg := range strings.Split(rel, string(filepath.Separator)) {
		if content, err := w.opts.FS.ReadFile(filepath.Join(d, ".gitignore")); err == nil {
			rules = rules.with(d, content)
		}
		d = filepath.Join(d, seg)
	}
	wk := &walker{fsys: w.opts.FS, logf: w.opts.Logf, maxFiles: w.opts.MaxFiles, realRoots: []string{rootReal}}
	_ = wk.walk(w.ctx, dir, real, rules, nil)
	for _, p := range wk.manifests {
		if data, err := w.opts.FS.ReadFile(p); err == nil {
			m := parseManifest(p, data, w.opts.FS)
			t.putManifest(m)
			ch.addProject(m.Root)
		}
	}
	var out []string
	for _, c := range wk.files {
		if w.open[c.path] {
			continue
		}
		if f, _ := w.readAndSummarize(c); f != nil {
			t.putFile(f)
			out = append(out, c.path)
		}
	}
	return out
}

// rescanLocked scans a folder again (its ignore rules changed).
func (w *Workspace) rescanLocked(path string) {
	for _, f := range w.folders {
		if f.path != path {
			continue
		}
		f.cancel()
		ctx, cancel := context.WithCancel(w.ctx)
		f.cancel = cancel
		t := w.snap.Load().txn()
		t.scanning++
		w.snap.Store(t.commit())
		w.running++
		go w.scan(ctx, f)
	}
}

// openFirstLocked moves to the front of files those the open documents most likely reach: the
// files beside an open document (a Go package, Java and C# classes of a namespace), and those whose
// name or folder is the last part of an open document's import ("@/lib/workos" → lib/workos.ts,
// "app.auth" → app/auth/__init__.py). Only the order changes, so a hover in a file that imports
// the client answers after the first batch rather than the whole scan. It returns how many files
// came first; the batch holding them is published as soon as they are all summarised.
func (w *Workspace) openFirstLocked(files []candidate) int {
	if len(w.open) == 0 {
		return 0
	}
	snap := w.snap.Load()
	dirs, names := map[string]bool{}, map[string]bool{}
	for p := range w.open {
		dirs[filepath.Dir(p)] = true
		rec, ok := snap.File(p)
		if !ok {
			continue
		}
		for _, imp := range rec.Summary.Imports {
			spec := strings.TrimRight(imp.Spec, "/*")
			if k := strings.LastIndexAny(spec, "/.\\:"); k >= 0 {
				spec = spec[k+1:]
			}
			if spec != "" {
				names[strings.ToLower(spec)] = true
			}
		}
	}
	wanted := func(c candidate) bool {
		dir := filepath.Dir(c.path)
		base := strings.ToLower(filepath.Base(c.path))
		if k := strings.IndexByte(base, '.'); k > 0 {
			base = base[:k]
		}
		return dirs[dir] || names[base] || names[strings.ToLower(filepath.Base(dir))]
	}
	front := make([]candidate, 0, 16)
	rest := make([]candidate, 0, len(files))
	for _, c := range files {
		if wanted(c) {
			front = append(front, c)
		} else {
			rest = append(rest, c)
		}
	}
	copy(files, front)
	copy(files[len(front):], rest)
	return len(front)
}
