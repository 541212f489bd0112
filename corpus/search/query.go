package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/workos-lsp/workos-lsp/corpus"
	bleve "github.com/workos-lsp/workos-lsp/corpus/search/internal/bleveapi"
)

// Options narrow a search.
type Options struct {
	// Language keeps only the SDK entries of this language; pages, sections and events are kept.
	// Empty keeps every language.
	Language corpus.Language
	// Kinds keeps only results of these kinds; empty keeps all.
	Kinds []Kind
	// Limit is the number of results wanted; 0 means DefaultLimit.
	Limit int
	// PreferLanguage ranks this SDK's entries first without dropping the others: the language of
	// the file open in an editor. Ignored when Language is set.
	PreferLanguage corpus.Language
	// NoSnippets leaves Result.Snippet empty and skips reading the text it is cut from (symbol
	// lists show no snippet).
	NoSnippets bool
}

// DefaultLimit is the number of results when Options.Limit is 0.
const DefaultLimit = 10

// Result is one search hit.
type Result struct {
	Kind     Kind
	Language corpus.Language // entries only
	Title    string
	Page     string // page path: "reference/authkit/user/create"
	Anchor   string
	URL      string
	Snippet  string // plain text, about 200 characters
	Score    float64
}

// weights are the query-time boosts per field and clause (bleve has no index-time boosts). They were
// tuned (TestTuneWeights) on testdata/judged.tsv and the tuning part of testdata/questions.tsv, with
// BM25 given the real field lengths (bm25.go): the earlier values had been tuned around bleve's
// average length of 1, which is why the body counted for so little then.
var weights = struct {
	title, identifiers, headings, summary, context, body float64
	phraseTitle, phraseIdent                             float64
	exact, joined, acronymTitle                          float64
	synonyms, status, compact, coverage                  float64
	eventIntent, preferLanguage, nameCoverage            float64 // score factors, applied after the search
	fieldStats                                           float64 // > 0: BM25 with the real field lengths
}{
	title: 3, identifiers: 3, headings: 0.5, summary: 1.5, context: 2, body: 3,
	phraseTitle: 3, phraseIdent: 3,
	exact: 12, joined: 2, acronymTitle: 3,
	synonyms: 3, status: 8, compact: 3, coverage: 0.25,
	eventIntent: 2.25, preferLanguage: 1.3, nameCoverage: 1,
	fieldStats: 1,
}

// Search runs q and returns at most opts.Limit results, best first. Cancelling ctx stops the search
// and returns ctx's error.
func (ix *Index) Search(ctx context.Context, q string, opts Options) ([]Result, error) {
	return ix.search(ctx, q, opts)
}

func (ix *Index) search(ctx context.Context, q string, opts Options) (_ []Result, err error) {
	// A cached index damaged after it was opened can make bleve panic; report it instead.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search %q: index failure: %v", q, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q = BoundQuery(q)
	if q == "" {
		return nil, nil
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	// Fetch extra hits, since deduplication drops some. Only ids and scores: the id says what
	// grouping needs, and stored fields are loaded for the results kept.
	req := bleve.NewSearchRequestOptions(ix.buildQuery(q, opts), limit*4+20, 0, false)
	res, err := ix.idx.SearchInContext(withStats(ctx, ix.stats), req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i].id, hits[i].score = h.ID, h.Score
		hits[i].kind, hits[i].lang, hits[i].group = parseDocID(h.ID)
	}
	prefer := opts.PreferLanguage
	if opts.Language != "" {
		prefer = ""
	}
	ix.names.rescore(hits, questionText(q), ix.less)
	rerank(hits, wantsEvents(q), prefer)
	d := deduper{oneLanguage: opts.Language != "", typed: typedSpellings(q), prefer: prefer}
	if len(d.typed) > 0 {
		d.spellings = func(ids []string) (map[string][]string, error) {
			docs, err := ix.load(ctx, ids, []string{fSpelling})
			out := map[string][]string{}
			for id, f := range docs {
				out[id] = strs(f[fSpelling])
			}
			return out, err
		}
	}
	kept, err := d.dedupe(hits, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	ids := make([]string, len(kept))
	for i, h := range kept {
		ids[i] = h.id
	}
	fields := storedFields
	if opts.NoSnippets {
		fields = storedFieldsNoText
	}
	docs, err := ix.load(ctx, ids, fields)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	terms := snippetTerms(q)
	out := make([]Result, 0, len(kept))
	for _, h := range kept {
		f := docs[h.id]
		out = append(out, Result{
			Kind:     h.kind,
			Language: h.lang,
			Title:    str(f[fDisplay]),
			Page:     str(f[fPage]),
			Anchor:   str(f[fAnchor]),
			URL:      str(f[fURL]),
			Snippet:  snippetOf(f, terms, opts.NoSnippets),
			Score:    h.score,
		})
	}
	return out, nil
}

func init() {
	// bleve merges the clauses of a disjunction with a heap once there are more than 10 of them;
	// a question's top-level disjunction has 12 to 20, and scanning them is cheaper than keeping
	// a heap: 4% fewer instructions per question (callgrind, the judged questions), same results.
	searcher.DisjunctionHeapTakeover = 30
}

// Bounds on a query. The query builds a few clauses per word and bleve expands each against the
// index, so an unbounded query is unbounded work: 2,000 words took 20 s and 430 MB, one 20 MB word
// 4 GB. A docs query or a pasted error message fits well inside these.
const (
	maxQueryBytes = 1024
	maxQueryWords = 32
	maxWordBytes  = 128
	// maxNameTails bounds the exact-name clauses of one qualified name: "a.b.c.d.createUser" looks
	// for itself and its shorter tails, down to "c.d.createUser"; further tails weigh little anyway.
	maxNameTails = 4
)

// BoundQuery is q as the search sees it (and any other ranking of a query should): trimmed, each word cut to maxWordBytes, repeated words
// (compared case-insensitively) dropped, at most maxQueryWords words, at most maxQueryBytes bytes.
// Words are cut at rune boundaries, so the result stays valid UTF-8 when q is.
func BoundQuery(q string) string {
	if len(q) > 8*maxQueryBytes {
		q = cutAtRune(q, 8*maxQueryBytes) // only the head of a huge query is read at all
	}
	var b strings.Builder
	seen := map[string]bool{}
	words := 0
	for _, w := range strings.Fields(q) {
		w = cutAtRune(w, maxWordBytes)
		if w == "" {
			continue
		}
		key := strings.ToLower(w)
		if seen[key] {
			continue
		}
		if b.Len()+1+len(w) > maxQueryBytes {
			break
		}
		seen[key] = true
		if words > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if words++; words == maxQueryWords {
			break
		}
	}
	return b.String()
}

// cutAtRune is s cut to at most n bytes, at the start of a rune. In bytes that are not UTF-8 (no
// rune starts within utf8.UTFMax of the cut) it cuts at n, so a long run of them is not cut to
// nothing.
func cutAtRune(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for k := n; k > 0 && k > n-utf8.UTFMax; k-- {
		if utf8.RuneStart(s[k]) {
			return s[:k]
		}
	}
	return s[:n]
}

func snippetOf(f map[string]interface{}, terms []string, none bool) string {
	if none {
		return ""
	}
	return snippet(str(f[fText]), terms, snippetLen)
}

// load reads stored fields of the documents ids.
func (ix *Index) load(ctx context.Context, ids []string, fields []string) (map[string]map[string]interface{}, error) {
	out := make(map[string]map[string]interface{}, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	req.Score = "none"
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, err
	}
	for _, h := range res.Hits {
		out[h.ID] = h.Fields
	}
	return out, nil
}

// buildQuery combines, in one disjunction: a match of q on every text field with its boost, a
// phrase match on title and identifiers, a match of adjacent words joined, a coverage clause
// for questions (an all-words match on the body besides it ranked no better and cost a tenth of a
// question's time), the spelt-out form of acronyms, and an exact-name term for each word written like
// code; then the filters.
func (ix *Index) buildQuery(q string, opts Options) query.Query {
	acronyms := ix.acronyms
	var clauses []query.Query
	// Prose clauses read the question with its phrasal verbs in the docs' words; phrases and
	// exact names keep what was typed.
	prose := questionText(q)
	phrase := func(field string, boost float64) {
		m := bleve.NewMatchPhraseQuery(q)
		m.SetField(field)
		m.SetBoost(boost)
		clauses = append(clauses, m)
	}
	words := queryWords(prose)
	// A question in prose skips the context field (a section's or entry's page title and
	// breadcrumbs): the second stage weighs the page's name for it, and over every section and
	// entry the clause matched a question's common words: 8% of its instructions, and the tuning
	// questions ranked no worse without it (top-3 0.88 → 0.93).
	question := len(words) >= questionWords && len(typedSpellings(q)) == 0
	fieldMatches := func(text string) []query.Query {
		var out []query.Query
		for _, f := range []struct {
			name  string
			boost float64
		}{
			{fTitle, weights.title}, {fIdentifiers, weights.identifiers}, {fHeadings, weights.headings},
			{fSummary, weights.summary}, {fContext, weights.context}, {fBody, weights.body},
		} {
			if question && f.name == fContext {
				continue
			}
			m := bleve.NewMatchQuery(text)
			m.SetField(f.name)
			m.SetBoost(f.boost)
			out = append(out, m)
		}
		return out
	}
	// One clause per field. bleve scales a disjunction's score by the share of its clauses that
	// match (coord), which favours documents matching in several fields. One clause per query word
	// (each a disjunction over the fields) was tried and ranked the judged queries worse, and
	// the judged questions too.
	clauses = append(clauses, fieldMatches(prose)...)
	if exp := expansion(strings.Fields(prose), ix.less); exp != "" && weights.synonyms > 0 {
		// The query's words as the docs may say them: one clause, so that the expansion adds
		// to a document's score without counting as several matched clauses.
		clauses = append(clauses, matchAnyField(exp, weights.synonyms, fTitle, fHeadings, fSummary, fBody))
	}
	if cov := coverage(prose, ix.less); cov != nil && weights.coverage > 0 {
		clauses = append(clauses, cov)
	}
	for _, code := range queryStatusCodes(strings.Fields(q)) {
		t := bleve.NewTermQuery(code)
		t.SetField(fStatus)
		t.SetBoost(weights.status)
		clauses = append(clauses, t)
	}
	if weights.compact > 0 {
		m := bleve.NewMatchQuery(prose)
		m.SetField(fCompact)
		m.SetBoost(weights.compact)
		clauses = append(clauses, m)
	}
	if joined := joinedPairs(words); joined != "" && weights.joined > 0 {
		// "log out" finds "logout", "sign in" finds "signin"/"signIn".
		clauses = append(clauses, matchAnyField(joined, weights.joined, fTitle, fIdentifiers, fBody))
	}
	// In a longer question an acronym is one word among several: its spelt-out form counts less,
	// or "set up SSO with Okta" finds the pages named Single Sign-On before Okta's.
	acronymShare := min(1, 2/float64(max(1, len(words))))
	for _, w := range words {
		// "SSO" also looks for "single sign-on", as the docs spell it out.
		key := strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))
		if exp, ok := acronyms[key]; ok && !englishStop[key] {
			// Only in titles: the body phrase added nothing once BM25 had the real body lengths.
			m := bleve.NewMatchPhraseQuery(exp)
			m.SetField(fTitle)
			m.SetBoost(weights.acronymTitle * acronymShare)
			clauses = append(clauses, m)
		}
	}
	if len(strings.Fields(q)) > 1 || strings.ContainsAny(q, "._-$:>") {
		phrase(fTitle, weights.phraseTitle)
		phrase(fIdentifiers, weights.phraseIdent)
		// No phrase over the body: with the real body lengths it changed no judged answer, pasted
		// error messages included, and it was a good share of a long question's time.
	}
	for _, w := range strings.Fields(q) {
		w = strings.Trim(w, "\"'`,;()[]{}")
		if !looksLikeIdentifier(w) {
			continue
		}
		norm := normalizeIdentifier(w)
		// Qualified names also match by their tail ("workos.userManagement.createUser" finds
		// "userManagement.createUser()" and "createUser"), with less weight per segment dropped.
		boost := weights.exact
		for tails := 0; norm != "" && tails < maxNameTails; tails++ {
			t := bleve.NewTermQuery(norm)
			t.SetField(fExact)
			t.SetBoost(boost)
			clauses = append(clauses, t)
			i := strings.IndexByte(norm, '.')
			if i < 0 {
				break
			}
			norm = norm[i+1:]
			boost *= 0.6
		}
	}
	dq := bleve.NewDisjunctionQuery(clauses...)

	var filters []query.Query
	if opts.Language != "" {
		filters = append(filters, bleve.NewDisjunctionQuery(
			termQuery(fLanguage, string(opts.Language)),
			termQuery(fKind, string(KindPage)),
			termQuery(fKind, string(KindSection)),
			termQuery(fKind, string(KindEvent)),
		))
	}
	if len(opts.Kinds) > 0 {
		var ks []query.Query
		for _, k := range opts.Kinds {
			ks = append(ks, termQuery(fKind, string(k)))
		}
		filters = append(filters, bleve.NewDisjunctionQuery(ks...))
	}
	if len(filters) == 0 {
		return dq
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(dq)
	if len(filters) == 1 {
		bq.AddFilter(filters[0])
	} else {
		bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
	return bq
}

// coverage is, for a question of several content words, a clause matched by the documents that
// have most of its words (each word or what it may stand for, in any prose field): BM25 sums the
// words' scores, so one rare word in a short title can outweigh a page that answers the whole
// question. nil for short queries.
func coverage(prose string, less map[string]string) query.Query {
	all := strings.Fields(prose)
	var per []query.Query
	seen := map[string]bool{}
	for i, w := range all {
		lw := strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))
		if lw == "" || englishStop[lw] || seen[lw] || looksLikeIdentifier(w) {
			continue
		}
		seen[lw] = true
		text := strings.Join(append([]string{lw}, expansionOf(all, i, less)...), " ")
		// Headings are part of the body; leaving them out keeps the clause cheaper.
		per = append(per, matchAnyField(text, weights.coverage, fTitle, fSummary, fBody))
	}
	if len(per) < coverageWords {
		return nil
	}
	d := bleve.NewDisjunctionQuery(per...)
	d.SetMin(float64((len(per)*coverageShare + 99) / 100))
	return d
}

// questionWords is the number of content words from which a query without code in it is read as a
// question in prose.
const questionWords = 4

// coverageWords is the number of content words from which a query gets a coverage clause, and
// coverageShare the percentage of them a document must match for it.
const (
	coverageWords = 3
	coverageShare = 60
)

// joinedPairs is each pair of adjacent plain words written as one ("log out" → "logout"), space
// separated; "" when there are none.
func joinedPairs(words []string) string {
	var out []string
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		if looksLikeIdentifier(a) || looksLikeIdentifier(b) || !isLetters(a) || !isLetters(b) {
			continue
		}
		out = append(out, strings.ToLower(a+b))
	}
	return strings.Join(out, " ")
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// queryWords splits a query at white space, dropping English stop words that are not written like
// code.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(q) {
		if looksLikeIdentifier(w) || !englishStop[strings.ToLower(strings.Trim(w, ".,;:!?\"'"))] {
			out = append(out, w)
		}
	}
	return out
}

var englishStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopWords) {
		m[w] = true
	}
	return m
}()

// stopWords are common English words that carry no meaning in a docs query.
const stopWords = `a an and are as at be but by do does for from how i if in into is it no not of on or
such that the their then there these they this to too was what when where which will with why you your can my me`

func termQuery(field, term string) query.Query {
	t := bleve.NewTermQuery(term)
	t.SetField(field)
	return t
}

// looksLikeIdentifier reports whether a query word is written like code: qualified (".", "->",
// "::"), snake_case, camelCase, "$var" or "call()". Plain words ("user", "SCIM") are not, so they
// never get the exact-name boost.
func looksLikeIdentifier(w string) bool {
	if strings.ContainsAny(w, "._$()") || strings.Contains(w, "->") || strings.Contains(w, "::") {
		return strings.IndexFunc(w, unicode.IsLetter) >= 0
	}
	var prev rune
	for _, r := range w {
		if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
			return true
		}
		prev = r
	}
	return false
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

// sectionPreference: a section whose score is at least this share of its page's score stands for
// the page, since it takes the reader to the right place.
const sectionPreference = 0.8

// hit is a search hit as far as grouping needs it.
type hit struct {
	id, group string
	kind      Kind
	lang      corpus.Language
	score     float64
}

// deduper keeps one hit per group, ranked by the group's best score. A page, its sections and the
// SDK entries documented on it form one group; every event is a group of its own (events share
// their page and section). A group shows an entry when the search is narrowed to a language (the
// reader wants that SDK's call); else its best hit, except that a page gives way to its best
// section when the section scores close to it, and that among one operation's entries in several
// SDKs the one spelt as typed, else the preferred language, wins a near tie.
type deduper struct {
	oneLanguage bool
	prefer      corpus.Language // the editor's language: its entry stands for a group that has one
	typed       map[string]bool // query words written like code
	// spellings loads the spellings of entries; nil when no word is written like code.
	spellings func(ids []string) (map[string][]string, error)
}

// dedupe returns the first limit groups' hits.
func (d deduper) dedupe(hits []hit, limit int) ([]hit, error) {
	type group struct {
		best, page, section, entry *hit
		entries                    []*hit
	}
	groups := map[string]*group{}
	var order []*group
	for i := range hits {
		h := &hits[i]
		g := groups[h.group]
		if g == nil {
			g = &group{best: h}
			groups[h.group] = g
			order = append(order, g)
		}
		switch {
		case h.kind == KindPage && g.page == nil:
			g.page = h
		case h.kind == KindSection && g.section == nil:
			g.section = h
		case h.kind.IsEntry():
			if g.entry == nil {
				g.entry = h
			}
			g.entries = append(g.entries, h)
		}
	}
	if len(order) > limit {
		order = order[:limit]
	}
	// Groups led by an entry pick among their SDKs; spellings are loaded once for all of them.
	var tiedIDs []string
	for _, g := range order {
		if !d.oneLanguage && g.entry == g.best {
			g.entries = tied(g.entries)
			for _, h := range g.entries {
				tiedIDs = append(tiedIDs, h.id)
			}
		}
	}
	spelt := map[string]bool{}
	if d.spellings != nil && len(tiedIDs) > 1 {
		sp, err := d.spellings(tiedIDs)
		if err != nil {
			return nil, err
		}
		for id, list := range sp {
			for _, s := range list {
				spelt[id] = spelt[id] || d.typed[s]
			}
		}
	}
	out := make([]hit, 0, len(order))
	for _, g := range order {
		chosen := g.best
		switch {
		case d.oneLanguage && g.entry != nil:
			chosen = g.entry
		case g.entry == g.best && d.prefer != "" && entryIn(g.entries, d.prefer) != nil:
			chosen = entryIn(g.entries, d.prefer)
		case g.entry == g.best:
			chosen = preferredEntry(g.entries, spelt)
		case chosen == g.page && g.section != nil && g.section.score >= sectionPreference*g.page.score:
			chosen = g.section
		}
		// Rank by the group's best score; hits arrive best first, so groups already are in order.
		h := *chosen
		h.score = g.best.score
		out = append(out, h)
	}
	return out, nil
}

// entryIn is the best of entries in language l, nil when none.
func entryIn(entries []*hit, l corpus.Language) *hit {
	for _, h := range entries {
		if h.lang == l {
			return h
		}
	}
	return nil
}

// rerank applies the factors that depend on what a hit is rather than on its text: events when
// the question asks for one, and the editor's language's entries; then restores best-first order.
func rerank(hits []hit, events bool, prefer corpus.Language) {
	for i := range hits {
		switch {
		case events && hits[i].kind == KindEvent:
			hits[i].score *= weights.eventIntent
		case prefer != "" && hits[i].kind.IsEntry() && hits[i].lang == prefer:
			hits[i].score *= weights.preferLanguage
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
}

// languageOrder breaks near ties between the same entry in several SDKs ("create user" scores
// every SDK's createUser about alike): Node first, the HTTP API last.
var languageOrder = func() map[corpus.Language]int {
	m := map[corpus.Language]int{}
	for i, l := range append(append([]corpus.Language{}, corpus.SDKLanguages...), corpus.Curl) {
		m[l] = i + 1
	}
	return m
}()

// entryTie is how close (relative) two entries' scores must be to count as a tie.
const entryTie = 0.2

// tied keeps the entry hits (best first) whose score ties with the best.
func tied(entries []*hit) []*hit {
	for i, h := range entries {
		if h.score < entries[0].score*(1-entryTie) {
			return entries[:i]
		}
	}
	return entries
}

// preferredEntry picks among tied entries one spelt exactly as the query spells it
// ("create_user" → Python, "CreateUser" → Go), else the first in languageOrder.
func preferredEntry(tied []*hit, spelt map[string]bool) *hit {
	best := tied[0]
	for _, h := range tied[1:] {
		if (spelt[h.id] && !spelt[best.id]) || (spelt[h.id] == spelt[best.id] && rank(h.lang) < rank(best.lang)) {
			best = h
		}
	}
	return best
}

func rank(l corpus.Language) int {
	if r, ok := languageOrder[l]; ok {
		return r
	}
	return len(languageOrder) + 1
}

// typedSpellings are the query's words written like code, without call parentheses.
func typedSpellings(q string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(q) {
		if w = strings.TrimSuffix(strings.Trim(w, "\"'`,;"), "()"); looksLikeIdentifier(w) {
			out[w] = true
		}
	}
	return out
}

// strs reads a stored field that may hold one value or several.
func strs(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// asciiLower lowercases ASCII letters only, so byte offsets stay valid in the original.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// snippetLen is the target snippet length in bytes.
const snippetLen = 200

// snippetTerms are the lowercased query words and identifier parts used to place the snippet.
func snippetTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		t = strings.ToLower(t)
		if len(t) < 2 || englishStop[t] || seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
	}
	for _, tok := range (identWordsTokenizer{}).Tokenize([]byte(q)) {
		add(string(tok.Term))
		for _, p := range splitIdentifier(tok.Term) {
			add(string(p.term))
		}
	}
	return out
}

// snippet picks about n bytes of text around the densest cluster of query terms; plain text with no
// markup, "…" where cut.
func snippet(text string, terms []string, n int) string {
	if len(text) <= n {
		return text
	}
	lower := asciiLower(text) // same byte offsets as text
	type hit struct {
		at   int
		term int
	}
	var hits []hit
	for i, t := range terms {
		// Match on a stem-ish prefix so "memberships" finds "membership".
		pre := t
		if len(pre) > 5 {
			pre = pre[:len(pre)-2]
		}
		for from := 0; ; {
			j := strings.Index(lower[from:], pre)
			if j < 0 {
				break
			}
			hits = append(hits, hit{from + j, i})
			from += j + len(pre)
		}
	}
	start := 0
	if len(hits) > 0 {
		sort.Slice(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
		bestCount, bestAt := -1, 0
		for i := range hits {
			distinct := map[int]bool{}
			for j := i; j < len(hits) && hits[j].at < hits[i].at+n*3/4; j++ {
				distinct[hits[j].term] = true
			}
			if len(distinct) > bestCount {
				bestCount, bestAt = len(distinct), hits[i].at
			}
		}
		start = max(0, bestAt-n/4)
	}
	if start+n > len(text) {
		start = max(0, len(text)-n)
	}
	// Move to word boundaries.
	if start > 0 {
		if i := strings.IndexByte(text[start:], ' '); i >= 0 && i < 30 {
			start += i + 1
		}
		for start < len(text) && !utf8.RuneStart(text[start]) {
			start++
		}
	}
	end := min(len(text), start+n)
	if end < len(text) {
		if i := strings.LastIndexByte(text[start:end], ' '); i > n/2 {
			end = start + i
		}
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	s := strings.TrimSpace(text[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(text) {
		s += "…"
	}
	return s
}

// matchAnyField is one clause that matches text in any of fields, each match boosted by boost:
// bleve ignores a disjunction's own boost, so the weight goes on every match.
func matchAnyField(text string, boost float64, fields ...string) query.Query {
	ms := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		m := bleve.NewMatchQuery(text)
		m.SetField(f)
		m.SetBoost(boost)
		ms = append(ms, m)
	}
	return bleve.NewDisjunctionQuery(ms...)
}
