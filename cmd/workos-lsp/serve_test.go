package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// buildBinary builds workos-lsp into the test's temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "workos-lsp")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// stdioConn joins a child's stdout and stdin into the stream jsonrpc2 wants.
type stdioConn struct {
	io.Reader
	io.WriteCloser
}

func (c stdioConn) Close() error { return c.WriteCloser.Close() }

// TestServeBinaryOverStdio runs the built binary as an editor does: LSP frames over its real stdin and
// stdout, the fixture docs, a hover on a WorkOS call, then shutdown and exit with status 0.
func TestServeBinaryOverStdio(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "serve", "--docs", fixtureDocs, "--cache-dir", t.TempDir())
	cmd.Env = append(cmd.Environ(), "WORKOS_LSP_DOCS=")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	loaded := make(chan struct{})
	var once sync.Once
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(stdioConn{stdout, stdin}))
	conn.Go(ctx, func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.Method() == protocol.MethodProgress && bytes.Contains(req.Params(), []byte(`"kind":"end"`)) {
			once.Do(func() { close(loaded) })
		}
		return nil, nil
	})

	var init protocol.InitializeResult
	caps := protocol.ClientCapabilities{Window: &protocol.WindowClientCapabilities{WorkDoneProgress: ptrTo(true)}}
	if _, err := conn.Call(ctx, protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: caps}, &init); err != nil {
		t.Fatalf("initialize: %v\nstderr: %s", err, stderr.String())
	}
	if init.ServerInfo.Name != "workos-lsp" {
		t.Errorf("serverInfo = %+v", init.ServerInfo)
	}
	if err := conn.Notify(ctx, protocol.MethodInitialized, &protocol.InitializedParams{}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-loaded:
	case <-ctx.Done():
		t.Fatalf("the docs never finished loading; stderr: %s", stderr.String())
	}

	doc := uri.File("/project/app.ts")
	text := "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS('sk_test');\nawait workos.userManagement.createUser({ email: 'a@example.com' });\n"
	if err := conn.Notify(ctx, protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: doc, LanguageID: "typescript", Version: 1, Text: text,
	}}); err != nil {
		t.Fatal(err)
	}
	var hover json.RawMessage
	if _, err := conn.Call(ctx, protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: doc}, Position: protocol.Position{Line: 2, Character: 32},
	}}, &hover); err != nil {
		t.Fatalf("hover: %v", err)
	}
	for _, want := range []string{"userManagement.createUser", "https://workos.com/docs/reference/authkit/user/create"} {
		if !strings.Contains(string(hover), want) {
			t.Errorf("hover lacks %q: %s", want, hover)
		}
	}

	if _, err := conn.Call(ctx, protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	_ = conn.Notify(ctx, protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after shutdown: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the server did not exit")
	}
	if s := stderr.String(); strings.Contains(s, "ERROR") || strings.Contains(s, "panic") {
		t.Errorf("stderr: %s", s)
	}
}

// TestServeExitWithoutShutdown: exit without shutdown ends the process with status 1.
func TestServeExitWithoutShutdown(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "serve", "--docs", fixtureDocs, "--cache-dir", t.TempDir())
	body := `{"jsonrpc":"2.0","method":"exit"}`
	cmd.Stdin = strings.NewReader("Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit without shutdown: %v, want status 1", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout carried more than frames: %q", stdout.String())
	}
}

func ptrTo[T any](v T) *T { return &v }
