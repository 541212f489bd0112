// Package docview renders WorkOS documentation for one symbol as Markdown: what a hover, a completion
// item's documentation or signature help shows, and what the MCP server and the command line print
// for a symbol. It knows nothing of LSP or MCP: inputs are corpus values, output is Markdown, and
// PlainText reduces that Markdown for clients that cannot render it.
package docview

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Options tune the rendering.
type Options struct {
	// Footer is the last line, naming the docs version ("WorkOS docs 0.2.0"). Empty omits it.
	Footer string
	// NoLinks drops the "Same call in" line and the docs link (completion items keep them short).
	NoLinks bool
	// Forwards, for a project function that only passes its arguments on to the SDK call, is that
	// call as the function writes it; the docs are labelled as the wrapped call's.
	Forwards string
}

// Footer builds the standard footer for a docs version and an optional server version.
func Footer(docsVersion, serverVersion string) string {
	f := "WorkOS docs"
	if docsVersion != "" {
		f += " " + docsVersion
	}
	if serverVersion != "" {
		f += " · workos-lsp " + serverVersion
	}
	return f
}

// Call documents an SDK call (method, function or HTTP endpoint): its signature in that SDK's syntax,
// description, parameters (options objects expanded), returns, the same operation in other SDKs, the
// docs link and the footer.
func Call(sym *corpus.Symbols, e *corpus.Entry, o Options) string {
	var b strings.Builder
	if o.Forwards != "" {
		b.WriteString("Forwards to `" + strings.ReplaceAll(o.Forwards, "`", "") + "`:\n\n")
	}
	codeBlock(&b, e.Language, e.Signature())
	if d := Description(e); d != "" {
		b.WriteString(d + "\n\n")
	}
	if e.SendsEmail {
		b.WriteString("Sends an email to the user.\n\n")
	}
	params(&b, "Parameters", e.Parameters, modeParam)
	params(&b, "Returns", e.Returns, modeReturn)
	if !o.NoLinks {
		sameCall(&b, sym, e)
		docsLink(&b, entryLinkTitle(e), e.URL())
	}
	footer(&b, o)
	return finish(&b)
}

// Option documents one option key of a call (a property of its options object, a keyword argument, a
// field of its options struct) and names the call.
func Option(e *corpus.Entry, p *corpus.Param, o Options) string {
	return NestedOption(e, p, nil, o)
}

// NestedOption documents a property written inside an option's value (`type` in
// `actor: { type }`); path is the keys leading to it, outermost first.
func NestedOption(e *corpus.Entry, p *corpus.Param, path []string, o Options) string {
	var b strings.Builder
	codeBlock(&b, e.Language, optionSignature(e.Language, p))
	b.WriteString(paramLine(p, modeParam) + "\n\n")
	if len(path) > 0 {
		fmt.Fprintf(&b, "Property of `%s` in `%s`", strings.Join(path, "."), e.Signature())
	} else {
		fmt.Fprintf(&b, "Option of `%s`", e.Signature())
	}
	if !o.NoLinks {
		fmt.Fprintf(&b, " · [docs](%s)", e.URL())
	}
	b.WriteString("\n\n")
	if len(p.Properties) > 0 {
		params(&b, "Properties", p.Properties, modeProperty)
	}
	footer(&b, o)
	return finish(&b)
}

// Type documents an SDK object type and its properties.
func Type(e *corpus.Entry, o Options) string {
	var b strings.Builder
	codeBlock(&b, e.Language, e.Signature())
	if d := Description(e); d != "" {
		b.WriteString(d + "\n\n")
	}
	params(&b, "Properties", e.Properties, modeProperty)
	if !o.NoLinks {
		docsLink(&b, entryLinkTitle(e), e.URL())
	}
	footer(&b, o)
	return finish(&b)
}

// Event documents an event type.
func Event(ev *corpus.Event, o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Event** `%s`\n\n", ev.Name)
	if ev.Description != "" {
		b.WriteString(strings.TrimSpace(ev.Description) + "\n\n")
	}
	if !o.NoLinks && ev.Page != nil {
		title := ev.Page.Title
		if sec, ok := ev.Page.Section(ev.Anchor); ok && sec.Heading != "" && sec.Heading != title {
			title += " — " + sec.Heading
		}
		docsLink(&b, title, ev.URL())
	}
	footer(&b, o)
	return finish(&b)
}

// Module documents a module receiver: the methods it has in lang.
func Module(sym *corpus.Symbols, lang corpus.Language, module string, o Options) string {
	var b strings.Builder
	methods := sym.Methods(lang, module)
	fmt.Fprintf(&b, "**`%s`** — WorkOS %s module\n\n", sym.ModuleSpelling(lang, module), lang.DisplayName())
	const maxList = 25
	for i, e := range methods {
		if i == maxList {
			fmt.Fprintf(&b, "- … and %d more\n", len(methods)-maxList)
			break
		}
		line := fmt.Sprintf("- `%s`", e.Signature())
		if !o.NoLinks {
			line += fmt.Sprintf(" — [docs](%s)", e.URL())
		}
		b.WriteString(line + "\n")
	}
	if len(methods) > 0 {
		b.WriteString("\n")
	}
	footer(&b, o)
	return finish(&b)
}

// Candidates lists the calls a name could mean when its receiver is unknown.
func Candidates(name string, entries []*corpus.Entry, o Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "`%s` matches %d WorkOS calls:\n\n", name, len(entries))
	for _, e := range entries {
		line := fmt.Sprintf("- `%s`", e.Signature())
		if d := firstSentence(Description(e)); d != "" {
			line += " — " + d
		}
		if !o.NoLinks {
			line += fmt.Sprintf(" [docs](%s)", e.URL())
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	footer(&b, o)
	return finish(&b)
}

// Description is the entry's own description, else the first paragraph of the docs section it links
// to, else the page's description.
func Description(e *corpus.Entry) string {
	if d := strings.TrimSpace(e.Description); d != "" {
		return d
	}
	p := e.Page
	if p == nil || strings.Contains(e.DocPath, "://") {
		return ""
	}
	path, anchor, _ := strings.Cut(e.DocPath, "#")
	if strings.Trim(path, "/") != p.Path && path != "" {
		return ""
	}
	if anchor != "" {
		if s, ok := p.Section(anchor); ok {
			if d := firstParagraph(s.Markdown); d != "" {
				return d
			}
		}
	}
	for _, s := range p.Sections {
		if s.Heading == "" {
			continue
		}
		if d := firstParagraph(s.Markdown); d != "" {
			return d
		}
		break
	}
	return strings.TrimSpace(p.Description)
}

// ParamDoc is one parameter as a single Markdown line (signature help).
func ParamDoc(p *corpus.Param) string { return paramLine(p, modeParam) }

// LabelParam locates one parameter inside a signature label: Index is its position in
// Entry.Parameters, [Start,End) its byte range in the label.
type LabelParam struct {
	Index      int
	Start, End int
}

// SignatureLabel is e.Signature() with the byte range of each named parameter.
func SignatureLabel(e *corpus.Entry) (string, []LabelParam) {
	if e.Kind != corpus.KindMethod && e.Kind != corpus.KindFunction {
		return e.Signature(), nil
	}
	base := strings.TrimSuffix(e.Title, "()")
	if base == "" {
		base = e.Key
	}
	var b strings.Builder
	b.WriteString(base + "(")
	var out []LabelParam
	first := true
	for i, p := range e.Parameters {
		if p.Key == "" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		start := b.Len()
		b.WriteString(p.Key)
		if p.Optional {
			b.WriteString("?")
		}
		out = append(out, LabelParam{Index: i, Start: start, End: b.Len()})
	}
	b.WriteString(")")
	return b.String(), out
}

func codeBlock(b *strings.Builder, lang corpus.Language, code string) {
	fmt.Fprintf(b, "```%s\n%s\n```\n\n", lang.CodeFence(), code)
}

// paramMode says how a list names requiredness: parameters say required or optional, properties
// only mark optional ones, returned values say neither.
type paramMode int

const (
	modeParam paramMode = iota
	modeProperty
	modeReturn
)

func params(b *strings.Builder, title string, ps []corpus.Param, mode paramMode) {
	var lines []string
	depth := 3 // options objects nest (session: { sealSession }, event: { actor: { id } })
	if mode == modeReturn {
		depth = 2 // what comes back: its fields, and theirs
	}
	for i := range ps {
		p := &ps[i]
		if p.Key == "" && p.Type == "" {
			continue
		}
		lines = appendParam(lines, p, mode, "", depth)
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(b, "**%s**\n\n%s\n\n", title, strings.Join(lines, "\n"))
}

// appendParam adds p's line and, below it, the properties it has (an options object, an object
// parameter the docs expand, a returned object), depth levels deep.
func appendParam(lines []string, p *corpus.Param, mode paramMode, indent string, depth int) []string {
	lines = append(lines, indent+"- "+paramLine(p, mode))
	if depth <= 1 {
		return lines
	}
	sub := mode
	if mode == modeReturn {
		sub = modeProperty // a returned object's fields: optional ones are marked
	}
	for j := range p.Properties {
		lines = appendParam(lines, &p.Properties[j], sub, indent+"  ", depth-1)
	}
	return lines
}

// paramLine: "`email` `string` · required — The address."
func paramLine(p *corpus.Param, mode paramMode) string {
	var parts []string
	if p.Key != "" && !placeholderKey(p.Key) {
		parts = append(parts, "`"+p.Key+"`")
	}
	if p.Type != "" {
		parts = append(parts, "`"+p.Type+"`")
	}
	line := strings.Join(parts, " ")
	if p.Key != "" && !placeholderKey(p.Key) {
		switch {
		case mode == modeParam && !p.Optional:
			line += " · required"
		case mode != modeReturn && p.Optional:
			line += " · optional"
		}
	}
	if d := oneLine(p.Description); d != "" {
		line += " — " + d
	}
	return line
}

// placeholderKey reports a key the docs give a value that has no name of its own: the object a call
// returns ("anonymous"), an options object passed whole.
func placeholderKey(k string) bool { return k == "anonymous" }

func optionSignature(lang corpus.Language, p *corpus.Param) string {
	if p.Type == "" {
		return p.Key
	}
	switch lang {
	case corpus.Go, corpus.DotNet, corpus.Java:
		return p.Key + " " + p.Type
	case corpus.Python:
		return p.Key + ": " + p.Type
	case corpus.Ruby:
		return p.Key + ": " + p.Type
	case corpus.PHP:
		return p.Type + " $" + p.Key
	}
	opt := ""
	if p.Optional {
		opt = "?"
	}
	return p.Key + opt + ": " + p.Type
}

func sameCall(b *strings.Builder, sym *corpus.Symbols, e *corpus.Entry) {
	if sym == nil {
		return
	}
	others := sym.SameOperation(e)
	if len(others) == 0 {
		return
	}
	links := make([]string, 0, len(others))
	for _, o := range others {
		// Each SDK's own spelling, so the line answers "what is this called in Python?" by itself; a
		// link only where that SDK's docs live elsewhere than this entry's (the docs link follows).
		item := fmt.Sprintf("%s `%s`", o.Language.DisplayName(), Spelling(o))
		if u := o.URL(); u != e.URL() {
			item = fmt.Sprintf("%s [`%s`](%s)", o.Language.DisplayName(), Spelling(o), u)
		}
		links = append(links, item)
	}
	fmt.Fprintf(b, "Same call in: %s\n\n", strings.Join(links, " · "))
}

func entryLinkTitle(e *corpus.Entry) string {
	if e.Page != nil && e.Page.Title != "" && !strings.Contains(e.DocPath, "://") {
		return e.Page.Title
	}
	return e.Signature()
}

func docsLink(b *strings.Builder, title, url string) {
	if url == "" {
		return
	}
	fmt.Fprintf(b, "[%s — WorkOS docs](%s)\n\n", title, url)
}

func footer(b *strings.Builder, o Options) {
	if o.Footer == "" {
		return
	}
	fmt.Fprintf(b, "---\n\n*%s*\n", o.Footer)
}

func finish(b *strings.Builder) string { return strings.TrimRight(b.String(), "\n") + "\n" }

// oneLine joins a description's lines (list items stay readable inside a list).
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.TrimSpace(s)), " ")
}

// firstParagraph is the first prose paragraph of a section's Markdown.
func firstParagraph(md string) string {
	var para []string
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) == 0 && (strings.HasPrefix(t, "#") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ")) {
			continue
		}
		para = append(para, t)
	}
	return strings.Join(para, " ")
}

var sentenceEnd = regexp.MustCompile(`[.!?](\s|$)`)

func firstSentence(s string) string {
	if loc := sentenceEnd.FindStringIndex(s); loc != nil {
		return s[:loc[0]+1]
	}
	return s
}
