package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

var update = flag.Bool("update", false, "rewrite golden files")

// waitLimit bounds every wait on a real signal; hitting it fails the test (nothing sleeps).
const waitLimit = 20 * time.Second

// fixtureIndex builds the search index of the fixture corpus once per test binary.
var (
	indexOnce sync.Once
	fixIndex  *search.Index
	indexErr  error
)

func fixtureDocs(t testing.TB) *Docs {
	t.Helper()
	c := corpustest.Corpus(t)
	indexOnce.Do(func() { fixIndex, indexErr = search.Build(context.Background(), c) })
	if indexErr != nil {
		t.Fatalf("build fixture index: %v", indexErr)
	}
	return &Docs{Corpus: c, Search: fixIndex, Version: "fixture"}
}

// fixtureLoader reports two progress stages and returns the fixture docs; it records the settings of
// every call.
type fixtureLoader struct {
	docs  *Docs
	mu    sync.Mutex
	calls []Settings
	// gate, when set, holds each load until it is closed.
	gate chan struct{}
	err  error
}

func (l *fixtureLoader) load(ctx context.Context, s Settings, progress func(string, int64, int64)) (*Docs, error) {
	l.mu.Lock()
	l.calls = append(l.calls, s)
	gate, err := l.gate, l.err
	l.mu.Unlock()
	progress("parse", 0, 2)
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	progress("index", 1, 2)
	if err != nil {
		return nil, err
	}
	return l.docs, nil
}

func (l *fixtureLoader) settings() []Settings {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Settings(nil), l.calls...)
}

// note is a message the server sent to the client.
type note struct {
	method string
	params json.RawMessage
	call   bool
}

// client is the editor side of an end-to-end test: a real jsonrpc2 connection over net.Pipe to a
// server started with Serve.
type client struct {
	t    testing.TB
	conn jsonrpc2.Conn
	ctx  context.Context

	mu      sync.Mutex
	notes   []note
	changed chan struct{}

	showDocumentCalls atomic.Int32
	registrations     atomic.Int32
	configAnswer      json.RawMessage

	serveErr chan error
	raw      net.Conn // the client end, for tests that write bytes by hand
}

// queuedWrites is the client's end of the pipe with its writes made by a goroutine of their own.
// Over net.Pipe, which buffers nothing, the two read loops can block writing to each other (the
// server answering a request inline while the client answers the server's workDoneProgress/create),
// where an editor's OS pipe would take the bytes; that hung TestSearchIndexBuildCancelledByShutdown
// under load. Writes keep their order.
type queuedWrites struct {
	net.Conn
	queue chan []byte
	stop  chan struct{}
	once  sync.Once
}

func newQueuedWrites(c net.Conn) *queuedWrites {
	q := &queuedWrites{Conn: c, queue: make(chan []byte, 256), stop: make(chan struct{})}
	go func() {
		for {
			select {
			case b := <-q.queue:
				if _, err := c.Write(b); err != nil {
					return
				}
			case <-q.stop:
				return
			}
		}
	}()
	return q
}

func (q *queuedWrites) Write(p []byte) (int, error) {
	select {
	case q.queue <- bytes.Clone(p):
		return len(p), nil
	case <-q.stop:
		return 0, net.ErrClosed
	}
}

func (q *queuedWrites) Close() error {
	q.once.Do(func() { close(q.stop) })
	return q.Conn.Close()
}

type clientOptions struct {
	configAnswer json.RawMessage
	noConn       bool // do not start a jsonrpc2 connection (raw byte tests)
}

func startServer(t testing.TB, opts Options, copts ...clientOptions) *client {
	t.Helper()
	var co clientOptions
	if len(copts) > 0 {
		co = copts[0]
	}
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	if opts.CacheDir == "" {
		opts.CacheDir = t.TempDir()
	}
	ctx, cancel := context.WithCancel(context.Background())
	serverEnd, clientEnd := net.Pipe()
	c := &client{t: t, ctx: ctx, changed: make(chan struct{}), serveErr: make(chan error, 1), configAnswer: co.configAnswer, raw: clientEnd}
	go func() { c.serveErr <- Serve(ctx, serverEnd, opts) }()
	if !co.noConn {
		c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(newQueuedWrites(clientEnd)), jsonrpc2.WithCodec(codec{}))
		c.conn.Go(ctx, c.handle)
	}
	t.Cleanup(func() {
		cancel()
		if c.conn != nil {
			c.conn.Close()
		} else {
			clientEnd.Close()
		}
		select {
		case <-c.serveErr:
		case <-time.After(waitLimit):
			t.Errorf("server did not stop")
		}
	})
	return c
}

// testLogger keeps the server log in a buffer and prints it when the test fails.
func testLogger(t testing.TB) *slog.Logger {
	var mu sync.Mutex
	var buf bytes.Buffer
	t.Cleanup(func() {
		if t.Failed() {
			mu.Lock()
			t.Logf("server log:\n%s", buf.String())
			mu.Unlock()
		}
	})
	return slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// handle answers the server's calls the way an editor would and records everything.
func (c *client) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	n := note{method: strings.Clone(req.Method()), params: append(json.RawMessage(nil), req.Params()...), call: req.IsCall()}
	c.mu.Lock()
	c.notes = append(c.notes, n)
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
	if !req.IsCall() {
		return nil, nil
	}
	switch n.method {
	case protocol.MethodWindowWorkDoneProgressCreate:
		return nil, nil
	case protocol.MethodClientRegisterCapability:
		c.registrations.Add(1)
		return nil, nil
	case protocol.MethodWindowShowDocument:
		c.showDocumentCalls.Add(1)
		return &protocol.ShowDocumentResult{Success: true}, nil
	case protocol.MethodWorkspaceConfiguration:
		if c.configAnswer != nil {
			return jsonrpc2.RawMessage("[" + string(c.configAnswer) + "]"), nil
		}
		return jsonrpc2.RawMessage("[null]"), nil
	}
	return nil, jsonrpc2.ErrMethodNotFound
}

// waitNote waits for the first message from the server at or after index from that matches; it
// returns the note and its index.
func (c *client) waitNote(from int, method string, match func(json.RawMessage) bool) (note, int) {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		for i := from; i < len(c.notes); i++ {
			if n := c.notes[i]; n.method == method && (match == nil || match(n.params)) {
				c.mu.Unlock()
				return n, i
			}
		}
		ch := c.changed
		c.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", method)
		}
	}
}

// countNotes is how many messages of method the server has sent so far.
func (c *client) countNotes(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.notes {
		if m.method == method {
			n++
		}
	}
	return n
}

func (c *client) noteCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

func (c *client) notesOf(method string) []note {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []note
	for _, n := range c.notes {
		if n.method == method {
			out = append(out, n)
		}
	}
	return out
}

// call sends a request and decodes the result; errors are returned.
func (c *client) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, waitLimit)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

// must calls and fails the test on error.
func (c *client) must(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(c.ctx, method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// defaultCaps is a capable client: markdown everywhere, progress, showDocument, code action literals.
func defaultCaps() protocol.ClientCapabilities {
	return protocol.ClientCapabilities{
		TextDocument: &protocol.TextDocumentClientCapabilities{
			Hover: &protocol.HoverClientCapabilities{ContentFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown, protocol.MarkupKindPlainText}},
			Completion: &protocol.CompletionClientCapabilities{CompletionItem: &protocol.ClientCompletionItemOptions{
				DocumentationFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown},
			}},
			CodeAction: &protocol.CodeActionClientCapabilities{CodeActionLiteralSupport: protocol.ClientCodeActionLiteralOptions{
				CodeActionKind: protocol.ClientCodeActionKindOptions{ValueSet: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
			}},
		},
		Window: &protocol.WindowClientCapabilities{
			WorkDoneProgress: ptr(true),
			ShowDocument:     &protocol.ShowDocumentClientCapabilities{Support: true},
		},
		Workspace: &protocol.WorkspaceClientCapabilities{Configuration: ptr(true)},
	}
}

// initialize runs initialize + initialized and waits until the docs are loaded (the end of the
// work-done progress), so feature requests see them.
func (c *client) initialize(caps protocol.ClientCapabilities, initOpts string) *protocol.InitializeResult {
	c.t.Helper()
	var res protocol.InitializeResult
	p := &protocol.InitializeParams{Capabilities: caps}
	if initOpts != "" {
		p.InitializationOptions = protocol.LSPAny(initOpts)
	}
	c.must(protocol.MethodInitialize, p, &res)
	from := c.noteCount()
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	if caps.Window != nil && caps.Window.WorkDoneProgress != nil && *caps.Window.WorkDoneProgress {
		c.waitProgressEnd(from)
	}
	return &res
}

func (c *client) waitProgressEnd(from int) note {
	c.t.Helper()
	n, _ := c.waitNote(from, protocol.MethodProgress, func(raw json.RawMessage) bool {
		return bytes.Contains(raw, []byte(`"kind":"end"`))
	})
	return n
}

// open sends didOpen for a file in a made-up workspace and returns its URI.
func (c *client) open(name, languageID, text string) uri.URI {
	c.t.Helper()
	u := uri.File(filepath.Join(string(filepath.Separator), "work", "project", name))
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: protocol.LanguageKind(languageID), Version: 1, Text: text,
	}})
	return u
}

func (c *client) hover(u uri.URI, pos protocol.Position) *protocol.Hover {
	c.t.Helper()
	var h *protocol.Hover
	c.must(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos,
	}}, &h)
	return h
}

func hoverText(t testing.TB, h *protocol.Hover) string {
	t.Helper()
	if h == nil {
		return ""
	}
	mc, ok := h.Contents.(*protocol.MarkupContent)
	if !ok {
		t.Fatalf("hover contents are %T, want MarkupContent", h.Contents)
	}
	return mc.Value
}

// posOf is the UTF-16 position of the first occurrence of marker in text, plus delta characters.
func posOf(t testing.TB, text, marker string, delta int) protocol.Position {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("marker %q not in text", marker)
	}
	p := positionAt(text, i)
	p.Character += uint32(delta)
	return p
}

// positionAt is the UTF-16 position of a byte offset in text.
func positionAt(text string, offset int) protocol.Position {
	before := text[:offset]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndex(before, "\n")+1:]
	return protocol.Position{Line: uint32(line), Character: utf16Len(col)}
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) uint32 {
	n := uint32(0)
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func rpcCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// golden compares got with testdata/<name>, rewriting it with -update.
func golden(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run with -update)", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden (run with -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// newTestServer starts a server with the fixture loader, initialises it and waits for the docs.
func newTestServer(t testing.TB) (*client, *fixtureLoader) {
	t.Helper()
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Millisecond})
	c.initialize(defaultCaps(), "")
	return c, l
}
