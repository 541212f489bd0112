package sdkcall

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// The answers the marker tests compare: one line per question, in the markers' own terms.

// checkSilent asks every question at every offset of a file that does not use WorkOS.
func checkSilent(t *testing.T, f *File, s *Index) {
	t.Helper()
	for off := 0; off <= len(f.Text); off++ {
		if tg, ok := f.At(s, off); ok {
			t.Fatalf("offset %d: target %v %q", off, tg.Kind, f.Text[tg.Start:tg.End])
		}
		if cc, ok := f.Complete(s, off); ok {
			t.Fatalf("offset %d: completion %q", off, labels(cc.Items))
		}
		if sc, ok := f.Signature(s, off); ok {
			t.Fatalf("offset %d: signature %s", off, sc.Entry.ID)
		}
	}
	if ds := f.Diagnostics(s); len(ds) > 0 {
		t.Fatalf("diagnostics %+v", ds)
	}
	if ls := f.Links(s); len(ls) > 0 {
		t.Fatalf("links %+v", ls)
	}
}

func describeAt(t *testing.T, f *File, s *Index, off int) string {
	tg, ok := f.At(s, off)
	if !ok {
		return "hover none"
	}
	if off < tg.Start || off > tg.End {
		t.Errorf("cursor %d outside the target's range [%d,%d)", off, tg.Start, tg.End)
	}
	if w := f.Text[tg.Start:tg.End]; strings.ContainsAny(w, " \t\n\"'`(") {
		t.Errorf("target range %q is not one word", w)
	}
	for _, e := range tg.Entries {
		if e.Language != f.Lang && f.Lang != corpus.Curl {
			t.Errorf("entry %s is %s", e.ID, e.Language)
		}
	}
	switch tg.Kind {
	case TargetCall:
		return "hover call " + tg.Entries[0].ID
	case TargetOption:
		return "hover option " + tg.Entries[0].ID + " " + strings.Join(append(slices.Clone(tg.OptionPath), tg.Option.Key), ".")
	case TargetModule:
		return "hover module " + tg.Module
	case TargetType:
		return "hover type " + tg.Entries[0].ID
	case TargetEvent:
		return "hover event " + tg.Event.Name
	case TargetAmbiguous:
		return fmt.Sprintf("hover ambiguous %d", len(tg.Entries))
	case TargetEndpoint:
		if len(tg.Entries) > 1 {
			return fmt.Sprintf("hover endpoint %s +%d", tg.Entries[0].ID, len(tg.Entries)-1)
		}
		return "hover endpoint " + tg.Entries[0].ID
	}
	return "hover " + tg.Kind.String()
}

// matchCompletion returns want when the completion at off satisfies it, else a description of what
// was offered.
func matchCompletion(t *testing.T, f *File, s *Index, off int, want string) string {
	cc, ok := f.Complete(s, off)
	if !ok {
		return "complete none"
	}
	if off < cc.Start || off > cc.End {
		t.Errorf("cursor %d outside the replaced range [%d,%d)", off, cc.Start, cc.End)
	}
	got := labels(cc.Items)
	desc := fmt.Sprintf("complete [%s] %s", f.Text[cc.Start:cc.End], strings.Join(got, " "))
	rest, ok := strings.CutPrefix(want, fmt.Sprintf("complete [%s]", f.Text[cc.Start:cc.End]))
	if !ok {
		return desc
	}
	k := 0
	for _, w := range strings.Fields(rest) {
		switch {
		case strings.HasPrefix(w, "+"):
			if !slices.Contains(got, w[1:]) {
				return desc
			}
		case strings.HasPrefix(w, "!"):
			if slices.Contains(got, w[1:]) {
				return desc
			}
		default:
			if k >= len(got) || got[k] != w {
				return desc
			}
			k++
		}
	}
	return want
}

func describeSig(f *File, s *Index, off int) string {
	sc, ok := f.Signature(s, off)
	if !ok {
		return "sig none"
	}
	p := "-"
	if sc.ActiveParam < len(sc.Entry.Parameters) {
		p = sc.Entry.Parameters[sc.ActiveParam].Key
	}
	out := "sig " + sc.Entry.ID + " " + p
	if sc.ActiveOption != "" {
		out += " " + sc.ActiveOption
	}
	return out
}
