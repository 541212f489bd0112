package bleveapi

import "github.com/blevesearch/bleve/v2/search/query"

// The query constructors of bleve's root package, which only forward to search/query.

func NewBooleanQuery() *query.BooleanQuery { return query.NewBooleanQuery(nil, nil, nil) }

func NewConjunctionQuery(conjuncts ...query.Query) *query.ConjunctionQuery {
	return query.NewConjunctionQuery(conjuncts)
}

func NewDisjunctionQuery(disjuncts ...query.Query) *query.DisjunctionQuery {
	return query.NewDisjunctionQuery(disjuncts)
}

func NewDocIDQuery(ids []string) *query.DocIDQuery { return query.NewDocIDQuery(ids) }

func NewMatchAllQuery() *query.MatchAllQuery { return query.NewMatchAllQuery() }

func NewMatchPhraseQuery(phrase string) *query.MatchPhraseQuery {
	return query.NewMatchPhraseQuery(phrase)
}

func NewMatchQuery(match string) *query.MatchQuery { return query.NewMatchQuery(match) }

func NewTermQuery(term string) *query.TermQuery { return query.NewTermQuery(term) }
