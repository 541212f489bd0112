package search

import (
	"context"
	"os"
	"testing"

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
	qs := loadJudged(t)
	// The tuning part of the questions too; the held-aside part never.
	tune, _ := loadQuestions(t)
	qs = append(qs, tune...)
	base := weights
	defer func() { weights = base }()
	m := evaluate(t, ix, qs)
	t.Logf("%-12s %5s  top-1 %.3f  top-3 %.3f  MRR %.3f  nDCG@10 %.3f", "current", "", m.top1, m.top3, m.mrr, m.ndcg)
	fields := map[string]*float64{
		"title": &weights.title, "identifiers": &weights.identifiers, "headings": &weights.headings,
		"summary": &weights.summary, "context": &weights.context, "body": &weights.body,
		"phraseTitle": &weights.phraseTitle, "phraseIdent": &weights.phraseIdent,
		"phraseBody": &weights.phraseBody, "exact": &weights.exact, "allWords": &weights.allWords, "joined": &weights.joined, "acronymTitle": &weights.acronymTitle, "acronymBody": &weights.acronymBody,
		"synonyms": &weights.synonyms, "status": &weights.status, "compact": &weights.compact, "coverage": &weights.coverage, "eventIntent": &weights.eventIntent,
	}
	for name, w := range fields {
		for _, f := range []float64{0, 0.5, 2, 4} {
			weights = base
			*w *= f
			m := evaluate(t, ix, qs)
			t.Logf("%-12s ×%-4.1f  top-1 %.3f  top-3 %.3f  MRR %.3f  nDCG@10 %.3f", name, f, m.top1, m.top3, m.mrr, m.ndcg)
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
