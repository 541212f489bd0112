package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// cursor marks the cursor in test snippets; it is removed before the text is sent.
const cursor = "‸"

// cut removes the cursor marker and returns the text and the cursor's UTF-16 position.
func cut(t testing.TB, src string) (string, protocol.Position) {
	t.Helper()
	if strings.Count(src, cursor) != 1 {
		t.Fatalf("snippet needs exactly one cursor marker:\n%s", src)
	}
	pos := posOf(t, src, cursor, 0)
	return strings.Replace(src, cursor, "", 1), pos
}

const (
	jsHead = "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS(process.env.WORKOS_API_KEY);\n"
	goHead = "package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/workos/workos-go/v4/pkg/usermanagement\"\n)\n\n"
	pyHead = "from workos import WorkOSClient\n\nworkos_client = WorkOSClient(api_key=\"k\", client_id=\"c\")\n"
)

func tdp(u uri.URI, pos protocol.Position) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos}
}

func findOpenDocs(actions []protocol.CommandOrCodeAction) *protocol.CodeAction {
	for _, a := range actions {
		if ca, ok := a.(*protocol.CodeAction); ok && strings.HasPrefix(ca.Title, "Open WorkOS docs") {
			return ca
		}
	}
	return nil
}

// checkPageLocation checks a location points into the rendered copy of a page, at a heading line.
func checkPageLocation(t *testing.T, loc protocol.Location, page string) {
	t.Helper()
	path := loc.URI.FsPath()
	if !strings.HasSuffix(filepath.ToSlash(path), "/pages/fixture/"+page) {
		t.Errorf("location %s, want the rendered page %s", path, page)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("rendered page: %v", err)
	}
	lines := strings.Split(string(b), "\n")
	if int(loc.Range.Start.Line) >= len(lines) {
		t.Fatalf("line %d past the end of %s", loc.Range.Start.Line, path)
	}
	if l := lines[loc.Range.Start.Line]; !strings.HasPrefix(l, "#") {
		t.Errorf("location line %d of %s is %q, want a heading", loc.Range.Start.Line, page, l)
	}
}

// rangeText is the text a UTF-16 range covers.
func rangeText(text string, r protocol.Range) string {
	start, end := utf16Offset(text, r.Start), utf16Offset(text, r.End)
	if start > end {
		return ""
	}
	return text[start:end]
}

func utf16Offset(text string, p protocol.Position) int {
	off := 0
	for line := uint32(0); line < p.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	units := uint32(0)
	for i, r := range text[off:] {
		if units >= p.Character || r == '\n' || r == '\r' {
			return off + i
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return len(text)
}

func TestHoverLanguageFromExtension(t *testing.T) {
	c, _ := newTestServer(t)
	text, pos := cut(t, goHead+"var _ = usermanagement.Create‸User")
	u := c.open("ext.go", "", text)
	if h := c.hover(u, pos); h == nil {
		t.Fatal("no hover for a .go file without a language id")
	}
}

func TestHoverPlainText(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load})
	caps := defaultCaps()
	caps.TextDocument.Hover.ContentFormat = []protocol.MarkupKind{protocol.MarkupKindPlainText}
	c.initialize(caps, "")
	text, pos := cut(t, jsHead+"await workos.userManagement.create‸User({ email: 'a@b.c' });")
	u := c.open("plain.ts", "typescript", text)
	h := c.hover(u, pos)
	mc, ok := h.Contents.(*protocol.MarkupContent)
	if !ok || mc.Kind != protocol.MarkupKindPlainText {
		t.Fatalf("contents = %#v, want plaintext", h.Contents)
	}
	for _, bad := range []string{"```", "**", "](http"} {
		if strings.Contains(mc.Value, bad) {
			t.Errorf("plaintext hover contains %q:\n%s", bad, mc.Value)
		}
	}
	if !strings.Contains(mc.Value, "userManagement.createUser(options)") {
		t.Errorf("plaintext hover lacks the signature:\n%s", mc.Value)
	}
	golden(t, "hover-plaintext.txt", mc.Value)
}

// Fixing the text clears the diagnostics, for the new version. (What each language reports is in the
// marker tests, testdata/*.txtar.)
func TestDiagnosticsClearedByAFix(t *testing.T) {
	c, _ := newTestServer(t)
	src := jsHead + "const { profile } = await workos.sso.getProfileAndToken({ code });\nconsole.log(profile.rawAttributes);\n"
	from := c.noteCount()
	u := c.open("fix.ts", "typescript", src)
	p := c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	if v, _ := p.Version.Get(); v != 1 || rangeText(src, p.Diagnostics[0].Range) != "rawAttributes" {
		t.Fatalf("version %d, diagnostics %+v", v, p.Diagnostics)
	}
	from = c.noteCount()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: strings.ReplaceAll(src, "rawAttributes", "name")}},
	})
	p = c.waitDiagnostics(from, u, nil)
	if v, _ := p.Version.Get(); v != 2 || len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: version %d, %d diagnostics", v, len(p.Diagnostics))
	}
}

func (c *client) waitDiagnostics(from int, u uri.URI, match func(protocol.PublishDiagnosticsParams) bool) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	var out protocol.PublishDiagnosticsParams
	c.waitNote(from, protocol.MethodTextDocumentPublishDiagnostics, func(raw json.RawMessage) bool {
		var p protocol.PublishDiagnosticsParams
		if err := protocol.Unmarshal(raw, &p); err != nil || p.URI != u {
			return false
		}
		if match != nil && !match(p) {
			return false
		}
		out = p
		return true
	})
	return out
}

func TestQuickFixFromDiagnostic(t *testing.T) {
	c, _ := newTestServer(t)
	src := jsHead + "await workos.userManagement.createUsr({ email });\n"
	from := c.noteCount()
	u := c.open("typo.ts", "typescript", src)
	p := c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	d := p.Diagnostics[0]
	if rangeText(src, d.Range) != "createUsr" {
		t.Fatalf("diagnostic range covers %q", rangeText(src, d.Range))
	}
	var actions []protocol.CommandOrCodeAction
	c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        d.Range,
		Context:      protocol.CodeActionContext{Diagnostics: p.Diagnostics},
	}, &actions)
	var fix *protocol.CodeAction
	for _, a := range actions {
		if ca, ok := a.(*protocol.CodeAction); ok && ca.Kind != nil && *ca.Kind == protocol.CodeActionKindQuickFix {
			fix = ca
		}
	}
	if fix == nil || fix.Edit == nil {
		t.Fatalf("no quick fix: %+v", actions)
	}
	edits := fix.Edit.Changes[u]
	if len(edits) != 1 || edits[0].NewText != "createUser" || rangeText(src, edits[0].Range) != "createUsr" {
		t.Errorf("quick fix edits = %+v", edits)
	}
	if len(fix.Diagnostics) != 1 {
		t.Errorf("quick fix should name its diagnostic")
	}
	// Only quick fixes when the client asks for them.
	actions = nil
	c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        d.Range,
		Context:      protocol.CodeActionContext{Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
	}, &actions)
	for _, a := range actions {
		if ca, ok := a.(*protocol.CodeAction); !ok || ca.Kind == nil || *ca.Kind != protocol.CodeActionKindQuickFix {
			t.Errorf("only=quickfix returned %+v", a)
		}
	}
}

func TestWorkspaceSymbols(t *testing.T) {
	c, _ := newTestServer(t)
	var syms protocol.WorkspaceSymbolSlice
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "create user"}, &syms)
	if len(syms) == 0 {
		t.Fatal("no symbols for 'create user'")
	}
	found := false
	for _, s := range syms {
		loc, ok := s.Location.(*protocol.Location)
		if !ok {
			t.Fatalf("symbol %q location is %T", s.Name, s.Location)
		}
		// An SDK entry's page lists that SDK first, in a file of its own (create.js.md).
		if strings.HasSuffix(filepath.ToSlash(loc.URI.FsPath()), "reference/authkit/user/create.js.md") {
			found = true
			checkPageLocation(t, *loc, "reference/authkit/user/create.js.md")
		}
	}
	if !found {
		t.Errorf("no symbol in the create-user page: %+v", syms)
	}
	// Events and containers.
	syms = nil
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "dsync.user.created"}, &syms)
	if len(syms) == 0 || syms[0].Name != "dsync.user.created" || syms[0].Kind != protocol.SymbolKindEvent {
		t.Fatalf("event symbol: %+v", syms)
	}
	if syms[0].ContainerName == nil || *syms[0].ContainerName != "Events" {
		t.Errorf("containerName = %v, want the page title", syms[0].ContainerName)
	}
	checkPageLocation(t, *syms[0].Location.(*protocol.Location), "events.md")
	// Empty query: empty list.
	syms = nil
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: ""}, &syms)
	if len(syms) != 0 {
		t.Errorf("empty query gave %d symbols", len(syms))
	}
}

func TestExecuteCommands(t *testing.T) {
	c, _ := newTestServer(t)
	var hits []SearchHit
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"create user"`), protocol.LSPAny(`"go"`), protocol.LSPAny(`3`)}}, &hits)
	if len(hits) == 0 || len(hits) > 3 {
		t.Fatalf("search hits = %+v", hits)
	}
	for _, h := range hits {
		if h.URL == "" || h.Title == "" {
			t.Errorf("incomplete hit %+v", h)
		}
		if h.Language != "" && h.Language != "go" {
			t.Errorf("hit in %s, asked for go", h.Language)
		}
	}
	hits = nil
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`{"query":"pagination","limit":2}`)}}, &hits)
	if len(hits) == 0 {
		t.Fatal("object-form search found nothing")
	}
	if err := c.call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch}, nil); rpcCode(err) != -32602 {
		t.Errorf("search without a query: %v", err)
	}

	var url string
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandOpenDocs,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"dsync.user.created"`)}}, &url)
	if url != "https://workos.com/docs/events/directory-sync" {
		t.Errorf("openDocs(event) = %q", url)
	}
	if n := c.showDocumentCalls.Load(); n != 1 {
		t.Errorf("showDocument calls = %d, want 1", n)
	}
	sd := c.notesOf(protocol.MethodWindowShowDocument)
	if len(sd) != 1 || !strings.Contains(string(sd[0].params), `"external":true`) {
		t.Errorf("showDocument params = %+v", sd)
	}
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandOpenDocs,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"usermanagement.CreateUser()"`)}}, &url)
	if url != "https://workos.com/docs/reference/authkit/user/create" {
		t.Errorf("openDocs(symbol) = %q", url)
	}
	if err := c.call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "workos.nope"}, nil); rpcCode(err) != -32602 {
		t.Errorf("unknown command: %v", err)
	}
}

func TestOpenDocsWithoutShowDocument(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load})
	caps := defaultCaps()
	caps.Window.ShowDocument = nil
	c.initialize(caps, "")
	var url string
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandOpenDocs,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"reference/pagination"`)}}, &url)
	if url != "https://workos.com/docs/reference/pagination" {
		t.Errorf("url = %q", url)
	}
	if c.showDocumentCalls.Load() != 0 {
		t.Error("showDocument sent to a client that does not support it")
	}
}

func TestWorkspaceSymbolsWithoutIndex(t *testing.T) {
	docs := *fixtureDocs(t)
	var none *search.Index
	docs.Search = none // a typed nil must not be called
	l := &fixtureLoader{docs: &docs}
	c := startServer(t, Options{Loader: l.load})
	c.initialize(defaultCaps(), "")
	var syms protocol.WorkspaceSymbolSlice
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "create a user"}, &syms)
	if len(syms) == 0 || syms[0].Name != "Create a user" {
		t.Fatalf("title search = %+v", syms)
	}
	checkPageLocation(t, *syms[0].Location.(*protocol.Location), "reference/authkit/user/create.md")
	var hits []SearchHit
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`"createUser"`), protocol.LSPAny(`"node"`)}}, &hits)
	if len(hits) == 0 || hits[0].Language != "js" {
		t.Errorf("title search for an entry = %+v", hits)
	}
	// openDocs resolves the page aliases MCP and the command line resolve, without the search to
	// fall back on.
	for arg, want := range map[string]string{
		"reference/user-management/user/create": "https://workos.com/docs/reference/authkit/user/create",
		"sso/overview#callback":                 "https://workos.com/docs/sso/callback",
		"$userManagement->createUser":           "https://workos.com/docs/reference/authkit/user/create",
	} {
		var url string
		quoted, _ := json.Marshal(arg)
		c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandOpenDocs,
			Arguments: []protocol.LSPAny{protocol.LSPAny(quoted)}}, &url)
		if url != want {
			t.Errorf("openDocs(%s) = %q, want %q", arg, url, want)
		}
	}
}

// TestSearchPrefersActiveLanguage: workspace/symbol and workos.search rank the SDK of the file the
// user is in first, without dropping the other languages.
func TestSearchPrefersActiveLanguage(t *testing.T) {
	c, _ := newTestServer(t)
	firstEntry := func(syms protocol.WorkspaceSymbolSlice) string {
		for _, s := range syms {
			if strings.HasSuffix(s.Name, ")") {
				return s.Name
			}
		}
		return ""
	}
	for _, tc := range []struct{ file, lang, want string }{
		{"main.go", "go", "(Go)"},
		{"app.py", "python", "(Python)"},
	} {
		c.open(tc.file, tc.lang, "")
		var syms protocol.WorkspaceSymbolSlice
		c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "create user"}, &syms)
		if got := firstEntry(syms); !strings.HasSuffix(got, tc.want) {
			t.Errorf("in %s: first entry %q, want one in %s; all: %+v", tc.file, got, tc.want, syms)
		}
	}
	// workos.search names the document; its language wins over the last one opened (Python).
	var hits []SearchHit
	c.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch,
		Arguments: []protocol.LSPAny{protocol.LSPAny(`{"query":"create user","uri":"file:///elsewhere/index.rb"}`)}}, &hits)
	langs := map[string]bool{}
	first := ""
	for _, h := range hits {
		if h.Language != "" {
			langs[string(h.Language)] = true
			if first == "" {
				first = string(h.Language)
			}
		}
	}
	if first != "ruby" {
		t.Errorf("search from a Ruby file: first entry in %q, hits %+v", first, hits)
	}
}

// TestDocumentLinksAreBounded: a file with more SDK calls than maxDocumentLinks gets the first
// maxDocumentLinks links, and a file over maxAnalyzedBytes gets none (a 50 MB file gave a 199 MB
// answer).
func TestDocumentLinksAreBounded(t *testing.T) {
	c, _ := newTestServer(t)
	call := "await workos.userManagement.createUser({ email: 'a@b.c' });\n"
	links := func(name string, text string) []protocol.DocumentLink {
		u := c.open(name, "typescript", text)
		var out []protocol.DocumentLink
		c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &out)
		return out
	}
	many := links("many.ts", jsHead+strings.Repeat(call, maxDocumentLinks+500))
	if len(many) != maxDocumentLinks {
		t.Errorf("%d links, want the first %d", len(many), maxDocumentLinks)
	}
	if len(many) > 0 && many[0].Range.Start.Line != uint32(strings.Count(jsHead, "\n")) {
		t.Errorf("first link on line %d, want the first call", many[0].Range.Start.Line)
	}
	huge := jsHead + strings.Repeat(call, maxAnalyzedBytes/len(call)+1)
	if got := links("huge.ts", huge); len(got) != 0 {
		t.Errorf("a %d MB file: %d links, want none", len(huge)>>20, len(got))
	}
}
