package mdx

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md parses the clean Markdown: goldmark finds the top-level headings (ATX and setext, not the ones
// in lists or blockquotes) and gives the plain text of each section. (Bare URLs are dropped from the
// text by dropURLs; the Linkify extension would do it too but costs a tenth of the parse time.)
// goldmark parsers are safe for concurrent use.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

type secInfo struct {
	Section
	start   int // first line
	isEvent bool
}

func assemble(markdown string, marks []mark, anchors map[int]string, r *renderer) Document {
	doc := Document{Markdown: markdown, Events: r.events, Examples: r.examples}
	if markdown == "" {
		return doc
	}
	src := []byte(markdown)
	lineStarts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(pos int) int {
		return sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > pos }) - 1
	}

	root := md.Parser().Parse(text.NewReader(src))
	secs := []*secInfo{{start: 0}}
	var texts [][]string
	texts = append(texts, nil)
	prevLine := 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		line := prevLine
		if p := n.Pos(); p >= 0 {
			line = lineOf(p)
		} else if n.Lines().Len() > 0 {
			line = lineOf(n.Lines().At(0).Start)
		}
		prevLine = line
		if h, ok := n.(*ast.Heading); ok {
			var b strings.Builder
			plainInline(h, src, &b)
			secs = append(secs, &secInfo{Section: Section{Heading: collapseSpace(b.String()), Level: h.Level}, start: line})
			texts = append(texts, nil)
		}
		var b strings.Builder
		plainBlock(n, src, &b)
		if t := strings.TrimSpace(b.String()); t != "" {
			texts[len(texts)-1] = append(texts[len(texts)-1], t)
		}
	}

	lines := strings.SplitAfter(markdown, "\n")
	for i, s := range secs {
		end := len(lines)
		if i+1 < len(secs) {
			end = secs[i+1].start
		}
		if end < s.start {
			end = s.start
		}
		s.Markdown = strings.TrimRight(strings.Join(lines[s.start:end], ""), " \t\n")
		if s.Markdown != "" {
			s.Markdown += "\n"
		}
		s.Text = strings.Join(texts[i], "\n")
	}
	if strings.TrimSpace(secs[0].Markdown) == "" {
		secs = secs[1:]
	}

	// Anchors: explicit ones first, then GitHub-style slugs; repeats get "-1", "-2"….
	used := map[string]bool{}
	suffix := map[string]int{} // last suffix given to a base
	unique := func(base string) string {
		a := base
		for used[a] {
			suffix[base]++
			a = base + "-" + strconv.Itoa(suffix[base])
		}
		used[a] = true
		return a
	}
	for _, s := range secs {
		if a, ok := anchors[s.start]; ok && s.Level > 0 {
			s.Anchor, s.PathAnchor = unique(a), true
		}
	}
	for _, s := range secs {
		if s.Level > 0 && s.Anchor == "" {
			s.Anchor = unique(slugify(s.Heading))
		}
	}

	// Which section holds a line.
	at := func(line int) int {
		return sort.Search(len(secs), func(i int) bool { return secs[i].start > line }) - 1
	}
	for _, m := range marks {
		if m.kind == markEvent {
			if i := at(m.line); i >= 0 && secs[i].start == m.line && secs[i].Level > 0 {
				secs[i].isEvent = true
			}
		}
	}
	// parent[i]: the nearest section at or before i that is not an event heading, or -1.
	parent := make([]int, len(secs))
	for i := range secs {
		switch {
		case !secs[i].isEvent:
			parent[i] = i
		case i > 0:
			parent[i] = parent[i-1]
		default:
			parent[i] = -1
		}
	}
	for _, m := range marks {
		i := at(m.line)
		switch m.kind {
		case markEvent:
			if m.idx >= len(doc.Events) || i < 0 {
				continue
			}
			if p := parent[i]; p >= 0 {
				doc.Events[m.idx].SectionAnchor = secs[p].Anchor
			}
		case markExample:
			if m.idx < len(doc.Examples) && i >= 0 {
				doc.Examples[m.idx].SectionAnchor = secs[i].Anchor
			}
		}
	}

	doc.Sections = make([]Section, len(secs))
	for i, s := range secs {
		doc.Sections[i] = s.Section
	}
	return doc
}

// plainBlock appends the plain text of a block node: inline text without markup or URLs, one line
// per block; fenced code, HTML and thematic breaks are left out.
func plainBlock(n ast.Node, src []byte, b *strings.Builder) {
	switch n := n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		return
	case *east.TableRow, *east.TableHeader:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c != n.FirstChild() {
				b.WriteString(" ")
			}
			plainInline(c, src, b)
		}
		b.WriteString("\n")
		return
	}
	if n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeInline {
		plainInline(n, src, b)
		b.WriteString("\n")
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		plainBlock(c, src, b)
	}
}

// plainInline appends the text of n's inline children.
func plainInline(n ast.Node, src []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				b.Write(v)
			} else {
				writeWithoutURLs(b, unescape(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				writeWithoutURLs(b, unescape(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink, *ast.RawHTML:
			// URLs and HTML are not text
		default:
			plainInline(c, src, b)
		}
	}
}

// writeWithoutURLs writes text with bare URLs (http://…, https://…, www.…) left out; punctuation
// that ends the sentence after a URL stays.
func writeWithoutURLs(b *strings.Builder, v []byte) {
	for {
		k := urlStart(v)
		if k < 0 {
			b.Write(v)
			return
		}
		b.Write(v[:k])
		e := k
		for e < len(v) && v[e] > ' ' {
			e++
		}
		for e > k && strings.IndexByte(".,;:!?)'\"", v[e-1]) >= 0 {
			e--
		}
		v = v[e:]
	}
}

// urlStart returns the index of the first bare URL in v that starts a word, or -1.
func urlStart(v []byte) int {
	for i := 0; i < len(v); {
		k := bytes.IndexAny(v[i:], "hw")
		if k < 0 {
			return -1
		}
		i += k
		if i == 0 || v[i-1] <= ' ' || v[i-1] == '(' {
			r := v[i:]
			if bytes.HasPrefix(r, []byte("https://")) || bytes.HasPrefix(r, []byte("http://")) || bytes.HasPrefix(r, []byte("www.")) {
				return i
			}
		}
		i++
	}
	return -1
}

func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// slugify makes a GitHub-style anchor: lowercase, letters/digits/'-'/'_' kept, each space → '-',
// everything else removed.
func slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
