package mcpserver

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// HTTPPath is where the Streamable HTTP endpoint is served.
const HTTPPath = "/mcp"

// HTTPOptions configure the MCP server over HTTP.
type HTTPOptions struct {
	// Token, when not empty, is the bearer token every request must carry
	// (Authorization: Bearer <token>).
	Token string
}

// HTTPHandler serves MCP over Streamable HTTP (the official SDK's handler) at HTTPPath: one server,
// and so one loaded corpus and one search index, for every client session. With a token, requests
// without it are refused with 401.
func HTTPHandler(docs *Loader, version string, o HTTPOptions) http.Handler {
	server := New(docs, version)
	var h http.Handler = mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	if o.Token != "" {
		want := []byte(o.Token)
		verify := func(_ context.Context, token string, _ *http.Request) (*auth.TokenInfo, error) {
			if subtle.ConstantTimeCompare([]byte(token), want) != 1 {
				return nil, auth.ErrInvalidToken
			}
			return &auth.TokenInfo{}, nil // a static token: no scopes, no expiry
		}
		h = auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{AllowMissingExpiration: true})(h)
	}
	mux := http.NewServeMux()
	mux.Handle(HTTPPath, h)
	return mux
}

// ServeHTTP serves MCP over Streamable HTTP on ln until ctx ends, then closes the sessions and
// releases the docs.
func ServeHTTP(ctx context.Context, docs *Loader, version string, ln net.Listener, o HTTPOptions) error {
	defer docs.Close()
	srv := &http.Server{Handler: HTTPHandler(docs, version, o), ReadHeaderTimeout: 10 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		// Give answers in flight a moment; streams left open (a GET a client keeps) are closed.
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(shutdown) != nil {
			srv.Close()
		}
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-stopped
		return nil
	}
	return err
}

// CheckHTTPAddr refuses to serve beyond this machine by accident: an address that is not loopback
// (127.0.0.1, ::1, localhost) needs a token or an explicit allowRemote.
func CheckHTTPAddr(addr string, hasToken, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--http %q: want HOST:PORT, such as 127.0.0.1:8765: %v", addr, err)
	}
	if IsLoopbackHost(host) || hasToken || allowRemote {
		return nil
	}
	where := host
	if where == "" {
		where = "every interface"
	}
	return fmt.Errorf("--http %s would serve the docs to other machines (%s) without a token: set --http-token (or WORKOS_LSP_MCP_TOKEN), pass --http-allow-remote, or listen on 127.0.0.1", addr, where)
}

// IsLoopbackHost reports whether a listen host is this machine only.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
