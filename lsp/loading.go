package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// loaded is the docs in use plus lookups derived from them once, when they are swapped in.
type loaded struct {
	*Docs
	sym     *corpus.Symbols
	index   *sdkcall.Index // the sdkcall lookups' index of sym; dropped with this snapshot
	gen     uint64
	version string // docs version for footers and the page cache

	entryOnce sync.Once
	entryIdx  map[*corpus.Entry]int

	pages *pageCache

	// built is the search index that Docs.BuildSearch made after these docs were swapped in, and
	// indexed is closed when that build has ended, made or not (nil: no build).
	built   atomic.Pointer[searcherBox]
	indexed chan struct{}
}

// indexWaitLimit bounds how long an explicit search waits for the index being built before it
// settles for the title match.
const indexWaitLimit = 15 * time.Second

// waitIndexed waits for the search index being built, if any, for at most indexWaitLimit. A search
// the user asked for (workos.search, open docs) waits, so the first seconds of a cold start do
// not give title matches only; workspace/symbol, asked at every keystroke, does not.
func (l *loaded) waitIndexed(ctx context.Context) {
	if l.indexed == nil {
		return
	}
	t := time.NewTimer(indexWaitLimit)
	defer t.Stop()
	select {
	case <-l.indexed:
	case <-ctx.Done():
	case <-t.C:
	}
}

type searcherBox struct{ Searcher }

// searcher is the ranked search in use: the one the loader gave, else the one built after the
// swap, else nil (docquery then matches titles).
func (l *loaded) searcher() Searcher {
	if l.Search != nil {
		return l.Search
	}
	if b := l.built.Load(); b != nil {
		return b.Searcher
	}
	return nil
}

func newLoaded(in *Docs, gen uint64, cacheDir string) *loaded {
	d := *in
	l := &loaded{Docs: &d, sym: d.Corpus.Symbols(), index: sdkcall.NewIndex(d.Corpus.Symbols()), gen: gen, version: d.Version}
	if l.version == "" {
		l.version = d.Corpus.Version
	}
	l.pages = newPageCache(cacheDir, l.version, d.Corpus)
	if d.Search == nil && d.BuildSearch != nil {
		l.indexed = make(chan struct{})
	}
	return l
}

// search ranks the docs with their index, or by title without one.
func (l *loaded) search(ctx context.Context, q string, opts search.Options) ([]search.Result, error) {
	return docquery.Search(ctx, l.Corpus, l.searcher(), q, opts)
}

// entryIndex finds e's position in Corpus.Entries (completion items carry it to resolve).
func (l *loaded) entryIndex(e *corpus.Entry) (int, bool) {
	l.entryOnce.Do(func() {
		l.entryIdx = make(map[*corpus.Entry]int, len(l.Corpus.Entries))
		for i, e := range l.Corpus.Entries {
			l.entryIdx[e] = i
		}
	})
	i, ok := l.entryIdx[e]
	return i, ok
}

// recomputeSettings layers command line, initializationOptions and configuration.
func (s *server) recomputeSettings() Settings {
	s.settingsMu.Lock()
	defer s.settingsMu.Unlock()
	set := s.opts.Settings
	set = s.initLayer.apply(set)
	set = s.confLayer.apply(set)
	s.settings.Store(&set)
	return set
}

func (s *server) currentSettings() Settings { return *s.settings.Load() }

func (s *server) didChangeConfiguration(raw jsonrpc2.RawMessage) error {
	var p protocol.DidChangeConfigurationParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	layer, err := parseSettings(p.Settings)
	if err != nil {
		return err
	}
	if layer == nil && s.caps.Load().configuration {
		// Pull-model clients send null settings: ask for ours. This is a call back to the client, so
		// it runs off the read loop.
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.pullConfiguration()
		}()
		return nil
	}
	s.applyConfiguration(layer)
	return nil
}

func (s *server) pullConfiguration() {
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var res []json.RawMessage
	section := "workos"
	if _, err := s.conn.Call(ctx, protocol.MethodWorkspaceConfiguration, &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &section}}}, &res); err != nil {
		s.log.Warn("workspace/configuration failed", "error", err)
		return
	}
	if len(res) == 0 {
		return
	}
	layer, err := parseSettings(res[0])
	if err != nil {
		s.log.Warn("bad workspace/configuration answer", "error", err)
		return
	}
	s.applyConfiguration(layer)
}

func (s *server) applyConfiguration(layer *settingsLayer) {
	s.settingsMu.Lock()
	s.confLayer = layer
	s.settingsMu.Unlock()
	s.recomputeSettings()
	s.startLoading(loadConfiguration)
	// Enabled languages may have changed: refresh diagnostics of open documents.
	for _, d := range s.files.all() {
		s.scheduleDiagnostics(d.uri)
	}
}

// loadReason says why startLoading is called.
type loadReason int

const (
	// loadInitialized: the client finished initialize; the first load, unless a configuration that
	// arrived first started one already.
	loadInitialized loadReason = iota
	// loadConfiguration: the settings changed; a load starts when the docs settings differ from
	// those of the newest load.
	loadConfiguration
)

// startLoading (re)loads the docs when the docs settings differ from what is loaded or loading.
func (s *server) startLoading(why loadReason) {
	set := s.currentSettings()
	key := set.docsKey()
	s.loadMu.Lock()
	switch {
	case why == loadInitialized && s.loadKey != "":
		s.loadMu.Unlock()
		return // already loading or loaded (configuration arrived first)
	case why == loadConfiguration && key == s.loadKey:
		s.loadMu.Unlock()
		return
	}
	s.loadKey = key
	if s.loadCancel != nil {
		s.loadCancel()
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.loadCancel = cancel
	s.loadGen++
	gen := s.loadGen
	s.loadMu.Unlock()

	if s.opts.Loader == nil {
		s.log.Warn("no docs loader configured; features stay empty")
		s.proj.releaseScan()
		cancel()
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer cancel()
		s.load(ctx, gen, set)
	}()
}

func (s *server) stopLoading() {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if s.loadCancel != nil {
		s.loadCancel()
	}
}

// openLanguages are the languages of the open documents, for warming the lookups' index so that
// the next hover does not build it.
func openLanguages(docs []*document) []corpus.Language {
	var open []corpus.Language
	for _, d := range docs {
		if d.known && !slices.Contains(open, d.lang) {
			open = append(open, d.lang)
		}
	}
	return open
}

// answerEarly lets hover, completion and signature help answer from the early corpus of docs (see
// Docs.Complete) while the load completes it, if no docs are in use yet and this is the newest load;
// it returns what it put in place (nil for nothing).
// It has no search index (the complete corpus gets one) and the same generation as the complete
// docs, whose entries are the early ones in the same order, so completion items made from it
// resolve against either.
func (s *server) answerEarly(ctx context.Context, docs *Docs, gen uint64) *loaded {
	early := *docs
	early.Complete, early.BuildSearch, early.Refresh = nil, nil, nil
	l := newLoaded(&early, gen, s.opts.CacheDir)
	l.index.Warm(openLanguages(s.files.all())...)
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if ctx.Err() != nil || gen != s.loadGen || s.current.Load() != nil {
		return nil
	}
	s.early.Store(l)
	return l
}

// swapIn makes l the docs in use, unless a newer load has started or the server is stopping. The
// check and the swap happen under one lock, so a slow old load that finishes last cannot replace the
// docs of a newer one. It reports whether l is now in use.
func (s *server) swapIn(ctx context.Context, l *loaded) bool {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if ctx.Err() != nil || l.gen != s.loadGen {
		return false
	}
	s.current.Store(l)
	return true
}

// load runs the loader with work-done progress and swaps the result in.
func (s *server) load(ctx context.Context, gen uint64, set Settings) {
	start := time.Now()
	defer s.proj.releaseScan() // loaded, failed or superseded: the workspace scan may use the CPU now
	p := s.beginProgress(fmt.Sprintf("workos-lsp/load/%d", gen), "WorkOS docs", "loading")
	docs, err := s.runLoader(ctx, set, p.report)
	if ctx.Err() != nil {
		p.end("cancelled")
		return // superseded by a newer load or the server is stopping
	}
	if err == nil && (docs == nil || docs.Corpus == nil) {
		err = fmt.Errorf("the docs loader returned no corpus")
	}
	if err != nil {
		p.end("failed")
		s.log.Error("loading WorkOS docs failed", "error", err)
		msg := err.Error()
		s.loadFailure.Store(&msg)
		// Once per failed load; the features that cannot answer say it again where they are asked.
		s.showMessage(protocol.MessageTypeError, "workos-lsp: "+s.notLoadedMessage(false))
		return
	}
	var early *loaded
	if docs.Complete != nil {
		early = s.answerEarly(ctx, docs, gen)
		complete := *docs
		complete.Corpus, complete.Complete = docs.Complete(), nil
		docs = &complete
		if ctx.Err() != nil {
			s.early.CompareAndSwap(early, nil)
			p.end("cancelled")
			return
		}
	}
	l := newLoaded(docs, gen, s.opts.CacheDir)
	l.index.Warm(openLanguages(s.files.all())...)
	if s.opts.beforeSwap != nil {
		s.opts.beforeSwap(gen)
	}
	if !s.swapIn(ctx, l) {
		s.early.CompareAndSwap(early, nil)
		p.end("cancelled")
		return
	}
	s.early.Store(nil) // current answers now; the early corpus can go
	s.loadFailure.Store(nil)
	s.log.Info("WorkOS docs loaded", "version", l.version, "pages", len(docs.Corpus.Pages), "entries", len(docs.Corpus.Entries), "took", time.Since(start))
	if docs.Note != "" {
		s.logMessage(protocol.MessageTypeInfo, "workos-lsp: "+docs.Note)
	}
	for _, d := range s.files.all() {
		s.scheduleDiagnostics(d.uri)
	}
	p.end(fmt.Sprintf("WorkOS docs %s", l.version))
	if docs.Refresh != nil {
		// With the server's context and wait group: shutdown cancels the refresh and waits for it.
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			docs.Refresh(s.ctx)
		}()
	}
	// Last, in this load's goroutine: ctx stays alive until a newer load or shutdown cancels it. The
	// workspace scan need not wait for the index (only search uses it).
	if docs.Search == nil && docs.BuildSearch != nil {
		s.proj.releaseScan()
		s.buildSearch(ctx, l, docs.BuildSearch)
	}
}

// buildSearch builds l's search index after l is in use, under a progress of its own. An index that
// is no longer wanted (a newer load, or shutdown) is closed.
func (s *server) buildSearch(ctx context.Context, l *loaded, build func(context.Context) (Searcher, error)) {
	defer close(l.indexed)
	start := time.Now()
	p := s.beginProgress(fmt.Sprintf("workos-lsp/index/%d", l.gen), "WorkOS docs search", "indexing…")
	ix, err := s.runBuildSearch(ctx, build)
	if err != nil {
		p.end("search index failed; searching titles")
		if ctx.Err() == nil {
			s.log.Error("building the search index failed; search matches titles only", "error", err)
		}
		return
	}
	if ctx.Err() != nil || ix == nil {
		closeSearcher(ix)
		p.end("cancelled")
		return
	}
	l.built.Store(&searcherBox{ix})
	s.log.Info("search index ready", "took", time.Since(start))
	p.end("search index ready")
}

func (s *server) runBuildSearch(ctx context.Context, build func(context.Context) (Searcher, error)) (ix Searcher, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while building the search index: %v", r)
		}
	}()
	return build(ctx)
}

func closeSearcher(ix Searcher) {
	if c, ok := ix.(io.Closer); ok {
		_ = c.Close()
	}
}

// runLoader calls the loader, turning a panic into an error.
func (s *server) runLoader(ctx context.Context, set Settings, progress func(string, int64, int64)) (docs *Docs, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while loading the docs: %v", r)
		}
	}()
	return s.opts.Loader(ctx, set, progress)
}

// progress is one work-done progress; without client support every method is a no-op. The client's
// answer to workDoneProgress/create is awaited in the background, so loading never waits on it (a client
// that answers late, or never, must not delay the docs); what happens before the answer is not shown,
// and an end that came first is sent right after the begin.
type progress struct {
	s      *server
	mu     sync.Mutex
	token  protocol.ProgressToken
	last   time.Time
	stage  string
	ended  bool
	endMsg string
	// pending is the latest report made before the client answered, sent right after the begin.
	pending *protocol.WorkDoneProgressReport
}

func (s *server) beginProgress(token, title, msg string) *progress {
	p := &progress{s: s}
	if !s.caps.Load().workDoneProgress {
		return p
	}
	tok := protocol.String(token)
	// The answer may come after the load (and its context) has finished: wait on the server's context.
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		cctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if _, err := s.conn.Call(cctx, protocol.MethodWindowWorkDoneProgressCreate, &protocol.WorkDoneProgressCreateParams{Token: tok}, nil); err != nil {
			s.log.Debug("client refused work-done progress", "error", err)
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		p.token = tok
		p.send(&protocol.WorkDoneProgressBegin{Kind: "begin", Title: title, Message: &msg, Percentage: ptr(uint32(0))})
		if p.pending != nil { // the stage the load reached before the client answered
			p.send(p.pending)
		}
		if p.ended {
			p.send(&protocol.WorkDoneProgressEnd{Kind: "end", Message: &p.endMsg})
		}
	}()
	return p
}

func (p *progress) send(v any) {
	raw, err := protocol.Marshal(v)
	if err != nil {
		p.s.log.Warn("encoding progress", "error", err)
		return
	}
	p.s.notify(protocol.MethodProgress, &protocol.ProgressParams{Token: p.token, Value: raw})
}

// report forwards the loader's progress, at most every 100ms unless the stage changes.
func (p *progress) report(stage string, done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended || (stage == p.stage && time.Since(p.last) < 100*time.Millisecond && done != total) {
		return
	}
	p.stage, p.last = stage, time.Now()
	r := &protocol.WorkDoneProgressReport{Kind: "report", Message: &stage}
	if total > 0 {
		pct := uint32(min(100, max(0, done*100/total)))
		r.Percentage = &pct
	}
	if p.token == nil {
		p.pending = r
		return
	}
	p.send(r)
}

func (p *progress) end(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	p.ended, p.endMsg = true, msg
	if p.token != nil {
		p.send(&protocol.WorkDoneProgressEnd{Kind: "end", Message: &msg})
	}
}
