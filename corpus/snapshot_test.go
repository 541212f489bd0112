package corpus_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestSnapshotRoundTrip(t *testing.T) {
	c := corpustest.Corpus(t)
	var buf bytes.Buffer
	if err := corpus.WriteSnapshot(&buf, c); err != nil {
		t.Fatal(err)
	}
	got, err := corpus.ReadSnapshot(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pages) != len(c.Pages) || len(got.Entries) != len(c.Entries) || len(got.Events) != len(c.Events) {
		t.Fatalf("sizes differ: pages %d/%d entries %d/%d events %d/%d", len(got.Pages), len(c.Pages), len(got.Entries), len(c.Entries), len(got.Events), len(c.Events))
	}
	for i := range c.Pages {
		a, b := *c.Pages[i], *got.Pages[i]
		if len(a.Entries) != len(b.Entries) {
			t.Errorf("page %s: %d entries, want %d", a.Path, len(b.Entries), len(a.Entries))
		}
		a.Entries, b.Entries = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("page %s differs after the round trip", a.Path)
		}
	}
	for i := range c.Entries {
		a, b := *c.Entries[i], *got.Entries[i]
		if (a.Page == nil) != (b.Page == nil) || (a.Page != nil && a.Page.Path != b.Page.Path) {
			t.Errorf("entry %s: page link lost", a.Title)
		}
		a.Page, b.Page = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("entry %s %s differs:\n%+v\n%+v", a.Language, a.Title, a, b)
		}
	}
	// The symbol table is rebuilt and answers like the original.
	s := got.Symbols()
	m, ok := s.Module("$ds")
	if !ok || len(s.Method(corpus.PHP, m, "listUsers")) != 1 {
		t.Errorf("module aliases lost: %q %v", m, ok)
	}
	if ev, ok := s.Event("user.created"); !ok || ev.Page.Path != "events" {
		t.Errorf("event lost: %+v", ev)
	}
	if _, ok := s.Deprecated("rawAttributes"); !ok {
		t.Errorf("deprecations lost")
	}
}

func TestSnapshotRejectsGarbage(t *testing.T) {
	if _, err := corpus.ReadSnapshot(strings.NewReader("not a snapshot")); err == nil {
		t.Fatal("garbage read as a snapshot")
	}
}
