package search

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Kind says what a result is.
type Kind string

const (
	KindPage     Kind = "page"    // a whole page
	KindSection  Kind = "section" // one heading of a page and the text under it
	KindEvent    Kind = "event"   // a webhook/events-API event type
	KindMethod   Kind = Kind(corpus.KindMethod)
	KindFunction Kind = Kind(corpus.KindFunction)
	KindType     Kind = Kind(corpus.KindType)
	KindEndpoint Kind = Kind(corpus.KindEndpoint)
)

// IsEntry reports whether k is an SDK reference entry kind (whose results carry a language).
func (k Kind) IsEntry() bool {
	switch k {
	case KindMethod, KindFunction, KindType, KindEndpoint:
		return true
	}
	return false
}

// storedTextMax bounds the text stored for snippets, in bytes.
const storedTextMax = 1200

// docID names a document so that a hit can be grouped without loading its stored fields:
// "kind|language|unique part|group", the group last since it may be any URL.
func docID(d doc, unique string) string {
	return d.Kind + "|" + d.Language + "|" + strings.ReplaceAll(unique, "|", "%7C") + "|" + d.Group
}

// parseDocID undoes docID.
func parseDocID(id string) (kind Kind, lang corpus.Language, group string) {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) != 4 {
		return "", "", id
	}
	return Kind(parts[0]), corpus.Language(parts[1]), parts[3]
}

// indexDoc is one document ready for the index.
type indexDoc struct {
	id string
	d  doc
}

// documents turns the corpus into index documents: one per page, per headed section, per SDK entry
// (shared parameters excluded) and per event.
func documents(c *corpus.Corpus) []indexDoc {
	events := c.Symbols().Events()
	out := make([]indexDoc, 0, len(c.Pages)*8+len(c.Entries)+len(events))
	// The renderer gives each event a heading of its own; the event's document stands for it.
	eventHeadings := map[*corpus.Page]map[string]bool{}
	for _, ev := range events {
		if eventHeadings[ev.Page] == nil {
			eventHeadings[ev.Page] = map[string]bool{}
		}
		eventHeadings[ev.Page][ev.Name] = true
	}
	for _, p := range c.Pages {
		out = append(out, pageDocs(p, eventHeadings[p])...)
	}
	// Parameter descriptions repeat across languages and entries; convert each once.
	plain := map[string]string{}
	toPlain := func(md string) string {
		if p, ok := plain[md]; ok {
			return p
		}
		p := plainText(md)
		plain[md] = p
		return p
	}
	for i, e := range c.Entries {
		if d, ok := entryDoc(c, e, toPlain); ok {
			out = append(out, indexDoc{id: docID(d, strconv.Itoa(i)), d: d})
		}
	}
	for _, ev := range events {
		d := eventDoc(ev)
		out = append(out, indexDoc{id: docID(d, ev.Name), d: d})
	}
	return out
}

func pageDocs(p *corpus.Page, skip map[string]bool) []indexDoc {
	where := pathWords(p.Path)
	var headings, bodies, pageCode []string
	sectionCode := make([][]string, len(p.Sections))
	sectionStatus := make([][]string, len(p.Sections))
	var pageStatus []string
	seenCode := map[string]bool{}
	for i, s := range p.Sections {
		if s.Heading != "" {
			headings = append(headings, s.Heading)
		}
		if s.Text != "" {
			bodies = append(bodies, s.Text)
		}
		sectionCode[i] = codeWords(s.Text, maxPageCodeWords)
		sectionStatus[i] = statusCodes(s.Markdown)
		pageStatus = append(pageStatus, sectionStatus[i]...)
		for _, w := range sectionCode[i] {
			if !seenCode[w] && len(pageCode) < maxPageCodeWords {
				seenCode[w] = true
				pageCode = append(pageCode, w)
			}
		}
	}
	body := strings.Join(bodies, "\n")
	if body == "" {
		body = plainText(p.Markdown)
		pageCode = codeWords(body, maxPageCodeWords)
	}
	text := body
	if p.Description != "" {
		text = p.Description + " " + body
	}
	out := []indexDoc{{d: doc{
		Kind:        string(KindPage),
		Title:       p.Title,
		Display:     p.Title,
		Context:     where,
		Summary:     p.Description,
		Headings:    headings,
		Body:        body,
		Identifiers: pageCode,
		Page:        p.Path,
		Group:       p.Path,
		URL:         p.URL(),
		Text:        snippetSource(text),
		Status:      dedupe(pageStatus),
		Compact:     compactTitle(p.Title),
	}}}
	seen := map[string]bool{}
	for i, s := range p.Sections {
		if s.Heading == "" || s.Anchor == "" || seen[s.Anchor] || skip[s.Heading] {
			continue
		}
		seen[s.Anchor] = true
		out = append(out, indexDoc{d: doc{
			Kind:        string(KindSection),
			Title:       s.Heading,
			Display:     s.Heading,
			Context:     joinNonEmpty(" ", p.Title, where),
			Body:        s.Text,
			Identifiers: sectionCode[i],
			Page:        p.Path,
			Group:       p.Path,
			Anchor:      s.Anchor,
			URL:         p.SectionURL(s.Anchor),
			Text:        snippetSource(strings.TrimPrefix(s.Text, s.Heading)),
			Status:      sectionStatus[i],
			Compact:     compactTitle(s.Heading),
		}})
	}
	for i := range out {
		out[i].id = docID(out[i].d, strings.TrimPrefix(out[i].d.URL, corpus.SiteURL))
	}
	return out
}

// snippetSource is the start of text, white space collapsed, stored for snippets.
func snippetSource(text string) string {
	return clip(squeeze(clip(text, 2*storedTextMax)), storedTextMax)
}

func entryDoc(c *corpus.Corpus, e *corpus.Entry, plainText func(string) string) (doc, bool) {
	if e.Kind == corpus.KindShared || (e.Title == "" && e.Key == "") {
		return doc{}, false
	}
	title := e.Title
	if title == "" {
		title = e.Key
	}
	if e.Kind == corpus.KindEndpoint && e.HTTPMethod != "" {
		title = e.HTTPMethod + " " + title
	}
	desc := plainText(e.Description)

	var body []string
	// The English fields get code as words: the unicode tokenizer keeps "userManagement.createUser"
	// whole but splits "$userManagement->createUser", which would favour some SDKs' spellings.
	body = append(body, identifierWords(e.Signature()))
	var addParams func(ps []corpus.Param)
	addParams = func(ps []corpus.Param) {
		for _, p := range ps {
			body = append(body, joinNonEmpty(" ", identifierWords(p.Key), plainText(p.Description)))
			addParams(p.Properties)
		}
	}
	addParams(e.Parameters)
	addParams(e.Returns)
	addParams(e.Properties)

	idents := []string{e.Title, e.Key, e.Name, e.Module, e.ID, e.Receiver}
	exact := []string{e.Title, e.Key, e.Name}
	if e.Name != "" {
		if e.Module != "" {
			exact = append(exact, e.Module+"."+e.Name)
		}
		if e.Receiver != "" {
			exact = append(exact, e.Receiver+"."+e.Name)
		}
	}

	var pagePath, context, anchor string
	if e.Page != nil {
		pagePath = e.Page.Path
		context = joinNonEmpty(" ", e.Page.Title, pathWords(e.Page.Path))
	}
	url := e.URL()
	if i := strings.IndexByte(url, '#'); i >= 0 {
		anchor = url[i+1:]
	}
	// The entry is shown on the page its url names when that page exists (some urls are older
	// addresses), else on the page that declares it. Entries documented off-site are grouped by their
	// own address, not with the page that happens to declare them.
	group := pagePath
	if p, _, ok := c.Page(url); ok {
		pagePath, group = p.Path, p.Path
	} else if !strings.HasPrefix(url, corpus.SiteURL) || group == "" {
		group = url
	}
	return doc{
		Kind:        string(e.Kind),
		Language:    string(e.Language),
		Title:       identifierWords(title),
		Display:     title,
		Context:     context,
		Summary:     desc,
		Body:        strings.Join(body, "\n"),
		Identifiers: distinctSpellings(idents),
		Exact:       distinctNormalized(exact),
		Spelling:    spellings(exact),
		Page:        pagePath,
		Group:       group,
		Anchor:      anchor,
		URL:         url,
		Text:        snippetSource(joinNonEmpty(": ", e.Signature(), desc)),
	}, true
}

func eventDoc(ev *corpus.Event) doc {
	var context, pagePath string
	if ev.Page != nil {
		pagePath = ev.Page.Path
		context = ev.Page.Title
		if s, ok := ev.Page.Section(ev.Anchor); ok {
			context = joinNonEmpty(" ", s.Heading, context)
		}
	}
	desc := plainText(ev.Description)
	return doc{
		Kind:        string(KindEvent),
		Title:       joinNonEmpty(" ", ev.Name, identifierWords(ev.Name)),
		Display:     ev.Name,
		Context:     context,
		Summary:     desc,
		Identifiers: []string{ev.Name},
		Exact:       []string{ev.Name},
		Page:        pagePath,
		Group:       "event:" + ev.Name,
		Anchor:      ev.Anchor,
		URL:         ev.URL(),
		Text:        snippetSource(joinNonEmpty(": ", ev.Name, desc)),
	}
}

var acronymUse = regexp.MustCompile(`\(([A-Z][A-Za-z]{1,5})\)`)

// acronyms finds what the docs' acronyms stand for, from where the docs spell them out:
// "Single Sign-On (SSO)" gives sso → "single sign-on". The initials of the words before the
// parenthesis (hyphenated parts count) must be the acronym's capitals ("IdP" → "Identity
// Provider"). When an acronym is spelt out several ways, the most frequent wins.
func acronyms(c *corpus.Corpus) map[string]string {
	counts := map[string]map[string]int{}
	scan := func(text string) {
		for _, m := range acronymUse.FindAllStringSubmatchIndex(text, -1) {
			acr := text[m[2]:m[3]]
			caps := strings.Map(func(r rune) rune {
				if unicode.IsUpper(r) {
					return r
				}
				return -1
			}, acr)
			if len(caps) < 2 {
				continue
			}
			words := strings.Fields(text[max(0, m[0]-100):m[0]])
			for n := 1; n <= len(words) && n <= 6; n++ {
				exp := words[len(words)-n:]
				if initials(exp) == caps {
					key := strings.ToLower(acr)
					if counts[key] == nil {
						counts[key] = map[string]int{}
					}
					counts[key][strings.ToLower(strings.Join(exp, " "))]++
					break
				}
			}
		}
	}
	for _, p := range c.Pages {
		scan(p.Description)
		for _, s := range p.Sections {
			scan(s.Text)
		}
	}
	out := map[string]string{}
	for acr, exps := range counts {
		best, n := "", 0
		for e, k := range exps {
			if k > n || (k == n && e < best) {
				best, n = e, k
			}
		}
		out[acr] = best
	}
	return out
}

// initials are the upper-cased first letters of words and of their hyphenated parts; "" when a
// word is not made of letters.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		for _, part := range strings.Split(w, "-") {
			if part == "" || !isLetters(part) {
				return ""
			}
			r, _ := utf8.DecodeRuneInString(part)
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// maxPageCodeWords bounds the identifiers taken from one page's or section's text.
const maxPageCodeWords = 200

// codeWords picks the words of prose that are written like code (snake_case, camelCase,
// "dsync.user.created", "$userManagement->createUser"), so that a page mentioning an identifier is
// found by it through the identifiers field.
func codeWords(text string, max int) []string {
	var out []string
	seen := map[string]bool{}
	for w := range strings.FieldsSeq(text) {
		w = strings.Trim(w, ".,;:!?\"'`“”‘’()[]{}<>*")
		if len(w) < 4 || seen[w] || !codeLike(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == max {
			break
		}
	}
	return out
}

// codeLike is stricter than looksLikeIdentifier, since prose has "e.g." and "workos.com": a word
// counts when it has an underscore or a camelCase join, or three or more dotted segments.
func codeLike(w string) bool {
	if strings.Contains(w, "://") || strings.Contains(w, "/") {
		return false
	}
	var prev rune
	for _, r := range w {
		if (r == '_' && unicode.IsLetter(prev)) || (unicode.IsUpper(r) && unicode.IsLower(prev)) {
			return true
		}
		prev = r
	}
	return strings.Count(w, ".") >= 2 && !strings.Contains(w, "..")
}

// distinctSpellings drops the names whose words the earlier names already spell: Key, ID, module
// and receiver usually re-spell the title, and repeating them would make some entries' fields longer
// than others' and so score them differently.
func distinctSpellings(names []string) []string {
	var out []string
	seen := ""
	for _, n := range names {
		w := strings.ReplaceAll(identifierWords(n), " ", "")
		if w == "" || strings.Contains(seen, w) {
			continue
		}
		seen += " " + w
		out = append(out, n)
	}
	return out
}

// distinctNormalized drops names equal to an earlier one once normalised.
func distinctNormalized(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		k := normalizeIdentifier(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// spellings are names as written in code, without call parentheses.
func spellings(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, strings.TrimSuffix(n, "()"))
	}
	return dedupe(out)
}

// identifierWords spells an identifier as words: "auditLogs.createEvent" → "audit logs create event",
// so that the English fields match how people describe it.
func identifierWords(s string) string {
	var words []string
	for _, tok := range (identWordsTokenizer{}).Tokenize([]byte(s)) {
		for _, p := range splitIdentifier(tok.Term) {
			words = append(words, strings.ToLower(string(p.term)))
		}
	}
	return strings.Join(words, " ")
}

// pathWords turns "audit-logs/exporting-events" into "audit logs exporting events".
func pathWords(p string) string {
	return strings.NewReplacer("/", " ", "-", " ", "_", " ").Replace(p)
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var (
	mdFence     = regexp.MustCompile("(?m)^\\s*(```|~~~).*$")
	mdImage     = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdHTML      = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
	mdHeading   = regexp.MustCompile(`(?m)^\s{0,3}#{1,6}\s+`)
	mdQuote     = regexp.MustCompile(`(?m)^\s*>\s?`)
	mdBullet    = regexp.MustCompile(`(?m)^\s*(?:[-*+]|\d+[.)])\s+`)
	mdTableRule = regexp.MustCompile(`(?m)^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	mdEmphasis  = regexp.MustCompile(`(\*\*|__)([^*_\n]+)(\*\*|__)|\*([^*\n]+)\*`)
)

var mdReplacer = strings.NewReplacer("`", "", "|", " ", "\\", "")

// markdownChars are the bytes without which a string holds no Markdown this package removes.
const markdownChars = "`*_[]<>#|\\!-+>~\n"

// plainText reduces Markdown to readable text: no markup, links reduced to their text.
func plainText(md string) string {
	if !strings.ContainsAny(md, markdownChars) {
		return squeeze(md)
	}
	s := mdFence.ReplaceAllString(md, "")
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHTML.ReplaceAllString(s, "")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdBullet.ReplaceAllString(s, "")
	s = mdTableRule.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "$2$4")
	s = mdReplacer.Replace(s)
	return squeeze(s)
}

// squeeze collapses runs of white space into one space and trims the ends.
func squeeze(s string) string {
	if !needsSqueeze(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func needsSqueeze(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80:
			return true // unicode spaces too: let strings.Fields decide
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			return true
		}
	}
	return false
}

// clip cuts s to at most max bytes at a word boundary.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > max/2 {
		cut = i
	}
	return s[:cut]
}
