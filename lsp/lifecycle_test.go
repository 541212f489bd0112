package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func TestInitializeCapabilities(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "1.2.3"})
	res := c.initialize(defaultCaps(), "")
	if res.ServerInfo.Name != "workos-lsp" {
		t.Errorf("serverInfo.name = %q", res.ServerInfo.Name)
	}
	if v, _ := res.ServerInfo.Version.Get(); v != "1.2.3" {
		t.Errorf("serverInfo.version = %q", v)
	}
	caps := res.Capabilities
	if caps.PositionEncoding != protocol.PositionEncodingKindUTF16 {
		t.Errorf("positionEncoding = %q, want utf-16", caps.PositionEncoding)
	}
	sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions)
	if !ok || sync.Change == nil || *sync.Change != protocol.TextDocumentSyncKindIncremental || sync.OpenClose == nil || !*sync.OpenClose {
		t.Errorf("textDocumentSync = %#v", caps.TextDocumentSync)
	}
	if caps.CompletionProvider == nil || caps.CompletionProvider.ResolveProvider == nil || !*caps.CompletionProvider.ResolveProvider {
		t.Fatalf("completionProvider = %#v", caps.CompletionProvider)
	}
	for _, trig := range []string{".", ">", ":", "\"", "'", "(", "{", ","} {
		if !contains(caps.CompletionProvider.TriggerCharacters, trig) {
			t.Errorf("completion trigger %q missing", trig)
		}
	}
	if caps.HoverProvider != protocol.Boolean(true) || caps.DefinitionProvider != protocol.Boolean(true) || caps.WorkspaceSymbolProvider != protocol.Boolean(true) {
		t.Errorf("hover/definition/workspaceSymbol providers: %#v %#v %#v", caps.HoverProvider, caps.DefinitionProvider, caps.WorkspaceSymbolProvider)
	}
	if caps.SignatureHelpProvider == nil || !contains(caps.SignatureHelpProvider.TriggerCharacters, "(") || !contains(caps.SignatureHelpProvider.TriggerCharacters, ",") {
		t.Errorf("signatureHelpProvider = %#v", caps.SignatureHelpProvider)
	}
	if caps.DocumentLinkProvider == nil {
		t.Error("documentLinkProvider missing")
	}
	if ca, ok := caps.CodeActionProvider.(*protocol.CodeActionOptions); !ok || !containsKind(ca.CodeActionKinds, protocol.CodeActionKindQuickFix) {
		t.Errorf("codeActionProvider = %#v", caps.CodeActionProvider)
	}
	if !contains(caps.ExecuteCommandProvider.Commands, "workos.search") || !contains(caps.ExecuteCommandProvider.Commands, "workos.openDocs") {
		t.Errorf("executeCommandProvider = %#v", caps.ExecuteCommandProvider)
	}
	// The load reported begin, a report and end.
	var kinds []string
	for _, n := range c.notesOf(protocol.MethodProgress) {
		var p struct {
			Value struct{ Kind string } `json:"value"`
		}
		_ = json.Unmarshal(n.params, &p)
		kinds = append(kinds, p.Value.Kind)
	}
	if len(kinds) < 3 || kinds[0] != "begin" || kinds[len(kinds)-1] != "end" || !contains(kinds, "report") {
		t.Errorf("progress kinds = %v", kinds)
	}
	if len(c.notesOf(protocol.MethodWindowWorkDoneProgressCreate)) != 1 {
		t.Errorf("want one workDoneProgress/create")
	}
}

func TestPositionEncodingNegotiation(t *testing.T) {
	c := startServer(t, Options{})
	caps := defaultCaps()
	caps.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF16, protocol.PositionEncodingKindUTF8}}
	var res protocol.InitializeResult
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: caps}, &res)
	if res.Capabilities.PositionEncoding != protocol.PositionEncodingKindUTF8 {
		t.Errorf("positionEncoding = %q, want utf-8 when offered", res.Capabilities.PositionEncoding)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsKind(list []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

func TestRequestsBeforeInitialize(t *testing.T) {
	c := startServer(t, Options{})
	err := c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{}, nil)
	if rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Fatalf("hover before initialize: %v (code %d), want -32002", err, rpcCode(err))
	}
	err = c.call("workos/nonsense", nil, nil)
	if rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Fatalf("unknown method before initialize: %v, want -32002", err)
	}
	// A notification before initialize is dropped, not fatal.
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{})
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{}, nil)
	if err := c.call(protocol.MethodInitialize, &protocol.InitializeParams{}, nil); rpcCode(err) != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: %v, want InvalidRequest", err)
	}
}

func TestUnknownMethodAndBadParams(t *testing.T) {
	c, _ := newTestServer(t)
	err := c.call("workos/nonsense", map[string]int{"a": 1}, nil)
	if rpcCode(err) != jsonrpc2.MethodNotFound {
		t.Fatalf("unknown method: %v, want -32601", err)
	}
	err = c.call(protocol.MethodTextDocumentHover, jsonrpc2.RawMessage(`{"textDocument": 5}`), nil)
	if rpcCode(err) != jsonrpc2.InvalidParams {
		t.Fatalf("bad params: %v, want -32602", err)
	}
	// Unknown notifications are ignored; the server keeps answering.
	c.notify("workos/whatever", map[string]int{"a": 1})
	var h *protocol.Hover
	c.must(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: "file:///nowhere.go"}}}, &h)
	if h != nil {
		t.Errorf("hover on an unknown document = %#v, want null", h)
	}
}

func TestCancelRequest(t *testing.T) {
	started := make(chan jsonrpc2.ID, 1)
	l := &fixtureLoader{docs: fixtureDocs(t)}
	opts := Options{Loader: l.load, beforeRun: func(ctx context.Context, method string, id jsonrpc2.ID) {
		if method != protocol.MethodTextDocumentHover {
			return
		}
		started <- id
		<-ctx.Done() // hold the request until it is cancelled
	}}
	c := startServer(t, opts)
	c.initialize(defaultCaps(), "")
	errc := make(chan error, 1)
	go func() {
		errc <- c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: "file:///a.go"}}}, nil)
	}()
	var id jsonrpc2.ID
	select {
	case id = <-started:
	case <-time.After(waitLimit):
		t.Fatal("hover never started")
	}
	// Other requests are served while the hover waits.
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}, nil)
	n, _ := id.Number()
	c.notify(protocol.MethodCancelRequest, &protocol.CancelParams{ID: protocol.Integer(n)})
	select {
	case err := <-errc:
		if rpcCode(err) != protocol.CodeRequestCancelled {
			t.Fatalf("cancelled hover: %v (code %d), want -32800", err, rpcCode(err))
		}
	case <-time.After(waitLimit):
		t.Fatal("cancelled hover never answered")
	}
	// Cancelling an id that is not in flight is harmless.
	c.notify(protocol.MethodCancelRequest, &protocol.CancelParams{ID: protocol.String("nope")})
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}, nil)
}

func TestPanicIsInternalError(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	opts := Options{Loader: l.load, beforeRun: func(ctx context.Context, method string, id jsonrpc2.ID) {
		if method == protocol.MethodWorkspaceSymbol {
			panic("boom")
		}
	}}
	c := startServer(t, opts)
	c.initialize(defaultCaps(), "")
	err := c.call(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "x"}, nil)
	if rpcCode(err) != jsonrpc2.InternalError {
		t.Fatalf("panicking handler: %v, want InternalError", err)
	}
	// The connection survives.
	var h *protocol.Hover
	c.must(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: "file:///a.go"}}}, &h)
}

type pipeRWC struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeRWC) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

func startRun(t *testing.T) (jsonrpc2.Conn, chan int, *bytes.Buffer) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	code := make(chan int, 1)
	go func() {
		code <- Run(context.Background(), inR, outW, &stderr, Options{CacheDir: t.TempDir()})
		outW.Close()
	}()
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(pipeRWC{Reader: outR, Writer: inW, closers: []io.Closer{inW, outR}}), jsonrpc2.WithCodec(codec{}))
	conn.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
	t.Cleanup(func() { conn.Close() })
	return conn, code, &stderr
}

func waitCode(t *testing.T, code chan int) int {
	t.Helper()
	select {
	case c := <-code:
		return c
	case <-time.After(waitLimit):
		t.Fatal("Run did not return")
	}
	return -1
}

func TestRunExitCodes(t *testing.T) {
	ctx := context.Background()
	t.Run("shutdown then exit", func(t *testing.T) {
		conn, code, _ := startRun(t)
		if _, err := conn.Call(ctx, protocol.MethodInitialize, &protocol.InitializeParams{}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Call(ctx, protocol.MethodShutdown, nil, nil); err != nil {
			t.Fatal(err)
		}
		_, err := conn.Call(ctx, protocol.MethodTextDocumentHover, &protocol.HoverParams{}, nil)
		if rpcCode(err) != jsonrpc2.InvalidRequest {
			t.Errorf("request after shutdown: %v, want InvalidRequest", err)
		}
		if err := conn.Notify(ctx, protocol.MethodExit, nil); err != nil {
			t.Fatal(err)
		}
		if c := waitCode(t, code); c != 0 {
			t.Errorf("exit code = %d, want 0", c)
		}
	})
	t.Run("exit without shutdown", func(t *testing.T) {
		conn, code, _ := startRun(t)
		if _, err := conn.Call(ctx, protocol.MethodInitialize, &protocol.InitializeParams{}, nil); err != nil {
			t.Fatal(err)
		}
		if err := conn.Notify(ctx, protocol.MethodExit, nil); err != nil {
			t.Fatal(err)
		}
		if c := waitCode(t, code); c != 1 {
			t.Errorf("exit code = %d, want 1", c)
		}
	})
	t.Run("end of input without shutdown", func(t *testing.T) {
		conn, code, _ := startRun(t)
		conn.Close()
		if c := waitCode(t, code); c != 1 {
			t.Errorf("exit code = %d, want 1", c)
		}
	})
}

// frame is one LSP frame.
func frame(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// readFrames reads n frames from r.
func readFrames(t *testing.T, r *bufio.Reader, n int) []map[string]any {
	t.Helper()
	var out []map[string]any
	for len(out) < n {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("reading header: %v", err)
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatalf("reading body: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("server wrote a non-JSON frame %q: %v", body, err)
		}
		out = append(out, m)
	}
	return out
}

func TestGarbageFrames(t *testing.T) {
	c := startServer(t, Options{}, clientOptions{noConn: true})
	r := bufio.NewReader(c.raw)
	done := make(chan []map[string]any, 1)
	go func() {
		// initialize result, parse error, invalid request, method not found after the resync, and
		// the empty batch's invalid request.
		done <- readFrames(t, r, 5)
	}()
	var in strings.Builder
	in.WriteString(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`))
	in.WriteString(frame(`{"jsonrpc":"2.0","id":2,"method":`))                   // invalid JSON
	in.WriteString(frame(`{"jsonrpc":"2.0","id":3,"result":1,"method":"x"}`))    // not a message
	in.WriteString("Content-Length: banana\r\n\r\n{}")                           // bad header
	in.WriteString("garbage without colon\r\n")                                  // bad header line
	in.WriteString(frame(`{"jsonrpc":"2.0","id":4,"method":"workos/nonsense"}`)) // after resync
	in.WriteString(frame(`[]`))                                                  // empty batch
	if _, err := io.WriteString(c.raw, in.String()); err != nil {
		t.Fatal(err)
	}
	var frames []map[string]any
	select {
	case frames = <-done:
	case <-time.After(waitLimit):
		t.Fatal("server did not answer the frames")
	}
	code := func(m map[string]any) int {
		e, _ := m["error"].(map[string]any)
		f, _ := e["code"].(float64)
		return int(f)
	}
	if frames[0]["id"] != float64(1) || frames[0]["result"] == nil {
		t.Errorf("frame 0 = %v, want initialize result", frames[0])
	}
	if code(frames[1]) != int(jsonrpc2.ParseError) || frames[1]["id"] != nil {
		t.Errorf("frame 1 = %v, want parse error with null id", frames[1])
	}
	if code(frames[2]) != int(jsonrpc2.InvalidRequest) {
		t.Errorf("frame 2 = %v, want invalid request", frames[2])
	}
	if frames[3]["id"] != float64(4) || code(frames[3]) != int(jsonrpc2.MethodNotFound) {
		t.Errorf("frame 3 = %v, want method not found for id 4", frames[3])
	}
	if code(frames[4]) != int(jsonrpc2.InvalidRequest) {
		t.Errorf("frame 4 = %v, want invalid request for an empty batch", frames[4])
	}
	// Still alive.
	go func() { done <- readFrames(t, r, 1) }()
	io.WriteString(c.raw, frame(`{"jsonrpc":"2.0","id":5,"method":"shutdown"}`))
	select {
	case frames = <-done:
		if frames[0]["id"] != float64(5) || frames[0]["error"] != nil {
			t.Errorf("shutdown answer = %v", frames[0])
		}
	case <-time.After(waitLimit):
		t.Fatal("no answer after garbage")
	}
}

func TestStdoutHasOnlyFrames(t *testing.T) {
	// A panicking loader and a bad frame: stdout must still be nothing but frames, and the loader's
	// failure reaches the user as window/showMessage.
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	opts := Options{CacheDir: t.TempDir(), Loader: func(ctx context.Context, s Settings, p func(string, int64, int64)) (*Docs, error) {
		panic("loader exploded")
	}}
	code := make(chan int, 1)
	go func() {
		code <- Run(context.Background(), inR, outW, &stderr, opts)
		outW.Close()
	}()
	frames := make(chan map[string]any, 16)
	go func() {
		defer close(frames)
		r := bufio.NewReader(outR)
		for {
			if _, err := r.Peek(1); err != nil {
				return
			}
			for _, f := range readFrames(t, r, 1) {
				frames <- f
			}
		}
	}()
	next := func() map[string]any {
		select {
		case f, ok := <-frames:
			if !ok {
				t.Fatal("stdout ended early")
			}
			return f
		case <-time.After(waitLimit):
			t.Fatal("no frame from the server")
		}
		return nil
	}
	io.WriteString(inW, frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`))
	if f := next(); f["id"] != float64(1) {
		t.Fatalf("first frame = %v", f)
	}
	io.WriteString(inW, frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`))
	f := next()
	params, _ := f["params"].(map[string]any)
	if f["method"] != "window/showMessage" || params["type"] != float64(1) || !strings.Contains(fmt.Sprint(params["message"]), "loader exploded") {
		t.Fatalf("want an error showMessage about the loader, got %v", f)
	}
	io.WriteString(inW, frame(`not json`))
	if f := next(); f["error"] == nil {
		t.Fatalf("want a parse error, got %v", f)
	}
	io.WriteString(inW, frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`))
	if f := next(); f["id"] != float64(2) {
		t.Fatalf("want the shutdown answer, got %v", f)
	}
	io.WriteString(inW, frame(`{"jsonrpc":"2.0","method":"exit"}`))
	if c := waitCode(t, code); c != 0 {
		t.Errorf("exit code %d, stderr: %s", c, stderr.String())
	}
	inW.Close()
	for f := range frames {
		t.Errorf("unexpected frame after exit: %v", f)
	}
	if !strings.Contains(stderr.String(), "loader exploded") {
		t.Errorf("stderr does not log the failure: %q", stderr.String())
	}
}
