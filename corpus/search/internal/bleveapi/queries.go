package bleveapi

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// The queries this module builds. Term, phrase, document-id and match-all queries are bleve's own
// (search/query). The match, disjunction, conjunction and boolean queries are this package's:
// bleve's versions of these four link its whole JSON query parser (query.ParseQuery) into the
// binary, with every query type and the geo packages under it (0.4 MB), which this module never
// uses. Their UnmarshalJSON methods call the parser, and Go keeps the UnmarshalJSON method of any
// type that reaches an interface. MatchQuery's conjunction calls it too, through ExtractFields
// for nested documents. The types here build the same searchers from bleve's searcher package, in
// the same order with the same arguments, so scores and hits are bleve's (TestSameAsBleveRoot
// compares them with the root package). They only do what this module asks of them: the OR
// operator with no fuzziness for a match, and no query-string mode or nested documents.

// boostValue is a query's boost, 1 when it was never set (as bleve's query.Boost.Value).
func boostValue(b *float64) float64 {
	if b == nil {
		return 1
	}
	return *b
}

// MatchQuery analyses its text with the field's analyzer and matches documents that have any of
// the terms (bleve's MatchQuery with the OR operator and no fuzziness).
type MatchQuery struct {
	Match    string
	FieldVal string
	BoostVal *float64
}

// NewMatchQuery matches documents that have any of match's terms.
func NewMatchQuery(match string) *MatchQuery { return &MatchQuery{Match: match} }

func (q *MatchQuery) SetBoost(b float64) { q.BoostVal = &b }
func (q *MatchQuery) Boost() float64     { return boostValue(q.BoostVal) }
func (q *MatchQuery) SetField(f string)  { q.FieldVal = f }
func (q *MatchQuery) Field() string      { return q.FieldVal }

// Searcher is a disjunction (at least one) of a term searcher per token, each with the query's
// boost; no tokens match nothing.
func (q *MatchQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if analyzer == nil {
		return nil, fmt.Errorf("no analyzer for field %q", field)
	}
	tokens := analyzer.Analyze([]byte(q.Match))
	if len(tokens) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	terms := make([]query.Query, len(tokens))
	for k, token := range tokens {
		t := query.NewTermQuery(string(token.Term))
		t.SetField(field)
		t.SetBoost(q.Boost())
		terms[k] = t
	}
	d := &DisjunctionQuery{Disjuncts: terms, Min: 1}
	return d.Searcher(ctx, i, m, options)
}

// DisjunctionQuery matches documents that match at least Min of its clauses (any, when Min is
// 0). As in bleve, its boost does not change the score.
type DisjunctionQuery struct {
	Disjuncts []query.Query
	BoostVal  *float64
	Min       float64
}

// NewDisjunctionQuery matches documents that match any of disjuncts.
func NewDisjunctionQuery(disjuncts ...query.Query) *DisjunctionQuery {
	return &DisjunctionQuery{Disjuncts: disjuncts}
}

func (q *DisjunctionQuery) SetBoost(b float64)         { q.BoostVal = &b }
func (q *DisjunctionQuery) Boost() float64             { return boostValue(q.BoostVal) }
func (q *DisjunctionQuery) SetMin(m float64)           { q.Min = m }
func (q *DisjunctionQuery) AddQuery(aq ...query.Query) { q.Disjuncts = append(q.Disjuncts, aq...) }

func (q *DisjunctionQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	ss, err := clauseSearchers(ctx, i, m, options, q.Disjuncts)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	// bleve puts its (here always false) score-breakdown flag in the context; the same here, so
	// the searchers see what they see under bleve's query.
	ctx = context.WithValue(ctx, search.IncludeScoreBreakdownKey, false)
	return searcher.NewDisjunctionSearcher(ctx, i, ss, q.Min, options)
}

// ConjunctionQuery matches documents that match all of its clauses.
type ConjunctionQuery struct {
	Conjuncts []query.Query
	BoostVal  *float64
}

// NewConjunctionQuery matches documents that match all of conjuncts.
func NewConjunctionQuery(conjuncts ...query.Query) *ConjunctionQuery {
	return &ConjunctionQuery{Conjuncts: conjuncts}
}

func (q *ConjunctionQuery) SetBoost(b float64)         { q.BoostVal = &b }
func (q *ConjunctionQuery) Boost() float64             { return boostValue(q.BoostVal) }
func (q *ConjunctionQuery) AddQuery(aq ...query.Query) { q.Conjuncts = append(q.Conjuncts, aq...) }

// Searcher is bleve's conjunction searcher over the clauses (Index refuses nested mappings, so
// bleve's nested-document branch never applies).
func (q *ConjunctionQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	ss, err := clauseSearchers(ctx, i, m, options, q.Conjuncts)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return searcher.NewMatchNoneSearcher(i)
	}
	return searcher.NewConjunctionSearcher(ctx, i, ss, options)
}

// clauseSearchers are the searchers of qs, in order; on an error the ones made are closed.
func clauseSearchers(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions, qs []query.Query) ([]search.Searcher, error) {
	ss := make([]search.Searcher, 0, len(qs))
	for _, c := range qs {
		s, err := c.Searcher(ctx, i, m, options)
		if err != nil {
			for _, s := range ss {
				_ = s.Close()
			}
			return nil, err
		}
		if s != nil {
			ss = append(ss, s)
		}
	}
	return ss, nil
}

// BooleanQuery matches the documents that match Must (a conjunction) and Filter, scored by Must
// alone (bleve's BooleanQuery without should and must-not clauses, which this module does not use).
type BooleanQuery struct {
	Must     query.Query // a *ConjunctionQuery, made by AddMust
	Filter   query.Query
	BoostVal *float64
}

// NewBooleanQuery is an empty boolean query.
func NewBooleanQuery() *BooleanQuery { return &BooleanQuery{} }

func (q *BooleanQuery) SetBoost(b float64) { q.BoostVal = &b }
func (q *BooleanQuery) Boost() float64     { return boostValue(q.BoostVal) }

// AddMust adds clauses every match must match.
func (q *BooleanQuery) AddMust(m ...query.Query) {
	if m == nil {
		return
	}
	if q.Must == nil {
		q.Must = NewConjunctionQuery()
	}
	q.Must.(*ConjunctionQuery).AddQuery(m...)
}

// AddFilter sets the clause every match must also match, without scoring it.
func (q *BooleanQuery) AddFilter(m query.Query) {
	if m != nil {
		q.Filter = m
	}
}

// Searcher follows bleve's BooleanQuery.Searcher for the must and filter clauses: a must that
// matches nothing counts as absent; the filter is searched unscored and keeps the must's matches
// whose document it also matches.
func (q *BooleanQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	var must search.Searcher
	if q.Must != nil {
		s, err := q.Must.Searcher(ctx, i, m, options)
		if err != nil {
			return nil, err
		}
		if _, none := s.(*searcher.MatchNoneSearcher); !none {
			must = s
		}
	}
	var filter searcher.FilterFunc
	if q.Filter != nil {
		fs, err := q.Filter.Searcher(ctx, i, m, search.SearcherOptions{Score: ScoreNone})
		if err != nil {
			return nil, err
		}
		filter = filterBy(fs)
	}
	switch {
	case must == nil && filter == nil:
		return searcher.NewMatchNoneSearcher(i)
	case filter == nil:
		return must, nil
	case must == nil:
		all, err := searcher.NewMatchAllSearcher(ctx, i, 1.0, options)
		if err != nil {
			return nil, err
		}
		return searcher.NewFilteringSearcher(ctx, all, filter), nil
	}
	bs, err := searcher.NewBooleanSearcher(ctx, i, must, nil, nil, options)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, bs, filter), nil
}

// filterBy keeps a document when fs matches it too. The documents come in index order, so fs
// moves forward alongside them: it is advanced to each document it is behind of.
func filterBy(fs search.Searcher) searcher.FilterFunc {
	var started bool
	var ref *search.DocumentMatch
	return func(sctx *search.SearchContext, d *search.DocumentMatch) bool {
		var err error
		if !started {
			if ref, err = fs.Next(sctx); err != nil {
				return false
			}
			started = true
		}
		if ref == nil {
			return false
		}
		cmp := ref.IndexInternalID.Compare(d.IndexInternalID)
		if cmp < 0 {
			sctx.DocumentMatchPool.Put(ref)
			if ref, err = fs.Advance(sctx, d.IndexInternalID); err != nil || ref == nil {
				return false
			}
			cmp = ref.IndexInternalID.Compare(d.IndexInternalID)
		}
		return cmp == 0
	}
}

// The constructors of bleve's root package for the queries used from bleve, which only forward
// to search/query.

func NewDocIDQuery(ids []string) *query.DocIDQuery { return query.NewDocIDQuery(ids) }

func NewMatchAllQuery() *query.MatchAllQuery { return query.NewMatchAllQuery() }

func NewMatchPhraseQuery(phrase string) *query.MatchPhraseQuery {
	return query.NewMatchPhraseQuery(phrase)
}

func NewTermQuery(term string) *query.TermQuery { return query.NewTermQuery(term) }
