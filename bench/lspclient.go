package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// lspClient speaks LSP to a workos-lsp server over a pair of pipes with plain JSON-RPC framing: a
// child process's stdin/stdout, or an in-process server's (for profiling). It answers the server's
// own requests (progress tokens, configuration) so the server never waits on us.
type lspClient struct {
	started time.Time // just before the server was started
	stdin   io.WriteCloser
	wmu     sync.Mutex
	nextID  atomic.Int64

	mu      sync.Mutex
	pending map[int64]chan rpcMessage
	readErr error

	// progressEnd receives a value each time the server ends a work-done progress (docs loaded).
	progressEnd chan struct{}
	// searchBegun is set when the server begins its background search-index progress, and
	// searchReady receives a value when it ends (servers that index before answering have none).
	searchBegun atomic.Bool
	searchReady chan struct{}
	done        chan struct{} // closed when the read loop stops
	stderr      *lockedBuffer

	pid  int          // the child's pid; 0 in process
	wait func() error // waits for the server to stop
	stop func()       // stops it without ceremony
}

type rpcMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("rpc error %d: %s", e.Code, e.Message) }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 { // keep the tail small: only the last lines matter for an error
		l.b.Reset()
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newLSPClient(w io.WriteCloser, r io.Reader) *lspClient {
	return &lspClient{
		stdin:       w,
		pending:     map[int64]chan rpcMessage{},
		progressEnd: make(chan struct{}, 16),
		searchReady: make(chan struct{}, 1),
		done:        make(chan struct{}),
		stderr:      &lockedBuffer{},
	}
}

// startLSP starts bin with args and env. The clock for start-up figures starts just before exec.
func startLSP(bin string, args, env []string) (*lspClient, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := newLSPClient(in, out)
	cmd.Stderr = c.stderr
	c.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	c.pid = cmd.Process.Pid
	var once sync.Once
	var werr error
	c.wait = func() error { once.Do(func() { werr = cmd.Wait() }); return werr }
	c.stop = func() { _ = cmd.Process.Kill() }
	go c.readLoop(bufio.NewReaderSize(out, 1<<16))
	return c, nil
}

// startInProcess runs serve(stdin, stdout) in this process over pipes: the same server code, so
// that a CPU profile of the bench process shows where the server spends its time.
func startInProcess(serve func(ctx context.Context, stdin io.Reader, stdout io.Writer) int) *lspClient {
	clientR, serverW := io.Pipe()
	serverR, clientW := io.Pipe()
	c := newLSPClient(clientW, clientR)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan int, 1)
	c.started = time.Now()
	go func() {
		code := serve(ctx, serverR, serverW)
		serverW.Close()
		stopped <- code
	}()
	var once sync.Once
	var werr error
	c.wait = func() error {
		once.Do(func() {
			if code := <-stopped; code != 0 {
				werr = fmt.Errorf("in-process server exited with %d", code)
			}
		})
		return werr
	}
	c.stop = func() {
		cancel()
		serverR.Close()
		serverW.Close()
	}
	go c.readLoop(bufio.NewReaderSize(clientR, 1<<16))
	return c
}

func (c *lspClient) readLoop(r *bufio.Reader) {
	defer close(c.done)
	for {
		body, err := readFrame(r)
		if err != nil {
			c.fail(err)
			return
		}
		var m rpcMessage
		if err := json.Unmarshal(body, &m); err != nil {
			c.fail(fmt.Errorf("decode frame: %w", err))
			return
		}
		switch {
		case m.Method != "" && len(m.ID) > 0:
			c.answerServerRequest(m)
		case m.Method != "":
			c.notification(m)
		default:
			id, err := strconv.ParseInt(string(m.ID), 10, 64)
			if err != nil {
				continue
			}
			c.mu.Lock()
			ch := c.pending[id]
			delete(c.pending, id)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
		}
	}
}

func (c *lspClient) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.readErr == nil {
		c.readErr = err
	}
	for id, ch := range c.pending {
		close(ch)
		delete(c.pending, id)
	}
}

func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, errors.New("frame without Content-Length")
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

// answerServerRequest replies to requests the server sends us: a null result does for progress
// creation and capability registration; configuration gets one null item per requested section.
func (c *lspClient) answerServerRequest(m rpcMessage) {
	result := json.RawMessage("null")
	if m.Method == "workspace/configuration" {
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(m.Params, &p)
		result = json.RawMessage("[" + strings.TrimSuffix(strings.Repeat("null,", len(p.Items)), ",") + "]")
	}
	_ = c.write(rpcMessage{JSONRPC: "2.0", ID: m.ID, Result: result})
}

func (c *lspClient) notification(m rpcMessage) {
	if m.Method != "$/progress" {
		return
	}
	var p struct {
		Token any `json:"token"`
		Value struct {
			Kind    string `json:"kind"`
			Title   string `json:"title"`
			Message string `json:"message"`
		} `json:"value"`
	}
	if json.Unmarshal(m.Params, &p) != nil {
		return
	}
	searchIndex := strings.HasPrefix(fmt.Sprint(p.Token), "workos-lsp/index/")
	switch {
	case p.Value.Kind == "begin" && searchIndex:
		c.searchBegun.Store(true)
	case p.Value.Kind == "end" && searchIndex:
		select {
		case c.searchReady <- struct{}{}:
		default:
		}
	case p.Value.Kind == "end":
		select {
		case c.progressEnd <- struct{}{}:
		default:
		}
	}
}

func (c *lspClient) write(m rpcMessage) error {
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.stdin, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.stdin.Write(body)
	return err
}

// call sends a request and waits for its answer, returning the raw result and the round-trip time
// (from just before the request is written to the moment its answer has been read).
func (c *lspClient) call(method string, params any, timeout time.Duration) (json.RawMessage, time.Duration, error) {
	raw, err := json.Marshal(params)
	if err != nil {
		return nil, 0, err
	}
	id := c.nextID.Add(1)
	ch := make(chan rpcMessage, 1)
	c.mu.Lock()
	if c.readErr != nil {
		err := c.readErr
		c.mu.Unlock()
		return nil, 0, fmt.Errorf("%s: connection closed: %w", method, err)
	}
	c.pending[id] = ch
	c.mu.Unlock()

	t0 := time.Now()
	if err := c.write(rpcMessage{JSONRPC: "2.0", ID: json.RawMessage(strconv.FormatInt(id, 10)), Method: method, Params: raw}); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", method, err)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case m, ok := <-ch:
		rtt := time.Since(t0)
		if !ok {
			return nil, rtt, fmt.Errorf("%s: connection closed: %v; server stderr: %s", method, c.readErr, tail(c.stderr.String(), 800))
		}
		if m.Error != nil {
			return nil, rtt, fmt.Errorf("%s: %w", method, m.Error)
		}
		return m.Result, rtt, nil
	case <-timer.C:
		return nil, time.Since(t0), fmt.Errorf("%s: no answer within %s; server stderr: %s", method, timeout, tail(c.stderr.String(), 800))
	}
}

func (c *lspClient) notify(method string, params any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.write(rpcMessage{JSONRPC: "2.0", Method: method, Params: raw})
}

// shutdown ends the session politely and waits for the server; it stops it after a timeout.
func (c *lspClient) shutdown() error {
	_, _, err := c.call("shutdown", nil, 10*time.Second)
	if err == nil {
		err = c.notify("exit", nil)
	}
	_ = c.stdin.Close()
	waited := make(chan error, 1)
	go func() { waited <- c.wait() }()
	select {
	case werr := <-waited:
		if err == nil && werr != nil {
			err = fmt.Errorf("server exit: %w; stderr: %s", werr, tail(c.stderr.String(), 800))
		}
	case <-time.After(10 * time.Second):
		c.stop()
		<-waited
		if err == nil {
			err = errors.New("server did not exit within 10s after exit")
		}
	}
	return err
}

// kill stops the server without ceremony (error paths); it is a no-op after shutdown.
func (c *lspClient) kill() {
	select {
	case <-c.done:
		return
	default:
	}
	c.stop()
	_ = c.stdin.Close()
	_ = c.wait() // reap the child
}

// procStatusKB reads a field such as VmHWM or VmRSS (in kB) from /proc/<pid>/status.
func procStatusKB(pid int, field string) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name != field {
			continue
		}
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB"))
		return strconv.ParseInt(value, 10, 64)
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}

// procCPU is the CPU time (user + system) the process has used so far, from /proc/<pid>/stat, in
// clock ticks of 10 ms (Linux's USER_HZ is 100 on every architecture Go supports).
func procCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces: count fields after it.
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// LSP shapes the bench needs; positions are UTF-16 code units as the protocol says.
type position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start position `json:"start"`
	End   position `json:"end"`
}

type textDocumentID struct {
	URI string `json:"uri"`
}

type positionParams struct {
	TextDocument textDocumentID `json:"textDocument"`
	Position     position       `json:"position"`
}

type didOpenParams struct {
	TextDocument struct {
		URI        string `json:"uri"`
		LanguageID string `json:"languageId"`
		Version    int    `json:"version"`
		Text       string `json:"text"`
	} `json:"textDocument"`
}

type contentChange struct {
	Range *lspRange `json:"range,omitempty"`
	Text  string    `json:"text"`
}

type didChangeParams struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version int    `json:"version"`
	} `json:"textDocument"`
	ContentChanges []contentChange `json:"contentChanges"`
}

// initializeParams is what an editor such as VS Code or Neovim sends, reduced to what matters here.
func initializeParams(rootURI string) map[string]any {
	return map[string]any{
		"processId":  os.Getpid(),
		"clientInfo": map[string]any{"name": "workos-lsp-bench", "version": "1"},
		"rootUri":    rootURI,
		"capabilities": map[string]any{
			"general": map[string]any{"positionEncodings": []string{"utf-16"}},
			"window":  map[string]any{"workDoneProgress": true},
			"workspace": map[string]any{
				"configuration": false,
				"symbol":        map[string]any{"dynamicRegistration": false},
			},
			"textDocument": map[string]any{
				"synchronization": map[string]any{"dynamicRegistration": false},
				"hover":           map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
				"completion": map[string]any{
					"completionItem": map[string]any{"snippetSupport": true, "documentationFormat": []string{"markdown", "plaintext"}},
				},
				"signatureHelp": map[string]any{
					"signatureInformation": map[string]any{"documentationFormat": []string{"markdown", "plaintext"}, "parameterInformation": map[string]any{"labelOffsetSupport": true}},
				},
				"publishDiagnostics": map[string]any{},
			},
		},
	}
}

// initialize performs the handshake and returns how long initialize took to be answered counted
// from the process start.
func (c *lspClient) initialize(rootURI string) (time.Duration, error) {
	if _, _, err := c.call("initialize", initializeParams(rootURI), 30*time.Second); err != nil {
		return 0, err
	}
	sinceStart := time.Since(c.started)
	return sinceStart, c.notify("initialized", struct{}{})
}

func (c *lspClient) open(uri, languageID, text string) error {
	var p didOpenParams
	p.TextDocument.URI, p.TextDocument.LanguageID, p.TextDocument.Version, p.TextDocument.Text = uri, languageID, 1, text
	return c.notify("textDocument/didOpen", p)
}

func (c *lspClient) close(uri string) error {
	return c.notify("textDocument/didClose", map[string]any{"textDocument": textDocumentID{URI: uri}})
}

// isEmptyAnswer tells whether a result carries nothing for the user.
func isEmptyAnswer(method string, raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" || s == "[]" {
		return true
	}
	switch method {
	case "textDocument/hover":
		var h struct {
			Contents json.RawMessage `json:"contents"`
		}
		if json.Unmarshal(raw, &h) != nil {
			return true
		}
		c := strings.TrimSpace(string(h.Contents))
		return c == "" || c == "null" || c == `""` || c == "[]" || strings.Contains(c, `"value":""`)
	case "textDocument/completion":
		var l struct {
			Items []json.RawMessage `json:"items"`
		}
		if strings.HasPrefix(s, "[") {
			return false
		}
		return json.Unmarshal(raw, &l) != nil || len(l.Items) == 0
	case "textDocument/signatureHelp":
		var sh struct {
			Signatures []json.RawMessage `json:"signatures"`
		}
		return json.Unmarshal(raw, &sh) != nil || len(sh.Signatures) == 0
	}
	return false
}
