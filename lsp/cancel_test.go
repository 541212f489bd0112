package lsp

import (
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/internal/latency"
)

// stallingSearcher is a search that runs until its context ends, as a long one would: it tells
// whether the request's cancellation reaches the search itself.
type stallingSearcher struct{ entered chan struct{} }

func (s stallingSearcher) Search(ctx context.Context, q string, opts search.Options) ([]search.Result, error) {
	s.entered <- struct{}{}
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestCancelledSearchAnswersRequestCancelled: $/cancelRequest during workspace/symbol and workos.search
// stops the search and answers RequestCancelled (-32800).
func TestCancelledSearchAnswersRequestCancelled(t *testing.T) {
	for _, req := range []struct {
		method string
		params any
	}{
		{protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}},
		{protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch, Arguments: []protocol.LSPAny{protocol.LSPAny(`"user"`)}}},
	} {
		docs := *fixtureDocs(t)
		stall := stallingSearcher{entered: make(chan struct{}, 1)}
		docs.Search = stall
		ids := make(chan jsonrpc2.ID, 1)
		l := &fixtureLoader{docs: &docs}
		c := startServer(t, Options{Loader: l.load, beforeRun: func(ctx context.Context, method string, id jsonrpc2.ID) {
			if method == req.method {
				ids <- id
			}
		}})
		c.initialize(defaultCaps(), "")
		errc := make(chan error, 1)
		go func() { errc <- c.call(req.method, req.params, nil) }()
		id := <-ids
		select {
		case <-stall.entered:
		case <-time.After(waitLimit):
			t.Fatalf("%s: the search never started", req.method)
		}
		n, _ := id.Number()
		c.notify(protocol.MethodCancelRequest, &protocol.CancelParams{ID: protocol.Integer(n)})
		select {
		case err := <-errc:
			if rpcCode(err) != protocol.CodeRequestCancelled {
				t.Errorf("%s cancelled: %v (code %d), want -32800", req.method, err, rpcCode(err))
			}
		case <-time.After(waitLimit):
			t.Fatalf("%s: the cancelled search never answered", req.method)
		}
	}
}

// cancelQuery is a query at the bounds BoundQuery keeps (32 different words, some code-like): the
// most work one search can be asked for.
var cancelQuery = func() string {
	words := strings.Fields("user organization directory sync sso profile token session create list update delete event " +
		"webhook audit log portal widget role permission invitation magic auth password email verify factor challenge " +
		"connection domain group userManagement.createUser")
	return strings.Join(words, " ")
}()

// BenchmarkCancelLatency measures how long a search keeps working after $/cancelRequest: from the
// cancel notification to the RequestCancelled answer (the server answers once the handler has
// returned, so that is when the work stopped). The cancel is sent halfway through the query's
// uncancelled run. With WORKOS_DOCS_DIR set the real docs and their bleve index are searched, else
// the fixture. Reports full-ms (the query not cancelled, p50), stop-p50-ms/stop-p99-ms (cancel → answer)
// and finished-first (cancels that came after the answer).
//
//	WORKOS_DOCS_DIR=… go test ./lsp -run '^$' -bench CancelLatency -benchtime 200x
func BenchmarkCancelLatency(b *testing.B) {
	if search.BoundQuery(cancelQuery) != cancelQuery {
		b.Fatal("cancelQuery is not at the query bounds")
	}
	docs := cancelBenchDocs(b)
	for _, req := range []struct {
		name, method string
		params       any
	}{
		{"workspaceSymbol", protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: cancelQuery}},
		{"workosSearch", protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
			Arguments: []protocol.LSPAny{protocol.LSPAny(`"` + cancelQuery + `"`), protocol.LSPAny(`""`), protocol.LSPAny(`100`)}}},
	} {
		b.Run(req.name, func(b *testing.B) {
			var mu sync.Mutex
			var ids chan jsonrpc2.ID
			l := &fixtureLoader{docs: docs}
			c := startServer(b, Options{Loader: l.load, beforeRun: func(ctx context.Context, method string, id jsonrpc2.ID) {
				mu.Lock()
				defer mu.Unlock()
				if method == req.method && ids != nil {
					ids <- id
				}
			}})
			c.initialize(defaultCaps(), "")
			var full []time.Duration
			for range 20 {
				start := time.Now()
				c.must(req.method, req.params, nil)
				full = append(full, time.Since(start))
			}
			slices.Sort(full)
			half := latency.At(full, 0.5) / 2
			mu.Lock()
			ids = make(chan jsonrpc2.ID, 1)
			mu.Unlock()
			var stops []time.Duration
			finished := 0
			b.ResetTimer()
			for range b.N {
				errc := make(chan error, 1)
				go func() { errc <- c.call(req.method, req.params, nil) }()
				n, _ := (<-ids).Number()
				time.Sleep(half)
				sent := time.Now()
				c.notify(protocol.MethodCancelRequest, &protocol.CancelParams{ID: protocol.Integer(n)})
				err := <-errc
				if rpcCode(err) != protocol.CodeRequestCancelled {
					if err != nil {
						b.Fatal(err)
					}
					finished++
					continue
				}
				stops = append(stops, time.Since(sent))
			}
			b.StopTimer()
			b.ReportMetric(latency.Millis(latency.At(full, 0.5)), "full-ms")
			latency.Report(b, "stop-", stops)
			b.ReportMetric(float64(finished), "finished-first")
		})
	}
}

func cancelBenchDocs(b *testing.B) *Docs {
	if os.Getenv("WORKOS_DOCS_DIR") == "" {
		return fixtureDocs(b)
	}
	d := *realDocs(b)
	ix, err := search.Build(context.Background(), d.Corpus)
	if err != nil {
		b.Fatal(err)
	}
	d.Search = ix
	return &d
}
