package search

import (
	"context"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// TestSameAsBleveRoot checks the index layer (internal/bleveapi, which keeps bleve's root package
// out of the binary) against bleve's root package: for every judged query and question, with and
// without a language, the same hits in the same order with the same scores, and the same stored
// fields; on the fixture and, when configured, the real docs. Indexes written on disk by either are
// read by the other with the same answers.
func TestSameAsBleveRoot(t *testing.T) {
	corpora := map[string]*corpus.Corpus{"fixture": corpustest.Corpus(t)}
	if c := realCorpus(t, "0.2.0"); c != nil {
		corpora["0.2.0"] = c
	}
	var queries []string
	for _, j := range loadJudged(t) {
		queries = append(queries, j.query)
	}
	tune, held, fresh := loadQuestions(t)
	for _, j := range append(append(tune, held...), fresh...) {
		queries = append(queries, j.query)
	}
	ctx := context.Background()
	for name, c := range corpora {
		t.Run(name, func(t *testing.T) {
			ours, err := Build(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			defer ours.Close()
			theirs := rootIndex(t, "", c)
			defer theirs.Close()
			compareWithRoot(t, ours, theirs, queries)

			// On disk: our build read by bleve, and bleve's build read by us.
			dir := filepath.Join(t.TempDir(), "ix")
			disk, err := Open(ctx, c, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer disk.Close()
			read, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]interface{}{"read_only": true})
			if err != nil {
				t.Fatalf("bleve cannot open our on-disk index: %v", err)
			}
			defer read.Close()
			compareWithRoot(t, disk, read, queries)

			rootDir := filepath.Join(t.TempDir(), "root")
			if err := rootIndex(t, rootDir, c).Close(); err != nil {
				t.Fatal(err)
			}
			ix, err := bleveapi.Open(rootDir, map[string]interface{}{"read_only": true})
			if err != nil {
				t.Fatalf("cannot open bleve's on-disk index: %v", err)
			}
			defer ix.Close()
			compareWithRoot(t, &Index{idx: ix, acronyms: ours.acronyms, less: ours.less, stats: ours.stats}, theirs, queries)
		})
	}
}

// rootIndex indexes c's documents with bleve's root package, in memory when dir is ""; the caller
// closes it.
func rootIndex(t *testing.T, dir string, c *corpus.Corpus) bleve.Index {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for _, d := range documents(c) {
		if err := b.Index(d.id, d.d); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

func compareWithRoot(t *testing.T, ours *Index, theirs bleve.Index, queries []string) {
	t.Helper()
	optss := []Options{{}, {Language: corpus.Go}, {PreferLanguage: corpus.Python},
		{Language: corpus.Go, Kinds: []Kind{KindPage, KindSection}}}
	compared := 0
	for _, q := range queries {
		q = BoundQuery(q)
		for _, opts := range optss {
			// Each side gets its own query tree, in case a searcher keeps state in one.
			// bleve's side searches with bleve's own query types (bleveQuery).
			got := ourHits(t, ours, ours.buildQuery(q, opts), "")
			want := rootHits(t, ours, theirs, bleveQuery(ours.buildQuery(q, opts)), "")
			if d := firstDifference(got, want); d != "" {
				t.Errorf("%q %+v: %s", q, opts, d)
				continue
			}
			// On the same index, bleveapi's query types and bleve's give the very same scores.
			if same := ourHits(t, ours, bleveQuery(ours.buildQuery(q, opts)), ""); !maps.Equal(got.scores, same.scores) || got.max != same.max || got.total != same.total {
				t.Errorf("%q %+v: bleve's query types: %s", q, opts, firstDifference(got, same))
				continue
			}
			compared++
		}
	}
	// The stored-field loads of Search: ids only, unscored, with the stored fields.
	ids := firstHits(t, ours, queries)
	got := ourHits(t, ours, bleveapi.NewDocIDQuery(ids), "none")
	want := rootHits(t, ours, theirs, bleve.NewDocIDQuery(ids), "none")
	if d := firstDifference(got, want); d != "" {
		t.Errorf("doc id load: %s", d)
	}
	if compared == 0 {
		t.Fatal("no query compared")
	}
}

// bleveQuery is q with bleveapi's query types replaced by bleve's (search/query) equivalents.
func bleveQuery(q query.Query) query.Query {
	all := func(qs []query.Query) []query.Query {
		out := make([]query.Query, len(qs))
		for i, q := range qs {
			out[i] = bleveQuery(q)
		}
		return out
	}
	boost := func(b interface{ SetBoost(float64) }, v *float64) {
		if v != nil {
			b.SetBoost(*v)
		}
	}
	switch q := q.(type) {
	case *bleveapi.MatchQuery:
		m := query.NewMatchQuery(q.Match)
		m.SetField(q.FieldVal)
		boost(m, q.BoostVal)
		return m
	case *bleveapi.DisjunctionQuery:
		d := query.NewDisjunctionQuery(all(q.Disjuncts))
		d.SetMin(q.Min)
		boost(d, q.BoostVal)
		return d
	case *bleveapi.ConjunctionQuery:
		c := query.NewConjunctionQuery(all(q.Conjuncts))
		boost(c, q.BoostVal)
		return c
	case *bleveapi.BooleanQuery:
		b := query.NewBooleanQuery(nil, nil, nil)
		if q.Must != nil {
			b.AddMust(all(q.Must.(*bleveapi.ConjunctionQuery).Conjuncts)...)
		}
		if q.Filter != nil {
			b.AddFilter(bleveQuery(q.Filter))
		}
		boost(b, q.BoostVal)
		return b
	}
	return q
}

// firstHits collects the ids of the first hits of some queries.
func firstHits(t *testing.T, ix *Index, queries []string) []string {
	var ids []string
	for _, q := range queries[:min(len(queries), 20)] {
		req := bleveapi.NewSearchRequestOptions(ix.buildQuery(BoundQuery(q), Options{}), 3, 0, false)
		res, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// allHits is more than any query here matches. The comparisons take every hit and compare them
// per document, not in order: bleve numbers a batch's documents in the order their analysis
// finished (in parallel), and ties in score follow that order, as does the order a disjunction adds
// its clauses' scores in, which moves a score by an ulp or so. Two builds with bleve's root package
// differ in the same ways.
const allHits = 1 << 20

type hitSet struct {
	total  uint64
	max    float64
	scores map[string]float64
	fields map[string]string
}

// ourHits and rootHits search as Index.Search does, with the BM25 field lengths of ix in the context.
func ourHits(t *testing.T, ix *Index, q query.Query, score string) hitSet {
	t.Helper()
	req := bleveapi.NewSearchRequestOptions(q, allHits, 0, false)
	req.Score = score
	if score == "none" {
		req.Fields = storedFields
	}
	res, err := ix.idx.SearchInContext(withStats(context.Background(), ix.stats), req)
	if err != nil {
		t.Fatal(err)
	}
	return collectHits(res.Total, res.MaxScore, res.Hits)
}

func rootHits(t *testing.T, ix *Index, idx bleve.Index, q query.Query, score string) hitSet {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, allHits, 0, false)
	req.Score = score
	if score == "none" {
		req.Fields = storedFields
	}
	res, err := idx.SearchInContext(withStats(context.Background(), ix.stats), req)
	if err != nil {
		t.Fatal(err)
	}
	return collectHits(res.Total, res.MaxScore, res.Hits)
}

func collectHits(total uint64, max float64, hits search.DocumentMatchCollection) hitSet {
	s := hitSet{total: total, max: max, scores: map[string]float64{}, fields: map[string]string{}}
	for _, h := range hits {
		s.scores[h.ID] = h.Score
		s.fields[h.ID] = fmt.Sprint(h.Fields) // fmt prints map keys sorted
	}
	return s
}

// firstDifference compares two searches' hits: the same documents with the same stored fields and
// scores equal to float rounding.
func firstDifference(ours, bleve hitSet) string {
	if ours.total != bleve.total || !nearlyEqual(ours.max, bleve.max) || len(ours.scores) != len(bleve.scores) {
		return fmt.Sprintf("%d hits (total %d, max %v), bleve %d (total %d, max %v)",
			len(ours.scores), ours.total, ours.max, len(bleve.scores), bleve.total, bleve.max)
	}
	ids := slices.Sorted(maps.Keys(ours.scores))
	for _, id := range ids {
		want, ok := bleve.scores[id]
		switch {
		case !ok:
			return fmt.Sprintf("%s: not a hit of bleve's", id)
		case !nearlyEqual(ours.scores[id], want):
			return fmt.Sprintf("%s: score %v, bleve %v", id, ours.scores[id], want)
		case ours.fields[id] != bleve.fields[id]:
			return fmt.Sprintf("%s: fields\n%.300s\nbleve\n%.300s", id, ours.fields[id], bleve.fields[id])
		}
	}
	return ""
}

func nearlyEqual(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) }
