package lsp

import (
	"encoding/json"
	"fmt"
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
	jsHead   = "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS(process.env.WORKOS_API_KEY);\n"
	goHead   = "package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/workos/workos-go/v4/pkg/usermanagement\"\n)\n\n"
	pyHead   = "from workos import WorkOSClient\n\nworkos_client = WorkOSClient(api_key=\"k\", client_id=\"c\")\n"
	rbHead   = "require 'workos'\n\n"
	phpHead  = "<?php\n\nuse WorkOS\\UserManagement;\n\n"
	javaHead = "import com.workos.WorkOS;\n\n"
	csHead   = "using WorkOS;\n\n"
)

// langFile is how a snippet is opened: language id and file name.
type langFile struct {
	lang, languageID, file string
}

var (
	jsFile   = langFile{"js", "typescript", "app.ts"}
	goFile   = langFile{"go", "go", "main.go"}
	pyFile   = langFile{"python", "python", "app.py"}
	rbFile   = langFile{"ruby", "ruby", "app.rb"}
	phpFile  = langFile{"php", "php", "index.php"}
	javaFile = langFile{"java", "java", "App.java"}
	csFile   = langFile{"dotnet", "csharp", "Program.cs"}
	curlFile = langFile{"curl", "shellscript", "create.sh"}
)

type hoverCase struct {
	name string
	lf   langFile
	src  string
	word string // the hover range's text
	page string // definition: rendered page file (relative to the pages folder), "" for none
	link bool   // a document link covers the word
}

var hoverCases = []hoverCase{
	{"js-call", jsFile, jsHead + "await workos.userManagement.create‸User({ email: 'a@b.c' });", "createUser", "reference/authkit/user/create.md", true},
	{"js-option", jsFile, jsHead + "await workos.userManagement.createUser({ email: 'a', first‸Name: 'b' });", "firstName", "reference/authkit/user/create.md", false},
	{"js-module", jsFile, jsHead + "workos.user‸Management.createUser({});", "userManagement", "", false},
	{"js-event", jsFile, jsHead + "if (event.event === 'dsync.user.cre‸ated') {}", "dsync.user.created", "events.md", true},
	{"js-type", jsFile, "import type { User } from '@workos-inc/node';\nfunction show(u: Us‸er) {}", "User", "reference/authkit/user.md", false},
	{"js-ambiguous", jsFile, jsHead + "function f(svc) { return svc.listUs‸ers(); }", "listUsers", "reference/authkit/user/list.md", false},
	{"js-function", jsFile, "import { withAuth } from '@workos-inc/authkit-nextjs';\nconst { user } = await with‸Auth({ ensureSignedIn: true });", "withAuth", "", true},
	{"go-call", goFile, goHead + "func f(ctx context.Context) {\n\tu, err := usermanagement.Create‸User(ctx, usermanagement.CreateUserOpts{Email: \"a@b.c\"})\n}", "CreateUser", "reference/authkit/user/create.md", true},
	{"go-option", goFile, goHead + "func f(ctx context.Context) {\n\tusermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\t\tEmail: \"a\",\n\t\tFirstNa‸me: \"b\",\n\t})\n}", "FirstName", "reference/authkit/user/create.md", false},
	{"python-call", pyFile, pyHead + "user = workos_client.user_management.create_u‸ser(email=\"a@b.c\")", "create_user", "reference/authkit/user/create.md", true},
	{"python-option", pyFile, pyHead + "workos_client.user_management.create_user(email=\"a\", pass‸word=\"b\")", "password", "reference/authkit/user/create.md", false},
	{"ruby-call", rbFile, rbHead + "user = WorkOS::UserManagement.create_u‸ser(email: 'a@b.c')", "create_user", "reference/authkit/user/create.md", true},
	{"php-call", phpFile, phpHead + "$userManagement = new UserManagement();\n$user = $userManagement->createU‸ser(email: 'a@b.c');", "createUser", "reference/authkit/user/create.md", true},
	{"java-call", javaFile, javaHead + "class A {\n  void f() {\n    WorkOS workos = new WorkOS(key);\n    workos.userManagement.createU‸ser(options);\n  }\n}", "createUser", "reference/authkit/user/create.md", true},
	{"dotnet-call", csFile, csHead + "var service = new UserManagementService();\nvar user = await service.CreateU‸ser(options);", "CreateUser", "reference/authkit/user/create.md", true},
	{"curl-endpoint", curlFile, "curl -X POST \"https://api.workos.com/user_management/us‸ers\" \\\n  -H \"Authorization: Bearer $KEY\" \\\n  -d '{\"email\": \"a\"}'", "/user_management/users", "reference/authkit/user/create.md", true},
}

func TestHoverDefinitionLinksEveryLanguage(t *testing.T) {
	c, _ := newTestServer(t)
	for _, tc := range hoverCases {
		t.Run(tc.name, func(t *testing.T) {
			text, pos := cut(t, tc.src)
			u := c.open(tc.name+"-"+tc.lf.file, tc.lf.languageID, text)

			h := c.hover(u, pos)
			if h == nil {
				t.Fatal("hover is null")
			}
			if h.Range == nil || rangeText(text, *h.Range) != tc.word {
				t.Errorf("hover range %v covers %q, want %q", h.Range, rangeText(text, *h.Range), tc.word)
			}
			md := hoverText(t, h)
			if !strings.Contains(md, "WorkOS docs fixture") {
				t.Errorf("hover has no docs-version footer:\n%s", md)
			}
			golden(t, filepath.Join("hover", tc.name+".md"), md)

			var defs protocol.LocationSlice
			c.must(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: tdp(u, pos)}, &defs)
			if tc.page == "" {
				if len(defs) != 0 && !strings.HasPrefix(tc.name, "js-function") {
					t.Errorf("definition = %v, want none", defs)
				}
			} else {
				if len(defs) == 0 {
					t.Fatal("definition is empty")
				}
				checkPageLocation(t, defs[0], tc.page)
			}

			var links []protocol.DocumentLink
			c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &links)
			if tc.link {
				found := false
				for _, l := range links {
					if rangeText(text, l.Range) == tc.word && l.Target != nil && strings.HasPrefix(string(*l.Target), "https://") {
						found = true
					}
				}
				if !found {
					t.Errorf("no document link on %q: %+v", tc.word, links)
				}
			}

			var actions []protocol.CommandOrCodeAction
			c.must(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: u},
				Range:        protocol.Range{Start: pos, End: pos},
			}, &actions)
			open := findOpenDocs(actions)
			if open == nil {
				for _, a := range actions {
					t.Logf("action: %+v", a)
				}
				t.Fatalf("no Open WorkOS docs action")
			}
			if open.Command.Command != CommandOpenDocs || len(open.Command.Arguments) != 1 || !strings.Contains(string(open.Command.Arguments[0]), "https://") {
				t.Errorf("open docs command = %+v", open.Command)
			}
		})
	}
}

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

func TestHoverNegative(t *testing.T) {
	c, _ := newTestServer(t)
	cases := []struct{ name, languageID, file, src string }{
		{"not a workos file", "typescript", "a.ts", "const workos = makeClient();\nworkos.userManagement.create‸User({});"},
		{"comment", "typescript", "b.ts", jsHead + "// workos.userManagement.create‸User()"},
		{"unknown language", "cobol", "c.cbl", "workos.userManagement.create‸User()"},
		{"plain text file", "plaintext", "notes.txt", "workos.userManagement.create‸User()"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, pos := cut(t, tc.src)
			u := c.open(tc.file, tc.languageID, text)
			if h := c.hover(u, pos); h != nil {
				t.Errorf("hover = %q, want null", hoverText(t, h))
			}
			var cl *protocol.CompletionList
			c.must(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, pos)}, &cl)
			if cl != nil && len(cl.Items) > 0 {
				t.Errorf("completion = %d items, want none", len(cl.Items))
			}
			var links []protocol.DocumentLink
			c.must(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}, &links)
			if len(links) > 0 {
				t.Errorf("links = %v, want none", links)
			}
		})
	}
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
	golden(t, "hover/js-call-plaintext.txt", mc.Value)
}

type completionCase struct {
	name    string
	lf      langFile
	src     string
	trigger string
	first   string // a label that must be offered
	kind    protocol.CompletionItemKind
}

var completionCases = []completionCase{
	{"js-methods", jsFile, jsHead + "await workos.userManagement.‸", ".", "createUser", protocol.CompletionItemKindMethod},
	{"js-methods-partial", jsFile, jsHead + "await workos.userManagement.cre‸", "", "createUser", protocol.CompletionItemKindMethod},
	{"js-modules", jsFile, jsHead + "workos.‸", ".", "userManagement", protocol.CompletionItemKindModule},
	{"js-options", jsFile, jsHead + "workos.userManagement.createUser({ ‸ })", "{", "email", protocol.CompletionItemKindProperty},
	{"js-events", jsFile, jsHead + "if (event.event === '‸')", "'", "dsync.user.created", protocol.CompletionItemKindEnumMember},
	{"go-methods", goFile, goHead + "func f() { usermanagement.‸ }", ".", "CreateUser", protocol.CompletionItemKindMethod},
	{"go-options", goFile, goHead + "func f() {\n\tusermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\t\t‸\n\t})\n}", "", "Email", protocol.CompletionItemKindProperty},
	{"python-methods", pyFile, pyHead + "workos_client.user_management.‸", ".", "create_user", protocol.CompletionItemKindMethod},
	{"python-kwargs", pyFile, pyHead + "workos_client.user_management.create_user(‸)", "(", "email", protocol.CompletionItemKindProperty},
	{"ruby-modules", rbFile, rbHead + "WorkOS::‸", ":", "UserManagement", protocol.CompletionItemKindModule},
	{"ruby-methods", rbFile, rbHead + "WorkOS::UserManagement.‸", ".", "create_user", protocol.CompletionItemKindMethod},
	{"php-methods", phpFile, phpHead + "$um = new UserManagement();\n$um->‸", ">", "createUser", protocol.CompletionItemKindMethod},
	{"java-methods", javaFile, javaHead + "WorkOS workos = new WorkOS(key);\nworkos.directorySync.‸", ".", "listDirectoryUsers", protocol.CompletionItemKindMethod},
	{"dotnet-methods", csFile, csHead + "var service = new UserManagementService();\nawait service.‸", ".", "CreateUser", protocol.CompletionItemKindMethod},
	{"dotnet-initializer", csFile, csHead + "var o = new CreateUserOptions {\n  Email = \"a\",\n  ‸\n};", ",", "Password", protocol.CompletionItemKindProperty},
}

func TestCompletionEveryLanguage(t *testing.T) {
	c, _ := newTestServer(t)
	for _, tc := range completionCases {
		t.Run(tc.name, func(t *testing.T) {
			text, pos := cut(t, tc.src)
			u := c.open(tc.name+"-"+tc.lf.file, tc.lf.languageID, text)
			params := &protocol.CompletionParams{TextDocumentPositionParams: tdp(u, pos)}
			if tc.trigger != "" {
				trig := tc.trigger
				params.Context = protocol.CompletionContext{TriggerKind: protocol.CompletionTriggerKindTriggerCharacter, TriggerCharacter: &trig}
			}
			var cl *protocol.CompletionList
			c.must(protocol.MethodTextDocumentCompletion, params, &cl)
			if cl == nil || len(cl.Items) == 0 {
				t.Fatal("no completion items")
			}
			var b strings.Builder
			var target *protocol.CompletionItem
			for i := range cl.Items {
				it := &cl.Items[i]
				te, ok := it.TextEdit.(*protocol.TextEdit)
				if !ok {
					t.Fatalf("item %q has no TextEdit", it.Label)
				}
				if te.Range.Start.Line != pos.Line || te.Range.End != pos {
					t.Errorf("item %q edit range %v does not end at the cursor %v", it.Label, te.Range, pos)
				}
				detail, _ := it.Detail.Get()
				sort, _ := it.SortText.Get()
				fmt.Fprintf(&b, "%s\tkind=%d\tdetail=%q\tsort=%q\tedit=%q@%d:%d-%d:%d\n", it.Label, it.Kind, detail, sort, te.NewText,
					te.Range.Start.Line, te.Range.Start.Character, te.Range.End.Line, te.Range.End.Character)
				if it.Label == tc.first {
					target = it
				}
			}
			golden(t, filepath.Join("completion", tc.name+".txt"), b.String())
			if target == nil {
				t.Fatalf("%q not offered", tc.first)
			}
			if target.Kind != tc.kind {
				t.Errorf("%q kind = %d, want %d", tc.first, target.Kind, tc.kind)
			}
			if target.Documentation != nil {
				t.Errorf("documentation should come from completionItem/resolve")
			}
			var resolved protocol.CompletionItem
			c.must(protocol.MethodCompletionItemResolve, target, &resolved)
			mc, ok := resolved.Documentation.(*protocol.MarkupContent)
			if !ok || mc.Kind != protocol.MarkupKindMarkdown || !strings.Contains(mc.Value, "WorkOS docs fixture") {
				t.Errorf("resolved documentation = %#v", resolved.Documentation)
			}
		})
	}
}

type signatureCase struct {
	name   string
	lf     langFile
	src    string
	label  string
	active string // the active parameter's label text
}

var signatureCases = []signatureCase{
	{"js", jsFile, jsHead + "workos.userManagement.createUser({ email: 'a', ‸ })", "userManagement.createUser(options)", "options"},
	{"go-second-arg", goFile, goHead + "func f(ctx context.Context) {\n\tusermanagement.CreateUser(ctx, ‸)\n}", "usermanagement.CreateUser(ctx, opts)", "opts"},
	{"go-first-arg", goFile, goHead + "func f(ctx context.Context) {\n\tusermanagement.CreateUser(‸)\n}", "usermanagement.CreateUser(ctx, opts)", "ctx"},
	{"python-kwarg", pyFile, pyHead + "workos_client.user_management.create_user(email=\"a\", pass‸)", "user_management.create_user(email, password?, first_name?)", "password?"},
	{"ruby", rbFile, rbHead + "WorkOS::UserManagement.create_user(‸)", "UserManagement.create_user(email, password?)", "email"},
	{"php", phpFile, phpHead + "$um = new UserManagement();\n$um->createUser('a', ‸);", "$userManagement->createUser(email, password?)", "password?"},
	{"java", javaFile, javaHead + "WorkOS workos = new WorkOS(key);\nworkos.userManagement.createUser(‸);", "userManagement.createUser(options)", "options"},
	{"dotnet", csFile, csHead + "var service = new UserManagementService();\nawait service.CreateUser(options, ‸);", "userManagementService.CreateUser(options, cancellationToken?)", "cancellationToken?"},
}

func TestSignatureHelpEveryLanguage(t *testing.T) {
	c, _ := newTestServer(t)
	for _, tc := range signatureCases {
		t.Run(tc.name, func(t *testing.T) {
			text, pos := cut(t, tc.src)
			u := c.open("sig-"+tc.name+"-"+tc.lf.file, tc.lf.languageID, text)
			var sh *protocol.SignatureHelp
			c.must(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: tdp(u, pos)}, &sh)
			if sh == nil || len(sh.Signatures) != 1 {
				t.Fatalf("signature help = %+v", sh)
			}
			sig := sh.Signatures[0]
			if sig.Label != tc.label {
				t.Errorf("label = %q, want %q", sig.Label, tc.label)
			}
			active, ok := sh.ActiveParameter.Get()
			if !ok || int(active) >= len(sig.Parameters) {
				t.Fatalf("active parameter = %v (%v) of %d", active, ok, len(sig.Parameters))
			}
			tuple, ok := sig.Parameters[active].Label.(protocol.ParameterInformationLabelTuple)
			if !ok {
				t.Fatalf("parameter label is %T", sig.Parameters[active].Label)
			}
			if got := sig.Label[tuple[0]:tuple[1]]; got != tc.active {
				t.Errorf("active parameter = %q, want %q", got, tc.active)
			}
			if sig.Documentation == nil {
				t.Error("signature has no documentation")
			}
		})
	}
}

type diagCase struct {
	name string
	lf   langFile
	src  string
	word string
}

var diagCases = []diagCase{
	{"js", jsFile, jsHead + "const { profile } = await workos.sso.getProfileAndToken({ code });\nconsole.log(profile.rawAttributes);\n", "rawAttributes"},
	{"go", goFile, goHead + "func f(p usermanagement.User) { _ = p.RawAttributes }\n", "RawAttributes"},
	{"python", pyFile, pyHead + "profile = workos_client.sso.get_profile_and_token(code=c)\nprint(profile.raw_attributes)\n", "raw_attributes"},
	{"ruby", rbFile, rbHead + "profile = WorkOS::SSO.profile_and_token(code: c)\nputs profile.raw_attributes\n", "raw_attributes"},
	{"php", phpFile, phpHead + "$p = $sso->getProfileAndToken($code);\necho $p->raw_attributes;\n", "raw_attributes"},
	{"java", javaFile, javaHead + "Object x = profile.rawAttributes;\n", "rawAttributes"},
	{"dotnet", csFile, csHead + "var x = profile.RawAttributes;\n", "RawAttributes"},
}

func TestDiagnosticsEveryLanguage(t *testing.T) {
	c, _ := newTestServer(t)
	for _, tc := range diagCases {
		t.Run(tc.name, func(t *testing.T) {
			from := c.noteCount()
			u := c.open("diag-"+tc.name+"-"+tc.lf.file, tc.lf.languageID, tc.src)
			p := c.waitDiagnostics(from, u, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
			if v, _ := p.Version.Get(); v != 1 {
				t.Errorf("version = %d, want 1", v)
			}
			d := p.Diagnostics[0]
			if got := rangeText(tc.src, d.Range); got != tc.word {
				t.Errorf("range covers %q, want %q", got, tc.word)
			}
			if d.Severity != protocol.DiagnosticSeverityWarning {
				t.Errorf("severity = %d, want Warning", d.Severity)
			}
			if src, _ := d.Source.Get(); src != "workos" {
				t.Errorf("source = %q", src)
			}
			if tags := d.Tags.Slice(); len(tags) != 1 || tags[0] != protocol.DiagnosticTagDeprecated {
				t.Errorf("tags = %v, want [Deprecated]", tags)
			}
			if !strings.HasPrefix(string(d.CodeDescription.Href), "https://workos.com/docs/deprecations/") {
				t.Errorf("codeDescription.href = %q", d.CodeDescription.Href)
			}
			msg, _ := d.Message.(protocol.String)
			if !strings.Contains(string(msg), "deprecated") {
				t.Errorf("message = %q", msg)
			}
			// Fixing the text clears the diagnostics, for the new version.
			from = c.noteCount()
			fixed := strings.ReplaceAll(tc.src, tc.word, "name")
			c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: fixed}},
			})
			p = c.waitDiagnostics(from, u, nil)
			if v, _ := p.Version.Get(); v != 2 || len(p.Diagnostics) != 0 {
				t.Errorf("after the fix: version %d, %d diagnostics", v, len(p.Diagnostics))
			}
		})
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
		if strings.HasSuffix(filepath.ToSlash(loc.URI.FsPath()), "reference/authkit/user/create.md") {
			found = true
			checkPageLocation(t, *loc, "reference/authkit/user/create.md")
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
