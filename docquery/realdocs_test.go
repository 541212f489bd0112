package docquery

import (
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docset/docsettest"
)

// Every titled SDK entry of the real docs resolves from its own title, in its language, to itself or
// (when two entries share a title) to an entry of the same operation.
func TestRealResolveEveryTitle(t *testing.T) {
	set := docsettest.Real(t, "0.2.0")
	s := set.Corpus.Symbols()
	checked, failed := 0, 0
	for _, e := range set.Corpus.Entries {
		if e.Title == "" || e.Kind == corpus.KindShared || e.Language == "json" {
			continue
		}
		text := e.Title
		if e.Kind == corpus.KindEndpoint {
			text = e.Signature()
		}
		checked++
		got := Entries(s, text, e.Language)
		ok := false
		for _, g := range got {
			if g == e || (g.ID != "" && g.ID == e.ID) {
				ok = true
				break
			}
		}
		if !ok {
			failed++
			if failed <= 20 {
				t.Errorf("%s %q (id %s): resolved to %v", e.Language, text, e.ID, titles(got))
			}
		}
	}
	t.Logf("%d entries resolved from their titles, %d failed", checked-failed, failed)
}
