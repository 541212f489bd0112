package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

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

// A loader that leaves the index to BuildSearch: hovers and search (by title) answer while it is
// being built, and search uses the index once its progress ends.
func TestSearchIndexBuiltAfterDocsAreInUse(t *testing.T) {
	fix := fixtureDocs(t)
	built := &countingSearcher{ix: fix.Search}
	gate := make(chan struct{})
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
	c := startServer(t, Options{Loader: l.load, Version: "test"})
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
	search := func() []SearchHit {
		var hits []SearchHit
		c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
			Arguments: []protocol.LSPAny{protocol.LSPAny(`"user"`)}}, &hits)
		return hits
	}
	if hits := search(); len(hits) == 0 {
		t.Error("no title-match hits while the index is being built")
	}
	if n := built.calls.Load(); n != 0 {
		t.Fatalf("the index was searched %d times before it was ready", n)
	}

	from := c.noteCount()
	close(gate)
	c.waitNote(from, protocol.MethodProgress, func(raw json.RawMessage) bool {
		return bytes.Contains(raw, []byte(`"kind":"end"`)) && bytes.Contains(raw, []byte("search index ready"))
	})
	if hits := search(); len(hits) == 0 {
		t.Error("no hits once the index is ready")
	}
	if built.calls.Load() == 0 {
		t.Error("search did not use the index once it was ready")
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
