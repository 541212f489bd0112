package docquery

import (
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestFindExamples(t *testing.T) {
	c := corpustest.Corpus(t)
	tests := []struct {
		query, lang, match, area string
	}{
		{"", "", "list", ""},
		{"sso", "", "area", "sso"},
		{"SSO", "", "area", "sso"},
		{"user-management", "", "none", ""}, // the fixture's authkit area has no examples
		{"https://workos.com/docs/sso#callback", "", "page", "sso"},
		{"getProfileAndToken", "", "text", ""},
		{"sso", "python", "none", ""},
		{"qqqqqq zzzzzz", "", "none", ""},
	}
	for _, tt := range tests {
		set := FindExamples(c, tt.query, tt.lang)
		if set.Match != tt.match || set.Area != tt.area {
			t.Errorf("FindExamples(%q, %q) = match %q area %q; want %q %q", tt.query, tt.lang, set.Match, set.Area, tt.match, tt.area)
		}
		if (tt.match == "none" || tt.match == "list") != (len(set.Examples) == 0) {
			t.Errorf("FindExamples(%q, %q): %d examples for match %q", tt.query, tt.lang, len(set.Examples), set.Match)
		}
		if len(set.Areas) == 0 && tt.lang == "" {
			t.Errorf("FindExamples(%q): no areas listed", tt.query)
		}
	}
	for _, e := range FindExamples(c, "sso", "ts").Examples {
		if corpus.FenceFamily(e.Language) != "js" {
			t.Errorf("lang ts kept a %s example", e.Language)
		}
	}
}

func TestFindChangelog(t *testing.T) {
	c := corpustest.Corpus(t)
	for _, name := range []string{"workos-platform", "WorkOS-Platform", "", "workos", "what's new"} {
		cl, err := FindChangelog(c, name)
		if err != nil || cl.Package != PlatformChangelog || len(cl.Items) == 0 {
			t.Errorf("FindChangelog(%q) = %q, %d items, %v", name, cl.Package, len(cl.Items), err)
		}
		if (cl.Note != "") != (name != "" && !strings.EqualFold(name, PlatformChangelog)) {
			t.Errorf("FindChangelog(%q) note %q", name, cl.Note)
		}
	}
	_, err := FindChangelog(c, "python")
	if err == nil || !strings.Contains(err.Error(), "https://github.com/workos/workos-python/releases") || !strings.Contains(err.Error(), "`workos-platform`") {
		t.Errorf("an SDK name says where its release notes are: %v", err)
	}
}
