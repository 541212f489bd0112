package lsp

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// countingSearcher is the fixture index, counting the searches that reach it.
type countingSearcher struct {
	ix    Searcher
	calls atomic.Int32
}

func (s *countingSearcher) Search(ctx context.Context, q string, opts search.Options) ([]search.Result, error) {
	s.calls.Add(1)
	return s.ix.Search(ctx, q, opts)
}

// A loader that leaves the index to BuildSearch: hovers and workspace/symbol (by title) answer while
// it is being built; workos.search, asked meanwhile, waits for the index and uses it.
func TestSearchIndexBuiltAfterDocsAreInUse(t *testing.T) {
	fix := fixtureDocs(t)
	built := &countingSearcher{ix: fix.Search}
	gate := make(chan struct{})
	var openGate sync.Once
	buildStarted := make(chan struct{})
	docs := &Docs{Corpus: fix.Corpus, Version: fix.Version, BuildSearch: func(ctx context.Context) (Searcher, error) {
		close(buildStarted)
		select {
		case <-gate:
			return built, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
	l := &fixtureLoader{docs: docs}
	// The gate opens when workos.search reaches its handler: the search was asked while the index
	// was being built.
	opts := Options{Loader: l.load, Version: "test", beforeRun: func(ctx context.Context, method string, id jsonrpc2.ID) {
		if method == protocol.MethodWorkspaceExecuteCommand {
			openGate.Do(func() { close(gate) })
		}
	}}
	c := startServer(t, opts)
	c.initialize(defaultCaps(), "")
	select {
	case <-buildStarted:
	case <-time.After(waitLimit):
		t.Fatal("BuildSearch was not called")
	}

	text, pos := cut(t, jsHead+"await workos.userManagement.create‸User({ email: 'a@b.c' });")
	u := c.open("early.ts", "typescript", text)
	if h := c.hover(u, pos); h == nil {
		t.Fatal("no hover while the index is being built")
	}
	var syms []protocol.SymbolInformation
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}, &syms)
	if len(syms) == 0 {
		t.Error("no title-match symbols while the index is being built")
	}
	if n := built.calls.Load(); n != 0 {
		t.Fatalf("the index was searched %d times before it was ready", n)
	}

	var hits []SearchHit
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"create user"`)}}, &hits)
	if len(hits) == 0 {
		t.Error("workos.search found nothing")
	}
	if built.calls.Load() == 0 {
		t.Error("workos.search asked during the build did not wait for the index")
	}
}

// Shutdown cancels a build in progress (and waits for it).
func TestSearchIndexBuildCancelledByShutdown(t *testing.T) {
	fix := fixtureDocs(t)
	cancelled := make(chan struct{})
	buildStarted := make(chan struct{})
	docs := &Docs{Corpus: fix.Corpus, Version: fix.Version, BuildSearch: func(ctx context.Context) (Searcher, error) {
		close(buildStarted)
		<-ctx.Done()
		close(cancelled)
		return nil, ctx.Err()
	}}
	l := &fixtureLoader{docs: docs}
	c := startServer(t, Options{Loader: l.load, Version: "test"})
	c.initialize(defaultCaps(), "")
	<-buildStarted
	c.must(protocol.MethodShutdown, nil, nil)
	select {
	case <-cancelled:
	case <-time.After(waitLimit):
		t.Fatal("shutdown did not cancel the index build")
	}
}
