package corpus_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// TestStagedEqualsEager checks ParseStaged against Parse on the fixture and, with WORKOS_DOCS_DIR,
// the real docs: the completed corpus is the eager one (deeply, unexported lookups and symbols
// included), and the early corpus already has every entry as the eager one has it, with the
// declaring pages rendered, every page's path, no events, and stays as it was after completing.
func TestStagedEqualsEager(t *testing.T) {
	sources := map[string]corpus.Source{"fixture": corpustest.Source()}
	if dir := os.Getenv("WORKOS_DOCS_DIR"); dir != "" {
		sources["real"] = corpus.Source{Version: "real", Digest: "real", Docs: os.DirFS(dir)}
	}
	for name, src := range sources {
		t.Run(name, func(t *testing.T) {
			eager, err := corpus.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			early, complete, err := corpus.ParseStaged(src)
			if err != nil {
				t.Fatal(err)
			}
			checkEarly(t, early, eager)
			full := complete()
			if !reflect.DeepEqual(full, eager) {
				t.Fatal("the completed corpus differs from Parse's")
			}
			checkEarly(t, early, eager) // completing did not touch it
		})
	}
}

func checkEarly(t *testing.T, early, eager *corpus.Corpus) {
	t.Helper()
	if len(early.Entries) == 0 || !reflect.DeepEqual(early.Entries, eager.Entries) {
		t.Fatalf("early entries differ from Parse's (%d, want %d)", len(early.Entries), len(eager.Entries))
	}
	if len(early.Events) != 0 {
		t.Errorf("early corpus has %d events; events come from bodies", len(early.Events))
	}
	if len(early.Pages) != len(eager.Pages) {
		t.Fatalf("early pages = %d, want %d", len(early.Pages), len(eager.Pages))
	}
	rendered := 0
	for i, p := range early.Pages {
		want := eager.Pages[i]
		switch {
		case p.Path != want.Path || p.File != want.File || p.Description != want.Description:
			t.Errorf("early page %s differs from Parse's %s", p.Path, want.Path)
		case len(p.Entries) > 0:
			if !reflect.DeepEqual(p, want) {
				t.Errorf("early page %s declares entries but differs from Parse's", p.Path)
			}
			rendered++
		case p.Markdown != "" || len(p.Sections) > 0:
			t.Errorf("early page %s without entries is rendered", p.Path)
		}
	}
	if rendered == 0 {
		t.Error("no early page declares entries")
	}
	if _, ok := early.Symbols().Event("dsync.user.created"); ok {
		t.Error("early symbols know an event")
	}
}
