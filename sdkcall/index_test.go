package sdkcall

import (
	"runtime"
	"testing"
	"weak"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// TestIndexFreedWithSnapshot checks that nothing in the package keeps a symbol table alive: once the
// snapshot holding an index is dropped (after every language was derived and questions were asked),
// garbage collection frees its symbols.
func TestIndexFreedWithSnapshot(t *testing.T) {
	c, err := corpus.Parse(corpustest.Source())
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(c.Symbols())
	ix.Warm(corpus.ReferenceLanguages...)
	text, off := snippet(t, jsHead+"await workos.userManagement.create‸User({ email });")
	f := Analyze(corpus.JS, text)
	if tg, ok := f.At(ix, off); !ok || tg.Kind != TargetCall {
		t.Fatalf("no call at the cursor: %v", tg.Kind)
	}
	f.Diagnostics(ix)
	f.Links(ix)
	old := weak.Make(c.Symbols())
	c, ix = nil, nil
	// A new snapshot is in use meanwhile.
	next := NewIndex(testIndex(t).Symbols())
	if _, ok := f.At(next, off); !ok {
		t.Fatal("the file does not answer from the new index")
	}
	for range 20 {
		runtime.GC()
		if old.Value() == nil {
			return
		}
	}
	t.Fatal("the old snapshot's symbols are still reachable after 20 collections")
}

func TestIndexUnknownLanguageAndNil(t *testing.T) {
	ix := testIndex(t)
	if got := ix.of("cobol"); got != emptyIndex {
		t.Error("an unknown language has a derived index")
	}
	var none *Index
	if none.Symbols() != nil {
		t.Error("a nil index has symbols")
	}
	text, off := snippet(t, jsHead+"await workos.userManagement.create‸User({ email });")
	if _, ok := Analyze(corpus.JS, text).At(none, off); ok {
		t.Error("a nil index answers")
	}
	if _, ok := Analyze(corpus.JS, text).At(NewIndex(nil), off); ok {
		t.Error("an index without symbols answers")
	}
}
