package search

import (
	"context"
	"fmt"
	"os"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2/search"

	"github.com/workos-lsp/workos-lsp/corpus"
	bleve "github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// TestTuneWeights varies one query weight at a time around the current values and logs the judged
// figures, to see which way each weight pulls. It runs only with SEARCH_TUNE=1 and the real docs.
func TestTuneWeights(t *testing.T) {
	if os.Getenv("SEARCH_TUNE") != "1" {
		t.Skip("set SEARCH_TUNE=1 (and WORKOS_DOCS_DIR) to tune")
	}
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	queries := loadJudged(t)
	// The tuning part of the questions; the held-aside parts never.
	questions, _, _ := loadQuestions(t)
	base, k1, b := weights, blevesearch.BM25_k1, blevesearch.BM25_b
	reset := func() { weights, blevesearch.BM25_k1, blevesearch.BM25_b = base, k1, b }
	defer reset()
	line := func(name, factor string) {
		q, u := evaluate(t, ix, queries), evaluate(t, ix, questions)
		t.Logf("%-12s %5s  queries top-1 %.3f nDCG %.3f  questions top-1 %.3f top-3 %.3f nDCG %.3f", name, factor, q.top1, q.ndcg, u.top1, u.top3, u.ndcg)
	}
	line("current", "")
	fields := map[string]*float64{
		"title": &weights.title, "identifiers": &weights.identifiers, "headings": &weights.headings,
		"summary": &weights.summary, "context": &weights.context, "body": &weights.body,
		"phraseTitle": &weights.phraseTitle, "phraseIdent": &weights.phraseIdent,
		"exact": &weights.exact, "joined": &weights.joined, "acronymTitle": &weights.acronymTitle,
		"synonyms": &weights.synonyms, "status": &weights.status, "compact": &weights.compact, "coverage": &weights.coverage, "eventIntent": &weights.eventIntent, "nameCoverage": &weights.nameCoverage, "fieldStats": &weights.fieldStats,
		"bm25-k1": &blevesearch.BM25_k1, "bm25-b": &blevesearch.BM25_b,
	}
	only := os.Getenv("SEARCH_TUNE_ONLY") // one weight's name, to vary only that one
	for name, w := range fields {
		if only != "" && name != only {
			continue
		}
		for _, f := range []float64{0, 0.5, 2, 4} {
			reset()
			*w *= f
			line(name, fmt.Sprintf("×%.1f", f))
		}
	}
}

// TestDebugQuery prints the results of SEARCH_DEBUG (a query) on the real docs with scores.
func TestDebugQuery(t *testing.T) {
	q := os.Getenv("SEARCH_DEBUG")
	if q == "" {
		t.Skip("set SEARCH_DEBUG=<query> (and WORKOS_DOCS_DIR)")
	}
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), q, Options{Limit: 10, Language: corpus.Language(os.Getenv("SEARCH_LANG"))})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%7.3f %-8s %-6s %-40s %s\n          %s", r.Score, r.Kind, r.Language, r.Title, r.URL, r.Snippet)
	}
}

// TestDebugRaw prints the raw hits of SEARCH_RAW before deduplication.
func TestDebugRaw(t *testing.T) {
	q := os.Getenv("SEARCH_RAW")
	if q == "" {
		t.Skip("set SEARCH_RAW=<query> (and WORKOS_DOCS_DIR)")
	}
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	req := bleve.NewSearchRequestOptions(ix.buildQuery(q, Options{}), 15, 0, os.Getenv("SEARCH_EXPLAIN") != "")
	req.Fields = storedFields
	res, err := ix.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		t.Logf("%7.3f %-30s %v", h.Score, h.ID, h.Fields[fDisplay])
		if h.Expl != nil {
			t.Logf("%s", h.Expl)
		}
	}
}
