package mcpserver

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docset"
)

var (
	testOnce sync.Once
	testSet  *docset.Set
	testErr  error
)

// testDocs is the fixture corpus plus our own pages in testdata/docs (which add code examples in
// several areas), parsed and indexed once per test binary. It is read-only: never Close it.
func testDocs(t testing.TB) *docset.Set {
	t.Helper()
	testOnce.Do(func() {
		src := corpustest.Source()
		merged := fstest.MapFS{}
		copyFS := func(fsys fs.FS) error {
			return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					return err
				}
				merged[p] = &fstest.MapFile{Data: data, Mode: 0o644}
				return nil
			})
		}
		if testErr = copyFS(src.Docs); testErr != nil {
			return
		}
		if testErr = copyFS(os.DirFS("testdata/docs")); testErr != nil {
			return
		}
		var c *corpus.Corpus
		c, testErr = corpus.Parse(corpus.Source{Version: "test", Digest: "test", Docs: merged, Changelogs: src.Changelogs})
		if testErr != nil {
			return
		}
		var ix *search.Index
		ix, testErr = search.Build(context.Background(), c)
		testSet = &docset.Set{Corpus: c, Index: ix}
	})
	if testErr != nil {
		t.Fatalf("test docs: %v", testErr)
	}
	return testSet
}

// connect runs a server over docs and returns a client session talking to it in memory.
func connect(t *testing.T, docs *Loader) *mcp.ClientSession {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serverT, clientT := mcp.NewInMemoryTransports()
	ss, err := New(docs, "test").Connect(ctx, serverT, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1"}, nil)
	cs, err := client.Connect(ctx, clientT, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		ss.Wait()
		cancel()
	})
	return cs
}

// call calls a tool and returns its text and whether it is a tool error; a protocol error fails.
func call(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) (string, bool) {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	var b strings.Builder
	for _, c := range res.Content {
		tc, ok := c.(*mcp.TextContent)
		if !ok {
			t.Fatalf("%s: content %T, want text", tool, c)
		}
		b.WriteString(tc.Text)
	}
	return b.String(), res.IsError
}

// mustContain fails for each want that text lacks.
func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: missing %q in:\n%s", what, w, text)
		}
	}
}

func mustNotContain(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s: unexpected %q in:\n%s", what, w, text)
		}
	}
}
