package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// runCLI runs the command in-process on the fixture docs with a private cache.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("WORKOS_LSP_CACHE", t.TempDir())
	t.Setenv("WORKOS_LSP_DOCS", fixtureDocs)
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestSearchCommand(t *testing.T) {
	out, errOut, code := runCLI(t, "search", "create user", "--lang", "go", "--limit", "3")
	if code != 0 || !strings.Contains(out, "usermanagement.CreateUser()") || !strings.Contains(out, "https://workos.com/docs/reference/authkit/user/create") {
		t.Fatalf("code %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if strings.Contains(out, "userManagement.createUser()") {
		t.Errorf("--lang go kept a Node entry:\n%s", out)
	}

	out, _, code = runCLI(t, "search", "--json", "dsync.user.created")
	var res struct {
		Query   string
		Results []struct{ Kind, Title, URL string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Results) == 0 {
		t.Fatalf("json search: code %d, %s", code, out)
	}
	if r := res.Results[0]; r.Kind != "event" || r.Title != "dsync.user.created" || r.URL != "https://workos.com/docs/events/directory-sync" {
		t.Errorf("first result = %+v", r)
	}
}

func TestShowCommand(t *testing.T) {
	out, _, code := runCLI(t, "show", "https://workos.com/docs/sso#callback")
	if code != 0 || !strings.Contains(out, "## Handle the callback") || strings.Contains(out, "## Introduction") ||
		!strings.Contains(out, "Source: https://workos.com/docs/sso/callback") {
		t.Fatalf("show section: code %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "show", "sso")
	if code != 0 || !strings.HasPrefix(out, "# Single Sign-On") || strings.Contains(out, "<Callout") {
		t.Errorf("show page: code %d\n%s", code, out)
	}
	_, errOut, code := runCLI(t, "show", "reference/authkit/users/create")
	if code != 1 || !strings.Contains(errOut, "no page") || !strings.Contains(errOut, "reference/authkit/user/create") {
		t.Errorf("unknown page: code %d, stderr %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "show", "sso#nope")
	if code != 1 || !strings.Contains(errOut, "callback") {
		t.Errorf("unknown section: code %d, stderr %s", code, errOut)
	}
}

// The paths MCP's workos_docs resolves resolve in `show` too: renamed areas and area/overview.
func TestShowAliases(t *testing.T) {
	tests := []struct{ ref, heading, source string }{
		{"reference/user-management/user/create", "Create a user", "https://workos.com/docs/reference/authkit/user/create"},
		{"sso/overview", "# Single Sign-On", "https://workos.com/docs/sso"},
		{"https://workos.com/docs/sso/overview", "# Single Sign-On", "https://workos.com/docs/sso"},
		{"reference/user-management/user/create#errors", "Errors", "https://workos.com/docs/reference/authkit/user/create#errors"},
	}
	for _, tt := range tests {
		out, errOut, code := runCLI(t, "show", tt.ref)
		if code != 0 || !strings.Contains(out, tt.heading) || !strings.Contains(out, "Source: "+tt.source) {
			t.Errorf("show %s: code %d\nstdout: %s\nstderr: %s", tt.ref, code, out, errOut)
		}
	}
	out, _, code := runCLI(t, "show", "--json", "sso/overview")
	var page struct{ Path, URL, Title string }
	if code != 0 || json.Unmarshal([]byte(out), &page) != nil || page.Path != "sso" || page.URL != "https://workos.com/docs/sso" {
		t.Errorf("show --json sso/overview: code %d, %s", code, out)
	}
}

// The same two commands on the real docs (the reproduction of issue 9).
func TestShowAliasesRealDocs(t *testing.T) {
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "1" {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 to run against the real docs package")
	}
	for ref, want := range map[string]string{
		"reference/user-management/user/create": "Source: https://workos.com/docs/reference/authkit/user/create",
		"sso/overview":                          "Source: https://workos.com/docs/sso\n",
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"show", "--corpus-version", "0.2.0", "--offline", ref}, strings.NewReader(""), &out, &errOut)
		if code != 0 || !strings.Contains(out.String(), want) {
			t.Errorf("show %s: code %d, stderr %s\n%s", ref, code, errOut.String(), out.String())
		}
	}
}

func TestHoverCommand(t *testing.T) {
	out, _, code := runCLI(t, "hover", "--lang", "go", "usermanagement.CreateUser")
	for _, want := range []string{"```go\nusermanagement.CreateUser(ctx, opts)", "`Email`", "Same call in:", "WorkOS docs local"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("hover lacks %q (code %d):\n%s", want, code, out)
		}
	}
	out, _, code = runCLI(t, "hover", "--plain", "dsync.user.created")
	if code != 0 || !strings.Contains(out, "dsync.user.created") || strings.Contains(out, "**") {
		t.Errorf("plain event hover (code %d):\n%s", code, out)
	}
	_, errOut, code := runCLI(t, "hover", "--lang", "python", "not_a_call_anywhere")
	if code != 1 || !strings.Contains(errOut, "workos-lsp search") {
		t.Errorf("unknown symbol: code %d, %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "hover", "--lang", "php", "$userManagement->createUsr")
	if code != 1 || !strings.Contains(errOut, "did you mean $userManagement->createUser?") {
		t.Errorf("a typo in a known module: code %d, %s", code, errOut)
	}
}

func TestCorpusInfoCommand(t *testing.T) {
	out, _, code := runCLI(t, "corpus", "info", "--json")
	var info corpusInfo
	if code != 0 || json.Unmarshal([]byte(out), &info) != nil {
		t.Fatalf("code %d: %s", code, out)
	}
	if info.Version != "local" || info.Pages != 12 || info.EntriesPerLanguage["go"] == 0 || len(info.UnresolvedKeys) != 1 || len(info.Problems) == 0 {
		t.Errorf("info = %+v", info)
	}
	out, _, code = runCLI(t, "corpus", "info")
	if code != 0 || !strings.Contains(out, "unresolved:   profile.client_id_missing") {
		t.Errorf("text info (code %d):\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{{"search"}, {"search", "x", "--lang", "cobol"}, {"corpus"}, {"corpus", "nuke"}, {"nosuchcommand"}, {"show"}}
	for _, args := range tests {
		_, errOut, code := runCLI(t, args...)
		if code != 2 || errOut == "" {
			t.Errorf("%q: code %d, stderr %q", args, code, errOut)
		}
	}
	out, _, code := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "workos-lsp ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestMissingDocsSaysWhatToDo(t *testing.T) {
	t.Setenv("WORKOS_LSP_CACHE", t.TempDir())
	t.Setenv("WORKOS_LSP_DOCS", "")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"search", "--offline", "sso"}, strings.NewReader(""), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "corpus fetch") {
		t.Errorf("offline with an empty cache: code %d, %s", code, errOut.String())
	}
}

// TestShowReferencePage: a reference page shows its SDK entries in full, every SDK or only --lang's.
func TestShowReferencePage(t *testing.T) {
	out, errOut, code := runCLI(t, "show", "reference/authkit/user/create")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, want := range []string{"## SDK reference", "### Go — `usermanagement.CreateUser()`", "### Python — `user_management.create_user()`",
		"- `Email` `string` · required", "**Returns**"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "show", "--lang", "python", "reference/authkit/user/create")
	if code != 0 || !strings.Contains(out, "### Python — ") || strings.Contains(out, "### Go — ") || !strings.Contains(out, "Also in: ") {
		t.Errorf("show --lang python: code %d\n%s", code, out)
	}
	if _, _, code = runCLI(t, "show", "--lang", "cobol", "reference/authkit/user/create"); code == 0 {
		t.Error("an unknown --lang should fail")
	}
}

func TestShowReferencePageRealDocs(t *testing.T) {
	if os.Getenv("WORKOS_LSP_INTEGRATION") == "" {
		t.Skip("WORKOS_LSP_INTEGRATION=1 runs this against the real docs")
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"show", "--corpus-version", "0.2.0", "--offline", "--lang", "go", "reference/sso/profile/get-profile-and-token"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("code %d: %s", code, errOut.String())
	}
	for _, want := range []string{"### Go — `sso.GetProfileAndToken()`", "sso.GetProfileAndToken(ctx, opts)", "`opts` `sso.GetProfileAndTokenOpts` · required",
		"  - `Code` `string` · required — The authorization value", "**Returns**", "`AccessToken` `string`", "Also in: cURL `POST /sso/token`"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("show lacks %q:\n%s", want, out.String())
		}
	}
}

// TestCommandLineEdges: "--" keeps a query that starts with "-", a bad flag is one message and exit
// 2, --help lists the commands, and arguments a command does not take are an error, not ignored.
func TestCommandLineEdges(t *testing.T) {
	if _, errOut, code := runCLI(t, "search", "--offline", "--", "-createUser"); code != 0 {
		t.Errorf("search -- -createUser: exit %d: %s", code, errOut)
	}
	_, errOut, code := runCLI(t, "search", "--bogus", "sso")
	if code != 2 || strings.Count(errOut, "bogus") != 1 || strings.Contains(errOut, "-limit") {
		t.Errorf("bad flag: exit %d, stderr %q; want exit 2 and one message", code, errOut)
	}
	if out, _, code := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "search") || strings.Contains(out, "-log-file") {
		t.Errorf("--help: exit %d, %q; want the commands", code, out)
	}
	for _, args := range [][]string{{"--corpus-version", "X", "search", "sso"}, {"version", "extra"}, {"corpus", "info", "extra"}} {
		if _, errOut, code := runCLI(t, args...); code != 2 || !strings.Contains(errOut, "takes no arguments") {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 naming the extra arguments", args, code, errOut)
		}
	}
	if _, errOut, code := runCLI(t, "search", "--limit"); code != 2 {
		t.Errorf("search --limit: exit %d, %q; want 2", code, errOut)
	}
}
