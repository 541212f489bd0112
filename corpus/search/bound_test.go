package search

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	bleve "github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestBoundQuery(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "  create user  ", "create user"},
		{"repeats dropped, first spelling kept", "SSO sso Sso connection sso", "SSO connection"},
		{"words capped", strings.Repeat("w ", 5) + strings.Join(distinctWords(40), " "), "w " + strings.Join(distinctWords(maxQueryWords-1), " ")},
		{"long word cut at a rune", strings.Repeat("é", 100), strings.Repeat("é", maxWordBytes/2)},
		{"huge token", strings.Repeat("a", 20<<20), strings.Repeat("a", maxWordBytes)},
	} {
		if got := BoundQuery(c.in); got != c.want {
			t.Errorf("%s: BoundQuery = %.80q…, want %.80q…", c.name, got, c.want)
		}
	}
	long := strings.Repeat(strings.Repeat("x", maxWordBytes-1)+"y ", 40)
	if got := BoundQuery(long); len(got) > maxQueryBytes {
		t.Errorf("BoundQuery of %d bytes = %d bytes, over %d", len(long), len(got), maxQueryBytes)
	}
}

func distinctWords(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "word" + strings.Repeat("q", i)
	}
	return out
}

// TestSearchIgnoresWordsPastTheBound: the search reads only the first maxQueryWords distinct words, so
// a word after them finds nothing (before the bound, each of 2,000 words cost several clauses).
func TestSearchIgnoresWordsPastTheBound(t *testing.T) {
	ix := fixtureIndex(t)
	filler := strings.Join(distinctWords(maxQueryWords), " ")
	if res := mustSearch(t, ix, filler+" createUser", Options{}); len(res) != 0 {
		t.Errorf("a word past the bound was searched:%s", describe(res))
	}
	if res := mustSearch(t, ix, strings.Repeat("createUser ", 2000), Options{Limit: 1}); len(res) == 0 || res[0].Page != "reference/authkit/user/create" {
		t.Errorf("a repeated word is not searched once:%s", describe(res))
	}
}

// maxClauses bounds the leaf clauses buildQuery makes for a bounded query: a fixed set of field
// matches, phrases and filters, and per word a few (acronyms, status codes, exact names and their
// tails, coverage). The point is that the count follows the bounded words, not the input.
const maxClauses = 48 + maxQueryWords*(8+maxNameTails)

// FuzzBuildQuery: a bounded query stays within its bounds, bounding twice changes nothing, and the
// query built from it has a bounded number of clauses.
func FuzzBuildQuery(f *testing.F) {
	for _, s := range []string{"create user", "SSO sso", "workos.userManagement.createUser()", "a.b.c.d.e.f.g.h", "$x->y::z", "log out", "é" + strings.Repeat("x", 200), "how do I set up SSO with Okta 429"} {
		f.Add(s)
	}
	ix, err := Build(context.Background(), corpustest.Corpus(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		b := BoundQuery(q)
		if len(b) > maxQueryBytes || len(strings.Fields(b)) > maxQueryWords {
			t.Fatalf("BoundQuery(%q) = %q: over the bounds", q, b)
		}
		if utf8.ValidString(q) && !utf8.ValidString(b) {
			t.Fatalf("BoundQuery(%q) = %q: not UTF-8", q, b)
		}
		if again := BoundQuery(b); again != b {
			t.Fatalf("BoundQuery not idempotent: %q then %q", b, again)
		}
		if b == "" {
			return
		}
		if n := countClauses(ix.buildQuery(b, Options{Language: corpus.Go, Kinds: []Kind{KindPage}})); n > maxClauses {
			t.Fatalf("buildQuery(%q): %d clauses, over %d", b, n, maxClauses)
		}
	})
}

func countClauses(q query.Query) int {
	switch q := q.(type) {
	case *bleve.DisjunctionQuery:
		n := 0
		for _, c := range q.Disjuncts {
			n += countClauses(c)
		}
		return n
	case *bleve.ConjunctionQuery:
		n := 0
		for _, c := range q.Conjuncts {
			n += countClauses(c)
		}
		return n
	case *bleve.BooleanQuery:
		return countClauses(q.Must) + countClauses(q.Filter)
	case nil:
		return 0
	}
	return 1
}
