package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func fixtureIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := Build(context.Background(), corpustest.Corpus(t))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func mustSearch(t *testing.T, ix *Index, q string, opts Options) []Result {
	t.Helper()
	res, err := ix.Search(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func describe(rs []Result) string {
	var b strings.Builder
	for i, r := range rs {
		b.WriteString("\n  ")
		b.WriteString(strings.Join([]string{string(r.Kind), string(r.Language), r.Title, r.URL}, " | "))
		if i == 9 {
			break
		}
	}
	return b.String()
}

func TestIdentifierVariantsFindCreateUser(t *testing.T) {
	ix := fixtureIndex(t)
	for _, q := range []string{
		"createUser", "create_user", "CreateUser", "user_management.create_user", "create user",
		"userManagement.createUser()", "$userManagement->createUser", "UserManagement::create_user",
		"usermanagement.CreateUser", "workos.userManagement.createUser", "createuser",
	} {
		res := mustSearch(t, ix, q, Options{Limit: 3})
		if len(res) == 0 {
			t.Errorf("%q: no results", q)
			continue
		}
		top := res[0]
		if top.Page != "reference/authkit/user/create" || !top.Kind.IsEntry() && top.Kind != KindPage && top.Kind != KindSection {
			t.Errorf("%q: top result is not the create-user entry:%s", q, describe(res))
		}
		if q != "create user" && q != "createuser" && !top.Kind.IsEntry() {
			t.Errorf("%q: top result is not an entry:%s", q, describe(res))
		}
	}
}

func TestIdentifierAnalysis(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(identAnalyzer)
	terms := func(s string) string {
		var out []string
		for _, tok := range a.Analyze([]byte(s)) {
			out = append(out, string(tok.Term))
		}
		return strings.Join(out, " ")
	}
	for in, want := range map[string]string{
		"createUser":                    "create user createuser",
		"CreateUser":                    "create user createuser",
		"create_user":                   "create user createuser",
		"user_management.create_user":   "user management usermanagement create user createuser",
		"$userManagement->createUser()": "user management usermanagement create user createuser",
		"UserManagement::listUsers":     "user management usermanagement list user listuser",
		"HTTPClient":                    "http client httpclient",
		"dsync.user.created":            "dsync user created",
		"getSignInUrl":                  "get sign in url getsigninurl",
		"oauth2":                        "oauth2",
	} {
		if got := terms(in); got != want {
			t.Errorf("analyze %q = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"$userManagement->createUser()": "usermanagement.createuser",
		"user_management.create_user()": "usermanagement.createuser",
		"UserManagement::create_user":   "usermanagement.createuser",
		"dsync.user.created":            "dsync.user.created",
	} {
		if got := normalizeIdentifier(in); got != want {
			t.Errorf("normalizeIdentifier(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLanguageFilter(t *testing.T) {
	ix := fixtureIndex(t)
	for _, lang := range []corpus.Language{corpus.Python, corpus.Go, corpus.JS} {
		res := mustSearch(t, ix, "create user", Options{Language: lang, Limit: 20})
		sawEntry := false
		for _, r := range res {
			if r.Kind.IsEntry() {
				sawEntry = true
				if r.Language != lang {
					t.Errorf("language %s: got a %s entry %q", lang, r.Language, r.Title)
				}
			}
		}
		if !sawEntry {
			t.Errorf("language %s: no entry found:%s", lang, describe(res))
		}
		if len(res) > 0 && (res[0].Language != lang || res[0].Page != "reference/authkit/user/create") {
			t.Errorf("language %s: top result:%s", lang, describe(res))
		}
	}
	// Pages stay when filtering by language.
	res := mustSearch(t, ix, "single sign-on", Options{Language: corpus.Go})
	if len(res) == 0 || (res[0].Kind != KindPage && res[0].Kind != KindSection) {
		t.Errorf("pages dropped by the language filter:%s", describe(res))
	}
}

func TestKindFilter(t *testing.T) {
	ix := fixtureIndex(t)
	res := mustSearch(t, ix, "user", Options{Kinds: []Kind{KindEvent}, Limit: 20})
	if len(res) == 0 {
		t.Fatal("no events")
	}
	for _, r := range res {
		if r.Kind != KindEvent {
			t.Errorf("kind filter let through %s %q", r.Kind, r.Title)
		}
	}
	res = mustSearch(t, ix, "list users", Options{Kinds: []Kind{KindMethod, KindEndpoint}, Language: corpus.Curl})
	for _, r := range res {
		if r.Kind != KindEndpoint || r.Language != corpus.Curl {
			t.Errorf("kinds+language filter let through %s %s %q", r.Kind, r.Language, r.Title)
		}
	}
}

func TestEventExactNameRanksFirst(t *testing.T) {
	ix := fixtureIndex(t)
	for _, q := range []string{"dsync.user.created", "user.created", "dsync.user.deleted"} {
		res := mustSearch(t, ix, q, Options{})
		if len(res) == 0 || res[0].Kind != KindEvent || res[0].Title != q {
			t.Errorf("%q: event not first:%s", q, describe(res))
			continue
		}
		if !strings.HasPrefix(res[0].URL, corpus.SiteURL+"/events/") {
			t.Errorf("%q: URL %q", q, res[0].URL)
		}
	}
	res := mustSearch(t, ix, "dsync user created", Options{Limit: 3})
	found := false
	for _, r := range res {
		found = found || (r.Kind == KindEvent && r.Title == "dsync.user.created")
	}
	if !found {
		t.Errorf("words did not find the event:%s", describe(res))
	}
}

func TestResultsAreWellFormed(t *testing.T) {
	ix := fixtureIndex(t)
	for _, q := range []string{"invalid SAML response", "create user", "dsync.user.created", "pagination", "sso"} {
		res := mustSearch(t, ix, q, Options{Limit: 10})
		if len(res) == 0 {
			t.Errorf("%q: no results", q)
		}
		seen := map[string]bool{}
		for i, r := range res {
			if r.Title == "" || r.URL == "" || r.Kind == "" {
				t.Errorf("%q: incomplete result %+v", q, r)
			}
			if !strings.HasPrefix(r.URL, corpus.SiteURL+"/") {
				t.Errorf("%q: URL %q", q, r.URL)
			}
			if r.Anchor != "" && !strings.HasSuffix(r.URL, "#"+r.Anchor) && !strings.HasSuffix(r.URL, "/"+r.Anchor) {
				t.Errorf("%q: anchor %q not in URL %q", q, r.Anchor, r.URL)
			}
			if i > 0 && r.Score > res[i-1].Score {
				t.Errorf("%q: results out of order:%s", q, describe(res))
			}
			key := string(r.Kind) + " " + r.Title + " " + r.URL
			if seen[key] {
				t.Errorf("%q: duplicate result %s:%s", q, key, describe(res))
			}
			seen[key] = true
			checkPlain(t, q, r.Snippet)
		}
	}
}

func checkPlain(t *testing.T, q, s string) {
	t.Helper()
	if len(s) > 260 {
		t.Errorf("%q: snippet of %d bytes", q, len(s))
	}
	for _, bad := range []string{"<", "](", "**", "`", "{{", "\n", "  "} {
		if strings.Contains(s, bad) {
			t.Errorf("%q: snippet is not plain text (%q): %q", q, bad, s)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("filler words here. ", 30) + "The magic auth code expires after ten minutes. " + strings.Repeat("more filler text. ", 30)
	s := snippet(text, snippetTerms("magic auth code expired"), snippetLen)
	if !strings.Contains(s, "magic auth code expires") {
		t.Errorf("snippet misses the match: %q", s)
	}
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || len(s) > snippetLen+10 {
		t.Errorf("snippet not cut around the match: %q", s)
	}
	// Offsets stay valid around letters whose lower case is longer, and cuts fall between runes.
	uni := strings.Repeat("İstanbul 日本語 👩‍💻 ", 40) + "magic auth" + strings.Repeat(" Ünïcödé 😀", 40)
	s = snippet(uni, snippetTerms("magic auth"), snippetLen)
	if !utf8.ValidString(s) || !strings.Contains(s, "magic auth") {
		t.Errorf("unicode snippet: %q", s)
	}
	for i := 0; i < 300; i += 7 {
		if s := snippet(uni[:len(uni)-i], snippetTerms("stanbul 😀 x"), snippetLen); !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 snippet %q", s)
		}
	}
	if got := snippet("short", nil, snippetLen); got != "short" {
		t.Errorf("short text changed: %q", got)
	}
	if got := plainText("**Bold** `code` [link](/x) <b>x</b>\n\n- item\n# Head"); got != "Bold code link x item Head" {
		t.Errorf("plainText = %q", got)
	}
}

func TestCancelledSearch(t *testing.T) {
	ix := fixtureIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "create user", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Search with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := Build(ctx, corpustest.Corpus(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("Build with a cancelled context: %v, want context.Canceled", err)
	}
	if _, err := Open(ctx, corpustest.Corpus(t), filepath.Join(t.TempDir(), "idx")); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestEmptyQuery(t *testing.T) {
	ix := fixtureIndex(t)
	if res := mustSearch(t, ix, "   ", Options{}); len(res) != 0 {
		t.Errorf("empty query gave %d results", len(res))
	}
	if res := mustSearch(t, ix, "zzqxv", Options{}); len(res) != 0 {
		t.Errorf("nonsense query gave results:%s", describe(res))
	}
}

func openFixture(t *testing.T, c *corpus.Corpus, dir string) *Index {
	t.Helper()
	ix, err := Open(context.Background(), c, dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ix
}

func checkAnswers(t *testing.T, ix *Index) {
	t.Helper()
	res := mustSearch(t, ix, "createUser", Options{Limit: 3})
	if len(res) == 0 || res[0].Page != "reference/authkit/user/create" {
		t.Errorf("index does not answer:%s", describe(res))
	}
}

func TestOpenCachesAndReuses(t *testing.T) {
	c := corpustest.Corpus(t)
	dir := filepath.Join(t.TempDir(), "index", c.Digest)
	ix := openFixture(t, c, dir)
	if !ix.Rebuilt() {
		t.Error("first Open did not build")
	}
	checkAnswers(t, ix)
	// A second reader may open the cache while the first holds it.
	ix2 := openFixture(t, c, dir)
	if ix2.Rebuilt() {
		t.Error("second Open rebuilt a valid cache")
	}
	checkAnswers(t, ix2)
	if err := ix2.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("leftovers beside the index: %v", entries)
	}
}

func TestOpenRebuildsCorruptIndex(t *testing.T) {
	c := corpustest.Corpus(t)
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string)
	}{
		{"garbage in every index file", func(t *testing.T, dir string) {
			filepath.WalkDir(filepath.Join(dir, bleveDir), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					fi, _ := d.Info()
					garbage := []byte(strings.Repeat("garbage!", int(fi.Size()/8)+1))
					if err := os.WriteFile(p, garbage, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return nil
			})
		}},
		{"truncated segment", func(t *testing.T, dir string) {
			segs, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files")
			}
			for _, s := range segs {
				if err := os.Truncate(s, 100); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"index folder gone", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, bleveDir))
		}},
		{"meta unreadable", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, metaFile), []byte("{not json"), 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			ix := openFixture(t, c, dir)
			ix.Close()
			tc.damage(t, dir)
			ix = openFixture(t, c, dir)
			defer ix.Close()
			if !ix.Rebuilt() {
				t.Error("damaged index was not rebuilt")
			}
			checkAnswers(t, ix)
		})
	}
}

func TestOpenRebuildsStaleIndex(t *testing.T) {
	c := corpustest.Corpus(t)
	dir := filepath.Join(t.TempDir(), "idx")
	openFixture(t, c, dir).Close()

	// Another mapping version.
	rewriteMeta(t, dir, func(m *Meta) { m.MappingVersion = MappingVersion - 1 })
	ix := openFixture(t, c, dir)
	if !ix.Rebuilt() {
		t.Error("index of an older mapping version was reused")
	}
	checkAnswers(t, ix)
	ix.Close()

	// Another corpus snapshot.
	other := *c
	other.Version, other.Digest = "9.9.9", "other"
	ix = openFixture(t, &other, dir)
	if !ix.Rebuilt() {
		t.Error("index of another corpus version was reused")
	}
	ix.Close()
	ix = openFixture(t, &other, dir)
	if ix.Rebuilt() {
		t.Error("fresh index rebuilt")
	}
	ix.Close()
}

func rewriteMeta(t *testing.T, dir string, edit func(*Meta)) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		t.Fatal(err)
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	data, _ = json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, metaFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSpellingPicksTheSDK(t *testing.T) {
	ix := fixtureIndex(t)
	for q, want := range map[string]corpus.Language{
		"createUser":                  corpus.JS,
		"create_user":                 corpus.Python,
		"CreateUser":                  corpus.Go,
		"UserManagement.create_user":  corpus.Ruby,
		"$userManagement->createUser": corpus.PHP,
		"create user":                 corpus.JS,
	} {
		res := mustSearch(t, ix, q, Options{Limit: 3})
		if len(res) == 0 || res[0].Language != want {
			t.Errorf("%q: want the %s entry first:%s", q, want, describe(res))
		}
	}
}

func TestConcurrentSearches(t *testing.T) {
	c := corpustest.Corpus(t)
	ix := openFixture(t, c, filepath.Join(t.TempDir(), "idx"))
	defer ix.Close()
	queries := []string{"createUser", "dsync.user.created", "invalid SAML response", "list users", "pagination"}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				q := queries[(g+i)%len(queries)]
				res, err := ix.Search(context.Background(), q, Options{Limit: 5, Language: corpus.SDKLanguages[g%len(corpus.SDKLanguages)]})
				if err == nil && len(res) == 0 {
					err = fmt.Errorf("%q: no results", q)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestConcurrentOpenShareOneIndex(t *testing.T) {
	c := corpustest.Corpus(t)
	dir := filepath.Join(t.TempDir(), "index", "fixture")
	var wg sync.WaitGroup
	ixs := make([]*Index, 4)
	errs := make([]error, 4)
	for i := range ixs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ixs[i], errs[i] = Open(context.Background(), c, dir)
		}(i)
	}
	wg.Wait()
	for i, ix := range ixs {
		if errs[i] != nil {
			t.Fatalf("Open %d: %v", i, errs[i])
		}
		checkAnswers(t, ix)
	}
	for _, ix := range ixs {
		ix.Close()
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("leftovers beside the index: %v", entries)
	}
}

func TestMappingHasOnlyDeclaredFields(t *testing.T) {
	ix := fixtureIndex(t)
	fields, err := ix.idx.Fields()
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{"_id": true}
	for _, f := range []string{fKind, fLanguage, fTitle, fContext, fSummary, fHeadings, fBody, fIdentifiers, fExact,
		fDisplay, fPage, fAnchor, fURL, fText, fSpelling, fStatus, fCompact} {
		declared[f] = true
	}
	for _, f := range fields {
		if !declared[f] && !strings.HasPrefix(f, "_") {
			t.Errorf("undeclared indexed field %q", f)
		}
		if f == "_all" {
			t.Errorf("the _all field is indexed")
		}
	}
}

func TestCloseReleasesFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts /proc/self/fd")
	}
	c := corpustest.Corpus(t)
	dir := filepath.Join(t.TempDir(), "idx")
	openFixture(t, c, dir).Close() // build once
	countFDs := func() int {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(fds)
	}
	before := countFDs()
	ix := openFixture(t, c, dir)
	checkAnswers(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if after := countFDs(); after > before {
		t.Errorf("%d file descriptors before Open, %d after Close", before, after)
	}
}

func TestAcronymExpansion(t *testing.T) {
	docs := fstest.MapFS{
		"intro.mdx": {Data: []byte("---\ntitle: Getting in\n---\n\n## Overview\n\nStaff sign in with Single Sign-On (SSO) or an Identity Provider (IdP) of their choice.\n")},
		"login.mdx": {Data: []byte("---\ntitle: Single Sign-On\n---\n\n## How it works\n\nThe company directory vouches for each person.\n")},
		"other.mdx": {Data: []byte("---\ntitle: Something else\n---\n\n## Notes\n\nNothing about logging in here (NAH).\n")},
	}
	c, err := corpus.Parse(corpus.Source{Version: "t", Digest: "t", Docs: docs})
	if err != nil {
		t.Fatal(err)
	}
	got := acronyms(c)
	want := map[string]string{"sso": "single sign-on", "idp": "identity provider"}
	if len(got) != len(want) || got["sso"] != want["sso"] || got["idp"] != want["idp"] {
		t.Errorf("acronyms = %v, want %v", got, want)
	}
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"SSO", "sso"} {
		res := mustSearch(t, ix, q, Options{})
		if len(res) == 0 || res[0].Page != "login" {
			t.Errorf("%q: the page that spells it out is not first:%s", q, describe(res))
		}
	}
	// The table survives the trip to disk.
	dir := filepath.Join(t.TempDir(), "idx")
	openFixture(t, c, dir).Close()
	ix2 := openFixture(t, c, dir)
	defer ix2.Close()
	if ix2.Rebuilt() || ix2.acronyms["sso"] != "single sign-on" {
		t.Errorf("cached index: rebuilt=%v acronyms=%v", ix2.Rebuilt(), ix2.acronyms)
	}
}

func TestNoSnippets(t *testing.T) {
	ix := fixtureIndex(t)
	with := mustSearch(t, ix, "create user", Options{Limit: 5})
	without := mustSearch(t, ix, "create user", Options{Limit: 5, NoSnippets: true})
	if len(with) == 0 || len(with) != len(without) {
		t.Fatalf("results: %d with snippets, %d without", len(with), len(without))
	}
	for i := range with {
		if without[i].Snippet != "" || without[i].URL != with[i].URL || without[i].Title != with[i].Title {
			t.Errorf("result %d: %+v vs %+v", i, without[i], with[i])
		}
		if with[i].Snippet == "" {
			t.Errorf("result %d has no snippet by default", i)
		}
	}
}
