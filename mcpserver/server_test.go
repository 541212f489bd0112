package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/workos-lsp/workos-lsp/docset"
)

// originalTools are the tools of @workos/mcp-docs-server 0.1.0/0.2.0 (dist/index.js): argument
// names and the required ones.
var originalTools = map[string]struct {
	args     []string
	required []string
}{
	"workos_docs":       {[]string{"path"}, []string{"path"}},
	"workos_search":     {[]string{"maxResults", "query"}, []string{"query"}},
	"workos_examples":   {[]string{"example"}, []string{"example"}},
	"workos_changelogs": {[]string{"package"}, []string{"package"}},
}

// addedArgs are the optional arguments we add to the original tools: the part of a long answer, and
// the SDK of a reference page.
var addedArgs = []string{"page", "language"}

func TestListToolsMatchesOriginal(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*mcp.Tool{}
	for _, tool := range res.Tools {
		got[tool.Name] = tool
		if tool.Description == "" {
			t.Errorf("%s has no description", tool.Name)
		}
	}
	for name, want := range originalTools {
		tool := got[name]
		if tool == nil {
			t.Errorf("tool %s missing", name)
			continue
		}
		args, required, props := schemaArgs(t, tool)
		// Calls written for the original still work: every argument it has, the same required ones;
		// what we add is optional (required stays equal) and one of our known additions.
		var extra []string
		for _, a := range args {
			if !slices.Contains(want.args, a) {
				extra = append(extra, a)
			}
		}
		for _, a := range extra {
			if !slices.Contains(addedArgs, a) {
				t.Errorf("%s: unexpected extra argument %q", name, a)
			}
		}
		if len(args)-len(extra) != len(want.args) || !slices.Equal(required, want.required) {
			t.Errorf("%s: args %v required %v, want %v (plus optional additions) required %v", name, args, required, want.args, want.required)
		}
		for arg, p := range props {
			if p["description"] == nil {
				t.Errorf("%s.%s has no description", name, arg)
			}
		}
		if name == "workos_search" {
			mr := props["maxResults"]
			if mr["type"] != "number" || mr["default"] != float64(10) {
				t.Errorf("maxResults schema = %v, want a number defaulting to 10 like the original", mr)
			}
		}
	}
	ref := got["workos_reference"]
	if ref == nil {
		t.Fatal("workos_reference missing")
	}
	if args, required, _ := schemaArgs(t, ref); !slices.Equal(args, []string{"language", "page", "symbol"}) || !slices.Equal(required, []string{"symbol"}) {
		t.Errorf("workos_reference args %v required %v", args, required)
	}
	if len(got) != 5 {
		t.Errorf("%d tools, want 5", len(got))
	}
}

// schemaArgs reads a tool's input schema as the client sees it.
func schemaArgs(t *testing.T, tool *mcp.Tool) (args, required []string, props map[string]map[string]any) {
	t.Helper()
	s, ok := tool.InputSchema.(map[string]any)
	if !ok || s["type"] != "object" {
		t.Fatalf("%s input schema = %#v", tool.Name, tool.InputSchema)
	}
	props = map[string]map[string]any{}
	for k, v := range s["properties"].(map[string]any) {
		args = append(args, k)
		props[k] = v.(map[string]any)
	}
	sort.Strings(args)
	if r, ok := s["required"].([]any); ok {
		for _, x := range r {
			required = append(required, x.(string))
		}
	}
	sort.Strings(required)
	if _, ok := s["additionalProperties"]; ok {
		t.Errorf("%s rejects unknown arguments; the original ignores them", tool.Name)
	}
	return args, required, props
}

func TestSearchTool(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	text, isErr := call(t, cs, "workos_search", map[string]any{"query": "invalid SAML response"})
	if isErr {
		t.Fatalf("error: %s", text)
	}
	mustContain(t, "multi-word", text, "# Search results for \"invalid SAML response\"", "`sso", "https://workos.com/docs/sso")

	text, _ = call(t, cs, "workos_search", map[string]any{"query": "single sign on"})
	mustNotContain(t, "not a path", text, "is a docs page")
	text, _ = call(t, cs, "workos_search", map[string]any{"query": "SSO"})
	mustContain(t, "page name", text, "**SSO is a docs page**: *Single Sign-On* · workos_docs with path `sso`")

	text, _ = call(t, cs, "workos_search", map[string]any{"query": "createUser"})
	mustContain(t, "identifier", text, "reference/authkit/user/create", "is in the SDK reference", "workos_reference")

	text, _ = call(t, cs, "workos_search", map[string]any{"query": "dsync.user.created"})
	mustContain(t, "event", text, "is an event", "https://workos.com/docs/events/directory-sync")

	text, _ = call(t, cs, "workos_search", map[string]any{"query": "user", "maxResults": 2})
	mustContain(t, "maxResults", text, "## 1.", "## 2.")
	mustNotContain(t, "maxResults", text, "## 3.")

	// Loose numbers, as the original's schema allows.
	if text, isErr = call(t, cs, "workos_search", map[string]any{"query": "user", "maxResults": 0}); isErr {
		t.Errorf("maxResults 0: %s", text)
	}
	if text, isErr = call(t, cs, "workos_search", map[string]any{"query": "user", "maxResults": 1.5, "unknownArg": true}); isErr || strings.Contains(text, "## 2.") {
		t.Errorf("maxResults 1.5: %s", text)
	}

	text, isErr = call(t, cs, "workos_search", map[string]any{"query": "zzqxv nothingmatches"})
	if isErr {
		t.Errorf("no results is an answer, not an error: %s", text)
	}
	mustContain(t, "no results", text, "No results for")

	for _, args := range []map[string]any{{"query": ""}, {"query": "   "}, {}} {
		text, isErr = call(t, cs, "workos_search", args)
		if !isErr {
			t.Errorf("%v: want a tool error, got %s", args, text)
		}
	}
	mustContain(t, "empty query", text, "query")
}

func TestDocsTool(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	tests := []struct {
		path    string
		isErr   bool
		want    []string
		notWant []string
	}{
		{"sso", false, []string{"# Single Sign-On", "## Handle the callback", "getProfileAndToken", "Source: https://workos.com/docs/sso", "`#callback`"}, nil},
		// One section only, also by URL and with a file extension.
		{"sso#callback", false, []string{"Handle the callback", "Source: https://workos.com/docs/sso/callback"}, []string{"## Introduction"}},
		{"https://workos.com/docs/sso#callback", false, []string{"Handle the callback"}, []string{"## Introduction"}},
		{"/sso.mdx", false, []string{"# Single Sign-On"}, nil},
		// An unknown anchor still answers with the page.
		{"sso#no-such-section", false, []string{"has no section `#no-such-section`", "# Single Sign-On"}, nil},
		// Reference pages list their SDK calls.
		{"reference/authkit/user/create", false, []string{"## SDK reference", "### Go — `usermanagement.CreateUser()`", "```go\nusermanagement.CreateUser(ctx, opts)\n```", "  - `Email` `string` · required", "workos_docs with this path and `language`", "**Up:** `reference/authkit/user` — User", "`reference/authkit/user/list`"}, nil},
		// The paths the original's own hints suggest.
		{"sso/overview", false, []string{"There is no page `sso/overview`; this is `sso`", "# Single Sign-On"}, nil},
		{"user-management", false, []string{"this is `authkit`", "# Test AuthKit guide"}, nil},
		// Areas renamed between docs versions, also inside the reference.
		{"reference/user-management/user/create", false, []string{"this is `reference/authkit/user/create`"}, nil},
		// Folders and the root list pages with titles.
		{"reference/authkit", false, []string{"# WorkOS docs: `reference/authkit/`", "- `reference/authkit/user/create` — Create a user"}, nil},
		{"", false, []string{"# WorkOS docs test", "- `sso` — Single Sign-On", "- `reference/sso/profile` —"}, nil},
		{"reference", false, []string{"# API Reference", "**Pages under `reference/`**", "`reference/authkit/user/create`"}, nil},
		// Nothing matches: the closest paths, as a tool error.
		{"reference/authkit/user/craete", true, []string{"No WorkOS docs page has the path", "- `reference/authkit/user/create` — Create a user", "Top-level areas"}, nil},
		{"profiel", true, []string{"`reference/sso/profile`"}, nil},
		{"reference/sso/user/create", true, []string{"Closest pages:\n- `reference/authkit/user/create`"}, nil},
	}
	for _, tt := range tests {
		text, isErr := call(t, cs, "workos_docs", map[string]any{"path": tt.path})
		if isErr != tt.isErr {
			t.Errorf("%q: isError = %v, want %v:\n%s", tt.path, isErr, tt.isErr, text)
		}
		mustContain(t, tt.path, text, tt.want...)
		mustNotContain(t, tt.path, text, tt.notWant...)
		mustNotContain(t, tt.path, text, "<CodeBlock", "{{", "---\ntitle:")
	}
}

func TestExamplesTool(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	tests := []struct {
		example string
		want    []string
		notWant []string
	}{
		{"sso", []string{"# WorkOS code examples: sso", "```js", "workos.sso.getProfileAndToken", "Source: https://workos.com/docs/sso/callback"}, []string{"npm install"}},
		// The original's group names.
		{"user-management", []string{"\"user-management\" is the `authkit` area", "npm install example-sdk", "example.refreshSession", "example.refresh_session"}, nil},
		{"directory-sync", []string{"No code examples match", "| `sso` — Single Sign-On | 1 |"}, nil},
		// A page path, free text, and duplicates folded.
		{"authkit/sessions", []string{"refreshSession", "refresh_session"}, []string{"npm install"}},
		{"refresh session typescript", []string{"refreshSession"}, []string{"npm install", "EXAMPLE_API_KEY"}},
		{"environment variables", []string{"EXAMPLE_API_KEY", "The same code is also on: https://workos.com/docs/"}, nil},
		{"audit event json", []string{"test.signed_in"}, nil},
		{"", []string{"| Area | Examples |", "`authkit` — Test AuthKit guide", "`audit-logs`"}, nil},
		{"nothing like this anywhere", []string{"No code examples match"}, nil},
	}
	for _, tt := range tests {
		text, isErr := call(t, cs, "workos_examples", map[string]any{"example": tt.example})
		if isErr {
			t.Errorf("%q: tool error (the original answers every example name):\n%s", tt.example, text)
		}
		mustContain(t, tt.example, text, tt.want...)
		mustNotContain(t, tt.example, text, tt.notWant...)
	}
	text, _ := call(t, cs, "workos_examples", map[string]any{"example": "environment variables"})
	if n := strings.Count(text, "EXAMPLE_CLIENT_ID"); n != 1 {
		t.Errorf("the repeated block is shown %d times, want once:\n%s", n, text)
	}
}

func TestChangelogsTool(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	text, isErr := call(t, cs, "workos_changelogs", map[string]any{"package": "workos-platform"})
	if isErr {
		t.Fatal(text)
	}
	mustContain(t, "platform", text, "# workos-platform changelog", "## Fixture feature two", "**Date:** 2026-02-01",
		"**Link:** https://workos.com/changelog/fixture-two", "Fixture text — the second change.")
	if strings.Index(text, "Fixture feature two") > strings.Index(text, "Fixture feature one") {
		t.Error("changelog is not newest first")
	}

	text, isErr = call(t, cs, "workos_changelogs", map[string]any{"package": "WorkOS"})
	if isErr {
		t.Fatal(text)
	}
	mustContain(t, "alias", text, "read as \"workos-platform\"", "Fixture feature one")

	text, isErr = call(t, cs, "workos_changelogs", map[string]any{"package": "@workos/node"})
	if !isErr {
		t.Errorf("unknown package: want a tool error, got %s", text)
	}
	mustContain(t, "unknown", text, "No changelog for \"@workos/node\"", "- `workos-platform` (2 entries",
		"The Node SDK publishes its release notes at https://github.com/workos/workos-node/releases")
}

func TestReferenceTool(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	tests := []struct {
		symbol, lang string
		isErr        bool
		want         []string
	}{
		{"usermanagement.CreateUser", "", false, []string{"## `usermanagement.CreateUser()` — Go SDK method",
			"```go\nusermanagement.CreateUser(ctx, opts)", "`Email` `string` · required", "`Password` `string` · optional",
			"Docs: https://workos.com/docs/reference/authkit/user/create", "**The same operation in the other SDKs**",
			"- Node: `userManagement.createUser(options)`", "- cURL: `POST /user_management/users`"}},
		{"user_management.create_user", "", false, []string{"— Python SDK method", "`first_name` `str` · optional"}},
		{"userManagement.createUser", "", false, []string{"— Node SDK method", "`emailVerified` `boolean` · optional", "verification guide"}},
		{"create_user", "dotnet", false, []string{"— .NET SDK method", "userManagementService.CreateUser(options, cancellationToken?)"}},
		{"createUser", "golang", false, []string{"— Go SDK method"}},
		{"POST /user_management/users", "", false, []string{"— cURL API endpoint"}},
		{"User", "python", false, []string{"class User", "Python type"}},
		{"listUsers", "js", false, []string{"matches 2 operations", "`userManagement.listUsers`", "`directorySync.listUsers`"}},
		{"dsync.user.created", "", false, []string{"**Event** `dsync.user.created`", "sent when a directory adds a user"}},
		{"userManagement.createUsr", "", true, []string{"No WorkOS reference entry matches", "Did you mean: `userManagement.createUser`"}},
		{"createUser", "cobol", true, []string{"Unknown language \"cobol\""}},
		{"", "", true, []string{"The symbol is empty"}},
	}
	for _, tt := range tests {
		text, isErr := call(t, cs, "workos_reference", map[string]any{"symbol": tt.symbol, "language": tt.lang})
		if isErr != tt.isErr {
			t.Errorf("%q/%q: isError = %v, want %v:\n%s", tt.symbol, tt.lang, isErr, tt.isErr, text)
		}
		mustContain(t, tt.symbol, text, tt.want...)
	}
}

func TestResources(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	ctx := context.Background()
	tmpl, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil || len(tmpl.ResourceTemplates) != 1 || tmpl.ResourceTemplates[0].URITemplate != "workos-docs://{+path}" {
		t.Fatalf("templates = %+v, %v", tmpl, err)
	}
	res, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "workos-docs://reference/authkit/user/create"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Contents) != 1 || res.Contents[0].MIMEType != "text/markdown" {
		t.Fatalf("contents = %+v", res.Contents)
	}
	mustContain(t, "resource", res.Contents[0].Text, "## Create a user", "## SDK reference")
	mustNotContain(t, "resource", res.Contents[0].Text, "**Up:**") // no navigation in resources

	res, err = cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "workos-docs://sso#callback"})
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "section resource", res.Contents[0].Text, "Handle the callback")

	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "workos-docs://no/such/page"}); err == nil {
		t.Error("unknown page: no error")
	}

	comp, err := cs.Complete(ctx, &mcp.CompleteParams{
		Ref:      &mcp.CompleteReference{Type: "ref/resource", URI: "workos-docs://{+path}"},
		Argument: mcp.CompleteParamsArgument{Name: "path", Value: "reference/auth"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(comp.Completion.Values, "reference/authkit/user/create") || slices.Contains(comp.Completion.Values, "sso") {
		t.Errorf("completions = %v", comp.Completion.Values)
	}
}

func TestDocsNotLoaded(t *testing.T) {
	cs := connect(t, Failed(errors.New("registry unreachable: dial tcp: no route to host")))
	for tool, args := range map[string]map[string]any{
		"workos_search":     {"query": "sso"},
		"workos_docs":       {"path": "sso"},
		"workos_examples":   {"example": "sso"},
		"workos_changelogs": {"package": "workos-platform"},
		"workos_reference":  {"symbol": "createUser"},
	} {
		text, isErr := call(t, cs, tool, args)
		if !isErr {
			t.Errorf("%s: want a tool error", tool)
		}
		mustContain(t, tool, text, "could not be loaded", "registry unreachable", "--docs DIR")
	}
	if _, err := cs.ReadResource(context.Background(), &mcp.ReadResourceParams{URI: "workos-docs://sso"}); err == nil {
		t.Error("resource read without docs: no error")
	}
}

func TestLoaderWaitsForBackgroundLoad(t *testing.T) {
	release := make(chan struct{})
	l := Load(context.Background(), func(ctx context.Context) (*docset.Set, error) {
		<-release
		return testDocs(t), nil
	})
	cs := connect(t, l)
	// The client connects while the docs load; the call waits for them.
	done := make(chan string)
	go func() {
		res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "workos_docs", Arguments: map[string]any{"path": "sso"}})
		if err != nil || res.IsError {
			done <- "error"
			return
		}
		done <- res.Content[0].(*mcp.TextContent).Text
	}()
	close(release)
	if text := <-done; !strings.Contains(text, "# Single Sign-On") {
		t.Errorf("call after load = %q", text)
	}

	panicking := Load(context.Background(), func(context.Context) (*docset.Set, error) { panic("boom") })
	if _, err := panicking.Get(context.Background()); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panicking load: %v", err)
	}
	loadCtx, stopLoad := context.WithCancel(context.Background())
	defer stopLoad()
	slow := Load(loadCtx, func(ctx context.Context) (*docset.Set, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := slow.Get(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a cancelled context: %v", err)
	}
}

// Docs from the cache come with a refresh: it runs in the background while the server serves, and
// Close ends it and waits for it.
func TestLoaderRunsTheRefreshUntilClose(t *testing.T) {
	started, stopped := make(chan struct{}), make(chan struct{})
	set := &docset.Set{Corpus: testDocs(t).Corpus, Refresh: func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		close(stopped)
	}}
	l := Load(context.Background(), func(context.Context) (*docset.Set, error) { return set, nil })
	<-started
	select {
	case <-stopped:
		t.Fatal("the refresh ended before Close")
	default:
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stopped:
	default:
		t.Error("Close returned before the refresh ended")
	}
}

// A fault in a tool (here: docs without a corpus) is a tool error, not a dead server.
func TestPanicsBecomeErrors(t *testing.T) {
	cs := connect(t, Ready(&docset.Set{}))
	for _, tool := range []string{"workos_docs", "workos_search"} {
		text, isErr := call(t, cs, tool, map[string]any{"path": "sso", "query": "sso"})
		if !isErr || !(strings.Contains(text, "Internal error") || strings.Contains(text, "failed")) {
			t.Errorf("%s: isError=%v %s", tool, isErr, text)
		}
	}
	ctx := context.Background()
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "workos-docs://sso"}); err == nil {
		t.Error("resource: no error")
	}
	if _, err := cs.Complete(ctx, &mcp.CompleteParams{
		Ref:      &mcp.CompleteReference{Type: "ref/resource", URI: "workos-docs://{+path}"},
		Argument: mcp.CompleteParamsArgument{Name: "path", Value: "s"},
	}); err == nil {
		t.Error("completion: no error")
	}
	// The session still works.
	if _, err := cs.ListTools(ctx, nil); err != nil {
		t.Errorf("after the faults: %v", err)
	}
}

func TestClampResults(t *testing.T) {
	for in, want := range map[float64]int{0: 10, -3: 10, 1: 1, 2.9: 2, 10: 10, 50: 50, 1000: 50} {
		if got := clampResults(in); got != want {
			t.Errorf("clampResults(%v) = %d, want %d", in, got, want)
		}
	}
}

// TestSearchToolBoundsTheQuery: a huge query is searched by its first words, and the answer says so
// instead of echoing the whole input.
func TestSearchToolBoundsTheQuery(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	for _, q := range []string{strings.Repeat("createUser ", 2000), strings.Repeat("a", 1<<20)} {
		text, isErr := call(t, cs, "workos_search", map[string]any{"query": q})
		if isErr {
			t.Fatalf("error: %.200s", text)
		}
		mustContain(t, "huge query", text, "Note: the query was")
		if len(text) > 16<<10 {
			t.Errorf("%d-byte query: a %d-byte answer", len(q), len(text))
		}
	}
}

// TestSearchToolSaysHowItReadMaxResults: a maxResults that is not a whole number from 1 to 50 is
// still accepted, as by the original, and the answer says what was used.
func TestSearchToolSaysHowItReadMaxResults(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	for _, c := range []struct {
		n    float64
		used string
	}{{-1, "10 results"}, {2.5, "2 results"}, {1e300, "50 results"}} {
		text, isErr := call(t, cs, "workos_search", map[string]any{"query": "user", "maxResults": c.n})
		if isErr {
			t.Fatalf("maxResults %v: %s", c.n, text)
		}
		mustContain(t, fmt.Sprint("maxResults ", c.n), text, "Note: maxResults", c.used+" were asked for")
	}
	for _, n := range []float64{0, 3, 50} {
		text, _ := call(t, cs, "workos_search", map[string]any{"query": "user", "maxResults": n})
		mustNotContain(t, fmt.Sprint("maxResults ", n), text, "Note: maxResults")
	}
}

// TestDocsToolBoundsALongPath: a path that names no page, however long, gets a short answer (it was
// echoed whole, after 6 s of edit distances for a 100 KB path).
func TestDocsToolBoundsALongPath(t *testing.T) {
	cs := connect(t, Ready(testDocs(t)))
	text, isErr := call(t, cs, "workos_docs", map[string]any{"path": "sso/" + strings.Repeat("abcdefgh/", 11000)})
	if !isErr {
		t.Fatalf("want a tool error, got %.300s", text)
	}
	mustContain(t, "long path", text, "No WorkOS docs page has the path", "…\"")
	if len(text) > 4<<10 {
		t.Errorf("a %d-byte answer", len(text))
	}
}
