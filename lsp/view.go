package lsp

import (
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/docview"
	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
	"github.com/workos-lsp/workos-lsp/workspace"
)

// view is a request's snapshot, taken inline on the read loop: the document version, the docs, the
// settings, the position encoding and the client's capabilities at the moment the request arrived.
type view struct {
	doc  *document
	ld   *loaded
	set  Settings
	enc  textpos.Encoding
	caps *clientCaps
	// project is the workspace model at the moment (nil before initialize), src its analyses.
	project *workspace.Snapshot
	src     *workspace.Sources
}

// snapshot takes the view of a request about document u ("" for none); with early, a request
// that an early corpus answers sees it until the complete docs are in use.
func (s *server) snapshot(u uri.URI, early bool) view {
	v := view{
		ld:   s.current.Load(),
		set:  s.currentSettings(),
		enc:  textpos.Encoding(s.enc.Load()),
		caps: s.caps.Load(),
	}
	if v.ld == nil && early {
		v.ld = s.early.Load()
	}
	if s.proj != nil {
		v.project, v.src = s.proj.ws.Snapshot(), s.proj.src
	}
	if u != "" {
		v.doc = s.files.get(u)
	}
	return v
}

// file is the document's analysis, placed in its project, when every feature should run on it:
// docs loaded, language known and enabled, and the file uses a WorkOS SDK or belongs to a project
// that depends on one (then it answers only for what traces back to the SDK across files).
// Otherwise nil.
func (v view) file() *sdkcall.File {
	if v.ld == nil {
		return nil
	}
	return v.analysis()
}

// analysis is the document's analysis in its project when its language is known and enabled and it
// uses a WorkOS SDK (as file), whether or not docs are loaded; otherwise nil.
func (v view) analysis() *sdkcall.File {
	if v.doc == nil || !v.doc.known || !v.set.Enabled(v.doc.lang) {
		return nil
	}
	f := v.doc.File()
	if f != nil && v.project != nil && v.doc.path != "" {
		f = v.src.InProject(v.project, v.doc.path, f)
	}
	if f == nil || !f.Active() {
		return nil
	}
	return f
}

// offset converts an LSP position in this document to a byte offset (clamped).
func (v view) offset(p protocol.Position) int {
	return v.doc.Mapper().Offset(textpos.Position{Line: p.Line, Character: p.Character}, v.enc)
}

func (v view) position(off int) protocol.Position {
	p := v.doc.Mapper().Position(off, v.enc)
	return protocol.Position{Line: p.Line, Character: p.Character}
}

// rng converts a byte range to an LSP range.
func (v view) rng(start, end int) protocol.Range {
	return protocol.Range{Start: v.position(start), End: v.position(end)}
}

// footer names the docs (and server) version under hovers.
func (v view) footer(serverVersion string) string {
	if v.ld == nil {
		return ""
	}
	return docview.Footer(v.ld.version, serverVersion)
}

// markup returns Markdown as the client wants it.
func markup(md string, markdown bool) *protocol.MarkupContent {
	if markdown {
		return &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}
	}
	return &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: docview.PlainText(md)}
}

// encodeArray encodes a slice with the protocol's generated encoders: a plain []T result would be
// marshalled by reflection, element by element, which is several times slower for long answers.
func encodeArray[T any](items []T) (jsonrpc2.RawMessage, error) {
	buf := make([]byte, 0, 2+96*len(items))
	buf = append(buf, '[')
	for i := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = protocol.AppendMarshal(buf, &items[i]); err != nil {
			return nil, err
		}
	}
	return append(buf, ']'), nil
}
