package sdkcall

import (
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// cursor is the marker a test snippet uses for the cursor position; it is removed before analysis.
const cursor = "‸"

func symbols(t testing.TB) *corpus.Symbols {
	t.Helper()
	return corpustest.Corpus(t).Symbols()
}

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
