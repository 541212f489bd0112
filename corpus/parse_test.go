package corpus_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestParseFixturePages(t *testing.T) {
	c := corpustest.Corpus(t)
	var paths []string
	for _, p := range c.Pages {
		paths = append(paths, p.Path)
	}
	want := []string{
		"broken/bad-yaml", "broken/unknown-component", "deprecations/raw-attributes", "events",
		"reference", "reference/authkit/user", "reference/authkit/user/create", "reference/authkit/user/list",
		"reference/directory-sync/directory-user/list", "reference/pagination", "reference/sso/profile", "sso",
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("pages:\n got %q\nwant %q", paths, want)
	}
	sso, anchor, ok := c.Page("https://workos.com/docs/sso#callback")
	if !ok || anchor != "callback" || sso.Title != "Single Sign-On" {
		t.Fatalf("Page(url#anchor) = %v %q %v", sso, anchor, ok)
	}
	if _, ok := sso.Section("callback"); !ok {
		t.Errorf("sso page has no section with the explicit anchor 'callback'; sections: %+v", sso.Sections)
	}
	if got := sso.SectionURL("callback"); got != "https://workos.com/docs/sso/callback" {
		t.Errorf("SectionURL(explicit anchor) = %q", got)
	}
	if got := sso.SectionURL("introduction"); got != "https://workos.com/docs/sso#introduction" {
		t.Errorf("SectionURL(slug) = %q", got)
	}
	if sso.URL() != "https://workos.com/docs/sso" {
		t.Errorf("URL = %q", sso.URL())
	}
	// A page with no title in front matter takes its first heading.
	if p, _, _ := c.Page("reference/authkit/user/create"); p.Title != "Create a user" {
		t.Errorf("create page title = %q", p.Title)
	}
	// Broken front matter still gives a page with its body.
	if p, _, ok := c.Page("/broken/bad-yaml"); !ok || !strings.Contains(p.Markdown, "still shown") {
		t.Errorf("bad-yaml page missing or lost its body: %+v", p)
	}
}

func TestParseFixtureProblems(t *testing.T) {
	c := corpustest.Corpus(t)
	wantFragments := map[string]string{
		"broken/bad-yaml.mdx":          "front matter",
		"broken/unknown-component.mdx": "reference.js[1]",
		"reference/sso/profile.mdx":    "(noSuchShared)",
	}
	for file, frag := range wantFragments {
		found := false
		for _, p := range c.Problems {
			if p.File == file && strings.Contains(p.Message, frag) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem for %s mentioning %q; problems: %v", file, frag, c.Problems)
		}
	}
	if !slices.Equal(c.UnresolvedKeys, []string{"profile.client_id_missing"}) {
		t.Errorf("UnresolvedKeys = %q", c.UnresolvedKeys)
	}
	if c.DescriptionKeys < 10 {
		t.Errorf("DescriptionKeys = %d, want the distinct keys referenced (≥10)", c.DescriptionKeys)
	}
}

func TestEntryCounts(t *testing.T) {
	c := corpustest.Corpus(t)
	perLang := map[corpus.Language]int{}
	for _, e := range c.Entries {
		perLang[e.Language]++
	}
	for _, l := range corpus.ReferenceLanguages {
		if perLang[l] == 0 {
			t.Errorf("no entries for %s", l)
		}
	}
	// the entry after the malformed one on the same page survives
	if got := c.Symbols().ByID("fine_entry"); len(got) != 1 {
		t.Errorf("fine_entry: %d entries", len(got))
	}
}

func TestDescriptionsAndShorthands(t *testing.T) {
	c := corpustest.Corpus(t)
	s := c.Symbols()
	goCreate := only(t, s.Method(corpus.Go, "usermanagement", "CreateUser"))
	if goCreate.DocPath != "/reference/authkit/user/create" {
		t.Errorf("folded url = %q", goCreate.DocPath)
	}
	ctx := goCreate.Parameters[0]
	if ctx.Key != "ctx" || ctx.Type != "context.Context" || !strings.Contains(ctx.Description, "](https://pkg.go.dev/context)") {
		t.Errorf("(ctx) shorthand = %+v", ctx)
	}
	opts := goCreate.Options()
	if len(opts) != 4 || opts[1].Key != "Email" || opts[1].Description != "Fixture text — the primary email address of the user." || opts[1].Optional {
		t.Errorf("go CreateUser options = %+v", opts)
	}
	if got := goCreate.Returns; len(got) != 2 || got[0].Type != "usermanagement.User" ||
		!strings.Contains(got[0].Description, "(https://workos.com/docs/reference/authkit/user)") || got[1].Key != "err" {
		t.Errorf("returns = %+v", got)
	}

	jsCreate := only(t, s.Method(corpus.JS, "usermanagement", "createUser"))
	verified := jsCreate.Options()[3]
	if verified.Key != "emailVerified" || !strings.Contains(verified.Description, "https://workos.com/docs/authkit/email-verification") {
		t.Errorf("folded multi-paragraph description = %+v", verified)
	}
	if r := jsCreate.Returns; len(r) != 1 || r[0].Type != "User" || r[0].Key != "" {
		t.Errorf("(User) return = %+v", r)
	}
	// Shorthands to shared pagination entries, inside unwrapped properties too.
	jsList := only(t, s.Method(corpus.JS, "usermanagement", "listUsers"))
	if o := jsList.Options(); len(o) != 2 || o[0].Key != "limit" || o[0].Type != "number" || !o[0].Optional || o[0].Description == "" {
		t.Errorf("js listUsers options = %+v", o)
	}
	netList := only(t, s.Method(corpus.DotNet, "usermanagement", "ListUsers"))
	if p := netList.Parameters; len(p) != 2 || p[1].Key != "cancellationToken" || p[1].Description == "" {
		t.Errorf("dotnet ListUsers params = %+v", p)
	}
	// Unresolved description keys show nothing rather than the raw key.
	prof := only(t, s.Method(corpus.JS, "sso", "getProfileAndToken"))
	if d := prof.Options()[1].Description; d != "" {
		t.Errorf("unresolved key rendered as %q", d)
	}
}

func TestEventsAndChangelog(t *testing.T) {
	c := corpustest.Corpus(t)
	ev, ok := c.Symbols().Event("dsync.user.deleted")
	if !ok || ev.Description != "Fixture text — sent when a directory removes a user." || ev.URL() != "https://workos.com/docs/events/directory-sync" {
		t.Fatalf("event = %+v (url %s)", ev, ev.URL())
	}
	names := []string{}
	for _, e := range c.Symbols().Events() {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, []string{"dsync.user.created", "dsync.user.deleted", "user.created"}) {
		t.Errorf("events = %q", names)
	}
	if len(c.Changelog) != 2 || c.Changelog[0].Title != "Fixture feature two" {
		t.Errorf("changelog = %+v", c.Changelog)
	}
}

func only(t *testing.T, entries []*corpus.Entry) *corpus.Entry {
	t.Helper()
	if len(entries) != 1 {
		var titles []string
		for _, e := range entries {
			titles = append(titles, string(e.Language)+":"+e.Title)
		}
		t.Fatalf("want exactly one entry, got %d: %q", len(entries), titles)
	}
	return entries[0]
}
