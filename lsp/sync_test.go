package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus/fetch"
)

func change(u uri.URI, version int32, changes ...protocol.TextDocumentContentChangeEvent) *protocol.DidChangeTextDocumentParams {
	return &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		ContentChanges: changes,
	}
}

func insertAt(line, char uint32, text string) *protocol.TextDocumentContentChangePartial {
	p := protocol.Position{Line: line, Character: char}
	return &protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: p, End: p}, Text: text}
}

// TestDidChangeThenHoverOrdering sends many incremental changes and a hover without waiting in
// between: the hover must see the text after the last change (run it with -race).
func TestDidChangeThenHoverOrdering(t *testing.T) {
	c, _ := newTestServer(t)
	for round := 0; round < 5; round++ {
		text := jsHead
		u := c.open(fmt.Sprintf("order-%d.ts", round), "typescript", text)
		lines := uint32(strings.Count(text, "\n"))
		const n = 200
		for i := 0; i < n; i++ {
			line := fmt.Sprintf("// filler %d 😀 中文\n", i)
			c.notify(protocol.MethodTextDocumentDidChange, change(u, int32(i+2), insertAt(lines, 0, line)))
			text += line
			lines++
		}
		// The call exists only in the last version, on the last line.
		call := "await workos.userManagement.createUser({});\n"
		c.notify(protocol.MethodTextDocumentDidChange, change(u, n+2, insertAt(lines, 0, call)))
		text += call
		h := c.hover(u, protocol.Position{Line: lines, Character: uint32(strings.Index(call, "createUser") + 2)})
		if h == nil {
			t.Fatalf("round %d: hover did not see the last change", round)
		}
		if rangeText(text, *h.Range) != "createUser" {
			t.Fatalf("round %d: hover range covers %q", round, rangeText(text, *h.Range))
		}
		// A stale change is ignored.
		c.notify(protocol.MethodTextDocumentDidChange, change(u, 3, &protocol.TextDocumentContentChangeWholeDocument{Text: "nothing"}))
		if h := c.hover(u, protocol.Position{Line: lines, Character: 30}); h == nil {
			t.Fatalf("round %d: a stale change was applied", round)
		}
	}
}

func TestIncrementalEditsUTF16AndCRLF(t *testing.T) {
	c, _ := newTestServer(t)
	// Replace a method name that follows emoji and CJK on the same line, in a CRLF file.
	text := strings.ReplaceAll(jsHead, "\n", "\r\n") + "const s = '😀中文'; await workos.userManagement.listUsers({});\r\n"
	u := c.open("crlf.ts", "typescript", text)
	start := posOf(t, text, "listUsers", 0)
	end := start
	end.Character += uint32(len("listUsers"))
	c.notify(protocol.MethodTextDocumentDidChange, change(u, 2, &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: start, End: end}, Text: "createUser",
	}))
	text = strings.Replace(text, "listUsers", "createUser", 1)
	pos := posOf(t, text, "createUser", 3)
	h := c.hover(u, pos)
	if h == nil {
		t.Fatal("no hover after a UTF-16 incremental edit")
	}
	if got := rangeText(text, *h.Range); got != "createUser" {
		t.Errorf("range covers %q", got)
	}
	// The range is in UTF-16 units: 😀 counts 2, each CJK character 1.
	wantStart := uint32(len("const s = '")) + 2 + 2 + uint32(len("'; await workos.userManagement."))
	if h.Range.Start.Character != wantStart || h.Range.Start.Line != pos.Line {
		t.Errorf("range start = %v, want line %d character %d", h.Range.Start, pos.Line, wantStart)
	}
	if !strings.Contains(hoverText(t, h), "userManagement.createUser(options)") {
		t.Errorf("hover is not createUser's")
	}
}

func TestUTF8PositionEncoding(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load})
	caps := defaultCaps()
	caps.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8}}
	c.initialize(caps, "")
	text := jsHead + "const s = '😀中文'; await workos.userManagement.createUser({});\n"
	u := c.open("utf8.ts", "typescript", text)
	line := uint32(strings.Count(jsHead, "\n"))
	byteCol := uint32(strings.Index(text[len(jsHead):], "createUser"))
	h := c.hover(u, protocol.Position{Line: line, Character: byteCol + 1})
	if h == nil {
		t.Fatal("no hover with utf-8 positions")
	}
	if h.Range.Start.Character != byteCol || h.Range.End.Character != byteCol+10 {
		t.Errorf("range = %v, want bytes %d-%d", h.Range, byteCol, byteCol+10)
	}
}

func TestPositionsPastTheEnd(t *testing.T) {
	c, _ := newTestServer(t)
	text := jsHead + "await workos.userManagement.createUser({});"
	u := c.open("end.ts", "typescript", text)
	for _, pos := range []protocol.Position{{Line: 2, Character: 9999}, {Line: 999, Character: 0}, {Line: 4294967295, Character: 4294967295}} {
		// Past the end of line 2 clamps to its end, which is not on a symbol: null, no error.
		c.hover(u, pos)
		var cl *protocol.CompletionList
		c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, pos)}, &cl)
		var sh *protocol.SignatureHelp
		c.must(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: tdp(u, pos)}, &sh)
		var defs protocol.LocationSlice
		c.must(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos)}, &defs)
		var actions []protocol.CommandOrCodeAction
		c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: protocol.Range{Start: pos, End: pos}}, &actions)
	}
	// An edit past the end appends.
	c.notify(protocol.MethodTextDocumentDidChange, change(u, 2, insertAt(999, 999, "\nworkos.sso.")))
	var cl *protocol.CompletionList
	c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, protocol.Position{Line: 3, Character: 11})}, &cl)
	if cl == nil || len(cl.Items) == 0 || cl.Items[0].Label != "getProfileAndToken" {
		t.Errorf("completion after an append past the end = %+v", cl)
	}
	// Reversed range: treated as the same range.
	c.notify(protocol.MethodTextDocumentDidChange, change(u, 3, &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: protocol.Position{Line: 3, Character: 11}, End: protocol.Position{Line: 3, Character: 7}}, Text: "",
	}))
	// Changes to a document that is not open are ignored.
	c.notify(protocol.MethodTextDocumentDidChange, change("file:///not/open.ts", 2, insertAt(0, 0, "x")))
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "x"}, nil)
}

func TestDidCloseClearsDiagnostics(t *testing.T) {
	c, _ := newTestServer(t)
	src := jsHead + "console.log(profile.rawAttributes);\n"
	from := c.noteCount()
	u := c.open("close.ts", "typescript", src)
	c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 1 })
	from = c.noteCount()
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	if h := c.hover(u, protocol.Position{Line: 2, Character: 3}); h != nil {
		t.Error("hover on a closed document")
	}
}

func TestNoDiagnosticsForNonWorkOSFiles(t *testing.T) {
	c, _ := newTestServer(t)
	from := c.noteCount()
	plain := c.open("plain.ts", "typescript", "console.log(profile.rawAttributes);\n")
	u := c.open("uses.ts", "typescript", jsHead+"console.log(profile.rawAttributes);\n")
	c.waitDiagnostics(from, u, nil)
	// Edit the WorkOS file again and wait for its second publish: the other file's debounce (armed
	// earlier) has long fired by then.
	from2 := c.noteCount()
	c.notify(protocol.MethodTextDocumentDidChange, change(u, 2, insertAt(0, 0, "// x\n")))
	c.waitDiagnostics(from2, u, nil)
	for _, n := range c.notesOf(protocol.MethodTextDocumentPublishDiagnostics) {
		var p protocol.PublishDiagnosticsParams
		if protocol.Unmarshal(n.params, &p) == nil && p.URI == plain {
			t.Errorf("diagnostics published for a file that does not use WorkOS: %s", n.params)
		}
	}
	_ = from
}

func TestFeaturesWhileLoading(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t), gate: make(chan struct{})}
	c := startServer(t, Options{Loader: l.load, DiagnosticsDelay: time.Millisecond})
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: protocol.ClientCapabilities{
		Window: &protocol.WindowClientCapabilities{WorkDoneProgress: ptr(true)},
	}}, nil)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	// The loader is held: wait for the progress to begin.
	c.waitNote(0, protocol.MethodProgress, func(raw json.RawMessage) bool { return strings.Contains(string(raw), `"kind":"begin"`) })
	text, pos := cut(t, jsHead+"await workos.userManagement.create‸User({});")
	u := c.open("loading.ts", "typescript", text)
	if got := hoverText(t, c.hover(u, pos)); !strings.Contains(got, "still loading") {
		t.Errorf("hover before the docs are loaded = %q, want that they are loading", got)
	}
	var cl *protocol.CompletionList
	c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, pos)}, &cl)
	var syms protocol.WorkspaceSymbolSlice
	c.must(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: "user"}, &syms)
	if cl != nil || len(syms) != 0 {
		t.Errorf("features answered before the docs were loaded: %v %v", cl, syms)
	}
	// A search says the docs are loading, rather than that nothing matches.
	err := c.call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandSearch, Arguments: []protocol.LSPAny{protocol.LSPAny(`"user"`)}}, nil)
	if rpcCode(err) != -32803 || !strings.Contains(err.Error(), "still loading") {
		t.Errorf("search before load: %v, want RequestFailed saying the docs are loading", err)
	}
	close(l.gate)
	c.waitProgressEnd(0)
	if h := c.hover(u, pos); h == nil {
		t.Error("no hover after the docs loaded")
	}
	// Diagnostics of documents opened while loading are published once the docs arrive.
	c.notify(protocol.MethodTextDocumentDidChange, change(u, 2, insertAt(0, 0, "")))
}

func TestInitializeWithoutProgressSupport(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, DiagnosticsDelay: time.Millisecond})
	c.initialize(protocol.ClientCapabilities{}, "")
	// No progress: wait for the docs through diagnostics of a WorkOS file, which are only published
	// once they are loaded.
	from := c.noteCount()
	u := c.open("noprogress.ts", "typescript", jsHead+"profile.rawAttributes\n")
	c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 1 })
	if n := len(c.notesOf(protocol.MethodProgress)); n != 0 {
		t.Errorf("%d progress notifications to a client without support", n)
	}
}

func TestLoaderFailureShowsMessage(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t), err: errors.New("cannot reach the npm registry; set workos.offline or workos.docsPath")}
	c := startServer(t, Options{Loader: l.load})
	c.initialize(defaultCaps(), "")
	n, _ := c.waitNote(0, protocol.MethodWindowShowMessage, nil)
	var p protocol.ShowMessageParams
	if err := protocol.Unmarshal(n.params, &p); err != nil {
		t.Fatal(err)
	}
	if p.Type != protocol.MessageTypeError || !strings.Contains(p.Message, "set workos.offline or workos.docsPath") {
		t.Errorf("showMessage = %+v", p)
	}
	text, pos := cut(t, jsHead+"await workos.userManagement.create‸User({});")
	u := c.open("failed.ts", "typescript", text)
	if got := hoverText(t, c.hover(u, pos)); !strings.Contains(got, "not loaded: cannot reach the npm registry") {
		t.Errorf("hover without docs = %q, want why they are not loaded", got)
	}
}

func TestSettingsAndReload(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Settings: Settings{DocsPath: "/from/flag", Offline: true}})
	c.initialize(defaultCaps(), `{"workos": {"docsVersion": "0.1.0", "languages": ["go", "node"]}}`)
	calls := l.settings()
	if len(calls) != 1 {
		t.Fatalf("loader calls = %d", len(calls))
	}
	if s := calls[0]; s.DocsPath != "/from/flag" || !s.Offline || s.DocsVersion != "0.1.0" {
		t.Errorf("first load settings = %+v", s)
	}

	text, pos := cut(t, pyHead+"workos_client.user_management.create_u‸ser(email=e)")
	py := c.open("settings.py", "python", text)
	if h := c.hover(py, pos); h != nil {
		t.Error("python is not enabled, yet it has a hover")
	}
	jsText, jsPos := cut(t, jsHead+"await workos.userManagement.create‸User({});")
	js := c.open("settings.ts", "typescript", jsText)
	if h := c.hover(js, jsPos); h == nil {
		t.Error("node is enabled but has no hover")
	}

	// Unwrapped settings that change only the languages: no reload.
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`{"languages": ["python"]}`)})
	if h := c.hover(py, pos); h == nil {
		t.Error("python enabled by configuration but no hover")
	}
	if h := c.hover(js, jsPos); h != nil {
		t.Error("node disabled by configuration but still hovers")
	}
	if n := len(l.settings()); n != 1 {
		t.Errorf("a languages change reloaded the docs (%d loads)", n)
	}

	// A version change reloads.
	from := c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`{"workos": {"docsVersion": "0.2.0"}}`)})
	c.waitProgressEnd(from)
	calls = l.settings()
	if len(calls) != 2 || calls[1].DocsVersion != "0.2.0" || calls[1].DocsPath != "/from/flag" {
		t.Errorf("reload settings = %+v", calls)
	}
	// The configuration layer replaced the previous one: languages are back to the init options.
	if h := c.hover(js, jsPos); h == nil {
		t.Error("after a new configuration without languages, the init options apply again")
	}
}

func TestPullConfiguration(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load}, clientOptions{configAnswer: json.RawMessage(`{"docsVersion": "9.9.9"}`)})
	c.initialize(defaultCaps(), "")
	from := c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`null`)})
	c.waitProgressEnd(from)
	calls := l.settings()
	if len(calls) != 2 || calls[1].DocsVersion != "9.9.9" {
		t.Errorf("settings after workspace/configuration = %+v", calls)
	}
	if len(c.notesOf(protocol.MethodWorkspaceConfiguration)) != 1 {
		t.Error("server did not ask workspace/configuration")
	}
}

// Two loads, the first finishing last: the docs of the newer settings stay in use. The first load is
// held after its loader returned, where a slow one spends its time (building its lookups), until the
// second load is in use.
func TestSlowOldLoadIsNotSwappedIn(t *testing.T) {
	first, second := *fixtureDocs(t), *fixtureDocs(t)
	first.Version, second.Version = "first", "second"
	var calls atomic.Int32
	loader := func(ctx context.Context, s Settings, progress func(string, int64, int64)) (*Docs, error) {
		if calls.Add(1) == 1 {
			return &first, nil
		}
		return &second, nil
	}
	held, release := make(chan struct{}), make(chan struct{})
	beforeSwap := func(gen uint64) {
		if gen == 1 {
			close(held)
			<-release
		}
	}
	c := startServer(t, Options{Loader: loader, Version: "test", beforeSwap: beforeSwap})
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: defaultCaps()}, nil)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	<-held
	from := c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: protocol.LSPAny(`{"docsVersion": "0.2.0"}`)})
	c.waitNote(from, protocol.MethodProgress, progressEnd("workos-lsp/load/2"))
	close(release)
	c.waitNote(0, protocol.MethodProgress, progressEnd("workos-lsp/load/1"))

	text, pos := cut(t, jsHead+"await workos.userManagement.create‸User({});")
	u := c.open("swap.ts", "typescript", text)
	if md := hoverText(t, c.hover(u, pos)); !strings.Contains(md, "WorkOS docs second") {
		t.Errorf("the first load's docs replaced the second's:\n%s", md)
	}
}

// progressEnd matches the end of the work-done progress with token.
func progressEnd(token string) func(json.RawMessage) bool {
	return func(raw json.RawMessage) bool {
		var p struct {
			Token string `json:"token"`
			Value struct {
				Kind string `json:"kind"`
			} `json:"value"`
		}
		return json.Unmarshal(raw, &p) == nil && p.Token == token && p.Value.Kind == "end"
	}
}

// The docs' background refresh runs once they are in use, with the server's context: shutdown ends
// it, and Serve returns only after it has.
func TestRefreshRunsWithTheServersLifetime(t *testing.T) {
	docs := *fixtureDocs(t)
	started, stopped := make(chan struct{}), make(chan struct{})
	docs.Refresh = func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		time.Sleep(50 * time.Millisecond) // a refresh that takes a moment to wind down
		close(stopped)
	}
	l := &fixtureLoader{docs: &docs}
	c := startServer(t, Options{Loader: l.load})
	c.initialize(defaultCaps(), "")
	select {
	case <-started:
	case <-time.After(waitLimit):
		t.Fatal("the refresh did not start")
	}
	c.must(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	select {
	case err := <-c.serveErr:
		if err != nil {
			t.Errorf("Serve = %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve did not return")
	}
	select {
	case <-stopped:
	default:
		t.Error("Serve returned before the refresh stopped")
	}
	c.serveErr <- nil // for the cleanup
}

// TestFailedLoadExplainsItself: after a failed load, search and open-docs say the docs are not
// loaded, why, and what to do in the editor that asked, instead of "nothing matches".
func TestFailedLoadExplainsItself(t *testing.T) {
	for _, c := range []struct{ client, advice string }{
		{"Visual Studio Code", `"WorkOS: Update Docs"`},
		{"Neovim", ":LspRestart"},
		{"helix", "restart the language server"},
	} {
		l := &fixtureLoader{docs: fixtureDocs(t), err: errors.New("cannot reach the npm registry")}
		cl := startServer(t, Options{Loader: l.load})
		cl.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: defaultCaps(), ClientInfo: protocol.ClientInfo{Name: c.client}}, nil)
		cl.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
		cl.waitNote(0, protocol.MethodWindowShowMessage, nil)
		for _, cmd := range []string{CommandSearch, CommandOpenDocs} {
			err := cl.call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: cmd,
				Arguments: []protocol.LSPAny{protocol.LSPAny(`"sso"`)}}, nil)
			if rpcCode(err) != -32803 || !strings.Contains(err.Error(), "not loaded: cannot reach the npm registry") || !strings.Contains(err.Error(), c.advice) {
				t.Errorf("%s, %s: %v; want RequestFailed with the reason and %s", c.client, cmd, err, c.advice)
			}
			var data NotLoaded
			if e, ok := errors.AsType[*jsonrpc2.Error](err); !ok || json.Unmarshal(e.Data, &data) != nil || data != (NotLoaded{Docs: "failed", Reason: "cannot reach the npm registry"}) {
				t.Errorf("%s, %s: error data %+v, want the reason for clients", c.client, cmd, err)
			}
		}
		var st DocsStatus
		cl.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandDocsStatus}, &st)
		if st.Docs != "failed" || st.Reason != "cannot reach the npm registry" || !strings.Contains(st.Message, c.advice) {
			t.Errorf("%s: docsStatus = %+v", c.client, st)
		}
	}
}

// TestFailedLoadHoverAndCompletion: after a failed load, a hover on what the code traces to a WorkOS
// SDK says that the docs are not loaded, why and what to do, and a completion after a WorkOS receiver
// says it in one item that inserts nothing (VS Code only, see completionNotLoaded). Unrelated code,
// a receiver that only has "workos" in its name, and files without an SDK stay silent.
func TestFailedLoadHoverAndCompletion(t *testing.T) {
	rest := "console.log(workos);\nconst workosConfig = loadConfig();\nworkosConfig.apiKey;\n"
	for _, c := range []struct{ client, advice string }{
		{"Visual Studio Code", "[WorkOS: Update Docs](command:workos.updateDocs)"},
		{"Neovim", "Run `workos-lsp corpus fetch` in a terminal"},
	} {
		l := &fixtureLoader{docs: fixtureDocs(t), err: errors.New("cannot reach the npm registry")}
		cl := startServer(t, Options{Loader: l.load})
		cl.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: defaultCaps(), ClientInfo: protocol.ClientInfo{Name: c.client}}, nil)
		cl.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
		cl.waitNote(0, protocol.MethodWindowShowMessage, nil)

		js := jsHead + "await workos.userManagement.createUser({});\n" + rest
		u := cl.open("app.ts", "typescript", js)
		for _, at := range []string{"createUser", "userManagement"} {
			h := cl.hover(u, posOf(t, js, at, 2))
			if got := hoverText(t, h); !strings.Contains(got, "not loaded: cannot reach the npm registry") || !strings.Contains(got, c.advice) {
				t.Errorf("%s: hover on %s = %q, want the reason and %s", c.client, at, got, c.advice)
			}
		}
		goSrc := goHead + "func f() { usermanagement.ListUsers(context.Background(), usermanagement.ListUsersOpts{}) }\n"
		if h := cl.hover(cl.open("main.go", "go", goSrc), posOf(t, goSrc, "ListUsers(", 2)); !strings.Contains(hoverText(t, h), "not loaded") {
			t.Errorf("%s: Go package call: hover %q", c.client, hoverText(t, h))
		}
		for _, at := range []string{"log(", "apiKey", "loadConfig"} {
			if h := cl.hover(u, posOf(t, js, at, 1)); h != nil {
				t.Errorf("%s: hover on unrelated %s = %q", c.client, at, hoverText(t, h))
			}
		}
		plain := "const x = other.userManagement.createUser({});\n"
		if h := cl.hover(cl.open("plain.ts", "typescript", plain), posOf(t, plain, "createUser", 2)); h != nil {
			t.Errorf("%s: hover in a file without an SDK = %q", c.client, hoverText(t, h))
		}

		src, pos := cut(t, jsHead+"workos.userManagement.cre‸\n")
		cu := cl.open("complete.ts", "typescript", src)
		var list *protocol.CompletionList
		cl.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(cu, pos)}, &list)
		if c.client != "Visual Studio Code" {
			if list != nil && len(list.Items) > 0 {
				t.Errorf("%s: completion = %+v, want none", c.client, list.Items)
			}
			continue
		}
		if list == nil || len(list.Items) != 1 || !list.IsIncomplete {
			t.Fatalf("%s: completion = %+v, want one item in an incomplete list", c.client, list)
		}
		it := list.Items[0]
		te, ok := it.TextEdit.(*protocol.TextEdit)
		if !ok || te.NewText != "cre" || !strings.Contains(it.Label, "not loaded") || !strings.Contains(markupValue(it.Documentation), c.advice) {
			t.Errorf("%s: completion item %+v: want one that puts back %q and says why", c.client, it, "cre")
		}
		rp := "console.‸\n"
		rsrc, rpos := cut(t, jsHead+rp)
		var none *protocol.CompletionList
		cl.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(cl.open("other.ts", "typescript", rsrc), rpos)}, &none)
		if none != nil && len(none.Items) > 0 {
			t.Errorf("%s: completion after console. = %+v", c.client, none.Items)
		}
	}
}

// TestFailedLoadAdviceIsTheEditors: the command line's hint at the end of "no corpus" errors (flags,
// an environment variable) is replaced by the editor's own advice, in the message shown at the
// failure and in every answer after it.
func TestFailedLoadAdviceIsTheEditors(t *testing.T) {
	l := &fixtureLoader{docs: fixtureDocs(t), err: fmt.Errorf("%w: nothing cached in /c (offline mode): %s", fetch.ErrNoCorpus, fetch.FixHint)}
	cl := startServer(t, Options{Loader: l.load, Executable: "/opt/bin/workos-lsp"})
	cl.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: defaultCaps(), ClientInfo: protocol.ClientInfo{Name: "Neovim"}}, nil)
	cl.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	n, _ := cl.waitNote(0, protocol.MethodWindowShowMessage, nil)
	var shown protocol.ShowMessageParams
	if err := protocol.Unmarshal(n.params, &shown); err != nil {
		t.Fatal(err)
	}
	var st DocsStatus
	cl.must(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: CommandDocsStatus}, &st)
	for what, msg := range map[string]string{"showMessage": shown.Message, "docsStatus": st.Message} {
		if strings.Contains(msg, "--docs") || !strings.Contains(msg, "not loaded: no WorkOS docs corpus available: nothing cached in /c (offline mode).") ||
			!strings.Contains(msg, "Run `/opt/bin/workos-lsp corpus fetch` in a terminal") {
			t.Errorf("%s = %q", what, msg)
		}
	}
}
