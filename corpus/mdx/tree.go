package mdx

import "strings"

type nodeKind uint8

const (
	nText nodeKind = iota // Markdown text to post-process
	nRaw                  // verbatim Markdown (code span, autolink)
	nCode                 // fenced code block
	nElem                 // a JSX/HTML element
)

type node struct {
	kind     nodeKind
	s        string // nText/nRaw/nCode: the text
	seg      *segment
	tok      *token // nElem: the opening (or self-closing) tag
	children []*node
	// closeEndsLine: the closing tag is the last thing on its line (self-closing: the tag itself).
	closeEndsLine bool
}

func (n *node) name() string { return n.tok.name }

// attr returns the string value of an attribute ("" if absent or not a string).
func (n *node) attr(name string) string {
	for _, a := range n.tok.attrs {
		if a.name == name && a.set {
			return a.value
		}
	}
	return ""
}

// block reports whether the element stands on its own lines (opening tag first on its line, closing
// tag last on its line): it then wraps Markdown blocks rather than inline text.
func (n *node) block() bool { return n.tok.startsLine && n.closeEndsLine }

// build matches tags into a tree. Recovery rules, so that broken input never loses the rest of the
// page (and stays linear in time):
//   - a closing tag closes the nearest open element with its name; one without an open element is
//     dropped;
//   - an unclosed element that starts a line is closed implicitly before the first line that is not
//     indented more than its tag (or where an enclosing element closes);
//   - an unclosed inline element is dropped and its content stays where it is; if it is an unknown
//     name without attributes, such as the <Widget> in "call <Widget> again", its tag text is kept
//     and shows as text.
func build(toks []token) *node {
	matched, closes := matchTags(toks)
	root := &node{kind: nElem, tok: &token{indent: -1}}
	stack := []*node{root}
	implicit := []bool{false} // stack[i] has no closing tag and closes by indentation
	atLineStart := true       // the next token starts a line
	top := func() *node { return stack[len(stack)-1] }
	pop := func() {
		top().closeEndsLine = implicit[len(implicit)-1] || top().closeEndsLine
		stack, implicit = stack[:len(stack)-1], implicit[:len(implicit)-1]
	}
	// closeByIndent pops the implicitly closed elements that a line at this indentation ends.
	closeByIndent := func(indent int) {
		for implicit[len(implicit)-1] && indent <= top().tok.indent {
			pop()
		}
	}
	add := func(n *node) { top().children = append(top().children, n) }
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tkText:
			s := t.s
			for implicit[len(implicit)-1] {
				k := lineAtIndent(s, top().tok.indent, atLineStart)
				if k < 0 {
					break
				}
				if k > 0 {
					add(&node{kind: nText, s: s[:k]})
				}
				s = s[k:]
				pop()
			}
			if s != "" {
				add(&node{kind: nText, s: s})
			}
			atLineStart = strings.HasSuffix(t.s, "\n")
			continue
		case tkRaw:
			add(&node{kind: nRaw, s: t.s})
		case tkCode:
			closeByIndent(len(t.seg.fence.prefix))
			add(&node{kind: nCode, s: t.s, seg: t.seg})
			atLineStart = true
			continue
		case tkSelf:
			if t.startsLine {
				closeByIndent(t.indent)
			}
			add(&node{kind: nElem, tok: t, closeEndsLine: t.endsLine})
		case tkOpen:
			if t.startsLine {
				closeByIndent(t.indent)
			}
			e := &node{kind: nElem, tok: t, closeEndsLine: t.endsLine}
			switch {
			case voidElements[t.name]:
				add(e)
			case matched[i]:
				add(e)
				stack, implicit = append(stack, e), append(implicit, false)
			case t.startsLine:
				add(e)
				stack, implicit = append(stack, e), append(implicit, true)
			default:
				if len(t.attrs) == 0 && !knownName(t.name) {
					add(&node{kind: nText, s: t.s})
				}
			}
		case tkClose:
			o := closes[i]
			if o < 0 {
				break // stray closing tag
			}
			for len(stack) > 1 && top().tok != &toks[o] {
				pop()
			}
			if len(stack) > 1 {
				top().closeEndsLine = t.endsLine
				stack, implicit = stack[:len(stack)-1], implicit[:len(implicit)-1]
			}
		}
		atLineStart = false
	}
	for len(stack) > 1 {
		pop()
	}
	return root
}

// matchTags pairs opening and closing tags like a browser would: a closing tag closes the nearest
// open element with its name, the elements opened after that one stay unclosed. matched[i] tells
// whether opening tag i has a closing tag; closes[j] is the opening tag of closing tag j, or -1.
func matchTags(toks []token) (matched []bool, closes []int) {
	matched = make([]bool, len(toks))
	closes = make([]int, len(toks))
	var stack []int
	count := map[string]int{}
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tkOpen:
			if !voidElements[t.name] {
				stack = append(stack, i)
				count[t.name]++
			}
		case tkClose:
			if count[t.name] == 0 {
				closes[i] = -1
				continue
			}
			for {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				count[toks[o].name]--
				if toks[o].name == t.name {
					matched[o] = true
					closes[i] = o
					break
				}
			}
		}
	}
	return matched, closes
}

// lineAtIndent returns the position in s of the first line start whose line is not blank and is
// indented by at most indent, or -1. Position 0 counts only if s starts a line.
func lineAtIndent(s string, indent int, startsLine bool) int {
	k := 0
	if !startsLine {
		n := strings.IndexByte(s, '\n')
		if n < 0 {
			return -1
		}
		k = n + 1
	}
	for k < len(s) {
		line := s[k:]
		nl := strings.IndexByte(line, '\n')
		if nl >= 0 {
			line = line[:nl]
		}
		if t := strings.TrimLeft(line, " \t"); t != "" && len(line)-len(t) <= indent {
			return k
		}
		if nl < 0 {
			return -1
		}
		k += nl + 1
	}
	return -1
}

// voidElements are HTML elements that never have a closing tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// htmlElements are lowercase tag names treated as HTML rather than as unknown words in angle brackets.
var htmlElements = map[string]bool{
	"a": true, "abbr": true, "article": true, "aside": true, "b": true, "blockquote": true, "body": true,
	"br": true, "button": true, "caption": true, "center": true, "code": true, "dd": true, "del": true,
	"details": true, "div": true, "dl": true, "dt": true, "em": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "header": true, "hr": true, "html": true, "i": true, "iframe": true, "img": true,
	"input": true, "ins": true, "kbd": true, "label": true, "li": true, "main": true, "mark": true,
	"nav": true, "ol": true, "p": true, "path": true, "picture": true, "pre": true, "s": true,
	"script": true, "section": true, "small": true, "source": true, "span": true, "strong": true,
	"style": true, "sub": true, "summary": true, "sup": true, "svg": true, "table": true, "tbody": true,
	"td": true, "th": true, "thead": true, "title": true, "tr": true, "u": true, "ul": true, "video": true,
	"meta": true, "link": true, "wbr": true,
}

// knownName reports whether a tag name is certainly markup (a docs component or an HTML element),
// so that an unclosed one is dropped rather than shown as text.
func knownName(name string) bool {
	if name == "" || htmlElements[name] || strings.ContainsAny(name, ".:") {
		return true
	}
	switch name {
	case "Callout", "CodeBlock", "CodeBlockTab", "Badge", "GlossaryMarker", "PropsTable",
		"LanguageSelector", "Small", "Spinner":
		return true
	}
	return false
}
