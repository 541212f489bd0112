package search

import (
	"context"
	"fmt"
	"math"

	blevesearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// BM25 length statistics. BM25 divides a field's term frequency by the field's length relative to
// the average length of that field. bleve (v2.6) takes that average to be the number of distinct
// terms in the field's dictionary divided by the number of documents, rounded up: 1 for every field
// of this index (3,455 body terms over 3,927 documents). A body of 300 words then counts as 300
// times the average instead of about 4, so long pages scored next to nothing for the words they
// have and short documents won on any one word. bleve lets a search bring its own statistics in
// the context (meant for searching several indexes as one); the index brings the real ones, the
// total length of each field over the documents that have it.

// scoredFields are the fields whose BM25 statistics are computed: every field a query scores.
// kind and language only filter, but bleve wants statistics for every field a term query names.
var scoredFields = []string{fTitle, fContext, fSummary, fHeadings, fBody, fIdentifiers, fExact, fStatus, fCompact, fKind, fLanguage}

// fieldStats are BM25 statistics in the form bleve reads them: a document count and, per field,
// a "cardinality" that bleve divides by the count to get the average field length.
type fieldStats struct {
	Docs   float64        `json:"docs"`
	Fields map[string]int `json:"fields"`
}

// measureFields reads the length of every scored field of every document from the index's
// postings.
func measureFields(ctx context.Context, idx *bleveapi.Index) (*fieldStats, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil || n == 0 {
		return nil, err
	}
	st := &fieldStats{Docs: float64(n), Fields: map[string]int{}}
	for _, f := range scoredFields {
		tokens, docs, err := fieldLength(ctx, r, f)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f, err)
		}
		if docs == 0 || tokens == 0 { // kind and language keep no frequencies
			st.Fields[f] = int(st.Docs) // an average of 1, as bleve would take it
			continue
		}
		// bleve's average is ceil(cardinality / docs); make it the mean length over the
		// documents that have the field.
		st.Fields[f] = int(math.Round(float64(tokens) / float64(docs) * st.Docs))
	}
	// bleve searches a disjunction of filter terms as one term searcher of field "*".
	st.Fields["*"] = int(st.Docs)
	return st, nil
}

// fieldLength is the number of tokens of field f in all documents, and the number of documents
// that have it.
func fieldLength(ctx context.Context, r index.IndexReader, f string) (tokens uint64, docs int, err error) {
	dict, err := r.FieldDict(f)
	if err != nil {
		return 0, 0, err
	}
	defer dict.Close()
	seen := map[string]struct{}{}
	pre := &index.TermFieldDoc{} // reused: a new one per posting made most of the time
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return tokens, len(seen), err
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), f, true, false, false)
		if err != nil {
			return 0, 0, err
		}
		for {
			d, err := tfr.Next(pre.Reset())
			if err != nil || d == nil {
				tfr.Close()
				if err != nil {
					return 0, 0, err
				}
				break
			}
			tokens += d.Freq
			if _, ok := seen[string(d.ID)]; !ok {
				seen[string(d.ID)] = struct{}{}
			}
		}
	}
}

// withStats is ctx carrying st for bleve's BM25 scorer; ctx itself when st is nil.
func withStats(ctx context.Context, st *fieldStats) context.Context {
	if st == nil || weights.fieldStats == 0 {
		return ctx
	}
	return context.WithValue(ctx, blevesearch.BM25StatsKey, &blevesearch.BM25Stats{DocCount: st.Docs, FieldCardinality: st.Fields})
}
