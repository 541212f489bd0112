package lsp

import (
	"testing"

	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
)

func TestParseSettings(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want Settings
	}{
		{`{"workos": {"docsPath": "/d", "docsVersion": "0.1.0", "offline": true, "languages": ["go"]}}`, Settings{DocsPath: "/d", DocsVersion: "0.1.0", Offline: true, Languages: []string{"go"}}},
		{`{"docsVersion": "0.2.0"}`, Settings{DocsPath: "/base", DocsVersion: "0.2.0"}},
		{`{"workos": null}`, Settings{DocsPath: "/base"}},
		{`null`, Settings{DocsPath: "/base"}},
		{``, Settings{DocsPath: "/base"}},
		{`{"workos": {"offline": false, "docsPath": ""}}`, Settings{}},
	} {
		l, err := parseSettings([]byte(tc.raw))
		if err != nil {
			t.Fatalf("%s: %v", tc.raw, err)
		}
		got := l.apply(Settings{DocsPath: "/base"})
		if got.docsKey() != tc.want.docsKey() || len(got.Languages) != len(tc.want.Languages) {
			t.Errorf("%s: got %+v, want %+v", tc.raw, got, tc.want)
		}
	}
	if _, err := parseSettings([]byte(`[1]`)); err == nil {
		t.Error("an array is not settings")
	}
	if _, err := parseSettings([]byte(`{"workos": {"offline": "yes"}}`)); err == nil {
		t.Error("a string offline flag is an error")
	}
}

func TestEnabledLanguages(t *testing.T) {
	s := Settings{Languages: []string{"node", "c#", "shellscript", "golang"}}
	for lang, want := range map[corpus.Language]bool{corpus.JS: true, corpus.DotNet: true, corpus.Curl: true, corpus.Go: true, corpus.Python: false, corpus.Ruby: false} {
		if got := s.Enabled(lang); got != want {
			t.Errorf("Enabled(%s) = %v, want %v", lang, got, want)
		}
	}
	if !(Settings{}).Enabled(corpus.PHP) {
		t.Error("no list enables everything")
	}
}

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct {
		id, file string
		want     corpus.Language
		ok       bool
	}{
		{"typescriptreact", "file:///a.tsx", corpus.JS, true},
		{"javascript", "file:///a.js", corpus.JS, true},
		{"csharp", "file:///a.cs", corpus.DotNet, true},
		{"shellscript", "file:///a.sh", corpus.Curl, true},
		{"http", "file:///a.http", corpus.Curl, true},
		{"", "file:///a.rb", corpus.Ruby, true},
		{"plaintext", "file:///Main.java", corpus.Java, true},
		{"plaintext", "file:///notes.txt", "", false},
		{"", "untitled:Untitled-1", "", false},
	} {
		got, ok := detectLanguage(tc.id, uriOf(tc.file))
		if got != tc.want || ok != tc.ok {
			t.Errorf("detectLanguage(%q, %s) = %q %v, want %q %v", tc.id, tc.file, got, ok, tc.want, tc.ok)
		}
	}
}

func uriOf(s string) uri.URI { return uri.MustParse(s) }
