package lsp

import (
	"testing"

	"go.lsp.dev/protocol"
)

// decodeSync decodes the connection's frame buffer in place: the values must not borrow it, or the
// next frame read into the buffer would rewrite an open document.
func TestDecodeSyncCopies(t *testing.T) {
	open := []byte(`{"textDocument":{"uri":"file:///a/b.ts","languageId":"typescript","version":1,"text":"const a = 1;\nconst b = 2;"}}`)
	var o protocol.DidOpenTextDocumentParams
	if err := decodeSync(open, &o); err != nil {
		t.Fatal(err)
	}
	edit := []byte(`{"textDocument":{"uri":"file:///a/b.ts","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":6},"end":{"line":0,"character":7}},"text":"abc"},{"text":"whole"}]}`)
	var c protocol.DidChangeTextDocumentParams
	if err := decodeSync(edit, &c); err != nil {
		t.Fatal(err)
	}
	for i := range open {
		open[i] = 'x'
	}
	for i := range edit {
		edit[i] = 'x'
	}
	td := o.TextDocument
	if td.URI != "file:///a/b.ts" || td.LanguageID != "typescript" || td.Text != "const a = 1;\nconst b = 2;" {
		t.Errorf("didOpen params changed with the frame: %+v", td)
	}
	if c.TextDocument.URI != "file:///a/b.ts" || len(c.ContentChanges) != 2 {
		t.Fatalf("didChange params changed with the frame: %+v", c)
	}
	if p, ok := c.ContentChanges[0].(*protocol.TextDocumentContentChangePartial); !ok || p.Text != "abc" {
		t.Errorf("first change changed with the frame: %#v", c.ContentChanges[0])
	}
	if w, ok := c.ContentChanges[1].(*protocol.TextDocumentContentChangeWholeDocument); !ok || w.Text != "whole" {
		t.Errorf("second change changed with the frame: %#v", c.ContentChanges[1])
	}
}
