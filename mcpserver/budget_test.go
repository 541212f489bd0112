package mcpserver

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/docset/docsettest"
)

// longAnswer is Markdown of about n bytes: paragraphs, lists and code blocks that are long enough to
// be cut through.
func longAnswer(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "## Section %d\n\nParagraph %d says something about the call — ünïcode ✓ included.\n\n", i, i)
		case 1:
			for j := 0; j < 5; j++ {
				fmt.Fprintf(&b, "- item %d.%d `code`\n", i, j)
			}
			b.WriteString("\n")
		default:
			b.WriteString("```go\n")
			for j := 0; j < 30; j++ {
				fmt.Fprintf(&b, "x%d := call(%d) // line %d of block %d\n", j, j, j, i)
			}
			b.WriteString("```\n\n")
		}
	}
	return b.String()
}

var partNote = regexp.MustCompile(`(?s)\n\n---\n\*Part (\d+) of (\d+) of this answer[^\n]*\*\n$`)

func TestPaginate(t *testing.T) {
	text := longAnswer(20_000)
	const limit = 3_000
	first, err := paginate(text, 1, limit)
	if err != nil {
		t.Fatal(err)
	}
	m := partNote.FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("part 1 does not end with a part note:\n%s", first[max(0, len(first)-300):])
	}
	var n int
	fmt.Sscan(m[2], &n)
	if n < 7 {
		t.Fatalf("%d parts for %d bytes at %d a part", n, len(text), limit)
	}
	var joined strings.Builder
	for page := 1; page <= n; page++ {
		part, err := paginate(text, page, limit)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if len(part) > limit {
			t.Errorf("page %d is %d bytes, over %d", page, len(part), limit)
		}
		if strings.Count(part, "```")%2 != 0 {
			t.Errorf("page %d leaves a code block open:\n%s", page, part)
		}
		note := partNote.FindStringSubmatch(part)
		if note == nil || note[1] != fmt.Sprint(page) || note[2] != fmt.Sprint(n) {
			t.Fatalf("page %d: note %v", page, note)
		}
		if page < n && !strings.Contains(part, fmt.Sprintf("`page: %d`", page+1)) {
			t.Errorf("page %d does not say how to continue", page)
		}
		if page == n && !strings.Contains(part, "the end") {
			t.Errorf("the last page does not say it is the end")
		}
		joined.WriteString(partNote.ReplaceAllString(part, "") + "\n")
	}
	// Nothing lost: every line of the answer is in some part, in order.
	got := joined.String()
	at := 0
	for _, line := range strings.Split(text, "\n") {
		if line == "" || line == "```" || line == "```go" {
			continue
		}
		i := strings.Index(got[at:], line)
		if i < 0 {
			t.Fatalf("line %q lost (or out of order)", line)
		}
		at += i + len(line)
	}
	if _, err := paginate(text, n+1, limit); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("has %d part(s)", n)) {
		t.Errorf("a page past the end: %v", err)
	}
	// An answer that fits is returned as it is.
	if got, err := paginate("short\n", 1, limit); err != nil || got != "short\n" {
		t.Errorf("short answer: %q %v", got, err)
	}
	// A single line longer than a part is cut, not dropped.
	huge := strings.Repeat("é", 5_000) + "\n"
	var total int
	for page := 1; ; page++ {
		part, err := paginate(huge, page, limit)
		if err != nil {
			break
		}
		total += strings.Count(partNote.ReplaceAllString(part, ""), "é")
	}
	if total != 5_000 {
		t.Errorf("long line: %d of 5000 runes kept", total)
	}
}

func TestPageArgument(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	text, isErr := call(t, cs, "workos_docs", map[string]any{"path": "sso", "page": 1})
	if isErr || strings.Contains(text, "Part 1 of") {
		t.Errorf("a short page with page 1: isError %v\n%s", isErr, text)
	}
	text, isErr = call(t, cs, "workos_docs", map[string]any{"path": "sso", "page": 2})
	if !isErr || !strings.Contains(text, "has 1 part(s)") {
		t.Errorf("page 2 of a one-part answer: isError %v\n%s", isErr, text)
	}
}

func TestDocsLanguage(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	text, isErr := call(t, cs, "workos_docs", map[string]any{"path": "reference/authkit/user/create", "language": "python"})
	if isErr {
		t.Fatal(text)
	}
	mustContain(t, "python", text, "### Python — `user_management.create_user()`", "- `email` `str` · required", "Also in: ")
	mustNotContain(t, "python", text, "### Go — ", "### Node — ")
	text, isErr = call(t, cs, "workos_docs", map[string]any{"path": "reference/authkit/user/create", "language": "cobol"})
	if !isErr || !strings.Contains(text, "Unknown language") {
		t.Errorf("unknown language: isError %v\n%s", isErr, text)
	}
}

// TestRealAnswersWithinBudget: on the real docs, every page in every SDK (and all SDKs together)
// fits the budget, or comes in parts that each do; and a reference page has the asked SDK's
// parameters.
func TestRealAnswersWithinBudget(t *testing.T) {
	set := docsettest.Real(t, "0.2.0")
	cs := connect(t, Ready(set))
	largest, largestWhat := 0, ""
	for _, p := range set.Corpus.Pages {
		for _, lang := range []string{"", "go"} {
			if lang != "" && len(p.Entries) == 0 {
				continue
			}
			for page := 1; ; page++ {
				text, isErr := call(t, cs, "workos_docs", map[string]any{"path": p.Path, "language": lang, "page": page})
				if isErr {
					if page == 1 {
						t.Errorf("%s: %s", p.Path, text)
					}
					break
				}
				if n := estimateTokens(text); n > largest {
					largest, largestWhat = n, p.Path+" "+lang
				}
				if estimateTokens(text) > maxAnswerTokens {
					t.Errorf("%s %s page %d: ~%d tokens", p.Path, lang, page, estimateTokens(text))
				}
				if !strings.Contains(text, "Continue: the same call with") {
					break
				}
			}
		}
	}
	t.Logf("largest workos_docs answer: ~%d tokens (%s)", largest, largestWhat)
	text, _ := call(t, cs, "workos_docs", map[string]any{"path": "reference/sso/profile/get-profile-and-token", "language": "go"})
	mustContain(t, "get-profile-and-token go", text, "### Go — `sso.GetProfileAndToken()`", "`opts` `sso.GetProfileAndTokenOpts` · required",
		"  - `Code` `string` · required — The authorization value", "`AccessToken` `string`")
	mustNotContain(t, "get-profile-and-token go", text, "### Python — ")
}

// TestEveryToolTakesPage: every tool's answer is budgeted, so every tool offers the page argument.
func TestEveryToolTakesPage(t *testing.T) {
	docs := Ready(testDocs(t))
	docs.Workspace = []string{t.TempDir()} // so that workos_usage is offered too
	cs := connect(t, docs)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tools) != 6 {
		t.Errorf("%d tools, want 6 with workos_usage", len(res.Tools))
	}
	for _, tool := range res.Tools {
		args, _, _ := schemaArgs(t, tool)
		if !slices.Contains(args, "page") {
			t.Errorf("%s has no page argument: %v", tool.Name, args)
		}
	}
}
