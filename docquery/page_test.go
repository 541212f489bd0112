package docquery

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

func TestNormalizePath(t *testing.T) {
	tests := []struct{ in, path, anchor string }{
		{"sso", "sso", ""},
		{"  /sso/  ", "sso", ""},
		{"https://workos.com/docs/sso#callback", "sso", "callback"},
		{"http://workos.com/docs/sso?utm=x#callback", "sso", "callback"},
		{"https://www.workos.com/docs/reference/authkit/user/create", "reference/authkit/user/create", ""},
		{"/docs/reference/index.mdx", "reference", ""},
		{"docs/events.md", "events", ""},
		{"index", "", ""},
		{"", "", ""},
		{"sso#  callback ", "sso", "callback"},
	}
	for _, tt := range tests {
		p, a := NormalizePath(tt.in)
		if p != tt.path || a != tt.anchor {
			t.Errorf("NormalizePath(%q) = %q, %q; want %q, %q", tt.in, p, a, tt.path, tt.anchor)
		}
	}
}

func TestResolvePage(t *testing.T) {
	c := corpustest.Corpus(t)
	tests := []struct {
		ref    string
		page   string // "" for none
		anchor string
		alias  bool
	}{
		{"sso", "sso", "", false},
		{"https://workos.com/docs/sso#callback", "sso", "callback", false},
		{"reference/authkit/user/create", "reference/authkit/user/create", "", false},
		// Renamed areas, in both directions of the 0.2.0 rename, and inside the reference.
		{"reference/user-management/user/create", "reference/authkit/user/create", "", true},
		{"reference/usermanagement/user/create#parameters", "reference/authkit/user/create", "parameters", true},
		// area/overview and friends name the area's page.
		{"sso/overview", "sso", "", true},
		{"sso/introduction", "sso", "", true},
		{"SSO", "sso", "", true},
		{"api/pagination", "reference/pagination", "", true},
		{"sso/nothing-here", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		m := ResolvePage(c, tt.ref)
		got := ""
		if m.Page != nil {
			got = m.Page.Path
		}
		if got != tt.page || m.Anchor != tt.anchor || m.Alias != tt.alias {
			t.Errorf("ResolvePage(%q) = %q #%q alias %v; want %q #%q alias %v", tt.ref, got, m.Anchor, m.Alias, tt.page, tt.anchor, tt.alias)
		}
	}
	if m := ResolvePage(nil, "sso"); m.Page != nil || m.Path != "sso" {
		t.Errorf("nil corpus: %+v", m)
	}
}

func TestPagesUnderAndTopFolders(t *testing.T) {
	c := corpustest.Corpus(t)
	var got []string
	for _, p := range PagesUnder(c, "reference/authkit/") {
		got = append(got, p.Path)
	}
	if want := []string{"reference/authkit/user", "reference/authkit/user/create", "reference/authkit/user/list"}; !slices.Equal(got, want) {
		t.Errorf("PagesUnder = %q, want %q", got, want)
	}
	if n := len(PagesUnder(c, "")); n != len(c.Pages) {
		t.Errorf("PagesUnder(\"\") = %d pages, want all %d", n, len(c.Pages))
	}
	if got := PagesUnder(c, "reference/auth"); len(got) != 0 {
		t.Errorf("a folder is matched by whole segments only: %v", got)
	}
	if got, want := TopFolders(c), []string{"broken", "deprecations", "events", "reference", "sso"}; !slices.Equal(got, want) {
		t.Errorf("TopFolders = %q, want %q", got, want)
	}
}

func TestClosestPages(t *testing.T) {
	c := corpustest.Corpus(t)
	ix := fixtureIndex(t, c)
	tests := []struct {
		path  string
		first string
		ix    bool
	}{
		{"reference/authkit/users/create", "reference/authkit/user/create", false}, // a few edits away
		{"reference/user-managment/user/create", "reference/authkit/user/create", false},
		{"user/list", "reference/authkit/user/list", false}, // contained
		{"ssso", "sso", false},
		{"profile", "reference/sso/profile", false},
		{"single sign on", "sso", true}, // only the search finds it
	}
	for _, tt := range tests {
		var s Searcher
		if tt.ix {
			s = ix
		}
		got := ClosestPages(context.Background(), c, s, tt.path, 5)
		if len(got) == 0 || got[0].Path != tt.first {
			t.Errorf("ClosestPages(%q) = %v, want %q first", tt.path, paths(got), tt.first)
		}
		if len(got) > 5 {
			t.Errorf("ClosestPages(%q): %d pages, limit 5", tt.path, len(got))
		}
	}
	if got := ClosestPages(context.Background(), c, nil, "zzzzzzzz", 5); len(got) != 0 {
		t.Errorf("nothing close: %v", paths(got))
	}
	var nilIndex *search.Index
	if got := ClosestPages(context.Background(), c, nilIndex, "single sign on", 5); len(got) != 0 {
		t.Errorf("a nil index is not searched: %v", paths(got))
	}
}

func TestDocsURL(t *testing.T) {
	c := corpustest.Corpus(t)
	ix := fixtureIndex(t, c)
	tests := []struct{ text, url string }{
		{"https://example.com/x", "https://example.com/x"},
		{"dsync.user.created", "https://workos.com/docs/events/directory-sync"},
		{"reference/pagination", "https://workos.com/docs/reference/pagination"},
		{"sso#callback", "https://workos.com/docs/sso/callback"},
		{"reference/user-management/user/create", "https://workos.com/docs/reference/authkit/user/create"},
		{"usermanagement.CreateUser()", "https://workos.com/docs/reference/authkit/user/create"},
		{"userManagement.createUser()", "https://workos.com/docs/reference/authkit/user/create"},
		{"$userManagement->createUser", "https://workos.com/docs/reference/authkit/user/create"},
		{"POST /user_management/users", "https://workos.com/docs/reference/authkit/user/create"},
	}
	for _, tt := range tests {
		for _, s := range []Searcher{ix, nil} {
			got, ok, err := DocsURL(context.Background(), c, s, tt.text)
			if err != nil || !ok || got != tt.url {
				t.Errorf("DocsURL(%q, index %v) = %q, %v, %v; want %q", tt.text, s != nil, got, ok, err, tt.url)
			}
		}
	}
	// Words: the best search hit (with an index) or title match (without).
	if got, ok, _ := DocsURL(context.Background(), c, nil, "List users"); !ok || got != "https://workos.com/docs/reference/authkit/user/list" {
		t.Errorf("title match = %q, %v", got, ok)
	}
	if _, ok, _ := DocsURL(context.Background(), c, nil, "qqqqqq"); ok {
		t.Error("nothing matches, yet ok")
	}
	if _, ok, _ := DocsURL(context.Background(), c, nil, "  "); ok {
		t.Error("empty text, yet ok")
	}
}

func TestExactMatch(t *testing.T) {
	c := corpustest.Corpus(t)
	tests := []struct {
		query, page, event, entry string
	}{
		{"single sign on", "", "", ""},
		{"sso", "sso", "", ""},
		{"SSO overview", "", "", ""},
		{"sso/overview", "sso", "", ""},
		{"dsync.user.created", "", "dsync.user.created", ""},
		{"createUser", "", "", "create_user"},
		{"POST /user_management/users", "", "", "create_user"},
		{"create a user", "", "", ""},
	}
	for _, tt := range tests {
		ex := ExactMatch(c, tt.query)
		page, event, entry := "", "", ""
		if ex.Page != nil {
			page = ex.Page.Path
		}
		if ex.Event != nil {
			event = ex.Event.Name
		}
		if len(ex.Entries) > 0 {
			entry = ex.Entries[0].ID
		}
		if page != tt.page || event != tt.event || entry != tt.entry {
			t.Errorf("ExactMatch(%q) = page %q event %q entry %q; want %q %q %q", tt.query, page, event, entry, tt.page, tt.event, tt.entry)
		}
	}
}

func TestTitleSearch(t *testing.T) {
	c := corpustest.Corpus(t)
	res := TitleSearch(c, "create a user", search.Options{})
	if len(res) == 0 || res[0].Title != "Create a user" || res[0].Kind != search.KindPage {
		t.Fatalf("exact title first: %+v", res)
	}
	res = TitleSearch(c, "createUser", search.Options{Language: corpus.JS})
	if len(res) == 0 || res[0].Language != corpus.JS {
		t.Fatalf("entry in the language asked for: %+v", res)
	}
	for _, r := range res {
		if r.Language != "" && r.Language != corpus.JS {
			t.Errorf("entry of another language: %+v", r)
		}
	}
	res = TitleSearch(c, "user", search.Options{Kinds: []search.Kind{search.KindEvent}, Limit: 2})
	if len(res) != 2 {
		t.Fatalf("limit 2 of events: %+v", res)
	}
	for _, r := range res {
		if r.Kind != search.KindEvent {
			t.Errorf("kind %s, only events asked for", r.Kind)
		}
	}
	// Prefix before substring, shorter before longer.
	res = TitleSearch(c, "list", search.Options{Kinds: []search.Kind{search.KindPage}})
	var titles []string
	for _, r := range res {
		titles = append(titles, r.Title)
	}
	if want := []string{"List users", "List directory users"}; !slices.Equal(titles, want) {
		t.Errorf("page titles = %q, want %q", titles, want)
	}
	if TitleSearch(c, "  ", search.Options{}) != nil || TitleSearch(nil, "x", search.Options{}) != nil {
		t.Error("empty query or no corpus should find nothing")
	}
}

func TestSearchFallsBackToTitles(t *testing.T) {
	c := corpustest.Corpus(t)
	var nilIndex *search.Index
	for _, s := range []Searcher{nil, nilIndex} {
		res, err := Search(context.Background(), c, s, "Create a user", search.Options{Limit: 1})
		if err != nil || len(res) != 1 || res[0].Page != "reference/authkit/user/create" {
			t.Errorf("Search without an index = %+v, %v", res, err)
		}
	}
	res, err := Search(context.Background(), c, fixtureIndex(t, c), "invalid SAML response", search.Options{Limit: 3})
	if err != nil || len(res) == 0 {
		t.Errorf("Search with the index = %+v, %v", res, err)
	}
}

func TestHitsJSON(t *testing.T) {
	b, err := json.Marshal(Hits(nil))
	if err != nil || string(b) != "[]" {
		t.Errorf("no results = %s, %v; want []", b, err)
	}
	b, _ = json.Marshal(Hits([]search.Result{{Kind: search.KindMethod, Language: corpus.Go, Title: "t", Page: "p", URL: "u", Score: 1.5}}))
	if want := `[{"kind":"method","language":"go","title":"t","page":"p","url":"u","snippet":"","score":1.5}]`; string(b) != want {
		t.Errorf("hit = %s\nwant  %s", b, want)
	}
}

func fixtureIndex(t *testing.T, c *corpus.Corpus) *search.Index {
	t.Helper()
	ix, err := search.Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func paths(ps []*corpus.Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return strings.Join(out, ", ")
}
