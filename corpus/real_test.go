package corpus_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/fetch"
)

// realCorpus downloads (or reuses from the cache) a pinned version of @workos/mcp-docs-server from
// the npm registry. It runs only with WORKOS_LSP_INTEGRATION=1, as CI does.
func realCorpus(t *testing.T, version string) *corpus.Corpus {
	t.Helper()
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "1" {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 to test against the real docs package")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := fetch.Get(ctx, fetch.Options{Version: version})
	if err != nil {
		t.Fatalf("fetch %s: %v", version, err)
	}
	c, err := corpus.FromFetch(res)
	if err != nil {
		t.Fatalf("parse %s: %v", version, err)
	}
	return c
}

func TestRealCorpus020(t *testing.T) {
	c := realCorpus(t, "0.2.0")
	if len(c.Pages) < 500 {
		t.Errorf("pages = %d, want ≥ 500", len(c.Pages))
	}
	for _, p := range c.Problems {
		t.Errorf("problem: %s", p)
	}
	perLang := map[corpus.Language]int{}
	for _, e := range c.Entries {
		perLang[e.Language]++
	}
	t.Logf("%d pages, %d entries %v, %d events, %d changelog items", len(c.Pages), len(c.Entries), perLang, len(c.Events), len(c.Changelog))
	if len(c.Entries) < 900 {
		t.Errorf("entries = %d, want ≥ 900", len(c.Entries))
	}
	for _, l := range corpus.ReferenceLanguages {
		if perLang[l] == 0 {
			t.Errorf("no %s entries", l)
		}
	}
	share := float64(len(c.UnresolvedKeys)) / float64(c.DescriptionKeys)
	t.Logf("description keys: %d referenced, %d unresolved (%.1f%%): %v", c.DescriptionKeys, len(c.UnresolvedKeys), 100*share, c.UnresolvedKeys)
	if share >= 0.05 {
		t.Errorf("%.1f%% of description keys unresolved, want < 5%%", 100*share)
	}

	s := c.Symbols()
	module, ok := s.Module("usermanagement")
	if !ok {
		t.Fatal("no usermanagement module")
	}
	create := s.Method(corpus.Go, module, "CreateUser")
	if len(create) != 1 || create[0].DocPath != "/reference/authkit/user/create" {
		t.Fatalf("go usermanagement.CreateUser = %+v", create)
	}
	var email *corpus.Param
	for _, p := range create[0].Options() {
		if p.Key == "Email" {
			email = &p
		}
	}
	if email == nil || email.Description == "" || email.Optional {
		t.Errorf("Email parameter = %+v", email)
	}
	if ev, ok := s.Event("dsync.user.created"); !ok || ev.Description == "" {
		t.Errorf("event dsync.user.created = %+v", ev)
	}
	if got := len(s.Named(corpus.JS, "listUsers")); got < 2 {
		t.Errorf("js listUsers in %d modules, want directory sync and user management", got)
	}
	if _, ok := s.Deprecated("raw_attributes"); !ok {
		t.Errorf("raw_attributes is not known as deprecated")
	}
	if len(c.Changelog) == 0 {
		t.Errorf("no changelog items")
	}
	for _, p := range c.Pages {
		for _, leftover := range []string{"<CodeBlock", "<Event.", "<Callout", `{{ "url"`} {
			if strings.Contains(p.Markdown, leftover) {
				t.Errorf("%s: rendered Markdown still has %q", p.Path, leftover)
			}
		}
	}
}

func TestRealCorpus010(t *testing.T) {
	c := realCorpus(t, "0.1.0")
	if len(c.Pages) < 400 || len(c.Entries) == 0 {
		t.Errorf("0.1.0: %d pages, %d entries", len(c.Pages), len(c.Entries))
	}
	for _, p := range c.Problems {
		t.Errorf("problem: %s", p)
	}
}
