package mcpserver

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/docset/docsettest"
	"github.com/workos-lsp/workos-lsp/internal/latency"
)

// cancelQuery is a query at the bounds search.BoundQuery keeps (32 different words): the most work
// one workos_search can be asked for.
const cancelQuery = "user organization directory sync sso profile token session create list update delete event " +
	"webhook audit log portal widget role permission invitation magic auth password email verify factor challenge " +
	"connection domain group userManagement.createUser"

// handlerEnd is when a tools/call handler returned, and with what.
type handlerEnd struct {
	at  time.Time
	err error
}

// BenchmarkCancelLatency measures how long workos_search keeps working after the client cancels
// (the SDK sends notifications/cancelled): from the client's cancel to the server's tools/call
// handler returning, seen by a receiving middleware. The cancel comes halfway through the query's
// uncancelled run. With WORKOS_LSP_INTEGRATION=1 and WORKOS_DOCS_DIR the real 0.2.0 docs, else the
// test docs. Reports full-ms (uncancelled p50), stop-p50-ms/stop-p99-ms and finished-first.
//
//	WORKOS_LSP_INTEGRATION=1 WORKOS_DOCS_DIR=… go test ./mcpserver -run '^$' -bench CancelLatency -benchtime 200x
func BenchmarkCancelLatency(b *testing.B) {
	if search.BoundQuery(cancelQuery) != cancelQuery {
		b.Fatal("cancelQuery is not at the query bounds")
	}
	set := cancelBenchSet(b)
	started := make(chan struct{}, 1)
	ended := make(chan handlerEnd, 1)
	srv := New(Ready(set), "bench")
	srv.AddReceivingMiddleware(func(next mcp.MethodHandler) mcp.MethodHandler {
		return func(ctx context.Context, method string, req mcp.Request) (mcp.Result, error) {
			if method != "tools/call" {
				return next(ctx, method, req)
			}
			started <- struct{}{}
			res, err := next(ctx, method, req)
			ended <- handlerEnd{time.Now(), ctx.Err()}
			return res, err
		}
	})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	serverT, clientT := mcp.NewInMemoryTransports()
	ss, err := srv.Connect(ctx, serverT, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ss.Close()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "bench", Version: "1"}, nil).Connect(ctx, clientT, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer cs.Close()
	params := &mcp.CallToolParams{Name: "workos_search", Arguments: map[string]any{"query": cancelQuery, "maxResults": 50}}
	var full []time.Duration
	for range 20 {
		t0 := time.Now()
		if _, err := cs.CallTool(ctx, params); err != nil {
			b.Fatal(err)
		}
		<-started
		<-ended
		full = append(full, time.Since(t0))
	}
	slices.Sort(full)
	half := latency.At(full, 0.5) / 2
	var stops []time.Duration
	finished := 0
	b.ResetTimer()
	for range b.N {
		cctx, cancel := context.WithCancel(ctx)
		go func() { _, _ = cs.CallTool(cctx, params) }()
		<-started
		time.Sleep(half)
		sent := time.Now()
		cancel()
		end := <-ended
		if end.err == nil {
			finished++ // the handler returned before the cancellation reached it
			continue
		}
		stops = append(stops, end.at.Sub(sent))
	}
	b.StopTimer()
	b.ReportMetric(latency.Millis(latency.At(full, 0.5)), "full-ms")
	latency.Report(b, "stop-", stops)
	b.ReportMetric(float64(finished), "finished-first")
}

func cancelBenchSet(b *testing.B) *docset.Set {
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "" && os.Getenv("WORKOS_DOCS_DIR") != "" {
		return docsettest.Real(b, "0.2.0")
	}
	return testDocs(b)
}
