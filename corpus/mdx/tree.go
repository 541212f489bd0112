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
// page: a closing tag closes the nearest open element with its name, and open elements above it are
// unclosed; a closing tag without an open element is dropped. An unclosed element that starts a line
// is closed implicitly before the first line that is not indented more than its tag (the rest of the
// page goes back to its parent); an unclosed inline element is replaced by its children, and, if it
// is an unknown name without attributes such as the <Widget> in "call <Widget> again", by its tag
// text too, which then shows as text.
func build(toks []token) *node {
	root := &node{kind: nElem, tok: &token{}}
	stack := []*node{root}
	unwrap := func() {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		p := stack[len(stack)-1]
		if e.tok.startsLine {
			rest := splitByIndent(e)
			e.closeEndsLine = true
			p.children = append(p.children, rest...)
			return
		}
		p.children = p.children[:len(p.children)-1] // e is always its parent's last child
		if len(e.tok.attrs) == 0 && !knownName(e.tok.name) {
			p.children = append(p.children, &node{kind: nText, s: e.tok.s})
		}
		p.children = append(p.children, e.children...)
	}
	for i := range toks {
		t := &toks[i]
		top := stack[len(stack)-1]
		switch t.kind {
		case tkText:
			top.children = append(top.children, &node{kind: nText, s: t.s})
		case tkRaw:
			top.children = append(top.children, &node{kind: nRaw, s: t.s})
		case tkCode:
			top.children = append(top.children, &node{kind: nCode, s: t.s, seg: t.seg})
		case tkSelf:
			top.children = append(top.children, &node{kind: nElem, tok: t, closeEndsLine: t.endsLine})
		case tkOpen:
			e := &node{kind: nElem, tok: t, closeEndsLine: t.endsLine}
			top.children = append(top.children, e)
			if !voidElements[t.name] {
				stack = append(stack, e)
			}
		case tkClose:
			k := len(stack) - 1
			for k > 0 && stack[k].tok.name != t.name {
				k--
			}
			if k == 0 {
				continue // stray closing tag
			}
			for len(stack)-1 > k {
				unwrap()
			}
			stack[k].closeEndsLine = t.endsLine
			stack = stack[:k]
		}
	}
	for len(stack) > 1 {
		unwrap()
	}
	return root
}

// splitByIndent cuts an unclosed element's children before the first line indented no more than
// its opening tag and returns what follows.
func splitByIndent(e *node) []*node {
	limit := e.tok.indent
	for i, c := range e.children {
		switch c.kind {
		case nText:
			for k := strings.IndexByte(c.s, '\n'); k >= 0; {
				line := c.s[k+1:]
				nl := strings.IndexByte(line, '\n')
				if nl >= 0 {
					line = line[:nl]
				}
				if t := strings.TrimLeft(line, " \t"); t != "" && len(line)-len(t) <= limit {
					rest := append([]*node{{kind: nText, s: c.s[k+1:]}}, e.children[i+1:]...)
					c.s = c.s[:k+1]
					e.children = e.children[:i+1]
					return rest
				}
				if nl < 0 {
					break
				}
				k += 1 + nl
			}
		case nElem:
			if c.tok.startsLine && c.tok.indent <= limit {
				rest := e.children[i:]
				e.children = e.children[:i]
				return rest
			}
		case nCode:
			if len(c.seg.fence.prefix) <= limit {
				rest := e.children[i:]
				e.children = e.children[:i]
				return rest
			}
		}
	}
	return nil
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
