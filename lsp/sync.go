package lsp

import (
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/lsp/textpos"
)

// Document sync runs inline on the read loop (see the package comment), so it must stay cheap:
// splicing text and scheduling diagnostics. Analysis happens lazily in whoever asks first.

func (s *server) didOpen(raw jsonrpc2.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := decodeSync(raw, &p); err != nil {
		return err
	}
	td := p.TextDocument
	// The decoder's strings without escapes alias its copy of the whole frame: a URI kept as it is
	// would hold the opened text's frame for as long as the document (and anything that keeps its
	// URI) lives. The text itself, full of escaped newlines, is a string of its own.
	u, lang := uri.URI(strings.Clone(string(td.URI))), strings.Clone(string(td.LanguageID))
	d := newDocument(u, lang, td.Version, td.Text)
	s.files.open(d)
	s.documentOpened(d)
	s.scheduleDiagnostics(d.uri)
	return nil
}

func (s *server) didChange(raw jsonrpc2.RawMessage) error {
	var p protocol.DidChangeTextDocumentParams
	if err := decodeSync(raw, &p); err != nil {
		return err
	}
	d, res := s.files.change(p.TextDocument.URI, p.TextDocument.Version, p.ContentChanges, textpos.Encoding(s.enc.Load()))
	switch res {
	case changeUnknownDoc:
		s.log.Warn("didChange for a document that is not open", "uri", p.TextDocument.URI)
	case changeStale:
		s.log.Debug("ignoring stale didChange", "uri", p.TextDocument.URI, "version", p.TextDocument.Version, "have", d.version)
	default:
		s.documentChanged(d)
		s.scheduleDiagnostics(d.uri)
	}
	return nil
}

// bigDocument is the size from which closing a document returns its memory to the system.
const bigDocument = 4 << 20

func (s *server) didClose(raw jsonrpc2.RawMessage) error {
	var p protocol.DidCloseTextDocumentParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	d := s.files.close(p.TextDocument.URI)
	if d == nil {
		return nil
	}
	big := d.size() >= bigDocument
	s.documentClosed(d)
	if s.diag.forget(d.uri) {
		s.notify(protocol.MethodTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
	}
	if big {
		// The Go runtime keeps freed heap mapped; hand a big document's text, index and analysis back
		// to the system now rather than holding the peak RSS for as long as the editor runs.
		go debug.FreeOSMemory()
	}
	return nil
}

// diagnostics debounces publishing per document. Publishing is serialised and always reads the latest
// version, so the last notification for a document describes its latest text.
type diagnostics struct {
	mu        sync.Mutex
	timers    map[uri.URI]*time.Timer
	published map[uri.URI]bool // a non-empty list was published and not yet cleared
	stopped   bool

	publishMu sync.Mutex
}

func (d *diagnostics) init() {
	d.timers = map[uri.URI]*time.Timer{}
	d.published = map[uri.URI]bool{}
}

// stop cancels pending publishes.
func (d *diagnostics) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopped = true
	for _, t := range d.timers {
		t.Stop()
	}
}

// wait waits for a publish that was already running when stop was called (call it once the
// connection is closed, so that publish cannot be stuck writing).
func (d *diagnostics) wait() {
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
}

// forget drops a closed document and reports whether the client shows diagnostics for it.
func (d *diagnostics) forget(u uri.URI) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t := d.timers[u]; t != nil {
		t.Stop()
		delete(d.timers, u)
	}
	had := d.published[u]
	delete(d.published, u)
	return had
}

func (s *server) scheduleDiagnostics(u uri.URI) {
	d := &s.diag
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	if t := d.timers[u]; t != nil {
		t.Reset(s.opts.DiagnosticsDelay)
		return
	}
	d.timers[u] = time.AfterFunc(s.opts.DiagnosticsDelay, func() {
		s.publishDiagnostics(u)
	})
}

// publishDiagnostics computes and sends the diagnostics of u's current version.
func (s *server) publishDiagnostics(u uri.URI) {
	d := &s.diag
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
	d.mu.Lock()
	stopped := d.stopped
	d.mu.Unlock()
	if stopped || s.ctx.Err() != nil {
		return
	}
	v := s.snapshot(u, false)
	if v.doc == nil || v.ld == nil {
		return
	}
	diags := []protocol.Diagnostic{}
	f := v.file()
	if f != nil {
		for _, dg := range v.doc.Diagnostics(f, v) {
			diags = append(diags, toDiagnostic(v, dg))
		}
	}
	d.mu.Lock()
	had := d.published[u]
	d.published[u] = len(diags) > 0
	d.mu.Unlock()
	if f == nil && !had {
		return // not a WorkOS file (or disabled) and nothing to clear
	}
	s.notify(protocol.MethodTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{
		URI:         v.doc.uri,
		Version:     protocol.NewOptional(v.doc.version),
		Diagnostics: diags,
	})
}
