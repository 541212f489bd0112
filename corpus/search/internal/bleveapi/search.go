package bleveapi

import (
	"context"
	"errors"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// ScoreNone as SearchRequest.Score asks for matches without scores.
const ScoreNone = "none"

// SearchRequest is a top-N search: Size hits from From on, best score first.
type SearchRequest struct {
	Query   query.Query
	Size    int
	From    int
	Explain bool     // attach each hit's score explanation (Expl)
	Fields  []string // stored fields to load into each hit's Fields ("*" for all)
	Score   string   // "" scores the hits; ScoreNone does not
	Sort    search.SortOrder
}

// NewSearchRequestOptions is a request for size hits from from on, ordered by score.
func NewSearchRequestOptions(q query.Query, size, from int, explain bool) *SearchRequest {
	return &SearchRequest{
		Query:   q,
		Size:    size,
		From:    from,
		Explain: explain,
		Sort:    search.SortOrder{&search.SortScore{Desc: true}},
	}
}

// SearchResult is what a search found.
type SearchResult struct {
	Hits     search.DocumentMatchCollection
	Total    uint64
	MaxScore float64
}

// Search runs req.
func (ix *Index) Search(req *SearchRequest) (*SearchResult, error) {
	return ix.SearchInContext(context.Background(), req)
}

// SearchInContext runs req; cancelling ctx stops the collection.
func (ix *Index) SearchInContext(ctx context.Context, req *SearchRequest) (res *SearchResult, err error) {
	err = ix.read(func(r index.IndexReader) error {
		res, err = ix.search(ix.searchContext(ctx), req, r)
		return err
	})
	return res, err
}

func (ix *Index) search(ctx context.Context, req *SearchRequest, r index.IndexReader) (_ *SearchResult, err error) {
	coll := collector.NewTopNCollector(req.Size, req.From, req.Sort)
	// As bleve: an unscored request for Size hits may stop at the first Size matches.
	if req.Score == ScoreNone && req.Size > 0 && len(req.Sort) == 1 && req.Sort[0].RequiresScoring() {
		coll.SetEarlyStop(req.Size + req.From)
	}
	searcher, err := req.Query.Searcher(ctx, r, ix.m, search.SearcherOptions{Explain: req.Explain, Score: req.Score})
	if err != nil {
		return nil, err
	}
	defer closeInto(searcher, &err)
	if err := coll.Collect(ctx, searcher, r); err != nil {
		return nil, err
	}
	hits := coll.Results()
	if len(req.Fields) > 0 {
		for _, h := range hits {
			if err := loadFields(h, req.Fields, r); err != nil {
				return nil, err
			}
		}
	}
	return &SearchResult{Hits: hits, Total: coll.Total(), MaxScore: coll.MaxScore()}, nil
}

// searchContext carries what bleve's searchers look up in the context: the scoring model (BM25
// statistics per field when the mapping asks for BM25) and the term searcher budget.
func (ix *Index) searchContext(ctx context.Context) context.Context {
	model := index.DefaultScoringModel
	if m, ok := ix.m.(*mapping.IndexMappingImpl); ok && m.ScoringModel == index.BM25Scoring {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey, search.GetScoringModelCallbackFn(func() string { return model }))
	return search.ContextWithTermSearchersCounter(ctx)
}

var errInconsistent = errors.New("a hit's document is not in the index")

// loadFields puts the stored fields named (all for "*") of h's document into h.Fields, as bleve's
// LoadAndHighlightFields does for the field types this module stores (text; numbers and booleans
// for completeness).
func loadFields(h *search.DocumentMatch, fields []string, r index.IndexReader) error {
	if h.Fields != nil {
		return nil
	}
	doc, err := r.Document(h.ID)
	if err != nil {
		return err
	}
	if doc == nil {
		return errInconsistent
	}
	for _, f := range dedupe(fields) {
		doc.VisitFields(func(field index.Field) {
			if f != "*" && field.Name() != f {
				return
			}
			var value interface{}
			switch field := field.(type) {
			case index.TextField:
				value = field.Text()
			case index.NumericField:
				if n, err := field.Number(); err == nil {
					value = n
				}
			case index.BooleanField:
				if b, err := field.Boolean(); err == nil {
					value = b
				}
			}
			if value != nil {
				h.AddFieldValue(field.Name(), value)
			}
		})
	}
	return nil
}

func dedupe(fields []string) []string {
	seen := make(map[string]bool, len(fields))
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}
