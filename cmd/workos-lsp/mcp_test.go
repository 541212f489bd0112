package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// fixtureDocs is the fixture corpus's docs folder (our own MDX); its changelogs/ sits beside it.
var fixtureDocs, _ = filepath.Abs("../../corpus/corpustest/fixture/docs")

// callText calls a tool and returns its text and whether it is a tool error.
func callText(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), res.IsError
}

// TestMCPBinaryOverStdio builds the binary and talks to `workos-lsp mcp` over its stdin and stdout,
// as an editor or assistant does.
func TestMCPBinaryOverStdio(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "workos-lsp")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "mcp", "--docs", fixtureDocs, "--cache-dir", filepath.Join(dir, "cache"))
	cmd.Env = append(cmd.Environ(), "WORKOS_LSP_DOCS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr: %s", err, stderr.String())
	}
	if got := cs.InitializeResult().ServerInfo.Name; got != "workos-lsp" {
		t.Errorf("server name = %q", got)
	}
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range tools.Tools {
		names = append(names, tool.Name)
	}
	slices.Sort(names)
	if want := []string{"workos_changelogs", "workos_docs", "workos_examples", "workos_reference", "workos_search", "workos_usage"}; !slices.Equal(names, want) {
		t.Errorf("tools = %v, want %v", names, want)
	}

	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"workos_docs", map[string]any{"path": "sso"}, "# Single Sign-On"},
		{"workos_search", map[string]any{"query": "createUser"}, "reference/authkit/user/create"},
		{"workos_examples", map[string]any{"example": "sso"}, "getProfileAndToken"},
		{"workos_changelogs", map[string]any{"package": "workos-platform"}, "Fixture feature two"},
		{"workos_reference", map[string]any{"symbol": "userManagement.createUser", "language": "go"}, "usermanagement.CreateUser(ctx, opts)"},
	} {
		text, isErr := callText(t, cs, c.tool, c.args)
		if isErr || !strings.Contains(text, c.want) {
			t.Errorf("%s %v: isError=%v, want %q in:\n%s", c.tool, c.args, isErr, c.want, text)
		}
	}
	if err := cs.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if state := cmd.ProcessState; state == nil || !state.Success() {
		t.Errorf("server exit: %v\nstderr: %s", state, stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startInProcess runs `workos-lsp mcp args…` in this process over pipes and connects a client.
func startInProcess(t *testing.T, args ...string) (*mcp.ClientSession, *syncBuffer, <-chan int) {
	t.Helper()
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	stderr := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, append([]string{"mcp"}, args...), toServer, fromServer, stderr)
		fromServer.Close()
	}()
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.IOTransport{Reader: toClient, Writer: fromClient}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr: %s", err, stderr.String())
	}
	return cs, stderr, exit
}

// TestMCPDocsUnavailable: without docs the server still starts, answers every tool with an error that
// explains why, and exits cleanly when the client leaves.
func TestMCPDocsUnavailable(t *testing.T) {
	t.Setenv("WORKOS_LSP_DOCS", "")
	t.Setenv("npm_config_registry", "http://127.0.0.1:9/") // never reached: --offline
	cs, stderr, exit := startInProcess(t, "--offline", "--cache-dir", t.TempDir())
	for _, tool := range []string{"workos_search", "workos_docs"} {
		text, isErr := callText(t, cs, tool, map[string]any{"query": "sso", "path": "sso"})
		if !isErr || !strings.Contains(text, "could not be loaded") {
			t.Errorf("%s: isError=%v text=%s", tool, isErr, text)
		}
	}
	cs.Close()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit code %d; stderr: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not exit after the client closed")
	}
	if !strings.Contains(stderr.String(), "docs not loaded") {
		t.Errorf("stderr = %q, want the load error logged", stderr.String())
	}
}

func TestMCPInProcess(t *testing.T) {
	t.Setenv("WORKOS_LSP_DOCS", "")
	cs, stderr, exit := startInProcess(t, "--docs", fixtureDocs, "--cache-dir", t.TempDir())
	text, isErr := callText(t, cs, "workos_docs", map[string]any{"path": "reference/authkit/user/create"})
	if isErr || !strings.Contains(text, "## SDK reference") {
		t.Errorf("workos_docs: isError=%v\n%s", isErr, text)
	}
	cs.Close()
	if code := <-exit; code != 0 {
		t.Errorf("exit code %d; stderr: %s", code, stderr.String())
	}
}

func TestMCPUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"mcp", "extra"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2; stderr %s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing (stdout carries only MCP frames)", stdout.String())
	}
}

// TestMCPOverHTTP runs `workos-lsp mcp --http 127.0.0.1:0 --http-token …` in this process, reads the
// address it prints, talks to it with the SDK's client, and stops it.
func TestMCPOverHTTP(t *testing.T) {
	t.Setenv("WORKOS_LSP_CACHE", t.TempDir())
	t.Setenv("WORKOS_LSP_DOCS", fixtureDocs)
	t.Setenv("WORKOS_LSP_MCP_TOKEN", "from-env")
	errR, errW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"mcp", "--http", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, errW)
		errW.Close()
	}()
	endpoint := ""
	sc := bufio.NewScanner(errR)
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), " at "); ok && strings.Contains(sc.Text(), "serving MCP") {
			endpoint, _, _ = strings.Cut(after, " ")
			break
		}
	}
	go io.Copy(io.Discard, errR)
	if !strings.HasPrefix(endpoint, "http://127.0.0.1:") || !strings.HasSuffix(endpoint, "/mcp") {
		t.Fatalf("endpoint %q", endpoint)
	}
	hc := &http.Client{Transport: headerTransport{"Authorization", "Bearer from-env"}}
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &mcp.StreamableClientTransport{Endpoint: endpoint, HTTPClient: hc, MaxRetries: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text, isErr := callText(t, cs, "workos_reference", map[string]any{"symbol": "usermanagement.CreateUser"})
	if isErr || !strings.Contains(text, "`Email` `string` · required") {
		t.Errorf("workos_reference over HTTP: %v\n%s", isErr, text)
	}
	cs.Close()
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit code %d", code)
	}
}

type headerTransport struct{ key, value string }

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(h.key, h.value)
	return http.DefaultTransport.RoundTrip(r)
}

func TestMCPOverHTTPRefusesRemoteWithoutToken(t *testing.T) {
	t.Setenv("WORKOS_LSP_MCP_TOKEN", "")
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"mcp", "--http", "0.0.0.0:0", "--docs", fixtureDocs}, strings.NewReader(""), io.Discard, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "--http-token") {
		t.Errorf("code %d, stderr %s", code, errOut.String())
	}
}
