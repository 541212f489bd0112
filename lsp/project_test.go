package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/internal/testfiles"
)

const (
	nextPackageJSON = `{"name": "app", "dependencies": {"@workos-inc/node": "^7.0.0", "stripe": "^14.0.0"}}`
	nextClient      = "import { WorkOS } from '@workos-inc/node';\n\nexport const workos = new WorkOS(process.env.WORKOS_API_KEY);\n"
	nextRoute       = "import { workos } from '../../lib/workos';\n\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const user = await workos.userManagement.createUser({ email: body.email });\n  await workos.userManagement.createUsr({ email: body.email });\n  return Response.json(user);\n}\n"
	nextLookalike   = "import { stripe } from '../lib/stripe';\n\nexport async function charge() {\n  return stripe.customers.create({ email: 'a@b.c' });\n}\n"
	nextAdmin       = "import { workos } from '@/lib/workos';\n\nexport const invite = (email: string) => workos.userManagement.createUser({ email });\nexport const users = () => workos.userManagement.listUsers();\n"
	nextStripe      = "import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\n"
)

func nextApp(t *testing.T) string {
	return testfiles.Dir(t, map[string]string{
		"package.json":              nextPackageJSON,
		"tsconfig.json":             `{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./*"]}}}`,
		"lib/workos.ts":             nextClient,
		"lib/stripe.ts":             nextStripe,
		"app/users/route.ts":        nextRoute,
		"app/billing.ts":            nextLookalike,
		"app/admin.ts":              nextAdmin,
		"node_modules/x/index.d.ts": "export declare const workos: any;\n",
	})
}

// initializeIn initialises a server with rootUri dir and waits for the docs and the scan.
func (c *client) initializeIn(caps protocol.ClientCapabilities, dir string) {
	c.t.Helper()
	root := uri.File(dir)
	var res protocol.InitializeResult
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: caps, RootURI: &root}, &res)
	if ws := res.Capabilities.Workspace; ws == nil || ws.WorkspaceFolders == nil || ws.WorkspaceFolders.Supported == nil || !*ws.WorkspaceFolders.Supported {
		c.t.Errorf("workspace folders not advertised: %+v", res.Capabilities.Workspace)
	}
	from := c.noteCount()
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.waitScanEnd(from)
}

// waitScanEnd waits for the end of a workspace scan's progress and returns its message.
func (c *client) waitScanEnd(from int) string {
	c.t.Helper()
	n, _ := c.waitNote(from, protocol.MethodProgress, func(raw json.RawMessage) bool {
		return bytes.Contains(raw, []byte(`"kind":"end"`)) && bytes.Contains(raw, []byte(" files"))
	})
	return string(n.params)
}

func (c *client) openFile(path, languageID string) uri.URI {
	c.t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	u := uri.File(path)
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: protocol.LanguageKind(languageID), Version: 1, Text: string(b),
	}})
	return u
}

// diagCount waits for diagnostics of u published at or after from, n of them.
func (c *client) diagCount(from int, u uri.URI, n int) []protocol.Diagnostic {
	c.t.Helper()
	return c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == n }).Diagnostics
}

func hoverAt(t *testing.T, c *client, u uri.URI, text, word string) string {
	t.Helper()
	i := strings.Index(text, word)
	if i < 0 {
		t.Fatalf("%q not in the text", word)
	}
	h := c.hover(u, positionAt(text, i+1))
	if h == nil {
		return ""
	}
	return hoverText(t, h)
}

func TestWorkspaceFollowsTheClientAcrossFiles(t *testing.T) {
	dir := nextApp(t)
	caps := defaultCaps()
	caps.Workspace.DidChangeWatchedFiles = &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: ptr(true)}
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Millisecond})
	c.initializeIn(caps, dir)

	route := filepath.Join(dir, "app", "users", "route.ts")
	from := c.noteCount()
	u := c.openFile(route, "typescript")
	if got := hoverAt(t, c, u, nextRoute, "createUser"); !strings.Contains(got, "userManagement.createUser(") {
		t.Errorf("hover on createUser in a file importing the client from lib/workos.ts:\n%s", got)
	}
	if ds := c.diagCount(from, u, 1); !strings.Contains(fmt.Sprint(ds[0].Message), "createUsr") {
		t.Errorf("diagnostic: %v", ds[0].Message)
	}

	billing := c.openFile(filepath.Join(dir, "app", "billing.ts"), "typescript")
	if got := hoverAt(t, c, billing, nextLookalike, "create("); got != "" {
		t.Errorf("stripe.customers.create answered:\n%s", got)
	}
	var refs []protocol.Location
	c.must(protocol.MethodTextDocumentReferences, &protocol.ReferenceParams{
		TextDocumentPositionParams: tdp(u, positionAt(nextRoute, strings.Index(nextRoute, "createUser")+2)),
	}, &refs)
	var got []string
	for _, r := range refs {
		rel, _ := filepath.Rel(dir, r.URI.FsPath())
		got = append(got, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), r.Range.Start.Line, r.Range.Start.Character))
	}
	if want := "app/admin.ts:2:63 app/users/route.ts:4:43"; strings.Join(got, " ") != want {
		t.Errorf("references of createUser = %v, want %s", got, want)
	}
	// The server registers the watcher from a goroutine after initialized, so wait for the call
	// rather than count before it may have arrived.
	c.waitNote(0, protocol.MethodClientRegisterCapability, nil)
	if n := c.countNotes(protocol.MethodClientRegisterCapability); n != 1 {
		t.Errorf("%d registrations of the file watcher, want 1", n)
	}

	// The client module stops being a WorkOS client on disk: the watcher reports it.
	client := filepath.Join(dir, "lib", "workos.ts")
	if err := os.WriteFile(client, []byte("export const workos = { userManagement: { createUser() {}, createUsr() {} } };\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from = c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(client), Type: protocol.FileChangeTypeChanged},
	}})
	c.diagCount(from, u, 0)
	if got := hoverAt(t, c, u, nextRoute, "createUser"); got != "" {
		t.Errorf("hover after lib/workos.ts no longer creates a WorkOS client:\n%s", got)
	}

	// Opened and edited in the editor, the client module's text overrides the disk.
	cu := c.openFile(client, "typescript")
	from = c.noteCount()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: cu}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: nextClient}},
	})
	c.diagCount(from, u, 1)
	if got := hoverAt(t, c, u, nextRoute, "createUser"); !strings.Contains(got, "userManagement.createUser(") {
		t.Errorf("hover after the client module was edited back:\n%s", got)
	}

	// Closed, the disk's version (no client) counts again; then the file is deleted.
	from = c.noteCount()
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: cu}})
	c.diagCount(from, u, 0)
	if err := os.WriteFile(client, []byte(nextClient), 0o644); err != nil {
		t.Fatal(err)
	}
	from = c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(client), Type: protocol.FileChangeTypeChanged},
	}})
	c.diagCount(from, u, 1)
	if err := os.Remove(client); err != nil {
		t.Fatal(err)
	}
	from = c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(client), Type: protocol.FileChangeTypeDeleted},
	}})
	c.diagCount(from, u, 0)
	if got := hoverAt(t, c, u, nextRoute, "createUser"); got != "" {
		t.Errorf("hover after lib/workos.ts was deleted:\n%s", got)
	}
}

// Without a root and without a file watcher: the folder comes from the open file's package.json,
// and a save re-reads the disk.
func TestWorkspaceWithoutRootOrWatcher(t *testing.T) {
	dir := nextApp(t)
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Millisecond})
	c.initialize(defaultCaps(), "")
	from := c.noteCount()
	u := c.openFile(filepath.Join(dir, "app", "users", "route.ts"), "typescript")
	if msg := c.waitScanEnd(from); !strings.Contains(msg, filepath.Base(dir)+": 5 files") {
		t.Errorf("scan of the derived folder: %s (want 5 files: node_modules skipped)", msg)
	}
	c.diagCount(from, u, 1)
	if got := hoverAt(t, c, u, nextRoute, "createUser"); !strings.Contains(got, "userManagement.createUser(") {
		t.Errorf("hover in a derived folder:\n%s", got)
	}
	if n := c.registrations.Load(); n != 0 {
		t.Errorf("registered a watcher with a client that cannot: %d", n)
	}
	client := filepath.Join(dir, "lib", "workos.ts")
	if err := os.WriteFile(client, []byte("export const workos = {};\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from = c.noteCount()
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(client)}})
	c.diagCount(from, u, 0)
}

// A folder added by didChangeWorkspaceFolders is scanned; a removed one leaves the model.
func TestWorkspaceFoldersChange(t *testing.T) {
	dir := nextApp(t)
	empty := t.TempDir()
	caps := defaultCaps()
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Millisecond})
	c.initializeIn(caps, empty)
	from := c.noteCount()
	c.notify(protocol.MethodWorkspaceDidChangeWorkspaceFolders, &protocol.DidChangeWorkspaceFoldersParams{Event: protocol.WorkspaceFoldersChangeEvent{
		Added: []protocol.WorkspaceFolder{{URI: uri.File(dir), Name: "app"}},
	}})
	c.waitScanEnd(from)
	u := c.openFile(filepath.Join(dir, "app", "users", "route.ts"), "typescript")
	if got := hoverAt(t, c, u, nextRoute, "createUser"); !strings.Contains(got, "userManagement.createUser(") {
		t.Errorf("hover in an added folder:\n%s", got)
	}
}

// A hover asked the moment the docs are in, before the scan has read the client module, waits for
// the scan's first batch instead of answering nothing.
func TestHoverWaitsForTheScansFirstBatch(t *testing.T) {
	dir := nextApp(t)
	gate := make(chan struct{})
	l := &fixtureLoader{docs: fixtureDocs(t)}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Millisecond, scanGate: gate})
	root := uri.File(dir)
	var res protocol.InitializeResult
	c.must(protocol.MethodInitialize, &protocol.InitializeParams{Capabilities: defaultCaps(), RootURI: &root}, &res)
	from := c.noteCount()
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.waitProgressEnd(from) // the docs: the scan is held at the gate

	route := filepath.Join(dir, "app", "users", "route.ts")
	u := c.openFile(route, "typescript")
	i := strings.Index(nextRoute, "createUser")
	answer := make(chan error, 1)
	var h *protocol.Hover
	go func() {
		answer <- c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: tdp(u, positionAt(nextRoute, i+2))}, &h)
	}()
	time.Sleep(50 * time.Millisecond) // not a timing assertion: without the wait, the hover has answered by now
	close(gate)
	if err := <-answer; err != nil {
		t.Fatal(err)
	}
	if got := hoverText(t, h); !strings.Contains(got, "userManagement.createUser(") {
		t.Errorf("hover on createUser asked before the scan read lib/workos.ts:\n%s", got)
	}
}
