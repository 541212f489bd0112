package mdx

import (
	"net/url"
	"strconv"
	"strings"
)

// out is a Markdown output buffer that knows where its lines start.
type out struct {
	strings.Builder
	midLine bool // the buffer starts in the middle of a line (children of an inline element)
}

// partial returns the text after the last newline.
func (o *out) partial() string {
	s := o.String()
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// atLineStart reports whether only whitespace has been written on the current line.
func (o *out) atLineStart() bool {
	s := o.String()
	if o.midLine && strings.IndexByte(s, '\n') < 0 {
		return false
	}
	return strings.TrimLeft(o.partial(), " \t") == ""
}

// prevLineBlank reports whether the line before the current one is blank (or there is none).
func (o *out) prevLineBlank() bool {
	s := o.String()
	k := strings.LastIndexByte(s, '\n')
	if k < 0 {
		return !o.midLine
	}
	prev := s[:k]
	return strings.TrimSpace(prev[strings.LastIndexByte(prev, '\n')+1:]) == ""
}

// Markers are NUL-delimited tags written into the output at the line of an event heading or a code
// fence; finalize removes them and reports their final line numbers. (Input NULs were replaced.)
const (
	markEvent   = 'E'
	markExample = 'X'
)

func marker(kind byte, idx int) string {
	return "\x00" + string(kind) + strconv.Itoa(idx) + "\x00"
}

type renderer struct {
	site     string   // SiteURL without trailing '/'
	base     *url.URL // base for relative links
	level    int      // level of the last heading seen in the page's own text
	events   []Event
	examples []CodeExample
}

func newRenderer(site, pagePath string) *renderer {
	r := &renderer{site: site}
	b := site + "/"
	if p := strings.Trim(pagePath, "/"); p != "" {
		b = site + "/" + p
	}
	if u, err := url.Parse(b); err == nil {
		r.base = u
	}
	return r
}

func (r *renderer) renderChildren(o *out, n *node) {
	for _, c := range n.children {
		r.renderNode(o, c)
	}
}

func (r *renderer) renderNode(o *out, n *node) {
	switch n.kind {
	case nText:
		r.text(o, n.s)
	case nRaw:
		o.WriteString(n.s)
	case nCode:
		r.code(o, n, "")
	case nElem:
		r.elem(o, n)
	}
}

// text writes Markdown text: site-relative link destinations become absolute, and a '<' that would
// read as an HTML tag (the <User> of "Promise<User>") is escaped so that it shows.
func (r *renderer) text(o *out, s string) {
	r.trackHeadings(o, s)
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "\\]<[")
		if k < 0 {
			o.WriteString(s[i:])
			return
		}
		o.WriteString(s[i : i+k])
		i += k
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				o.WriteString(s[i : i+2])
				i += 2
			} else {
				o.WriteByte('\\')
				i++
			}
		case ']':
			if i+1 < len(s) && s[i+1] == '(' {
				o.WriteString("](")
				i = r.destination(o, s, i+2)
			} else {
				o.WriteByte(']')
				i++
			}
		case '[':
			// `![alt](src)[border=false]`: the docs' image options are not Markdown.
			if n := imageOption(s[i:]); n > 0 && i > 0 && s[i-1] == ')' {
				i += n
				continue
			}
			o.WriteByte('[')
			i++
		case '<':
			if i+1 < len(s) && (isAlpha(s[i+1]) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?') {
				o.WriteString("\\<")
			} else {
				o.WriteByte('<')
			}
			i++
		}
	}
}

// imageOption returns the length of a `[key=value]` option at the start of s, or 0.
func imageOption(s string) int {
	k := 1
	for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	if k == 1 || k >= len(s) || s[k] != '=' {
		return 0
	}
	e := strings.IndexAny(s[k:], "] \t\n[")
	if e < 0 || s[k+e] != ']' {
		return 0
	}
	return k + e + 1
}

// destination copies a link destination starting at s[i] (just after "](") and returns the position
// after it, rewriting it with r.link.
func (r *renderer) destination(o *out, s string, i int) int {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		j++
	}
	o.WriteString(s[i:j])
	if j < len(s) && s[j] == '<' {
		k := strings.IndexAny(s[j+1:], ">\n")
		if k < 0 || s[j+1+k] != '>' {
			o.WriteString("\\<")
			return j + 1
		}
		o.WriteString("<" + r.link(s[j+1:j+1+k]) + ">")
		return j + 1 + k + 1
	}
	k, depth := j, 0
loop:
	for k < len(s) && s[k] > ' ' {
		switch s[k] {
		case '\\':
			k++
		case '(':
			depth++
		case ')':
			if depth == 0 {
				break loop
			}
			depth--
		}
		k++
	}
	if k > len(s) {
		k = len(s)
	}
	o.WriteString(r.link(s[j:k]))
	return k
}

// link makes a link destination absolute: "/x" → SiteURL+"/x", "x" → resolved against the page.
// Absolute URLs, mailto: and other schemes, "//host" and "#fragment" links are left alone.
func (r *renderer) link(dest string) string {
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return dest
	}
	if dest[0] == '/' {
		return r.site + dest
	}
	if r.base != nil {
		if u, err := url.Parse(dest); err == nil {
			return r.base.ResolveReference(u).String()
		}
	}
	return dest
}

func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c):
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'):
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// trackHeadings notes the level of ATX headings that start a line in s, so that event headings can be
// nested one level below the section they are in.
func (r *renderer) trackHeadings(o *out, s string) {
	start := 0
	if headingLevel(firstLine(s)) == 0 || !o.atLineStart() {
		k := strings.IndexByte(s, '\n')
		if k < 0 {
			return
		}
		start = k + 1
	}
	for start < len(s) {
		line := s[start:]
		if k := strings.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if l := headingLevel(line); l > 0 {
			r.level = l
		}
		start += len(line) + 1
	}
}

func firstLine(s string) string {
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		return s[:k]
	}
	return s
}

// headingLevel returns the level of an ATX heading line (up to 3 spaces, 1-6 '#', then space or end),
// or 0.
func headingLevel(line string) int {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	n := 0
	for i+n < len(line) && line[i+n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return 0
	}
	if i+n < len(line) && line[i+n] != ' ' && line[i+n] != '\t' {
		return 0
	}
	return n
}

// writeBlock writes Markdown blocks at the current position: on their own lines, between blank lines,
// every line indented like the line the element started on (inside list items, for instance).
func (r *renderer) writeBlock(o *out, content string) {
	content = trimBlankLines(content)
	if content == "" {
		return
	}
	indent := o.partial()
	if !o.atLineStart() {
		o.WriteString("\n\n")
		indent = ""
	} else if !o.prevLineBlank() {
		o.WriteString("\n" + indent)
	}
	if indent == "" {
		o.WriteString(content)
	} else {
		for i, l := range strings.Split(content, "\n") {
			if i > 0 {
				o.WriteByte('\n')
				if l != "" {
					o.WriteString(indent)
				}
			}
			o.WriteString(l)
		}
	}
	o.WriteString("\n\n")
}

// blockContent renders children as a stand-alone piece of Markdown, dedented.
func (r *renderer) blockContent(children []*node) string {
	var sub out
	for _, c := range children {
		r.renderNode(&sub, c)
	}
	return dedent(sub.String())
}

// inline renders an element's children as inline text, trimmed.
func (r *renderer) inline(n *node) string {
	sub := out{midLine: true}
	r.renderChildren(&sub, n)
	return strings.TrimSpace(sub.String())
}

func (r *renderer) elem(o *out, n *node) {
	name := n.name()
	switch name {
	case "style", "script", "svg", "head", "iframe", "video", "CodeBlockTab":
		// styling and embeds: nothing to read
	case "CodeBlock":
		r.codeBlock(o, n)
	case "Callout", "blockquote":
		r.callout(o, n)
	case "Event.Root":
		r.event(o, n, nil)
	case "Event.Details":
		r.event(o, nil, n)
	case "ExampleApps.Root":
		r.cards(o, n)
	case "ExampleApps.Card":
		r.writeBlock(o, r.cardItem(n))
	case "strong", "b":
		r.wrapInline(o, n, "**")
	case "em", "i":
		r.wrapInline(o, n, "*")
	case "code", "kbd":
		if s := collapseSpace(rawText(n)); s != "" {
			o.WriteString(codeSpan(s))
		}
	case "a":
		inner, href := r.inline(n), n.attr("href")
		if href == "" {
			o.WriteString(inner)
			return
		}
		if inner == "" {
			inner = escapeInline(href)
		}
		o.WriteString("[" + inner + "](" + mdDest(r.link(href)) + ")")
	case "img":
		if src := n.attr("src"); src != "" {
			s := "![" + escapeInline(n.attr("alt")) + "](" + mdDest(r.link(src)) + ")"
			if n.block() {
				r.writeBlock(o, s)
			} else {
				o.WriteString(s)
			}
		}
	case "br":
		if !n.block() {
			o.WriteByte(' ')
		}
	case "hr":
		r.writeBlock(o, "---")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		level := int(name[1] - '0')
		if s := collapseSpace(r.inline(n)); s != "" {
			r.level = level
			r.writeBlock(o, strings.Repeat("#", level)+" "+s)
		}
	case "li":
		if s := r.blockContent(n.children); s != "" {
			r.writeBlock(o, "- "+strings.ReplaceAll(s, "\n", "\n  "))
		}
	case "span", "small", "sup", "sub", "u", "mark", "ins", "del", "s", "abbr", "label", "Badge", "Small":
		if s := r.inline(n); s != "" {
			o.WriteString(s)
		}
	default:
		r.wrapper(o, n)
	}
}

// wrapper renders an element that only wraps content (unknown components, div, LanguageSelector…).
func (r *renderer) wrapper(o *out, n *node) {
	if len(n.children) == 0 {
		return // self-closing components (diagrams, widgets, PropsTable) have nothing to read
	}
	if n.block() {
		r.writeBlock(o, r.blockContent(n.children))
		return
	}
	if s := r.inline(n); s != "" {
		o.WriteString(s)
	}
}

func (r *renderer) wrapInline(o *out, n *node, delim string) {
	if s := r.inline(n); s != "" {
		o.WriteString(delim + s + delim)
	}
}

// codeBlock renders <CodeBlock>: the code of its tabs is not in the docs package, so it vanishes,
// unless real fenced code was written inside it.
func (r *renderer) codeBlock(o *out, n *node) {
	var codes []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			if c.kind == nCode {
				codes = append(codes, c)
			} else if c.kind == nElem {
				walk(c)
			}
		}
	}
	walk(n)
	if len(codes) == 0 {
		return
	}
	var sub out
	for i, c := range codes {
		if i > 0 {
			sub.WriteByte('\n')
		}
		r.code(&sub, c, n.attr("title"))
	}
	r.writeBlock(o, dedent(sub.String()))
}

// code writes a fenced code block with a normalised info string (the title goes on a line of its own
// above the fence) and records it as an example.
func (r *renderer) code(o *out, n *node, fallbackTitle string) {
	f := n.seg.fence
	lines := strings.SplitAfter(n.s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	content := lines[1:]
	if n.seg.closed && len(content) > 0 {
		content = content[:len(content)-1]
	}
	lang, title := parseInfo(f.info)
	if title == "" {
		title = fallbackTitle
	}
	var code strings.Builder
	for _, l := range content {
		code.WriteString(stripPrefix(l, f.prefix))
	}
	idx := len(r.examples)
	r.examples = append(r.examples, CodeExample{
		Language: lang,
		Title:    title,
		Code:     strings.TrimSuffix(code.String(), "\n"),
	})

	if o.partial() != "" {
		o.WriteByte('\n')
	}
	fenceStr := strings.Repeat(string(f.ch), f.n)
	if title != "" {
		if !o.prevLineBlank() {
			o.WriteByte('\n')
		}
		o.WriteString(f.prefix + "*" + escapeInline(title) + "*\n")
	}
	o.WriteString(f.prefix + fenceStr + lang + marker(markExample, idx) + "\n")
	for _, l := range lines[1:] {
		o.WriteString(l)
	}
	if !strings.HasSuffix(n.s, "\n") {
		o.WriteByte('\n')
	}
	if !n.seg.closed {
		o.WriteString(f.prefix + fenceStr + "\n")
	}
}

// stripPrefix removes from a code line the indentation (or blockquote markers) that the opening fence
// had, as CommonMark does.
func stripPrefix(l, prefix string) string {
	k := 0
	for k < len(prefix) && k < len(l) {
		a, b := l[k], prefix[k]
		if a == b || (a == ' ' || a == '\t') && (b == ' ' || b == '\t') {
			k++
			continue
		}
		break
	}
	return l[k:]
}

// callout renders <Callout title="…"> as a blockquote, the title in bold.
func (r *renderer) callout(o *out, n *node) {
	content := tidy(r.blockContent(n.children))
	var b strings.Builder
	if t := collapseSpace(n.attr("title")); t != "" {
		b.WriteString("**" + escapeInline(t) + "**")
		if content != "" {
			b.WriteString("\n\n")
		}
	}
	b.WriteString(content)
	if b.Len() == 0 {
		return
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	r.writeBlock(o, strings.Join(lines, "\n"))
}

// event renders <Event.Root> (or a lone <Event.Details>) as a heading with the event name in code,
// one level below the current section, followed by its description and payload notes.
func (r *renderer) event(o *out, root, details *node) {
	if details == nil {
		for _, c := range root.children {
			if c.kind == nElem && c.name() == "Event.Details" {
				details = c
				break
			}
		}
	}
	name := ""
	if details != nil {
		name = collapseSpace(details.attr("name"))
	}
	if name == "" {
		if root == nil {
			root = details
		}
		r.wrapper(o, root)
		return
	}
	var desc, others []string
	if root != nil {
		for _, c := range root.children {
			switch {
			case c == details:
			case c.kind == nElem && c.name() == "Event.Description":
				if s := r.blockContent(c.children); s != "" {
					desc = append(desc, s)
				}
			case c.kind == nText && strings.TrimSpace(c.s) == "":
			default:
				if s := r.blockContent([]*node{c}); s != "" {
					others = append(others, s)
				}
			}
		}
	}
	var payload []string
	for _, c := range details.children {
		if c.kind == nElem && c.name() == "Event.Description" {
			if s := r.blockContent(c.children); s != "" {
				payload = append(payload, s)
			}
		}
	}
	body := r.blockContent(details.children)

	level := r.level + 1
	if r.level == 0 {
		level = 2
	}
	if level > 6 {
		level = 6
	}
	idx := len(r.events)
	r.events = append(r.events, Event{
		Name:        name,
		Description: reflow(strings.Join(desc, "\n\n")),
		Payload:     reflow(strings.Join(payload, "\n\n")),
	})
	heading := strings.Repeat("#", level) + " " + codeSpan(name) + " " + metaAnchor(eventAnchor(name)) + marker(markEvent, idx)
	parts := []string{heading}
	for _, p := range append(append(desc, body), others...) {
		if p != "" {
			parts = append(parts, p)
		}
	}
	r.writeBlock(o, tidy(strings.Join(parts, "\n\n")))
}

// eventAnchor is the anchor of an event heading: the name with '.' turned into '-'.
func eventAnchor(name string) string {
	return slugify(strings.ReplaceAll(name, ".", "-"))
}

// metaAnchor writes heading metadata in the docs' own syntax; finalize strips it again and keeps the
// anchor, exactly as for headings written in the page.
func metaAnchor(a string) string {
	return `{{ "url": ` + strconv.Quote(a) + ` }}`
}

// cards renders <ExampleApps.Root>: its cards become one tight bullet list.
func (r *renderer) cards(o *out, n *node) {
	var sub out
	var items []string
	flush := func() {
		if len(items) > 0 {
			r.writeBlock(&sub, strings.Join(items, "\n"))
			items = nil
		}
	}
	for _, c := range n.children {
		switch {
		case c.kind == nElem && c.name() == "ExampleApps.Card":
			if it := r.cardItem(c); it != "" {
				items = append(items, it)
			}
		case c.kind == nText && strings.TrimSpace(c.s) == "":
		default:
			flush()
			r.renderNode(&sub, c)
		}
	}
	flush()
	r.writeBlock(o, dedent(sub.String()))
}

// cardItem renders an <ExampleApps.Card title href description> as a bullet with a link.
func (r *renderer) cardItem(n *node) string {
	title := escapeInline(collapseSpace(n.attr("title")))
	desc := escapeInline(collapseSpace(n.attr("description")))
	href := strings.TrimSpace(n.attr("href"))
	extra := collapseSpace(r.inline(n))
	if title == "" {
		title, extra = extra, ""
	}
	if title == "" && href == "" {
		if desc == "" {
			return ""
		}
		return "- " + desc
	}
	if title == "" {
		title = escapeInline(href)
	}
	item := "- " + title
	if href != "" {
		item = "- [" + title + "](" + mdDest(r.link(href)) + ")"
	}
	if desc != "" {
		item += " — " + desc
	}
	if extra != "" {
		item += " — " + extra
	}
	return item
}

// rawText returns the source text of an element's content without any processing (for <code>).
func rawText(n *node) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			switch c.kind {
			case nText, nRaw:
				b.WriteString(c.s)
			case nElem:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// codeSpan wraps s in enough backticks.
func codeSpan(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			if run > longest {
				longest = run
			}
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// escapeInline makes an attribute value safe as Markdown inline text.
func escapeInline(s string) string {
	if !strings.ContainsAny(s, "\\*_[]<>`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("\\*_[]<>`", s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdDest formats a link destination, in angle brackets when it has spaces or parentheses.
func mdDest(d string) string {
	if strings.ContainsAny(d, " \t\n()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", " ").Replace(d) + ">"
	}
	return d
}

// collapseSpace trims s and turns every run of whitespace into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// reflow joins the lines of each paragraph of a short Markdown text (event descriptions) into one.
func reflow(s string) string {
	if s == "" || strings.Contains(s, "```") || strings.Contains(s, "~~~") {
		return s
	}
	paras := strings.Split(s, "\n\n")
	out := paras[:0]
	for _, p := range paras {
		if p = collapseSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// dedent removes the indentation that JSX children carry in the source. The first line is content
// that followed the opening tag directly (or nothing); the others lose their common indentation.
func dedent(s string) string {
	first := strings.IndexByte(s, '\n')
	if first < 0 {
		return trimBlankLines(strings.TrimLeft(s, " \t"))
	}
	min := -1 // common indentation of the lines after the first
	for k := first + 1; k < len(s) && min != 0; {
		l := s[k:]
		if nl := strings.IndexByte(l, '\n'); nl >= 0 {
			l = l[:nl]
		}
		if t := strings.TrimLeft(l, " \t"); t != "" {
			if ind := len(l) - len(t); min < 0 || ind < min {
				min = ind
			}
		}
		k += len(l) + 1
	}
	if min <= 0 {
		return trimBlankLines(strings.TrimLeft(s[:first], " \t") + s[first:])
	}
	lines := strings.Split(s, "\n")
	lines[0] = strings.TrimLeft(lines[0], " \t")
	for i := 1; i < len(lines); i++ {
		if len(lines[i]) >= min && strings.TrimLeft(lines[i][:min], " \t") == "" {
			lines[i] = lines[i][min:]
		} else {
			lines[i] = strings.TrimLeft(lines[i], " \t")
		}
	}
	return trimBlankLines(strings.Join(lines, "\n"))
}

// trimBlankLines removes leading and trailing blank lines (and trailing whitespace).
func trimBlankLines(s string) string {
	s = strings.TrimRight(s, " \t\n")
	for {
		k := strings.IndexByte(s, '\n')
		if k < 0 || strings.TrimSpace(s[:k]) != "" {
			break
		}
		s = s[k+1:]
	}
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s
}
