package mcpserver

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docset"
)

// bearer adds an Authorization header to every request.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

// serveHTTP starts ServeHTTP on a loopback port and returns the endpoint URL; the server stops (and
// must return nil) at the end of the test.
func serveHTTP(t *testing.T, o HTTPOptions) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// ServeHTTP releases the docs when it ends: give it an index of its own over the shared corpus.
	c := testDocs(t).Corpus
	ix, err := search.Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeHTTP(ctx, Ready(&docset.Set{Corpus: c, Index: ix}), "test", ln, o) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ServeHTTP: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + HTTPPath
}

func connectHTTP(t *testing.T, endpoint, token string) (*mcp.ClientSession, error) {
	t.Helper()
	hc := &http.Client{}
	if token != "" {
		hc.Transport = bearer{token}
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "http-test", Version: "1"}, nil)
	cs, err := client.Connect(context.Background(), &mcp.StreamableClientTransport{Endpoint: endpoint, HTTPClient: hc, MaxRetries: -1}, nil)
	if err == nil {
		t.Cleanup(func() { cs.Close() })
	}
	return cs, err
}

// TestStreamableHTTP drives the HTTP server with the SDK's own client: several sessions at once on
// one server, tools and their new arguments, and a token that is required.
func TestStreamableHTTP(t *testing.T) {
	endpoint := serveHTTP(t, HTTPOptions{Token: "s3cret"})

	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() {
			cs, err := connectHTTP(t, endpoint, "s3cret")
			if err != nil {
				t.Errorf("session %d: %v", i, err)
				return
			}
			tools, err := cs.ListTools(context.Background(), nil)
			if err != nil || len(tools.Tools) != 5 {
				t.Errorf("session %d: tools %v %v", i, tools, err)
				return
			}
			text, isErr := call(t, cs, "workos_docs", map[string]any{"path": "reference/authkit/user/create", "language": "go"})
			if isErr || !strings.Contains(text, "### Go — `usermanagement.CreateUser()`") {
				t.Errorf("session %d: workos_docs: %v\n%s", i, isErr, text)
			}
		})
	}
	wg.Wait()

	for _, token := range []string{"", "wrong"} {
		if _, err := connectHTTP(t, endpoint, token); err == nil {
			t.Errorf("token %q: connected", token)
		}
		req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("token %q: status %d, want 401", token, res.StatusCode)
		}
	}
}

func TestStreamableHTTPWithoutToken(t *testing.T) {
	endpoint := serveHTTP(t, HTTPOptions{})
	cs, err := connectHTTP(t, endpoint, "")
	if err != nil {
		t.Fatal(err)
	}
	text, isErr := call(t, cs, "workos_search", map[string]any{"query": "create user"})
	if isErr || !strings.Contains(text, "reference/authkit/user/create") {
		t.Errorf("search over HTTP: %v\n%s", isErr, text)
	}
	res, err := http.Get(strings.TrimSuffix(endpoint, HTTPPath) + "/other")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("a path other than %s: status %d", HTTPPath, res.StatusCode)
	}
}

func TestCheckHTTPAddr(t *testing.T) {
	for _, tt := range []struct {
		addr               string
		token, allowRemote bool
		ok                 bool
	}{
		{"127.0.0.1:8765", false, false, true},
		{"localhost:8765", false, false, true},
		{"[::1]:8765", false, false, true},
		{"127.0.0.2:0", false, false, true},
		{":8765", false, false, false},
		{"0.0.0.0:8765", false, false, false},
		{"192.168.1.5:8765", false, false, false},
		{"example.com:8765", false, false, false},
		{"0.0.0.0:8765", true, false, true},
		{"0.0.0.0:8765", false, true, true},
		{"8765", false, false, false},
	} {
		err := CheckHTTPAddr(tt.addr, tt.token, tt.allowRemote)
		if (err == nil) != tt.ok {
			t.Errorf("CheckHTTPAddr(%q, token %v, remote %v) = %v, want ok %v", tt.addr, tt.token, tt.allowRemote, err, tt.ok)
		}
	}
}
