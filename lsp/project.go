package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
	"github.com/workos-lsp/workos-lsp/workspace"
)

// The workspace behind the open documents. The lsp package only feeds the workspace model: the
// folders from initialize and didChangeWorkspaceFolders, the open documents' texts, file events
// (watched by the client when it can register a watcher, else a re-stat on save). Answers in one
// document then follow the WorkOS client through the files it imports (view.file).

// summaryDelay debounces the re-summary of an edited document for the other files' sake: the
// document's own answers always use its latest text, only its exports as seen from other files
// wait for a pause in typing.
const summaryDelay = 300 * time.Millisecond

// project is the server's workspace model and the analyses cross-file answers read.
type project struct {
	ws  *workspace.Workspace
	src *workspace.Sources

	// start is closed once the first docs load has ended: the scan waits for it, so it does not
	// compete with the first hover for the CPU.
	start     chan struct{}
	startOnce sync.Once

	watching atomic.Bool // the client reports file changes (didChangeWatchedFiles is registered)

	mu      sync.Mutex             // orders a debounced re-summary with the document's close
	pending map[string]*time.Timer // path → the pending re-summary of an edited document

	progressMu sync.Mutex
	progress   map[string]*progress // folder → its scan's work-done progress
	batched    map[string]bool      // folder → its scan has published a batch
	// settled: folder → its first scan has published a batch or ended (never reset: a rescan
	// does not hold requests); progressed is closed and replaced at each report.
	settled    map[string]bool
	progressed chan struct{}
}

// firstBatchWait bounds how long a request waits for the scan's first batch: it holds the open
// documents' imports and usually comes within a few hundred milliseconds of the docs.
const firstBatchWait = 3 * time.Second

// afterFirstBatch is v with the workspace model after the scan of the document's folder has
// published its first batch (what the open documents import, read first), so that a hover asked
// the moment the docs are in does not answer nothing because the client module is not read yet.
// It does not wait when no scan runs, once the batch is in, or past firstBatchWait or ctx.
func (s *server) afterFirstBatch(ctx context.Context, v view) view {
	if s.proj == nil || v.project == nil || v.doc == nil || v.doc.path == "" || v.ld == nil || !v.project.Scanning() {
		return v
	}
	p := s.proj
	timeout := time.NewTimer(firstBatchWait)
	defer timeout.Stop()
	for {
		snap := p.ws.Snapshot()
		folder := folderOf(snap.Folders(), v.doc.path)
		p.progressMu.Lock()
		ready := !snap.Scanning() || folder == "" || p.settled[folder]
		ch := p.progressed
		p.progressMu.Unlock()
		if ready {
			v.project = snap
			return v
		}
		select {
		case <-ch:
		case <-timeout.C:
			v.project = p.ws.Snapshot()
			return v
		case <-ctx.Done():
			return v
		}
	}
}

// folderOf is the innermost of folders that holds path, or "".
func folderOf(folders []string, path string) string {
	best := ""
	for _, f := range folders {
		if workspace.Under(path, f) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

// newProject makes the workspace model, scanning nothing until folders are set and start is
// released.
func (s *server) newProject(set Settings) *project {
	p := &project{start: make(chan struct{}), pending: map[string]*time.Timer{}, progress: map[string]*progress{}, batched: map[string]bool{},
		settled: map[string]bool{}, progressed: make(chan struct{})}
	start := p.start
	if gate := s.opts.scanGate; gate != nil {
		both := make(chan struct{})
		go func() { <-p.start; <-gate; close(both) }()
		start = both
	}
	maxFiles := set.MaxWorkspaceFiles
	if maxFiles < 0 {
		maxFiles = 0
	}
	p.ws = workspace.New(context.Background(), workspace.Options{
		Summarize: workspace.Summarize,
		MaxFiles:  maxFiles,
		Logf:      func(format string, args ...any) { s.log.Info(fmt.Sprintf(format, args...)) },
		Progress:  s.scanProgress,
		Start:     start,
	})
	p.src = workspace.NewSources(nil, s.files.text)
	return p
}

// releaseScan lets the scan run (the first docs load has ended, or there is no loader).
func (p *project) releaseScan() { p.startOnce.Do(func() { close(p.start) }) }

// workspaceFolders reads the folders of initialize: workspaceFolders, else rootUri, else rootPath.
// Only file: URIs are folders on disk.
func workspaceFolders(p *protocol.InitializeParams) []string {
	var out []string
	add := func(u uri.URI) {
		if u.Scheme() == "file" {
			if path := u.FsPath(); path != "" && !slices.Contains(out, path) {
				out = append(out, path)
			}
		}
	}
	if folders, ok := p.WorkspaceFolders.Get(); ok && len(folders) > 0 {
		for _, f := range folders {
			add(f.URI)
		}
		return out
	}
	if p.RootURI != nil && *p.RootURI != "" {
		add(*p.RootURI)
		return out
	}
	if root, ok := p.RootPath.Get(); ok && root != "" && filepath.IsAbs(root) {
		out = append(out, filepath.Clean(root))
	}
	return out
}

// scanProgress shows each folder's scan as work-done progress ("120/900 files"), and re-checks
// the open documents when a scan ends: their imports may lead somewhere now.
func (s *server) scanProgress(pr workspace.Progress) {
	p := s.proj
	p.progressMu.Lock()
	wp := p.progress[pr.Folder]
	if wp == nil && !pr.Finished {
		wp = s.beginProgress("workos-lsp/workspace/"+pr.Folder, "WorkOS workspace", filepath.Base(pr.Folder))
		p.progress[pr.Folder] = wp
	}
	// The first batch holds what the open documents import (the scan puts it first): re-check
	// them then, and when the scan ends.
	recheck := pr.Finished || pr.Done > 0 && !p.batched[pr.Folder]
	if pr.Done > 0 {
		p.batched[pr.Folder] = true
	}
	if pr.Finished {
		delete(p.progress, pr.Folder)
		delete(p.batched, pr.Folder)
	}
	if pr.Done > 0 || pr.Finished {
		p.settled[pr.Folder] = true
	}
	close(p.progressed)
	p.progressed = make(chan struct{})
	p.progressMu.Unlock()
	if pr.Finished {
		if wp != nil {
			wp.end(fmt.Sprintf("%s: %d files", filepath.Base(pr.Folder), pr.Total))
		}
		s.log.Info("workspace folder scanned", "folder", pr.Folder, "files", pr.Total)
	} else {
		wp.report(fmt.Sprintf("%d/%d files", pr.Done, pr.Total), int64(pr.Done), int64(pr.Total))
	}
	if recheck {
		for _, d := range s.files.all() {
			s.scheduleDiagnostics(d.uri)
		}
	}
}

// documentOpened records an open document's text in the model.
func (s *server) documentOpened(d *document) {
	if d.path == "" {
		return
	}
	s.workspaceChanged(s.proj.ws.OpenSummarized(d.path, int64(len(d.text)), documentSummary(d)), d.uri)
}

// documentSummary is what other files see of an open document. Its own analysis gives it (the
// requests need that analysis anyway); a document too big for the scan to read gets none.
func documentSummary(d *document) workspace.Summary {
	if len(d.text) > workspace.MaxFileSize {
		return workspace.Summary{}
	}
	return workspace.SummaryOf(d.File())
}

// documentChanged re-summarises an edited document once typing pauses.
func (s *server) documentChanged(d *document) {
	if d.path == "" {
		return
	}
	p := s.proj
	path := filepath.Clean(d.path)
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.pending[path]; t != nil {
		t.Reset(summaryDelay)
		return
	}
	p.pending[path] = time.AfterFunc(summaryDelay, func() {
		p.mu.Lock()
		delete(p.pending, path)
		cur := s.files.atPath(path)
		if cur == nil || s.ctx.Err() != nil {
			p.mu.Unlock()
			return // closed meanwhile: Close already read the disk
		}
		ch := p.ws.ChangeSummarized(path, int64(len(cur.text)), documentSummary(cur))
		p.mu.Unlock()
		s.workspaceChanged(ch, cur.uri)
	})
}

// documentClosed hands the file back to the disk.
func (s *server) documentClosed(d *document) {
	if d.path == "" {
		return
	}
	p := s.proj
	path := filepath.Clean(d.path)
	p.mu.Lock()
	if t := p.pending[path]; t != nil {
		t.Stop()
		delete(p.pending, path)
	}
	ch := p.ws.Close(path)
	p.mu.Unlock()
	p.src.Forget(path)
	s.workspaceChanged(ch, "")
}

// didSave re-reads a saved file when the client does not report file changes itself.
func (s *server) didSave(raw jsonrpc2.RawMessage) error {
	var p protocol.DidSaveTextDocumentParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	if s.proj.watching.Load() || p.TextDocument.URI.Scheme() != "file" {
		return nil
	}
	s.workspaceChanged(s.proj.ws.Refresh(p.TextDocument.URI.FsPath()), "")
	return nil
}

func (s *server) didChangeWatchedFiles(raw jsonrpc2.RawMessage) error {
	var p protocol.DidChangeWatchedFilesParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	events := make([]workspace.Event, 0, len(p.Changes))
	for _, c := range p.Changes {
		if c.URI.Scheme() != "file" {
			continue
		}
		kind := workspace.Changed
		switch c.Type {
		case protocol.FileChangeTypeCreated:
			kind = workspace.Created
		case protocol.FileChangeTypeDeleted:
			kind = workspace.Deleted
		}
		events = append(events, workspace.Event{Path: c.URI.FsPath(), Kind: kind})
	}
	if len(events) == 0 {
		return nil
	}
	ch := s.proj.ws.FilesChanged(events)
	s.proj.src.Forget(ch.Files...)
	s.workspaceChanged(ch, "")
	return nil
}

func (s *server) didChangeWorkspaceFolders(raw jsonrpc2.RawMessage) error {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	for _, f := range p.Event.Removed {
		if f.URI.Scheme() == "file" {
			s.proj.ws.RemoveFolder(f.URI.FsPath())
		}
	}
	for _, f := range p.Event.Added {
		if f.URI.Scheme() == "file" {
			s.proj.ws.AddFolder(f.URI.FsPath())
		}
	}
	for _, d := range s.files.all() {
		s.scheduleDiagnostics(d.uri)
	}
	return nil
}

// workspaceChanged re-checks the open documents whose answers may have changed: those that import
// a changed file or share its package, and every document of a project whose manifests changed.
// except is the document whose own change caused it (its didChange scheduled it already).
func (s *server) workspaceChanged(ch workspace.Changes, except uri.URI) {
	if len(ch.Files)+len(ch.Dependants)+len(ch.Projects) == 0 {
		return
	}
	affected := map[string]bool{}
	for _, p := range ch.Dependants {
		affected[p] = true
	}
	for _, p := range ch.Files {
		affected[p] = true
	}
	for _, d := range s.files.all() {
		if d.path == "" || d.uri == except {
			continue
		}
		path := filepath.Clean(d.path)
		hit := affected[path]
		for _, root := range ch.Projects {
			hit = hit || workspace.Under(path, root)
		}
		if hit {
			s.scheduleDiagnostics(d.uri)
		}
	}
}

// watchFiles asks the client to report changes to the files the model reads, when it can register
// a watcher dynamically; until it answers (or when it cannot), saves re-read the disk.
func (s *server) watchFiles() {
	if !s.caps.Load().watchFiles {
		return
	}
	var watchers []protocol.FileSystemWatcher
	for _, g := range workspace.WatchPatterns() {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(g)})
	}
	watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(workspace.DeletePattern), Kind: protocol.WatchKindDelete})
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Warn("encoding the file watchers", "error", err)
		return
	}
	params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "workos-lsp/watched-files", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts,
	}}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil {
			s.log.Info("client did not register the file watcher; saved files are re-read instead", "error", err)
			return
		}
		s.proj.watching.Store(true)
	}()
}

// shutdown stops the scans and the pending re-summaries.
func (p *project) shutdown() {
	p.ws.Shutdown()
	p.mu.Lock()
	defer p.mu.Unlock()
	for path, t := range p.pending {
		t.Stop()
		delete(p.pending, path)
	}
}

// references lists every call of the SDK method (or use of the SDK type, or the event name) under
// the cursor across the workspace: the answer to "where do we call createUser?". The declaration
// is the docs page, so includeDeclaration adds nothing.
func (s *server) references(ctx context.Context, v view, f *sdkcall.File, p *protocol.ReferenceParams) (any, error) {
	t, ok := f.At(v.ld.index, v.offset(p.Position))
	if !ok {
		return nil, nil
	}
	var match func(sdkcall.Link) bool
	switch t.Kind {
	case sdkcall.TargetCall, sdkcall.TargetType:
		match = workspace.UsesOf(t.Entries, nil)
	case sdkcall.TargetEvent:
		match = workspace.UsesOf(nil, t.Event)
	}
	if match == nil {
		return nil, nil
	}
	var locs []protocol.Location
	add := func(u uri.URI, m *textpos.Mapper, start, end int) {
		a, b := m.Position(start, v.enc), m.Position(end, v.enc)
		locs = append(locs, protocol.Location{URI: u, Range: protocol.Range{
			Start: protocol.Position{Line: a.Line, Character: a.Character},
			End:   protocol.Position{Line: b.Line, Character: b.Character},
		}})
	}
	inWorkspace := false
	if v.project != nil && v.doc.path != "" {
		us, err := workspace.Usages(ctx, v.src, v.project, v.ld.index, match)
		if err != nil {
			return nil, err
		}
		var m *textpos.Mapper
		for i, us1 := range us {
			if i == 0 || us1.Path != us[i-1].Path {
				m = textpos.New(us1.Text)
			}
			inWorkspace = inWorkspace || filepath.Clean(us1.Path) == filepath.Clean(v.doc.path)
			add(uri.File(us1.Path), m, us1.Start, us1.End)
		}
	}
	if !inWorkspace { // a document the workspace does not hold (untitled, another scheme)
		for _, l := range f.Links(v.ld.index) {
			if match(l) {
				add(v.doc.uri, v.doc.Mapper(), l.Start, l.End)
			}
		}
	}
	return locs, nil
}
