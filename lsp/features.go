package lsp

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docview"
	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// ---- hover

func (s *server) hover(ctx context.Context, v view, f *sdkcall.File, p *protocol.HoverParams) (any, error) {
	t, ok := f.At(v.ld.index, v.offset(p.Position))
	if !ok {
		return nil, nil
	}
	md := targetMarkdown(v, t, docview.Options{Footer: v.footer(s.opts.Version), Forwards: t.Forwards})
	if md == "" {
		return nil, nil
	}
	r := v.rng(t.Start, t.End)
	return &protocol.Hover{Contents: markup(md, v.caps.hoverMarkdown), Range: &r}, nil
}

// targetMarkdown renders what is under the cursor.
func targetMarkdown(v view, t sdkcall.Target, o docview.Options) string {
	sym := v.ld.sym
	switch t.Kind {
	case sdkcall.TargetCall, sdkcall.TargetEndpoint:
		switch len(t.Entries) {
		case 0:
			return ""
		case 1:
			return docview.Call(sym, t.Entries[0], o)
		}
		return docview.Candidates(word(v, t), t.Entries, o)
	case sdkcall.TargetAmbiguous:
		if len(t.Entries) == 0 {
			return ""
		}
		return docview.Candidates(word(v, t), t.Entries, o)
	case sdkcall.TargetModule:
		return docview.Module(sym, v.doc.lang, t.Module, o)
	case sdkcall.TargetOption:
		if t.Option == nil || len(t.Entries) == 0 {
			return ""
		}
		return docview.NestedOption(t.Entries[0], t.Option, t.OptionPath, o)
	case sdkcall.TargetType:
		switch len(t.Entries) {
		case 0:
			return ""
		case 1:
			return docview.Type(t.Entries[0], o)
		}
		return docview.Candidates(word(v, t), t.Entries, o)
	case sdkcall.TargetEvent:
		if t.Event == nil {
			return ""
		}
		return docview.Event(t.Event, o)
	}
	return ""
}

func word(v view, t sdkcall.Target) string {
	if t.Start < 0 || t.End > len(v.doc.text) || t.Start > t.End {
		return ""
	}
	return v.doc.text[t.Start:t.End]
}

// ---- completion

// itemData travels in CompletionItem.data so completionItem/resolve can find the documentation.
type itemData struct {
	Gen    uint64 `json:"g"`
	Lang   string `json:"l,omitempty"`
	Entry  int    `json:"e"` // index in Corpus.Entries, -1 for none
	Option string `json:"o,omitempty"`
	Event  string `json:"ev,omitempty"`
	Module string `json:"m,omitempty"`
}

func (s *server) completion(ctx context.Context, v view, f *sdkcall.File, p *protocol.CompletionParams) (any, error) {
	cc, ok := f.Complete(v.ld.index, v.offset(p.Position))
	if !ok || len(cc.Items) == 0 {
		return nil, nil
	}
	rng := v.rng(cc.Start, cc.End)
	items := make([]protocol.CompletionItem, 0, len(cc.Items))
	for i := range cc.Items {
		items = append(items, completionItem(v, &cc.Items[i], rng))
	}
	return &protocol.CompletionList{Items: items}, nil
}

func completionItem(v view, it *sdkcall.Item, rng protocol.Range) protocol.CompletionItem {
	insert := it.Insert
	if insert == "" {
		insert = it.Label
	}
	ci := protocol.CompletionItem{
		Label:            it.Label,
		Kind:             completionKind(it.Kind),
		TextEdit:         &protocol.TextEdit{Range: rng, NewText: insert},
		InsertTextFormat: protocol.InsertTextFormatPlainText,
	}
	if it.Detail != "" {
		ci.Detail = protocol.NewOptional(it.Detail)
	}
	if it.SortKey != "" {
		ci.SortText = protocol.NewOptional(it.SortKey)
	}
	d := itemData{Gen: v.ld.gen, Lang: string(v.doc.lang), Entry: -1}
	if it.Entry != nil {
		if i, ok := v.ld.entryIndex(it.Entry); ok {
			d.Entry = i
		}
	}
	switch {
	case it.Param != nil:
		d.Option = it.Param.Key
	case it.Event != nil:
		d.Event = it.Event.Name
	case it.Kind == sdkcall.ItemModule:
		d.Module = it.Label
	}
	if raw, err := json.Marshal(d); err == nil {
		ci.Data = raw
	}
	return ci
}

// completionKinds are the protocol kinds of completion items; anything else is text.
var completionKinds = map[sdkcall.ItemKind]protocol.CompletionItemKind{
	sdkcall.ItemMethod:   protocol.CompletionItemKindMethod,
	sdkcall.ItemFunction: protocol.CompletionItemKindFunction,
	sdkcall.ItemModule:   protocol.CompletionItemKindModule,
	sdkcall.ItemOption:   protocol.CompletionItemKindProperty,
	sdkcall.ItemEvent:    protocol.CompletionItemKindEnumMember,
}

func completionKind(k sdkcall.ItemKind) protocol.CompletionItemKind {
	return valueOr(completionKinds, k, protocol.CompletionItemKindText)
}

// valueOr is m[k], or def when m has no k.
func valueOr[K comparable, V any](m map[K]V, k K, def V) V {
	if v, ok := m[k]; ok {
		return v
	}
	return def
}

func (s *server) completionResolve(ctx context.Context, v view, item *protocol.CompletionItem) (any, error) {
	var d itemData
	if v.ld == nil || len(item.Data) == 0 || json.Unmarshal(item.Data, &d) != nil || d.Gen != v.ld.gen {
		return item, nil
	}
	o := docview.Options{Footer: v.footer(s.opts.Version)}
	var e *corpus.Entry
	if d.Entry >= 0 && d.Entry < len(v.ld.Corpus.Entries) {
		e = v.ld.Corpus.Entries[d.Entry]
	}
	md := ""
	switch {
	case d.Option != "" && e != nil:
		for _, p := range e.Options() {
			if p.Key == d.Option {
				md = docview.Option(e, &p, o)
				break
			}
		}
	case d.Event != "":
		if ev, ok := v.ld.sym.Event(d.Event); ok {
			md = docview.Event(ev, o)
		}
	case e != nil && e.Kind == corpus.KindType:
		md = docview.Type(e, o)
	case e != nil:
		md = docview.Call(v.ld.sym, e, o)
	case d.Module != "":
		if lang, ok := corpus.ParseLanguage(d.Lang); ok {
			if m, ok := v.ld.sym.Module(d.Module); ok {
				md = docview.Module(v.ld.sym, lang, m, o)
			}
		}
	}
	if md != "" {
		item.Documentation = markup(md, v.caps.completionMarkdown)
	}
	return item, nil
}

// ---- signature help

func (s *server) signatureHelp(ctx context.Context, v view, f *sdkcall.File, p *protocol.SignatureHelpParams) (any, error) {
	sc, ok := f.Signature(v.ld.index, v.offset(p.Position))
	if !ok || sc.Entry == nil {
		return nil, nil
	}
	return signatureHelpFor(v, sc), nil
}

func signatureHelpFor(v view, sc sdkcall.SignatureContext) *protocol.SignatureHelp {
	e := sc.Entry
	label, lps := docview.SignatureLabel(e)
	lm := textpos.New(label)
	info := protocol.SignatureInformation{Label: label}
	doc := docview.Description(e)
	if e.URL() != "" {
		if doc != "" {
			doc += "\n\n"
		}
		doc += "[WorkOS docs](" + e.URL() + ")"
	}
	if doc != "" {
		info.Documentation = markup(doc, v.caps.signatureMarkdown)
	}
	active := -1
	for j, lp := range lps {
		param := &e.Parameters[lp.Index]
		pd := docview.ParamDoc(param)
		if lp.Index == sc.ActiveParam {
			active = j
			if sc.ActiveOption != "" {
				for k := range param.Properties {
					if param.Properties[k].Key == sc.ActiveOption {
						pd = docview.ParamDoc(&param.Properties[k]) + "\n\n" + pd
						break
					}
				}
			}
		}
		start := lm.Position(lp.Start, v.enc).Character
		end := lm.Position(lp.End, v.enc).Character
		info.Parameters = append(info.Parameters, protocol.ParameterInformation{
			Label:         protocol.ParameterInformationLabelTuple{start, end},
			Documentation: markup(pd, v.caps.signatureMarkdown),
		})
	}
	sh := &protocol.SignatureHelp{Signatures: []protocol.SignatureInformation{info}, ActiveSignature: ptr(uint32(0))}
	if active >= 0 {
		sh.ActiveParameter = protocol.NewNullable(uint32(active))
		sh.Signatures[0].ActiveParameter = protocol.NewNullable(uint32(active))
	}
	return sh
}

// ---- definition

func (s *server) definition(ctx context.Context, v view, f *sdkcall.File, p *protocol.DefinitionParams) (any, error) {
	t, ok := f.At(v.ld.index, v.offset(p.Position))
	if !ok {
		return nil, nil
	}
	var locs protocol.LocationSlice
	seen := map[string]bool{}
	for _, pa := range targetPages(v.ld, t) {
		key := pa.page.Path + "#" + pa.anchor
		if seen[key] {
			continue
		}
		seen[key] = true
		u, line, err := v.ld.pages.location(pa.page, pa.anchor, v.doc.lang) // the file's SDK first
		if err != nil {
			s.log.Warn("definition: rendering page", "page", pa.page.Path, "error", err)
			continue
		}
		pos := protocol.Position{Line: uint32(line)}
		locs = append(locs, protocol.Location{URI: u, Range: protocol.Range{Start: pos, End: pos}})
	}
	if len(locs) == 0 {
		return nil, nil
	}
	return locs, nil
}

type pageAnchor struct {
	page   *corpus.Page
	anchor string
}

// targetPages are the docs pages (and sections) that document a target.
func targetPages(ld *loaded, t sdkcall.Target) []pageAnchor {
	if t.Kind == sdkcall.TargetEvent {
		if t.Event != nil && t.Event.Page != nil {
			return []pageAnchor{{t.Event.Page, t.Event.Anchor}}
		}
		return nil
	}
	var out []pageAnchor
	for _, e := range t.Entries {
		if pa, ok := entryPage(ld, e); ok {
			out = append(out, pa)
		}
	}
	return out
}

func entryPage(ld *loaded, e *corpus.Entry) (pageAnchor, bool) {
	if strings.Contains(e.DocPath, "://") {
		if !strings.HasPrefix(e.DocPath, corpus.SiteURL+"/") {
			return pageAnchor{}, false
		}
	}
	if e.DocPath != "" {
		if p, anchor, ok := ld.Corpus.Page(e.DocPath); ok {
			return pageAnchor{p, anchor}, true
		}
	}
	if e.Page != nil {
		return pageAnchor{e.Page, ""}, true
	}
	return pageAnchor{}, false
}

// ---- document links

// maxDocumentLinks bounds one document's links, the first in the text kept: an editor underlines
// what is on screen, and thousands of links are only a large answer to encode, send and hold.
const maxDocumentLinks = 2000

func (s *server) documentLinks(ctx context.Context, v view, f *sdkcall.File, p *protocol.DocumentLinkParams) (any, error) {
	// The encoded answer is the same until the document or the docs change.
	raw := v.doc.memo(v, "links", func() any {
		links := f.Links(v.ld.index)
		out := make([]protocol.DocumentLink, 0, min(len(links), maxDocumentLinks))
		for _, l := range links {
			if l.URL == "" {
				continue
			}
			if len(out) == maxDocumentLinks {
				s.log.Info("document links capped", "uri", v.doc.uri, "links", len(links), "kept", maxDocumentLinks)
				break
			}
			target := uri.URI(l.URL)
			tip := "WorkOS docs"
			if l.Entry != nil {
				tip = "WorkOS docs: " + l.Entry.Signature()
			}
			out = append(out, protocol.DocumentLink{Range: v.rng(l.Start, l.End), Target: &target, Tooltip: &tip})
		}
		if len(out) == 0 {
			return jsonrpc2.RawMessage("null")
		}
		b, err := encodeArray(out)
		if err != nil {
			s.log.Error("encoding document links", "error", err)
			return jsonrpc2.RawMessage("null")
		}
		return b
	}).(jsonrpc2.RawMessage)
	return raw, nil
}

// ---- code actions

func (s *server) codeActions(ctx context.Context, v view, f *sdkcall.File, p *protocol.CodeActionParams) (any, error) {
	want := func(k protocol.CodeActionKind) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, o := range p.Context.Only {
			if k == o || strings.HasPrefix(string(k), string(o)+".") {
				return true
			}
		}
		return false
	}
	start, end := v.offset(p.Range.Start), v.offset(p.Range.End)
	var out []protocol.CommandOrCodeAction
	if want(protocol.CodeActionKindQuickFix) {
		for _, d := range v.doc.Diagnostics(f, v) {
			if d.End < start || d.Start > end || len(d.Fixes) == 0 {
				continue
			}
			diag := toDiagnostic(v, d)
			for _, fix := range d.Fixes {
				kind := protocol.CodeActionKindQuickFix
				out = append(out, &protocol.CodeAction{
					Title:       fix.Title,
					Kind:        &kind,
					Diagnostics: []protocol.Diagnostic{diag},
					IsPreferred: ptr(len(d.Fixes) == 1),
					Edit: &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{
						v.doc.uri: {{Range: v.rng(fix.Start, fix.End), NewText: fix.NewText}},
					}},
				})
			}
		}
	}
	if want(protocol.CodeActionKindEmpty) || len(p.Context.Only) == 0 {
		if t, ok := f.At(v.ld.index, start); ok {
			if url, title := targetURL(v, t); url != "" {
				arg, _ := json.Marshal(url)
				cmdTitle := "Open WorkOS docs: " + title
				out = append(out, &protocol.CodeAction{
					Title:   cmdTitle,
					Command: protocol.Command{Title: cmdTitle, Command: CommandOpenDocs, Arguments: []protocol.LSPAny{arg}},
				})
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return encodeArray(out)
}

// targetURL is the public docs address of a target and a short title for it.
func targetURL(v view, t sdkcall.Target) (string, string) {
	switch t.Kind {
	case sdkcall.TargetEvent:
		if t.Event != nil {
			return t.Event.URL(), t.Event.Name
		}
	case sdkcall.TargetModule:
		if ms := v.ld.sym.Methods(v.doc.lang, t.Module); len(ms) > 0 && ms[0].Page != nil {
			return ms[0].Page.URL(), v.ld.sym.ModuleSpelling(v.doc.lang, t.Module)
		}
	default:
		if len(t.Entries) > 0 {
			e := t.Entries[0]
			return e.URL(), e.Signature()
		}
	}
	return "", ""
}

// ---- diagnostics conversion

func toDiagnostic(v view, d sdkcall.Diagnostic) protocol.Diagnostic {
	out := protocol.Diagnostic{
		Range:    v.rng(d.Start, d.End),
		Severity: severity(d.Severity),
		Source:   protocol.NewOptional("workos"),
		Message:  protocol.String(d.Message),
	}
	if d.Code != "" {
		out.Code = protocol.String(d.Code)
	}
	if d.Href != "" {
		out.CodeDescription = protocol.CodeDescription{Href: uri.URI(d.Href)}
	}
	if d.Deprecated {
		out.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTagDeprecated)
	}
	return out
}

// severities are the protocol severities of diagnostics; anything else is a warning.
var severities = map[sdkcall.Severity]protocol.DiagnosticSeverity{
	sdkcall.SeverityError:       protocol.DiagnosticSeverityError,
	sdkcall.SeverityInformation: protocol.DiagnosticSeverityInformation,
	sdkcall.SeverityHint:        protocol.DiagnosticSeverityHint,
}

func severity(s sdkcall.Severity) protocol.DiagnosticSeverity {
	return valueOr(severities, s, protocol.DiagnosticSeverityWarning)
}
