// Package lsp is the Language Server Protocol glue of workos-lsp: lifecycle, document sync, background
// loading of the docs, and thin feature handlers that call sdkcall and docquery and convert their
// answers to protocol types. Rendering of documentation lives in docview, lookups over the docs in
// docquery (both protocol-free), and all position maths in lsp/textpos.
//
// Concurrency model. go.lsp.dev/jsonrpc2 v1 runs a handler inline on the connection's read loop until
// the handler calls jsonrpc2.Async. This server keeps every notification inline, so document changes,
// cancellations and configuration are applied in wire order. A request decodes its params and takes
// its snapshot (document version, loaded docs, settings) inline too, and only then releases the read
// loop and computes concurrently. So a request always sees every notification that preceded it, and
// never one that followed it.
package lsp

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/fetch"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// ServerName is reported in serverInfo.
const ServerName = "workos-lsp"

// Docs is one loaded docs snapshot, shared read-only by every request.
type Docs struct {
	Corpus *corpus.Corpus
	// Search ranks pages, sections, entries and events (workspace/symbol, workos.search). It is
	// optional: without it (nil, or a nil *search.Index) a simple title match over the corpus is used.
	Search Searcher
	// BuildSearch, when set and Search is nil, builds the search index; the server runs it in the
	// background once these docs are in use, so hovers and completions do not wait for the index.
	// Until it returns, search uses the title match.
	BuildSearch func(ctx context.Context) (Searcher, error)
	// Version names the docs in hover footers ("0.2.0"); empty means Corpus.Version.
	Version string
	// Note is shown to the user once the docs are in use (window/logMessage), e.g. "offline: using
	// the cached 0.2.0".
	Note string
	// Complete, when set, means Corpus is an early corpus (corpus.ParseStaged: every reference entry,
	// the pages that declare them, no page bodies otherwise, no events). The server answers hover,
	// completion and signature help from it while the load runs Complete, and swaps in the complete
	// corpus it returns for everything else; until then the other requests see the docs as loading.
	Complete func() *corpus.Corpus
	// Refresh, when set, runs in the background once these docs are in use, with the server's
	// context: shutdown cancels it and waits for it (up to two seconds). docset's cache-first load
	// uses it to look for newer docs for the next start.
	Refresh func(ctx context.Context)
}

// Searcher is the ranked search over the docs; *search.Index implements it.
type Searcher = docquery.Searcher

// Loader loads the docs for settings. It runs in the background after `initialized` and again when
// the docs settings change; progress reports stages ("download", "parse", "index"…) with done/total
// (total 0 when unknown). Its error message is shown to the user as is, so it should say what to do.
type Loader func(ctx context.Context, s Settings, progress func(stage string, done, total int64)) (*Docs, error)

// Options configure a server.
type Options struct {
	Loader Loader
	// Logger receives the server's own log (never stdout). Nil discards in Serve; Run logs warnings
	// and errors to stderr.
	Logger *slog.Logger
	// Trace logs every message handled, with its duration, at debug level.
	Trace bool
	// Version of workos-lsp, for serverInfo and hover footers.
	Version string
	// Settings are the defaults (command line); initializationOptions and didChangeConfiguration
	// override them field by field.
	Settings Settings
	// CacheDir holds rendered pages for go-to-definition (<CacheDir>/pages/<docs version>/…). Empty
	// means the docs cache root: WORKOS_LSP_CACHE, else <user cache dir>/workos-lsp.
	CacheDir string
	// DiagnosticsDelay debounces diagnostics after a change; 0 means 150ms.
	DiagnosticsDelay time.Duration
	// Executable is how a user starts this binary from a terminal ("workos-lsp", or its path when that
	// is not what PATH finds), for advice such as "run `workos-lsp corpus fetch`"; empty means
	// workos-lsp.
	Executable string

	// beforeRun, when set, runs in each request's concurrent phase before the handler (tests use it to
	// hold a request until it is cancelled).
	beforeRun func(ctx context.Context, method string, id jsonrpc2.ID)
	// beforeSwap, when set, runs in a load after the loader returned its docs and before they are
	// swapped in (tests use it to hold a load there, as a slow one would be).
	beforeSwap func(gen uint64)
	// scanGate, when set, holds the workspace scan until it is closed too (tests use it to ask
	// before the scan has read anything).
	scanGate chan struct{}
}

// ErrNoShutdown is returned by Serve when the connection ended (by `exit` or end of input) without a
// `shutdown` request first; Run turns it into exit code 1.
var ErrNoShutdown = errors.New("exit without shutdown")

// Run serves LSP on stdin/stdout until exit and returns the process exit code: 0 after shutdown and
// exit, 1 otherwise. Nothing but LSP frames is written to stdout.
func Run(ctx context.Context, stdin io.Reader, stdout io.Writer, stderr io.Writer, opts Options) int {
	if opts.Logger == nil {
		level := slog.LevelWarn
		if opts.Trace {
			level = slog.LevelDebug
		}
		opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	}
	err := Serve(ctx, newStdio(stdin, stdout), opts)
	if err != nil {
		if !errors.Is(err, ErrNoShutdown) {
			opts.Logger.Error("server stopped", "error", err)
		}
		return 1
	}
	return 0
}

// Serve runs the server on one connection until `exit`, the end of the stream, or ctx's end. It
// returns nil when a `shutdown` request was answered first, ErrNoShutdown otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	s := newServer(opts)
	return s.serve(ctx, rwc)
}

const (
	stateNew int32 = iota
	stateRunning
	stateShutdown
)

type server struct {
	opts Options
	log  *slog.Logger
	conn jsonrpc2.Conn

	ctx    context.Context // lives as long as serve; outgoing calls and loads use it
	cancel context.CancelFunc
	wg     sync.WaitGroup

	state  atomic.Int32
	caps   atomic.Pointer[clientCaps]
	enc    atomic.Uint32 // textpos.Encoding
	exited chan struct{}
	exit   sync.Once

	files   *openFiles
	current atomic.Pointer[loaded] // the docs in use; nil until the first load is swapped in
	// early is the first load's early corpus (Docs.Complete) while it is completed: hover,
	// completion and signature help answer from it until current is set.
	early atomic.Pointer[loaded]
	// loadFailure is why the newest load failed; nil while loading and once docs are in.
	loadFailure atomic.Pointer[string]
	clientName  atomic.Pointer[string] // initialize's clientInfo.name, for advice in messages
	proj        *project               // the workspace model; set by initialize, before any other message is handled

	settings   atomic.Pointer[Settings]
	settingsMu sync.Mutex // guards the two layers
	initLayer  *settingsLayer
	confLayer  *settingsLayer

	// loadMu guards the load state below and the swap of current: a load swaps its docs in only while
	// it is the newest (see swapIn).
	loadMu     sync.Mutex
	loadKey    string // docsKey of the newest load
	loadCancel context.CancelFunc
	loadGen    uint64 // generation of the newest load

	inflightMu sync.Mutex
	inflight   map[jsonrpc2.ID]context.CancelFunc

	diag diagnostics
}

// clientCaps is what the client said it supports in `initialize`.
type clientCaps struct {
	hoverMarkdown      bool
	completionMarkdown bool
	signatureMarkdown  bool
	workDoneProgress   bool
	showDocument       bool
	configuration      bool
	codeActionLiterals bool
	watchFiles         bool // can register workspace/didChangeWatchedFiles dynamically
}

func newServer(opts Options) *server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DiagnosticsDelay <= 0 {
		opts.DiagnosticsDelay = 150 * time.Millisecond
	}
	if opts.CacheDir == "" {
		// The same root as the docs cache: WORKOS_LSP_CACHE, else the user cache dir.
		if dir, err := fetch.CacheRoot(nil); err == nil {
			opts.CacheDir = dir
		} else {
			opts.CacheDir = filepath.Join(os.TempDir(), "workos-lsp")
		}
	}
	s := &server{
		opts:     opts,
		log:      opts.Logger,
		exited:   make(chan struct{}),
		files:    newOpenFiles(),
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
	}
	set := opts.Settings
	s.settings.Store(&set)
	s.caps.Store(&clientCaps{})
	s.diag.init()
	return s
}

func (s *server) serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	s.ctx, s.cancel = context.WithCancel(ctx)
	defer s.cancel()
	s.conn = jsonrpc2.NewConn(newStream(rwc, s.log), jsonrpc2.WithCodec(codec{}))
	s.conn.Go(s.ctx, s.handle)

	select {
	case <-s.conn.Done():
	case <-s.exited:
	case <-ctx.Done():
	}
	// Stop everything that could still write or wait: loads, outgoing calls, in-flight requests and
	// pending diagnostics. Then close the connection, which waits for handlers to return.
	s.cancel()
	s.cancelInflight()
	s.diag.stop()
	if err := s.conn.Close(); err != nil {
		s.log.Debug("closing connection", "error", err)
	}
	s.diag.wait()
	if s.proj != nil {
		s.proj.shutdown()
	}
	s.waitBackground(2 * time.Second)
	if err := s.conn.Err(); err != nil {
		s.log.Warn("connection ended with an error", "error", err)
	}
	if s.state.Load() == stateShutdown {
		return nil
	}
	return ErrNoShutdown
}

// waitBackground waits for loads and diagnostics to notice the cancellation, but not forever: a
// loader that ignores its context must not keep the editor waiting for the process to end.
func (s *server) waitBackground(limit time.Duration) {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		s.log.Warn("background work did not stop in time")
	}
}

// handle is the jsonrpc2 handler. Notifications run inline, in order; requests prepare inline and run
// concurrently (see the package comment).
func (s *server) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	if !req.IsCall() {
		s.notification(ctx, req.Method(), req.Params())
		return nil, nil // a notification error would end the connection
	}
	return s.call(ctx, req)
}

// prepared is a request's concurrent phase.
type prepared func(ctx context.Context) (any, error)

// route decodes a request's params and takes its snapshot, inline on the read loop.
type route func(s *server, params jsonrpc2.RawMessage) (prepared, error)

var routes = map[string]route{
	protocol.MethodTextDocumentHover:         onEarlyFile(func(p *protocol.HoverParams) uri.URI { return p.TextDocument.URI }, (*server).hover, (*server).hoverNotLoaded),
	protocol.MethodTextDocumentCompletion:    onEarlyFile(func(p *protocol.CompletionParams) uri.URI { return p.TextDocument.URI }, (*server).completion, (*server).completionNotLoaded),
	protocol.MethodCompletionItemResolve:     onEarlyDocs((*server).completionResolve),
	protocol.MethodTextDocumentSignatureHelp: onEarlyFile(func(p *protocol.SignatureHelpParams) uri.URI { return p.TextDocument.URI }, (*server).signatureHelp),
	protocol.MethodTextDocumentDefinition:    onFile(func(p *protocol.DefinitionParams) uri.URI { return p.TextDocument.URI }, (*server).definition),
	protocol.MethodTextDocumentReferences:    onFile(func(p *protocol.ReferenceParams) uri.URI { return p.TextDocument.URI }, (*server).references),
	protocol.MethodTextDocumentDocumentLink:  onFile(func(p *protocol.DocumentLinkParams) uri.URI { return p.TextDocument.URI }, (*server).documentLinks),
	protocol.MethodTextDocumentCodeAction:    onFile(func(p *protocol.CodeActionParams) uri.URI { return p.TextDocument.URI }, (*server).codeActions),
	protocol.MethodWorkspaceSymbol:           onDocs((*server).workspaceSymbols),
	protocol.MethodWorkspaceExecuteCommand:   (*server).executeCommand,
}

// fileHandler answers a request about one document that has WorkOS features, in the request's
// concurrent phase.
type fileHandler[P any] func(s *server, ctx context.Context, v view, f *sdkcall.File, params *P) (any, error)

// onFile routes a request about one document: it decodes P and takes the snapshot of the document P
// names inline, then runs h concurrently on the document's analysis. A document without features
// (language unknown or disabled, no WorkOS SDK in it) answers null without h; so does one while no
// docs are loaded, unless a notLoaded handler is given (at most one): that one then runs instead, to
// say why there is no answer where one was plainly asked for.
func onFile[P any](document func(*P) uri.URI, h fileHandler[P], notLoaded ...fileHandler[P]) route {
	return fileRoute(document, h, false, notLoaded)
}

// onEarlyFile is onFile for the requests that an early corpus answers (see Docs.Complete).
func onEarlyFile[P any](document func(*P) uri.URI, h fileHandler[P], notLoaded ...fileHandler[P]) route {
	return fileRoute(document, h, true, notLoaded)
}

func fileRoute[P any](document func(*P) uri.URI, h fileHandler[P], early bool, notLoaded []fileHandler[P]) route {
	return func(s *server, raw jsonrpc2.RawMessage) (prepared, error) {
		var p P
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		v := s.snapshot(document(&p), early)
		return func(ctx context.Context) (any, error) {
			if v.ld == nil && len(notLoaded) > 0 {
				if f := v.analysis(); f != nil {
					return notLoaded[0](s, ctx, v, f, &p)
				}
			}
			v = s.afterFirstBatch(ctx, v)
			f := v.file()
			if f == nil {
				return nil, nil
			}
			return h(s, ctx, v, f, &p)
		}, nil
	}
}

// onDocs routes a request about the docs rather than a document: P is decoded and the snapshot
// (without a document) taken inline; h runs concurrently and sees v.ld == nil while nothing is loaded.
func onDocs[P any](h func(s *server, ctx context.Context, v view, params *P) (any, error)) route {
	return docsRoute(h, false)
}

// onEarlyDocs is onDocs for a request that an early corpus answers (see Docs.Complete).
func onEarlyDocs[P any](h func(s *server, ctx context.Context, v view, params *P) (any, error)) route {
	return docsRoute(h, true)
}

func docsRoute[P any](h func(s *server, ctx context.Context, v view, params *P) (any, error), early bool) route {
	return func(s *server, raw jsonrpc2.RawMessage) (prepared, error) {
		var p P
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
		v := s.snapshot("", early)
		return func(ctx context.Context) (any, error) { return h(s, ctx, v, &p) }, nil
	}
}

func (s *server) call(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	method := strings.Clone(req.Method())
	id := req.ID()
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic while handling request", "method", method, "panic", r, "stack", string(debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "workos-lsp: internal error in %s: %v", method, r)
		}
		if s.opts.Trace {
			s.log.Debug("request", "method", method, "id", id, "duration", time.Since(start), "error", err)
		}
	}()

	switch s.state.Load() {
	case stateNew:
		if method != protocol.MethodInitialize {
			return nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "server not initialized: send initialize first")
		}
	case stateShutdown:
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shutting down: only exit is accepted")
	}
	switch method {
	case protocol.MethodInitialize:
		if s.state.Load() != stateNew {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize was already received")
		}
		return s.initialize(req.Params())
	case protocol.MethodShutdown:
		s.state.Store(stateShutdown)
		s.stopLoading()
		return nil, nil
	}
	rt, ok := routes[method]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
	}
	run, err := rt(s, req.Params())
	if err != nil {
		return nil, err
	}

	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.inflightMu.Lock()
	s.inflight[id] = cancel
	s.inflightMu.Unlock()
	defer func() {
		s.inflightMu.Lock()
		delete(s.inflight, id)
		s.inflightMu.Unlock()
	}()

	jsonrpc2.Async(ctx) // from here on, later messages are read while this request runs

	if s.opts.beforeRun != nil {
		s.opts.beforeRun(rctx, method, id)
	}
	if rctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	result, err = run(rctx)
	if rctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	return result, err
}

func (s *server) cancelRequest(params jsonrpc2.RawMessage) {
	var p protocol.CancelParams
	if err := decode(params, &p); err != nil {
		s.log.Warn("bad $/cancelRequest", "error", err)
		return
	}
	var id jsonrpc2.ID
	switch v := p.ID.(type) {
	case protocol.Integer:
		id = jsonrpc2.NewNumberID(int64(v))
	case protocol.String:
		id = jsonrpc2.NewStringID(string(v))
	default:
		return
	}
	s.inflightMu.Lock()
	cancel := s.inflight[id]
	s.inflightMu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func (s *server) cancelInflight() {
	s.inflightMu.Lock()
	defer s.inflightMu.Unlock()
	for _, cancel := range s.inflight {
		cancel()
	}
}

func (s *server) notification(ctx context.Context, method string, params jsonrpc2.RawMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic while handling notification", "method", method, "panic", r, "stack", string(debug.Stack()))
		}
	}()
	if s.opts.Trace {
		s.log.Debug("notification", "method", method)
	}
	switch method {
	case protocol.MethodExit:
		s.exit.Do(func() { close(s.exited) })
		return
	case protocol.MethodCancelRequest:
		s.cancelRequest(params)
		return
	}
	if s.state.Load() != stateRunning {
		return // before initialize and after shutdown, notifications other than exit are dropped
	}
	var err error
	switch method {
	case protocol.MethodInitialized:
		s.startLoading(loadInitialized)
		s.watchFiles()
	case protocol.MethodTextDocumentDidOpen:
		err = s.didOpen(params)
	case protocol.MethodTextDocumentDidChange:
		err = s.didChange(params)
	case protocol.MethodTextDocumentDidClose:
		err = s.didClose(params)
	case protocol.MethodWorkspaceDidChangeConfiguration:
		err = s.didChangeConfiguration(params)
	case protocol.MethodTextDocumentDidSave:
		err = s.didSave(params)
	case protocol.MethodWorkspaceDidChangeWatchedFiles:
		err = s.didChangeWatchedFiles(params)
	case protocol.MethodWorkspaceDidChangeWorkspaceFolders:
		err = s.didChangeWorkspaceFolders(params)
	case protocol.MethodSetTrace:
	default:
		s.log.Debug("ignoring notification", "method", method)
	}
	if err != nil {
		s.log.Warn("notification failed", "method", method, "error", err)
	}
}

func (s *server) initialize(raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.InitializeParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	caps := readClientCaps(&p.Capabilities)
	s.caps.Store(caps)
	name := p.ClientInfo.Name
	s.clientName.Store(&name)
	enc := textpos.UTF16
	if g := p.Capabilities.General; g != nil {
		for _, e := range g.PositionEncodings {
			if e == protocol.PositionEncodingKindUTF8 {
				enc = textpos.UTF8
			}
		}
	}
	s.enc.Store(uint32(enc))
	if len(p.InitializationOptions) > 0 {
		layer, err := parseSettings(p.InitializationOptions)
		if err != nil {
			s.log.Warn("ignoring initializationOptions", "error", err)
		}
		s.settingsMu.Lock()
		s.initLayer = layer
		s.settingsMu.Unlock()
		s.recomputeSettings()
	}
	s.proj = s.newProject(s.currentSettings())
	if s.currentSettings().MaxWorkspaceFiles >= 0 {
		s.proj.ws.SetFolders(workspaceFolders(&p))
	}
	s.state.Store(stateRunning)

	posEnc := protocol.PositionEncodingKindUTF16
	if enc == textpos.UTF8 {
		posEnc = protocol.PositionEncodingKindUTF8
	}
	incremental := protocol.TextDocumentSyncKindIncremental
	var codeActions protocol.CodeActionProvider = protocol.Boolean(true)
	if caps.codeActionLiterals {
		codeActions = &protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, protocol.CodeActionKindEmpty}}
	}
	res := &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			PositionEncoding: posEnc,
			TextDocumentSync: &protocol.TextDocumentSyncOptions{OpenClose: ptr(true), Change: &incremental, Save: protocol.Boolean(true)},
			CompletionProvider: &protocol.CompletionOptions{
				TriggerCharacters: completionTriggers,
				ResolveProvider:   ptr(true),
			},
			HoverProvider: protocol.Boolean(true),
			SignatureHelpProvider: &protocol.SignatureHelpOptions{
				TriggerCharacters:   []string{"(", ","},
				RetriggerCharacters: []string{","},
			},
			DefinitionProvider:      protocol.Boolean(true),
			ReferencesProvider:      protocol.Boolean(true),
			DocumentLinkProvider:    &protocol.DocumentLinkOptions{ResolveProvider: ptr(false)},
			CodeActionProvider:      codeActions,
			WorkspaceSymbolProvider: protocol.Boolean(true),
			ExecuteCommandProvider:  protocol.ExecuteCommandOptions{Commands: []string{CommandSearch, CommandOpenDocs, CommandDocsStatus}},
			Workspace: &protocol.WorkspaceOptions{WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{
				Supported: ptr(true), ChangeNotifications: protocol.Boolean(true),
			}},
		},
		ServerInfo: protocol.ServerInfo{Name: ServerName},
	}
	if s.opts.Version != "" {
		res.ServerInfo.Version = protocol.NewOptional(s.opts.Version)
	}
	return res, nil
}

// completionTriggers: member access in every SDK (`.`, `->`, `::`), string literals (events),
// argument lists and option objects.
var completionTriggers = []string{".", ">", ":", "\"", "'", "(", "{", ","}

func readClientCaps(c *protocol.ClientCapabilities) *clientCaps {
	out := &clientCaps{}
	if td := c.TextDocument; td != nil {
		if td.Hover != nil {
			out.hoverMarkdown = hasMarkdown(td.Hover.ContentFormat, true)
		} else {
			out.hoverMarkdown = true
		}
		out.completionMarkdown = true
		if td.Completion != nil && td.Completion.CompletionItem != nil {
			out.completionMarkdown = hasMarkdown(td.Completion.CompletionItem.DocumentationFormat, true)
		}
		out.signatureMarkdown = true
		if td.SignatureHelp != nil && td.SignatureHelp.SignatureInformation != nil {
			out.signatureMarkdown = hasMarkdown(td.SignatureHelp.SignatureInformation.DocumentationFormat, true)
		}
		if td.CodeAction != nil && len(td.CodeAction.CodeActionLiteralSupport.CodeActionKind.ValueSet) > 0 {
			out.codeActionLiterals = true
		}
	} else {
		out.hoverMarkdown, out.completionMarkdown, out.signatureMarkdown = true, true, true
	}
	if w := c.Window; w != nil {
		out.workDoneProgress = w.WorkDoneProgress != nil && *w.WorkDoneProgress
		out.showDocument = w.ShowDocument != nil && w.ShowDocument.Support
	}
	if ws := c.Workspace; ws != nil {
		out.configuration = ws.Configuration != nil && *ws.Configuration
		out.watchFiles = ws.DidChangeWatchedFiles != nil && ws.DidChangeWatchedFiles.DynamicRegistration != nil && *ws.DidChangeWatchedFiles.DynamicRegistration
	}
	return out
}

// hasMarkdown: an absent format list means the client did not say; assume def.
func hasMarkdown(formats []protocol.MarkupKind, def bool) bool {
	if len(formats) == 0 {
		return def
	}
	for _, f := range formats {
		if f == protocol.MarkupKindMarkdown {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }

// decode unmarshals params; a failure is InvalidParams.
func decode(raw jsonrpc2.RawMessage, v any) error {
	if len(raw) == 0 {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
	}
	// Decode a copy: params borrow the connection's frame buffer (see codec).
	if err := protocol.Unmarshal(slices.Clone(raw), v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// decodeSync is decode for the document-sync params, without decode's copy: their generated
// decoders (protocol.Unmarshal's byteUnmarshaler path) copy the bytes themselves before their
// strings alias them, so a didOpen of a 1 MB file made a third copy of its frame.
// TestDecodeSyncCopies checks that the decoded values do not borrow raw.
func decodeSync[T protocol.DidOpenTextDocumentParams | protocol.DidChangeTextDocumentParams](raw jsonrpc2.RawMessage, v *T) error {
	if len(raw) == 0 {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
	}
	if err := protocol.Unmarshal(raw, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// notify sends a notification to the client, logging failures (the client may be gone).
func (s *server) notify(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil && s.ctx.Err() == nil {
		s.log.Debug("notify failed", "method", method, "error", err)
	}
}

func (s *server) showMessage(t protocol.MessageType, msg string) {
	s.notify(protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: t, Message: msg})
}

func (s *server) logMessage(t protocol.MessageType, msg string) {
	s.notify(protocol.MethodWindowLogMessage, &protocol.LogMessageParams{Type: t, Message: msg})
}

// stdio joins stdin and stdout into one connection. Close makes a pending Read return at once even
// when stdin cannot be closed (a pump goroutine copies stdin into a pipe).
type stdio struct {
	r  *io.PipeReader
	w  io.Writer
	mu sync.Mutex
}

func newStdio(stdin io.Reader, stdout io.Writer) *stdio {
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, stdin)
		if err == nil {
			err = io.EOF
		}
		pw.CloseWithError(err)
	}()
	return &stdio{r: pr, w: stdout}
}

func (c *stdio) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *stdio) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.w.Write(p)
}

func (c *stdio) Close() error {
	c.r.CloseWithError(io.EOF)
	return nil
}
