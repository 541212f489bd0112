package workspace

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// Usages finds every call the cross-file markers resolve, and none of the look-alikes.
func TestUsagesAgreeWithTheMarkers(t *testing.T) {
	ix := sdkcall.NewIndex(corpustest.Corpus(t).Symbols())
	eachFixtureProject(t, func(t *testing.T, dir string, snap *Snapshot) {
		us, err := Usages(context.Background(), NewSources(nil, nil), snap, ix, nil)
		if err != nil {
			t.Fatal(err)
		}
		covered := func(path string, off int) bool {
			for _, u := range us {
				if u.Path == path && u.Start <= off && off < u.End {
					return true
				}
			}
			return false
		}
		checked := 0
		for _, m := range xfileMarkers(t, dir) {
			path := filepath.Join(dir, m.file)
			switch {
			case m.kind != "hover":
			case strings.HasPrefix(m.want, "call ") || strings.HasPrefix(m.want, "forwards "):
				checked++
				if !covered(path, m.offset) {
					t.Errorf("%s: %s (%s) is not among the usages", m.file, m.word, m.want)
				}
			case m.want == "none":
				checked++
				if covered(path, m.offset) {
					t.Errorf("%s: look-alike %s is among the usages", m.file, m.word)
				}
			}
		}
		for _, u := range us {
			if got := u.Text[u.Start:u.End]; got == "" || u.Line < 1 || u.Col < 1 || u.URL == "" {
				t.Errorf("usage %+v", u)
			}
		}
		if checked == 0 {
			t.Error("no markers checked")
		}
		fs, err := Check(context.Background(), NewSources(nil, nil), snap, ix)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Line < 1 || f.EndLine < f.Line || f.Message == "" {
				t.Errorf("finding %+v", f)
			}
		}
	})
}

func TestLineCounter(t *testing.T) {
	lc := newLineCounter("ab\nçd\n\nx")
	for _, c := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 2}, {7, 3, 1}, {8, 4, 1}, {9, 4, 2}, {99, 4, 2}} {
		if l, col := lc.at(c.off); l != c.line || col != c.col {
			t.Errorf("at(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}
