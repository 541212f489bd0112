package search

import (
	"math"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Second-stage ranking. BM25 sums the scores of the query's words per field, so a page whose title
// holds one rare word of a question can outrank the page whose title and description say what the
// whole question asks. The hits bleve returns are therefore re-scored by how much of the question
// (each word weighted by its rarity among the pages' names) the name of the page they stand for
// covers: its title and description, and with less weight its headings. The names are held in
// memory, so this costs no index reads.

// groupNames are the stemmed words of what every group (page or event) is called.
type groupNames struct {
	name     map[string]map[string]bool // group → words of its title and description
	section  map[string]map[string]bool // section document id → words of its heading
	headings map[string]map[string]bool // group → words of its headings
	idf      map[string]float64         // word → log(groups / groups naming it)
	unknown  float64                    // idf of a word no group's name has
	analyzer analysis.Analyzer
}

// lazyNames builds the names on first use: it takes ~15 ms, which opening a cached index (~25 ms)
// should not pay, and a search that needs no second stage never does.
type lazyNames struct {
	corpus *corpus.Corpus
	once   sync.Once
	names  *groupNames
}

func (l *lazyNames) get() *groupNames {
	l.once.Do(func() {
		if l.corpus != nil {
			l.names = newGroupNames(l.corpus)
		}
	})
	return l.names
}

// newGroupNames collects the names of c's pages and events under the group keys docs.go gives them.
func newGroupNames(c *corpus.Corpus) *groupNames {
	g := &groupNames{
		name:     map[string]map[string]bool{},
		section:  map[string]map[string]bool{},
		headings: map[string]map[string]bool{},
		idf:      map[string]float64{},
		analyzer: englishAnalyzer(),
	}
	// Headings repeat ("Introduction", "Parameters"): each is analysed once, and its set shared.
	heading := map[string]map[string]bool{}
	for _, p := range c.Pages {
		g.name[p.Path] = g.terms(p.Title + " " + p.Description)
		heads := map[string]bool{}
		for _, s := range p.Sections {
			ts, ok := heading[s.Heading]
			if !ok {
				ts = g.terms(s.Heading)
				heading[s.Heading] = ts
			}
			for t := range ts {
				heads[t] = true
			}
			if s.Anchor != "" {
				id := docID(doc{Kind: string(KindSection), Group: p.Path}, strings.TrimPrefix(p.SectionURL(s.Anchor), corpus.SiteURL))
				g.section[id] = ts
			}
		}
		g.headings[p.Path] = heads
	}
	for _, ev := range c.Symbols().Events() {
		g.name["event:"+ev.Name] = g.terms(identifierWords(ev.Name) + " " + plainText(ev.Description))
	}
	df := map[string]int{}
	for _, ts := range g.name {
		for t := range ts {
			df[t]++
		}
	}
	n := float64(len(g.name))
	for t, k := range df {
		g.idf[t] = math.Log(1 + n/float64(k))
	}
	g.unknown = math.Log(1 + n)
	return g
}

// englishAnalyzer is the analyzer of the prose fields, so that a question's words are stemmed as
// the index stems them.
func englishAnalyzer() analysis.Analyzer {
	a := mapping.NewIndexMapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		panic("search: no English analyzer") // registered by the en package's init
	}
	return a
}

func (g *groupNames) terms(text string) map[string]bool {
	out := map[string]bool{}
	for _, tok := range g.analyzer.Analyze([]byte(strings.ToLower(text))) {
		out[string(tok.Term)] = true
	}
	return out
}

// queryConcept is one content word of a question with the stems it may be matched by (its own and
// those of its synonyms), weighted by rarity.
type queryConcept struct {
	stems  []string
	weight float64
}

// concepts are the content words of the question prose, each with its alternatives.
func (g *groupNames) concepts(prose string, less map[string]string) []queryConcept {
	words := strings.Fields(prose)
	var out []queryConcept
	seen := map[string]bool{}
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))
		if lw == "" || englishStop[lw] || fillerWords[lw] {
			continue
		}
		text := lw
		if looksLikeIdentifier(w) {
			text = identifierWords(w)
		} else if exp := expansionOf(words, i, less); len(exp) > 0 {
			text += " " + strings.Join(exp, " ")
		}
		var c queryConcept
		for t := range g.terms(text) {
			c.stems = append(c.stems, t)
		}
		if len(c.stems) == 0 {
			continue
		}
		own := g.terms(lw)
		key := strings.Join(keysOf(own), " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		c.weight = g.unknown
		for t := range own {
			if idf, ok := g.idf[t]; ok {
				c.weight = idf
			}
		}
		out = append(out, c)
	}
	return out
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// coverage is the rarity-weighted share of the concepts that the name of h's group has (1 each),
// or, for a section, its heading (1 each: a section is named by its page and its heading), or else
// the page's headings (headingShare each); 0 for a group without a name.
func (g *groupNames) coverage(h hit, cs []queryConcept) float64 {
	name, ok := g.name[h.group]
	if !ok {
		return 0
	}
	own := g.section[h.id] // nil unless h is a section
	heads := g.headings[h.group]
	var have, all float64
	for _, c := range cs {
		all += c.weight
		switch {
		case anyIn(c.stems, name) || anyIn(c.stems, own):
			have += c.weight
		case anyIn(c.stems, heads):
			have += headingShare * c.weight
		}
	}
	if all == 0 {
		return 0
	}
	return have / all
}

// headingShare is how much a concept found only in a page's headings counts, against its name.
const headingShare = 0.5

func anyIn(stems []string, set map[string]bool) bool {
	for _, s := range stems {
		if set[s] {
			return true
		}
	}
	return false
}

// rescore multiplies each hit's score by 1 + weights.nameCoverage × the coverage of its
// group's name, for questions of at least two concepts.
func (l *lazyNames) rescore(hits []hit, prose string, less map[string]string) {
	if weights.nameCoverage == 0 || len(strings.Fields(prose)) < 2 {
		return
	}
	g := l.get()
	if g == nil {
		return
	}
	cs := g.concepts(prose, less)
	if len(cs) < 2 {
		return
	}
	for i := range hits {
		hits[i].score *= 1 + weights.nameCoverage*g.coverage(hits[i], cs)
	}
}
