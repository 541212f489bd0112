package main

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQuickRun runs the whole bench in -quick mode against the fixture docs, so that CI keeps the
// bench working: it builds the binary, drives it over stdio as an editor and as an MCP server, and
// writes the report and the plot. The comparison with the original npm server needs node, npm and
// the registry, so it only runs with WORKOS_LSP_INTEGRATION=1.
func TestQuickRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server: skipped with -short")
	}
	original := os.Getenv("WORKOS_LSP_INTEGRATION") == "1"
	if original {
		if _, err := exec.LookPath("node"); err != nil {
			original = false
		}
		if _, err := exec.LookPath("npm"); err != nil {
			original = false
		}
	}
	out := t.TempDir()
	args := []string{"-quick", "-docs", filepath.Join("..", "corpus", "corpustest", "fixture", "docs"),
		"-out", out, "-cache", t.TempDir(), "-original=" + map[bool]string{true: "true", false: "false"}[original]}
	cfg, err := parseFlags(args)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	rep, err := run(ctx, cfg, testLog{t})
	if err != nil {
		t.Fatal(err)
	}

	// Every editor request kind got real answers: the bench measures answers, not empty replies.
	if rep.Editor == nil || len(rep.Editor.Cells) != len(languages) {
		t.Fatalf("editor cells = %+v, want one per language", rep.Editor)
	}
	for _, c := range rep.Editor.Cells {
		if c.Sites == 0 {
			t.Errorf("%s: no call site answered", c.Lang)
		}
		for _, kind := range []string{kindHover, kindCompletion, kindSignature} {
			if l := c.Steady[kind]; l.N == 0 || l.Empty != 0 {
				t.Errorf("%s %s: %d requests, %d empty answers", c.Lang, kind, l.N, l.Empty)
			}
			if l := c.After[kind]; l.N == 0 || l.Empty != 0 {
				t.Errorf("%s %s after edits: %d requests, %d empty answers", c.Lang, kind, l.N, l.Empty)
			}
		}
		if c.Burst <= 0 || c.After[kindEditHover].N == 0 || c.After[kindEditCompletion].N == 0 {
			t.Errorf("%s: no edit measurements", c.Lang)
		}
	}
	if rep.Warm == nil || rep.Cold == nil || rep.Warm.FirstHover <= 0 || rep.Warm.HWMKB <= 0 {
		t.Errorf("start-up = %+v / %+v", rep.Warm, rep.Cold)
	}
	if rep.Search == nil || rep.Search.Ours.NoResult == len(rep.Search.Queries) {
		t.Errorf("search: ours answered no query")
	}
	if original && (rep.Search.Theirs == nil || rep.Search.Theirs.NoResult == len(rep.Search.Queries)) {
		t.Errorf("search: the original answered no query")
	}
	if len(rep.Scale) != 1 || rep.Scale[0].Pages == 0 || rep.Scale[0].IndexMB <= 0 {
		t.Errorf("scale = %+v", rep.Scale)
	}

	md, err := os.ReadFile(filepath.Join(out, "benchmarks.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Machine and versions", "## Targets", "## Editor latency over stdio", "## Start-up and memory",
		"## Search: workos-lsp against the original server", "## Index and search at scale", "Load average"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("benchmarks.md lacks %q", want)
		}
	}
	f, err := os.Open(filepath.Join(out, "benchmarks.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.DecodeConfig(f)
	if err != nil || img.Width < 1000 || img.Height < 500 {
		t.Errorf("benchmarks.png: %+v, %v", img, err)
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestParseAnswers(t *testing.T) {
	ours := "# Search results for \"x\"\n\n3 results from the WorkOS docs 0.1.0, best first.\n\n" +
		"## 1. Widget create\nNode SDK method · *Widgets* · `reference/widgets/create`\nhttps://example.test/a\n\n> snippet\n\n" +
		"## 2. Setup\nSection of *Widgets* · `widgets#setup`\nhttps://example.test/b\n\n" +
		"## 3. Widgets\nPage `widgets`\nhttps://example.test/c\n\n" +
		"Read a page or section with workos_docs and the path shown (path#anchor for one section).\n"
	if got, want := strings.Join(parseOurs(ours), ","), "reference/widgets/create,widgets,widgets"; got != want {
		t.Errorf("parseOurs = %q, want %q", got, want)
	}
	theirs := "# Search Results for \"x\"\n\nFound 2 document(s) containing matches.\n\n" +
		"## 📄 widgets/index\n\n**Line 3:**\n```\n>>> x\n```\n\n---\n\n## 📄 reference/widgets/create\n\n**Line 9:**\n```\n>>> x\n```\n"
	if got, want := strings.Join(parseTheirs(theirs), ","), "widgets,reference/widgets/create"; got != want {
		t.Errorf("parseTheirs = %q, want %q", got, want)
	}
	for in, want := range map[string]string{"sso/index": "sso", "index": "", "sso#x": "sso", "a/b.mdx": "a/b", "/a/b/": "a/b"} {
		if got := normalizePage(in); got != want {
			t.Errorf("normalizePage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScore(t *testing.T) {
	s := score([]string{"a", "a", "b", "c"}, []string{"b", "c"})
	// Deduplicated: a, b, c → relevant at ranks 2 and 3.
	if s.Rank != 2 || s.Top1 || !s.Top3 {
		t.Errorf("score = %+v", s)
	}
	if s.NDCG <= 0.6 || s.NDCG >= 0.75 { // (1/log2 3 + 1/2) / (1 + 1/log2 3) ≈ 0.693
		t.Errorf("nDCG = %v", s.NDCG)
	}
	if s := score(nil, []string{"a"}); s.Rank != 0 || s.NDCG != 0 {
		t.Errorf("empty answer scored %+v", s)
	}
	if s := score([]string{"a"}, []string{"a"}); !s.Top1 || s.NDCG != 1 {
		t.Errorf("perfect answer scored %+v", s)
	}
}

func TestQueriesFile(t *testing.T) {
	qs, err := readQueries("queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 40 {
		t.Errorf("%d judged queries, want at least 40", len(qs))
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q.Query] {
			t.Errorf("duplicate query %q", q.Query)
		}
		seen[q.Query] = true
	}
	// With the real 0.1.0 package at hand, every judged path must be one of its pages.
	if dir := os.Getenv("WORKOS_DOCS_010_DIR"); dir != "" {
		if err := checkJudgements(qs, dir); err != nil {
			t.Error(err)
		}
	}
}

func TestGeneratedFiles(t *testing.T) {
	for _, l := range languages {
		for _, lines := range []int{500, 5000} {
			f := generate(l, lines)
			if f.lines < lines || f.lines > lines+40 {
				t.Errorf("%s %d: %d lines", l.name, lines, f.lines)
			}
			text := strings.Split(f.text, "\n")
			if got := text[f.typingLine]; got != l.indent {
				t.Errorf("%s: typing line %d = %q", l.name, f.typingLine, got)
			}
			for _, s := range f.sites {
				line := text[s.hover.Line]
				// Sites are ASCII up to the call, so UTF-16 columns are byte columns here.
				if !strings.HasPrefix(line[s.completion.Character:], s.method+"(") {
					t.Fatalf("%s: completion position %v is not before %s in %q", l.name, s.completion, s.method, line)
				}
				if line[s.signature.Character-1] != '(' {
					t.Fatalf("%s: signature position %v is not inside the parentheses in %q", l.name, s.signature, line)
				}
			}
		}
	}
}
