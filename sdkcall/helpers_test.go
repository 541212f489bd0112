package sdkcall

import (
	"strings"
	"sync"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// cursor is the marker a test snippet uses for the cursor position; it is removed before analysis.
const cursor = "‸"

// testIndex is the index of the fixture corpus, shared by the tests as a loaded snapshot would be.
func testIndex(t testing.TB) *Index {
	t.Helper()
	fixtureOnce.Do(func() { fixtureIndex = NewIndex(corpustest.Corpus(t).Symbols()) })
	return fixtureIndex
}

var (
	fixtureOnce  sync.Once
	fixtureIndex *Index
)

// snippet strips the cursor marker and returns the text and the cursor's byte offset.
func snippet(t testing.TB, src string) (string, int) {
	t.Helper()
	i := strings.Index(src, cursor)
	if i < 0 {
		t.Fatalf("snippet has no cursor marker %q:\n%s", cursor, src)
	}
	if strings.Count(src, cursor) != 1 {
		t.Fatalf("snippet has several cursor markers:\n%s", src)
	}
	return src[:i] + src[i+len(cursor):], i
}

func entryIDs(es []*corpus.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func labels(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

var kindNames = map[TargetKind]string{0: "none", TargetCall: "call", TargetModule: "module", TargetOption: "option",
	TargetType: "type", TargetEvent: "event", TargetEndpoint: "endpoint", TargetAmbiguous: "ambiguous"}

func (k TargetKind) String() string { return kindNames[k] }
