package lsp

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/lsp/textpos"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// TestEditedDocumentsMatchScratch types into an open document through the store, asking for the
// analysis after some edits only (so that edits pile up), replacing the whole text now and then:
// each version derives its analysis and mapper from an earlier version's, drops it once made, and
// answers what a document opened with its text answers.
func TestEditedDocumentsMatchScratch(t *testing.T) {
	ix := sdkcall.NewIndex(corpustest.Corpus(t).Symbols())
	o := newOpenFiles()
	text := benchFile(300)
	u := uri.File("/tmp/edited.ts")
	o.open(newDocument(u, "typescript", 1, text))
	o.get(u).File()
	r := rand.New(rand.NewPCG(5, 6))
	snippets := []string{"c", "\n", "'", "`${", "}", "(", "/*", "*/", " ", "é", "😀", "workos.userManagement."}
	derived := 0
	for v := int32(2); v < 120; v++ {
		cur := o.get(u)
		m := cur.Mapper()
		at := m.Position(r.IntN(len(cur.text)+1), textpos.UTF16)
		end := at
		if r.IntN(3) == 0 {
			end.Character += uint32(r.IntN(3))
		}
		var ch protocol.TextDocumentContentChangeEvent = &protocol.TextDocumentContentChangePartial{
			Range: protocol.Range{Start: protocol.Position{Line: at.Line, Character: at.Character}, End: protocol.Position{Line: end.Line, Character: end.Character}},
			Text:  snippets[r.IntN(len(snippets))],
		}
		if v%25 == 0 {
			ch = &protocol.TextDocumentContentChangeWholeDocument{Text: cur.text[:len(cur.text)/2] + "x" + cur.text[len(cur.text)/2:]}
		}
		if _, res := o.change(u, v, []protocol.TextDocumentContentChangeEvent{ch}, textpos.UTF16); res != changeApplied {
			t.Fatalf("version %d not applied", v)
		}
		if r.IntN(3) != 0 {
			continue // the next edit starts from an unanalysed version
		}
		next := o.get(u) // with its text, and its analysis to derive
		if next.prevFile.Load() != nil {
			derived++
		}
		got := next.File()
		if next.prevFile.Load() != nil || next.Mapper() == nil || next.prevMapper != nil {
			t.Fatalf("version %d holds the version it was made from", v)
		}
		if msg := sameAnswers(ix, got, sdkcall.Analyze(next.lang, next.text), r); msg != "" {
			t.Fatalf("version %d: %s", v, msg)
		}
		if want := textpos.New(next.text); next.Mapper().Lines() != want.Lines() {
			t.Fatalf("version %d: %d lines, want %d", v, next.Mapper().Lines(), want.Lines())
		}
	}
	if derived < 20 {
		t.Fatalf("only %d analyses were derived from an earlier one", derived)
	}
}

// sameAnswers compares two analyses of one text by their answers at random offsets and their
// diagnostics.
func sameAnswers(ix *sdkcall.Index, got, want *sdkcall.File, r *rand.Rand) string {
	if !reflect.DeepEqual(got.Diagnostics(ix), want.Diagnostics(ix)) {
		return "diagnostics differ"
	}
	for range 40 {
		o := r.IntN(len(want.Text) + 1)
		g1, ok1 := got.At(ix, o)
		w1, ok2 := want.At(ix, o)
		g2, ok3 := got.Complete(ix, o)
		w2, ok4 := want.Complete(ix, o)
		g3, ok5 := got.Signature(ix, o)
		w3, ok6 := want.Signature(ix, o)
		if ok1 != ok2 || ok3 != ok4 || ok5 != ok6 || !reflect.DeepEqual(g1, w1) || !reflect.DeepEqual(g2, w2) || !reflect.DeepEqual(g3, w3) {
			return fmt.Sprintf("answers at %d differ (%q)", o, want.Text[max(0, o-20):min(len(want.Text), o+20)])
		}
	}
	if fmt.Sprint(got.Outline()) != fmt.Sprint(want.Outline()) {
		return "outlines differ"
	}
	return ""
}

// TestDeferredChangesMatchOneByOne types bursts of edits with no request between them: the store
// defers them (no version but the last is ever made) and the version handed out has the text,
// mapper and analysis that applying them one by one gives, and holds no deferred changes.
func TestDeferredChangesMatchOneByOne(t *testing.T) {
	ix := sdkcall.NewIndex(corpustest.Corpus(t).Symbols())
	o := newOpenFiles()
	text := benchFile(200)
	u := uri.File("/tmp/deferred.ts")
	o.open(newDocument(u, "typescript", 1, text))
	o.get(u).File()
	r := rand.New(rand.NewPCG(7, 8))
	snippets := []string{"c", "\n", "'", "`${", "}", "(", "\r\n", "é", "😀", "workos.userManagement.", ""}
	ref, v := text, int32(1)
	for burst := range 40 {
		n := 1 + r.IntN(60)
		for range n {
			m := textpos.New(ref)
			at := m.Position(r.IntN(len(ref)+1), textpos.UTF16)
			end := m.Position(min(len(ref), m.Offset(at, textpos.UTF16)+r.IntN(4)), textpos.UTF16)
			if r.IntN(4) == 0 {
				at, end = end, at // a reversed range
			}
			var ch protocol.TextDocumentContentChangeEvent = &protocol.TextDocumentContentChangePartial{
				Range: protocol.Range{Start: protocol.Position{Line: at.Line, Character: at.Character}, End: protocol.Position{Line: end.Line, Character: end.Character}},
				Text:  snippets[r.IntN(len(snippets))],
			}
			if r.IntN(200) == 0 {
				ch = &protocol.TextDocumentContentChangeWholeDocument{Text: ref[:len(ref)/2] + "x" + ref[len(ref)/2:]}
			}
			ref, _, _, _ = applyChanges(ref, m, []protocol.TextDocumentContentChangeEvent{ch}, textpos.UTF16)
			v++
			if _, res := o.change(u, v, []protocol.TextDocumentContentChangeEvent{ch}, textpos.UTF16); res != changeApplied {
				t.Fatalf("version %d not applied", v)
			}
		}
		d := o.get(u)
		if d.pending != nil || d.text != ref {
			t.Fatalf("burst %d (%d edits): the version handed out is not the text typed", burst, n)
		}
		if got, want := d.Mapper(), textpos.New(ref); got.Lines() != want.Lines() || got.LineStart(got.Lines()-1) != want.LineStart(want.Lines()-1) {
			t.Fatalf("burst %d: mapper differs", burst)
		}
		if msg := sameAnswers(ix, d.File(), sdkcall.Analyze(d.lang, ref), r); msg != "" {
			t.Fatalf("burst %d: %s", burst, msg)
		}
	}
}
