package search

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// TestMappedAsBleve checks that bleveapi maps every document of the fixture and, when configured,
// the real docs into the same fields as bleve's MapDocument: the same fields in the same order,
// with the same names, array positions, options, values and analysed terms.
func TestMappedAsBleve(t *testing.T) {
	corpora := map[string]*corpus.Corpus{"fixture": corpustest.Corpus(t)}
	if c := realCorpus(t, "0.2.0"); c != nil {
		corpora["0.2.0"] = c
	}
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range corpora {
		docs := documents(c)
		for _, d := range docs {
			theirs, ours := document.NewDocument(d.id), document.NewDocument(d.id)
			if err := m.MapDocument(theirs, d.d); err != nil {
				t.Fatal(err)
			}
			if err := bleveapi.MapDocument(m, ours, d.d); err != nil {
				t.Fatalf("%s %s: %v", name, d.id, err)
			}
			if got, want := mappedFields(ours), mappedFields(theirs); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s:\n got %v\nwant %v", name, d.id, got, want)
			}
			if ours.Indexed() != theirs.Indexed() || ours.NumPlainTextBytes() != theirs.NumPlainTextBytes() {
				t.Fatalf("%s %s: indexed %v, %d bytes; bleve %v, %d", name, d.id, ours.Indexed(), ours.NumPlainTextBytes(), theirs.Indexed(), theirs.NumPlainTextBytes())
			}
		}
		t.Logf("%s: %d documents mapped alike", name, len(docs))
	}
}

// mappedFields describes doc's fields and composite fields, analysed.
func mappedFields(doc *document.Document) []string {
	var out []string
	doc.VisitFields(func(f index.Field) {
		f.Analyze()
		out = append(out, fmt.Sprintf("%s %T %v %v %q len=%d plain=%d %v", f.Name(), f, f.ArrayPositions(), f.Options(),
			f.Value(), f.AnalyzedLength(), f.NumPlainTextBytes(), frequencies(f.AnalyzedTokenFrequencies())))
	})
	doc.VisitComposite(func(f index.CompositeField) { out = append(out, "composite "+f.Name()) })
	return out
}

// frequencies prints fs by term, each with its positions.
func frequencies(fs index.TokenFrequencies) string {
	var out string
	for _, term := range slices.Sorted(maps.Keys(fs)) {
		f := fs[term]
		out += fmt.Sprintf("%s:%d", term, f.Frequency())
		for _, l := range f.Locations {
			out += fmt.Sprintf("%+v", *l)
		}
		out += " "
	}
	return out
}
