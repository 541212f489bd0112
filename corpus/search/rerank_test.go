package search

import (
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2/search/query"

	bleve "github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"

	"github.com/workos-lsp/workos-lsp/corpus"
)

func namesCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	page := func(title, desc, heading string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndescription: " + desc + "\n---\n\n## " + heading + "\n\nText.\n")}
	}
	c, err := corpus.Parse(corpus.Source{Version: "t", Digest: "t", Docs: fstest.MapFS{
		"rotate.mdx": page("Rotating secrets", "Replace the secret of a key without downtime.", "Overview"),
		"keys.mdx":   page("API keys", "Create API keys for the users of your app.", "Overview"),
		"users.mdx":  page("Users", "The users of your app.", "Rotation"),
		"orgs.mdx":   page("Organizations", "Group the users of your app.", "Overview"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The second stage puts first the page whose name says what the question asks, though the first
// stage scored another page a little higher.
func TestRescoreByNames(t *testing.T) {
	l := &lazyNames{corpus: namesCorpus(t)}
	g := l.get()
	hits := []hit{
		{id: "a", group: "keys", kind: KindPage, score: 1},
		{id: "b", group: "rotate", kind: KindPage, score: 0.9},
		{id: "c", group: "users", kind: KindPage, score: 0.95},
	}
	l.rescore(hits, "rotating the secret of an API key", nil)
	rerank(hits, false, "")
	if hits[0].group != "rotate" {
		t.Errorf("first %s, want rotate: %+v", hits[0].group, hits)
	}
	// A heading counts, less than the name: "rotation" is in the users page's headings only.
	if cov := g.coverage(hit{group: "users"}, g.concepts("rotation of users", nil)); cov <= 0.5 || cov >= 1 {
		t.Errorf("coverage of users for %q = %.2f, want more than half, less than all", "rotation of users", cov)
	}
}

// A word most pages are named by weighs less than a rare one, and filler and stop words none.
func TestConceptsWeighRarity(t *testing.T) {
	l := &lazyNames{corpus: namesCorpus(t)}
	g := l.get()
	cs := g.concepts("I want to rotate users", nil)
	if len(cs) != 2 {
		t.Fatalf("concepts = %+v, want rotate and users", cs)
	}
	if cs[0].weight <= cs[1].weight {
		t.Errorf("rotate weighs %.2f, users %.2f: want the rarer word heavier", cs[0].weight, cs[1].weight)
	}
	// One concept only: nothing to cover.
	hits := []hit{{group: "users", score: 1}}
	l.rescore(hits, "users", nil)
	if hits[0].score != 1 {
		t.Errorf("a one-word question was rescored: %v", hits[0].score)
	}
}

// fieldsOf are the fields the match queries of q name, nested disjunctions included.
func fieldsOf(q query.Query) map[string]bool {
	out := map[string]bool{}
	var walk func(query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *bleve.DisjunctionQuery:
			for _, d := range q.Disjuncts {
				walk(d)
			}
		case *bleve.MatchQuery:
			out[q.FieldVal] = true
		}
	}
	walk(q)
	return out
}

// A question in prose leaves the context field to the second stage; a short query or one with
// code in it keeps it.
func TestQuestionsSkipContext(t *testing.T) {
	ix := fixtureIndex(t)
	for q, want := range map[string]bool{
		"how do I list the members of an organization and their roles": false,
		"organization memberships":                                     true,
		"list members with listOrganizationMemberships":                true,
	} {
		if got := fieldsOf(ix.buildQuery(q, Options{}))[fContext]; got != want {
			t.Errorf("%q: context clause %v, want %v", q, got, want)
		}
	}
}
