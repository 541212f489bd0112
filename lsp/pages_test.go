package lsp

import (
	"os"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestPageCache(t *testing.T) {
	c := corpustest.Corpus(t)
	dir := t.TempDir()
	pc := newPageCache(dir, "0.2.0", c)
	for _, p := range c.Pages {
		u, line, err := pc.location(p, "", "")
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(u.FsPath())
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if !strings.HasPrefix(lines[line], "#") {
			t.Errorf("%s: line %d is %q, want the first heading", p.Path, line, lines[line])
		}
		if strings.Count(string(b), "# "+p.Title+"\n") > 1 {
			t.Errorf("%s: title heading repeated:\n%s", p.Path, b)
		}
		if !strings.Contains(string(b), p.URL()) {
			t.Errorf("%s: no public URL in the page file", p.Path)
		}
		for _, sec := range p.Sections {
			if sec.Heading == "" {
				continue
			}
			_, l, _ := pc.location(p, sec.Anchor, "")
			if got := lines[l]; !strings.Contains(strings.ReplaceAll(got, "`", ""), sec.Heading) {
				t.Errorf("%s#%s: line %d is %q, want heading %q", p.Path, sec.Anchor, l, got, sec.Heading)
			}
		}
	}
	// Same version again: the files are reused as they are.
	p := c.Pages[0]
	u, _, _ := pc.location(p, "", "")
	st, _ := os.Stat(u.FsPath())
	pc2 := newPageCache(dir, "0.2.0", c)
	u2, _, err := pc2.location(p, "", "")
	if err != nil || u2 != u {
		t.Fatalf("second cache: %v %v", u2, err)
	}
	st2, _ := os.Stat(u2.FsPath())
	if !st2.ModTime().Equal(st.ModTime()) {
		t.Error("page rewritten for the same version")
	}
	if !strings.Contains(u.FsPath(), "/pages/0.2.0/") {
		t.Errorf("page path %s is not under pages/<version>", u.FsPath())
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{"..": "_", "": "_", "0.2.0": "0.2.0", "a/b": "a_b", "x y": "x_y"} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPageCacheLanguageFirst: a reference page opened from a file in one SDK lists that SDK's entries
// first, in a file of its own; pages without entries share one file.
func TestPageCacheLanguageFirst(t *testing.T) {
	c := corpustest.Corpus(t)
	pc := newPageCache(t.TempDir(), "0.2.0", c)
	p, _, _ := c.Page("reference/authkit/user/create")
	uAll, _, err := pc.location(p, "", "")
	if err != nil {
		t.Fatal(err)
	}
	uGo, _, err := pc.location(p, "", corpus.Go)
	if err != nil || uGo == uAll {
		t.Fatalf("Go page %s (all: %s) %v", uGo, uAll, err)
	}
	b, _ := os.ReadFile(uGo.FsPath())
	md := string(b)
	goAt, curlAt := strings.Index(md, "### Go — "), strings.Index(md, "### cURL — ")
	if goAt < 0 || curlAt < 0 || goAt > curlAt || !strings.Contains(md, "`Email` `string` · required") {
		t.Errorf("Go first page:\n%s", md)
	}
	guide, _, _ := c.Page("sso")
	u1, _, _ := pc.location(guide, "", "")
	u2, _, _ := pc.location(guide, "", corpus.Python)
	if u1 != u2 {
		t.Errorf("a page without entries got two files: %s %s", u1, u2)
	}
}

// TestPagesFollowTheCacheSetting: without Options.CacheDir, rendered pages go under WORKOS_LSP_CACHE
// like the docs, not the user cache dir.
func TestPagesFollowTheCacheSetting(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("WORKOS_LSP_CACHE", dir)
	if got := newServer(Options{}).opts.CacheDir; got != dir {
		t.Errorf("pages cache = %q, want WORKOS_LSP_CACHE %q", got, dir)
	}
}
