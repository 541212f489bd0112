package search

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// MappingVersion identifies the index mapping and the way documents are built from the corpus. It is
// stored with every index on disk; bump it whenever either changes so cached indexes get rebuilt.
const MappingVersion = 14

// Field names of an indexed document.
const (
	fKind        = "kind"        // keyword: page, section, event, method, function, type, endpoint
	fLanguage    = "language"    // keyword: entry language, empty for the rest
	fTitle       = "title"       // English: page title, section heading, entry or event name in words
	fDisplay     = "display"     // stored only: the title shown
	fContext     = "context"     // English: what the document sits in (page title, breadcrumbs)
	fSummary     = "summary"     // English: page, entry or event description
	fHeadings    = "headings"    // English: a page's headings
	fBody        = "body"        // English: the text
	fIdentifiers = "identifiers" // identifier parts: SDK names, event names, code-like words of prose
	fExact       = "exact"       // whole identifiers normalised: "usermanagement.createuser"
	fSpelling    = "spelling"    // stored only: names as the SDK spells them: "user_management.create_user"
	fPage        = "page"        // stored only: page path
	fAnchor      = "anchor"      // stored only
	fURL         = "url"         // stored only
	fText        = "text"        // stored only: plain text for the snippet
	fStatus      = "status"      // whole terms, scored: HTTP status codes a page's error table defines ("401", "5xx")
	fCompact     = "compact"     // English: adjacent title words run together ("AD FS" → "adfs")
)

// Analyzer names defined by the mapping.
const (
	identAnalyzer = "workos_identifiers"
	exactAnalyzer = "workos_exact"
)

// storedFields are loaded for the results kept, to build a Result
// (kind, language and group are read from the document id).
var storedFields = []string{fDisplay, fPage, fAnchor, fURL, fText, fSpelling}

// storedFieldsNoText is storedFields without the snippet source, for Options.NoSnippets.
var storedFieldsNoText = []string{fDisplay, fPage, fAnchor, fURL, fSpelling}

// doc is what gets indexed; the json names are the field names.
type doc struct {
	Kind        string   `json:"kind"`
	Language    string   `json:"language,omitempty"`
	Title       string   `json:"title"`
	Display     string   `json:"display"`
	Context     string   `json:"context,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	Headings    []string `json:"headings,omitempty"`
	Body        string   `json:"body,omitempty"`
	Identifiers []string `json:"identifiers,omitempty"`
	Exact       []string `json:"exact,omitempty"`
	Spelling    []string `json:"spelling,omitempty"`
	Page        string   `json:"page"`
	Group       string   `json:"-"` // what the document stands for when grouping hits; part of its id
	Anchor      string   `json:"anchor,omitempty"`
	URL         string   `json:"url"`
	Text        string   `json:"text,omitempty"`
	Status      []string `json:"status,omitempty"`
	Compact     string   `json:"compact,omitempty"`
}

// newMapping is the explicit index mapping: one static document mapping, no dynamic fields and no
// composite _all field, so every field is analysed exactly as declared here.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = en.AnalyzerName
	im.ScoringModel = index.BM25Scoring
	im.DefaultField = fBody // only used by query strings, which we never build

	if err := im.AddCustomAnalyzer(identAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     identWordsName,
		"token_filters": []string{identPartsName, en.PluralStemmerName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(exactAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{identNormName},
	}); err != nil {
		return nil, err
	}

	text := func(store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// Keyword fields only filter, so they skip norms (with BM25 such a field would score 0).
	kw := func(store bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		f.SkipFreqNorm = true
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	custom := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := text(false, vectors)
		f.Analyzer = analyzer
		return f
	}

	dm := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }
	add(fKind, kw(false))
	add(fLanguage, kw(false))
	add(fTitle, text(false, true))
	add(fDisplay, storedOnly())
	add(fContext, text(false, false))
	// Term vectors (positions) only where phrases are matched: they cost a good share of build time.
	add(fSummary, text(false, false))
	add(fHeadings, text(false, false))
	add(fBody, text(false, false))
	add(fIdentifiers, custom(identAnalyzer, true))
	add(fExact, custom(exactAnalyzer, false))
	add(fSpelling, storedOnly())
	add(fPage, storedOnly())
	add(fAnchor, storedOnly())
	add(fURL, storedOnly())
	add(fText, storedOnly())
	// Status codes are matched whole but scored (unlike kind and language), so they keep norms.
	status := kw(false)
	status.SkipFreqNorm = false
	add(fStatus, status)
	add(fCompact, text(false, false))

	// No composite _all field: every query names its field.
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	return im, im.Validate()
}
