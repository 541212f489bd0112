package lsp

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/lsp/textpos"
)

// applyOneByOne is the plain reading of the protocol: each change against a fresh index of the text
// the previous one produced.
func applyOneByOne(text string, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) string {
	for _, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			m := textpos.New(text)
			start := m.Offset(textpos.Position{Line: c.Range.Start.Line, Character: c.Range.Start.Character}, enc)
			end := m.Offset(textpos.Position{Line: c.Range.End.Line, Character: c.Range.End.Character}, enc)
			if end < start {
				start, end = end, start
			}
			text = text[:start] + c.Text + text[end:]
		}
	}
	return text
}

func partial(l1, c1, l2, c2 uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{Range: protocol.Range{
		Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}, Text: text}
}

// TestMultiCursorBatchIsOnePass: a multi-cursor edit (changes last in the document first) is applied
// without re-indexing the text per change, and gives what applying them one by one gives.
func TestMultiCursorBatchIsOnePass(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "line %d: const user = await workos.userManagement.getUser(id); // é😀\n", i)
	}
	text := b.String()
	var changes []protocol.TextDocumentContentChangeEvent
	for l := 1999; l > 0; l -= 2 {
		line := uint32(l)
		changes = append(changes, partial(line, 6, line, 8, "X\n"), partial(line, 0, line, 0, "// "))
	}
	got, rebuilds, _, _ := applyChanges(text, textpos.New(text), changes, textpos.UTF16)
	if want := applyOneByOne(text, changes, textpos.UTF16); got != want {
		t.Fatalf("batch result differs from one-by-one")
	}
	if rebuilds != 0 {
		t.Errorf("%d re-indexings of the text for one multi-cursor batch, want 0", rebuilds)
	}
}

// TestChangeBatchesMatchOneByOne: random batches, in any order, overlapping, with line breaks,
// surrogate pairs and CRLF, give what applying the changes one by one gives.
func TestChangeBatchesMatchOneByOne(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "bc", "\n", "\r\n", "é", "😀", "", "xyz\n", "\r"}
	for round := range 3000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		var changes []protocol.TextDocumentContentChangeEvent
		for range 1 + r.IntN(6) {
			if r.IntN(20) == 0 {
				changes = append(changes, &protocol.TextDocumentContentChangeWholeDocument{Text: pieces[r.IntN(len(pieces))] + "q\n"})
				continue
			}
			l1, l2 := uint32(r.IntN(6)), uint32(r.IntN(6))
			changes = append(changes, partial(l1, uint32(r.IntN(5)), l2, uint32(r.IntN(5)), pieces[r.IntN(len(pieces))]))
		}
		for _, enc := range []textpos.Encoding{textpos.UTF8, textpos.UTF16, textpos.UTF32} {
			got, _, prefix, suffix := applyChanges(text, textpos.New(text), changes, enc)
			if want := applyOneByOne(text, changes, enc); got != want {
				t.Fatalf("round %d, %v: text %q, changes %s: got %q, want %q", round, enc, text, describeChanges(changes), got, want)
			}
			// The span the analysis is told is unchanged must be: the incremental analysis trusts it.
			if n := min(len(text), len(got)); prefix < 0 || suffix < 0 || prefix+suffix > n ||
				text[:prefix] != got[:prefix] || text[len(text)-suffix:] != got[len(got)-suffix:] {
				t.Fatalf("round %d, %v: text %q, changes %s: %q: prefix %d, suffix %d are not unchanged", round, enc, text, describeChanges(changes), got, prefix, suffix)
			}
		}
	}
}

func describeChanges(changes []protocol.TextDocumentContentChangeEvent) string {
	var b strings.Builder
	for _, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			fmt.Fprintf(&b, " [all %q]", c.Text)
		case *protocol.TextDocumentContentChangePartial:
			fmt.Fprintf(&b, " [%d:%d-%d:%d %q]", c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character, c.Text)
		}
	}
	return b.String()
}
