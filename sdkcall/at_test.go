package sdkcall

import (
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// atCase is one cursor position in a snippet and what At must find there. kind 0 means no target.
type atCase struct {
	name   string
	src    string
	kind   TargetKind
	id     string // first entry's ID (calls, options, types); candidates count for ambiguous
	word   string // text of [Start, End)
	module string // TargetModule
	option string // TargetOption: the parameter key
	event  string // TargetEvent
	cands  int    // TargetAmbiguous: number of candidates
	url    string // optional: first entry's URL
}

func runAt(t *testing.T, lang corpus.Language, cases []atCase) {
	t.Helper()
	s := testIndex(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, off := snippet(t, tc.src)
			f := Analyze(lang, text)
			tg, ok := f.At(s, off)
			if tc.kind == 0 {
				if ok {
					t.Fatalf("want no target, got %v %q entries=%v module=%q", tg.Kind, text[tg.Start:tg.End], entryIDs(tg.Entries), tg.Module)
				}
				return
			}
			if !ok {
				t.Fatalf("want %v, got no target (uses=%v)", tc.kind, f.UsesWorkOS())
			}
			if tg.Kind != tc.kind {
				t.Fatalf("kind = %v, want %v (entries %v, module %q)", tg.Kind, tc.kind, entryIDs(tg.Entries), tg.Module)
			}
			if tg.Start < 0 || tg.End > len(text) || tg.Start > tg.End {
				t.Fatalf("range [%d,%d) outside text of %d bytes", tg.Start, tg.End, len(text))
			}
			if got := string(text[tg.Start:tg.End]); tc.word != "" && got != tc.word {
				t.Errorf("word = %q, want %q", got, tc.word)
			}
			if off < tg.Start || off > tg.End {
				t.Errorf("cursor %d outside target [%d,%d)", off, tg.Start, tg.End)
			}
			switch tc.kind {
			case TargetCall, TargetOption, TargetType, TargetEndpoint:
				if len(tg.Entries) == 0 || tg.Entries[0].ID != tc.id {
					t.Errorf("entries = %v, want first %q", entryIDs(tg.Entries), tc.id)
				}
				for _, e := range tg.Entries {
					if e.Language != lang && !(lang == corpus.Curl) {
						t.Errorf("entry %s is %s, want %s", e.ID, e.Language, lang)
					}
				}
				if tc.url != "" && (len(tg.Entries) == 0 || tg.Entries[0].URL() != tc.url) {
					t.Errorf("url = %q, want %q", tg.Entries[0].URL(), tc.url)
				}
			case TargetModule:
				if tg.Module != tc.module {
					t.Errorf("module = %q, want %q", tg.Module, tc.module)
				}
			case TargetEvent:
				if tg.Event == nil || tg.Event.Name != tc.event {
					t.Errorf("event = %+v, want %q", tg.Event, tc.event)
				}
			case TargetAmbiguous:
				if len(tg.Entries) != tc.cands {
					t.Errorf("candidates = %v, want %d", entryIDs(tg.Entries), tc.cands)
				}
			}
			if tc.kind == TargetOption {
				if tg.Option == nil || tg.Option.Key != tc.option {
					t.Errorf("option = %+v, want %q", tg.Option, tc.option)
				}
			}
		})
	}
}

const jsHead = "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS(process.env.WORKOS_API_KEY);\n"

var atJSCases = []atCase{
	{name: "call", src: jsHead + "await workos.userManagement.create‸User({ email });", kind: TargetCall, id: "create_user", word: "createUser",
		url: "https://workos.com/docs/reference/authkit/user/create"},
	{name: "cursor at word end", src: jsHead + "await workos.userManagement.createUser‸({ email });", kind: TargetCall, id: "create_user"},
	{name: "module", src: jsHead + "workos.user‸Management.createUser({})", kind: TargetModule, module: "usermanagement", word: "userManagement"},
	{name: "split lines", src: jsHead + "const u = await workos\n  .userManagement\n  .list‸Users({ limit: 5 });", kind: TargetCall, id: "list_users"},
	{name: "optional chaining", src: jsHead + "workos?.userManagement?.createUs‸er({})", kind: TargetCall, id: "create_user"},
	{name: "same key other module", src: jsHead + "workos.directorySync.listU‸sers({ directory: 'd' })", kind: TargetCall, id: "list_directory_users"},
	{name: "const alias", src: jsHead + "const um = workos.userManagement;\nawait um.listU‸sers();", kind: TargetCall, id: "list_users"},
	{name: "destructured module", src: jsHead + "const { userManagement } = workos;\nuserManagement.createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "destructured renamed", src: jsHead + "const { userManagement: um, sso } = workos;\num.createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "destructured method", src: jsHead + "const { createUser } = workos.userManagement;\nawait createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "require", src: "const { WorkOS } = require('@workos-inc/node');\nconst w = new WorkOS(key);\nw.sso.getProfileAnd‸Token({ code });", kind: TargetCall, id: "get_profile_and_token"},
	{name: "require member", src: "const WorkOS = require('@workos-inc/node').WorkOS;\nconst w = new WorkOS(key);\nw.sso.getProfileAnd‸Token({ code });", kind: TargetCall, id: "get_profile_and_token"},
	{name: "dynamic import", src: "const { WorkOS } = await import('@workos-inc/node');\nconst c = new WorkOS(k);\nc.userManagement.createU‸ser({})", kind: TargetCall, id: "create_user"},
	{name: "default import", src: "import WorkOS from '@workos-inc/node';\nconst c = new WorkOS(k);\nc.userManagement.createU‸ser({})", kind: TargetCall, id: "create_user"},
	{name: "helper with workos in name", src: "import { getWorkOSClient } from '@/lib/workos';\nimport '@workos-inc/node';\ngetWorkOSClient().sso.getProfileAndTo‸ken({ code })", kind: TargetCall, id: "get_profile_and_token"},
	{name: "client from local module", src: "import { workos } from './workos';\nimport type { User } from '@workos-inc/node';\nworkos.userManagement.createU‸ser({})", kind: TargetCall, id: "create_user"},
	{name: "helper other name", src: jsHead + "function getClient() { return workos; }\ngetClient().sso.getProfileAndTo‸ken({ code })", kind: TargetCall, id: "get_profile_and_token"},
	{name: "awaited group", src: jsHead + "(await getWorkOS()).userManagement.createU‸ser({})", kind: TargetCall, id: "create_user"},
	{name: "this field", src: jsHead + "class S {\n  constructor(key) { this.client = new WorkOS(key); }\n  run() { return this.client.userManagement.createU‸ser({}); }\n}", kind: TargetCall, id: "create_user"},
	{name: "typed class field", src: jsHead + "class S {\n  private wos: WorkOS;\n  run() { return this.wos.sso.getProfileAndTo‸ken({ code }); }\n}", kind: TargetCall, id: "get_profile_and_token"},
	{name: "typed parameter", src: jsHead + "async function run(c: WorkOS) { await c.userManagement.createU‸ser({}); }", kind: TargetCall, id: "create_user"},
	{name: "authkit function", src: "import { withAuth } from '@workos-inc/authkit-nextjs';\nconst { user } = await with‸Auth({ ensureSignedIn: true });", kind: TargetCall, id: "withAuth", word: "withAuth"},
	{name: "authkit option", src: "import { withAuth } from '@workos-inc/authkit-nextjs';\nconst { user } = await withAuth({ ensureSigned‸In: true });", kind: TargetOption, id: "withAuth", option: "ensureSignedIn"},
	{name: "type", src: "import type { User } from '@workos-inc/node';\nfunction show(u: Us‸er) {}", kind: TargetType, id: "user", word: "User"},
	{name: "option", src: jsHead + "workos.userManagement.createUser({ email: 'a', first‸Name: 'b' })", kind: TargetOption, id: "create_user", option: "firstName", word: "firstName"},
	{name: "option shorthand", src: jsHead + "workos.userManagement.createUser({ ema‸il, password })", kind: TargetOption, id: "create_user", option: "email"},
	{name: "option on alias", src: jsHead + "const um = workos.userManagement;\num.createUser({\n  emailVer‸ified: true,\n})", kind: TargetOption, id: "create_user", option: "emailVerified"},
	{name: "event", src: jsHead + "if (event.event === 'dsync.user.cre‸ated') {}", kind: TargetEvent, event: "dsync.user.created", word: "dsync.user.created"},
	{name: "event in template", src: jsHead + "switch (e.event) { case `user.crea‸ted`: break }", kind: TargetEvent, event: "user.created"},
	{name: "unknown param unique", src: jsHead + "function f(svc) { return svc.createU‸ser({}); }", kind: TargetCall, id: "create_user"},
	{name: "unknown param ambiguous", src: jsHead + "function f(svc) { return svc.listUs‸ers(); }", kind: TargetAmbiguous, cands: 2},
	{name: "this property guessed module", src: jsHead + "class A { run() { return this.userManagement.createU‸ser({}); } }", kind: TargetCall, id: "create_user"},
	{name: "guessed module receiver", src: jsHead + "export function f(ctx) { return ctx.directorySync.listUs‸ers(); }", kind: TargetCall, id: "list_directory_users"},
	{name: "regex with quote", src: jsHead + "const re = /'/g;\nworkos.userManagement.createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "division not regex", src: jsHead + "const r = a / b; const q = c / d;\nworkos.userManagement.createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "utf8 before cursor", src: jsHead + "const s = 'héllo 😀 世界';\n// 日本語のコメント\nworkos.userManagement.createU‸ser({});", kind: TargetCall, id: "create_user"},
	{name: "ts non-null", src: jsHead + "workos!.userManagement.createU‸ser({})", kind: TargetCall, id: "create_user"},

	// Negative cases.
	{name: "not a workos file", src: "const workos = makeClient();\nworkos.userManagement.createU‸ser({});", kind: 0},
	{name: "look-alike local function", src: jsHead + "function createUser(x) { return x; }\ncreateU‸ser({});", kind: 0},
	{name: "look-alike local arrow", src: jsHead + "const createUser = async (x) => x;\ncreateU‸ser({});", kind: 0},
	{name: "bare SDK method name", src: jsHead + "createU‸ser({});", kind: 0},
	{name: "local class method via this", src: jsHead + "class A {\n  createUser() {}\n  run() { this.createU‸ser(); }\n}", kind: 0},
	{name: "in line comment", src: jsHead + "// workos.userManagement.createU‸ser()\n", kind: 0},
	{name: "in block comment", src: jsHead + "/* workos.userManagement.createU‸ser() */", kind: 0},
	{name: "in string", src: jsHead + "const s = 'workos.userManagement.createU‸ser';", kind: 0},
	{name: "in template", src: jsHead + "const s = `${x} workos.userManagement.createU‸ser`;", kind: 0},
	{name: "other library client", src: jsHead + "import Stripe from 'stripe';\nconst client = new Stripe(key);\nclient.userManagement.createU‸ser();", kind: 0},
	{name: "other library organizations", src: jsHead + "import { Client } from 'some-sdk';\nconst client = new Client();\nclient.organizations.getA‸ll();", kind: 0},
	{name: "untraced organizations", src: jsHead + "client.organizations.getA‸ll();", kind: 0},
	{name: "unknown dotted receiver", src: jsHead + "stripe.customers.listU‸sers();", kind: 0},
	{name: "one-word name on unknown receiver", src: jsHead + "function f(m) { return m.c‸all(); }", kind: 0},
	{name: "imported foreign function", src: jsHead + "import { createUser } from 'my-db';\ncreateU‸ser({});", kind: 0},
	{name: "object literal not an argument", src: jsHead + "const o = { ema‸il: 'a' };", kind: 0},
	{name: "unknown option", src: jsHead + "workos.userManagement.createUser({ nick‸name: 'a' })", kind: 0},
	{name: "not an event", src: jsHead + "const s = 'dsync.user.cre‸ate';", kind: 0},
	{name: "offset past end", src: jsHead + "workos‸", kind: 0},
	// A one-word module name on an unknown receiver (req.session, client.sso) is not the module, but a
	// compound method called on it still resolves.
	{name: "one-word guessed module", src: jsHead + "function f(ctx) { return ctx.s‸so.getProfileAndToken({}); }", kind: 0},
	{name: "compound method on one-word guess", src: jsHead + "function f(ctx) { return ctx.sso.getProfileAndTo‸ken({}); }", kind: TargetCall, id: "get_profile_and_token"},
	{name: "this field from another object", src: jsHead + "class R {\n  constructor(db) { this.userManagement = db.users; }\n  run() { return this.userManagement.createU‸ser({}); }\n}", kind: 0},
	{name: "local from another object", src: jsHead + "const userManagement = services.users;\nuserManagement.createU‸ser({});", kind: 0},
	{name: "instance of a local module's class", src: jsHead + "import { UserRepo } from './repo';\nconst userManagement = new UserRepo();\nuserManagement.createU‸ser({});", kind: 0},
	{name: "annotated declaration", src: jsHead + "const um: UserManagement = workos.userManagement;\nawait um.listU‸sers();", kind: TargetCall, id: "list_users"},
	{name: "destructuring default is not an annotation", src: jsHead + "const { userManagement: um = workos.userManagement } = opts;\num.listU‸sers();", kind: TargetCall, id: "list_users"},
	{name: "call inside template", src: jsHead + "const s = `${await workos.userManagement.createU‸ser({})}`;", kind: TargetCall, id: "create_user"},
	{name: "option inside template", src: jsHead + "const s = `id: ${(await workos.userManagement.createUser({ ema‸il })).id}`;", kind: TargetOption, id: "create_user", option: "email"},
}

func TestAtJS(t *testing.T) { runAt(t, corpus.JS, atJSCases) }

const goHead = "package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/workos/workos-go/v4/pkg/usermanagement\"\n\t\"github.com/workos/workos-go/v4/pkg/directorysync\"\n)\n\n"

var atGoCases = []atCase{
	{name: "call", src: goHead + "func f(ctx context.Context) {\n\tu, err := usermanagement.Create‸User(ctx, usermanagement.CreateUserOpts{Email: \"a@b.c\"})\n}", kind: TargetCall, id: "create_user",
		word: "CreateUser", url: "https://workos.com/docs/reference/authkit/user/create"},
	{name: "package is module", src: goHead + "var _ = usermanage‸ment.CreateUser", kind: TargetModule, module: "usermanagement"},
	{name: "called name differs from key", src: goHead + "usermanagement.ListUs‸ers(ctx, usermanagement.ListUsersOpts{})", kind: TargetCall, id: "list_users"},
	{name: "same name other package", src: goHead + "directorysync.ListUs‸ers(ctx, directorysync.ListUsersOpts{})", kind: TargetCall, id: "list_directory_users"},
	{name: "import alias", src: "package main\n\nimport um \"github.com/workos/workos-go/v3/pkg/usermanagement\"\n\nfunc f() { um.CreateU‸ser(ctx, um.CreateUserOpts{}) }", kind: TargetCall, id: "create_user"},
	{name: "opts field", src: goHead + "usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\tEmail: \"a\",\n\tFirstNa‸me: \"b\",\n})", kind: TargetOption, id: "create_user", option: "FirstName"},
	{name: "opts field pointer", src: goHead + "opts := &usermanagement.CreateUserOpts{Ema‸il: \"a\"}", kind: TargetOption, id: "create_user", option: "Email"},
	{name: "opts type picks package", src: goHead + "directorysync.ListUsers(ctx, directorysync.ListUsersOpts{Direct‸ory: d})", kind: TargetOption, id: "list_directory_users", option: "Directory"},
	{name: "type", src: goHead + "var u usermanagement.Us‸er", kind: TargetType, id: "user", word: "User"},
	{name: "client variable", src: goHead + "func f() {\n\tclient := usermanagement.NewClient(key)\n\tclient.CreateU‸ser(ctx, usermanagement.CreateUserOpts{})\n}", kind: TargetCall, id: "create_user"},
	{name: "struct field client", src: goHead + "type S struct {\n\tum *usermanagement.Client\n}\n\nfunc (s *S) f() { s.um.ListU‸sers(ctx, usermanagement.ListUsersOpts{}) }", kind: TargetCall, id: "list_users"},
	{name: "param client", src: goHead + "func f(c *directorysync.Client) { c.ListU‸sers(ctx, directorysync.ListUsersOpts{}) }", kind: TargetCall, id: "list_directory_users"},
	{name: "event", src: goHead + "if e.Event == \"dsync.user.dele‸ted\" {}", kind: TargetEvent, event: "dsync.user.deleted"},
	{name: "event raw string", src: goHead + "if e.Event == `user.creat‸ed` {}", kind: TargetEvent, event: "user.created"},

	{name: "not a workos file", src: "package main\n\nimport \"example.com/usermanagement\"\n\nfunc f() { usermanagement.CreateU‸ser() }", kind: 0},
	{name: "other package with module name", src: goHead + "import sso \"github.com/acme/sso\"\n\nfunc f() { sso.GetProfileAndTo‸ken() }", kind: 0},
	{name: "raw string", src: goHead + "var s = `usermanagement.CreateU‸ser(ctx)`", kind: 0},
	{name: "comment", src: goHead + "// usermanagement.CreateU‸ser(ctx)\n", kind: 0},
	{name: "local method", src: goHead + "type S struct{}\n\nfunc (s *S) CreateUser() {}\n\nfunc g(s *S) { s.CreateU‸ser() }", kind: 0},
}

func TestAtGo(t *testing.T) { runAt(t, corpus.Go, atGoCases) }

const pyHead = "from workos import WorkOSClient\n\nworkos_client = WorkOSClient(api_key=\"k\", client_id=\"c\")\n"

var atPythonCases = []atCase{
	{name: "call", src: pyHead + "user = workos_client.user_management.create_u‸ser(email=\"a@b.c\")", kind: TargetCall, id: "create_user", word: "create_user"},
	{name: "module", src: pyHead + "workos_client.user_manage‸ment.create_user(email=e)", kind: TargetModule, module: "usermanagement"},
	{name: "kwarg option", src: pyHead + "workos_client.user_management.create_user(email=\"a\", pass‸word=\"b\")", kind: TargetOption, id: "create_user", option: "password"},
	{name: "kwarg across lines", src: pyHead + "workos_client.user_management.create_user(\n    email=\"a\",\n    first_na‸me=\"b\",\n)", kind: TargetOption, id: "create_user", option: "first_name"},
	{name: "client import alias", src: "from workos import client as workos_client\n\nworkos_client.sso.get_profile_and_to‸ken(code=c)", kind: TargetCall, id: "get_profile_and_token"},
	{name: "module client", src: "import workos\n\nworkos.client.directory_sync.list_u‸sers()", kind: TargetCall, id: "list_directory_users"},
	{name: "self attribute", src: pyHead + "class S:\n    def __init__(self):\n        self.client = WorkOSClient(api_key=k)\n\n    def run(self):\n        return self.client.user_management.list_us‸ers()", kind: TargetCall, id: "list_users"},
	{name: "annotated parameter", src: pyHead + "def run(c: WorkOSClient):\n    c.sso.get_profile_and_tok‸en(code=x)", kind: TargetCall, id: "get_profile_and_token"},
	{name: "type import", src: "from workos.types.user_management import User\n\ndef show(u: Us‸er) -> None:\n    pass", kind: TargetType, id: "user"},
	{name: "event", src: pyHead + "if event.event == \"user.crea‸ted\":\n    pass", kind: TargetEvent, event: "user.created"},
	{name: "event single quotes", src: pyHead + "handlers = {'dsync.user.crea‸ted': on_created}", kind: TargetEvent, event: "dsync.user.created"},
	{name: "ambiguous param", src: pyHead + "def f(svc):\n    return svc.list_us‸ers()", kind: TargetAmbiguous, cands: 2},
	{name: "utf8", src: pyHead + "s = \"😀 世界\"  # コメント\nworkos_client.user_management.create_u‸ser(email=e)", kind: TargetCall, id: "create_user"},

	{name: "not a workos file", src: "client = make()\nclient.user_management.create_u‸ser(email=e)", kind: 0},
	{name: "local def", src: pyHead + "def create_user(email):\n    pass\n\ncreate_us‸er(email=e)", kind: 0},
	{name: "comment", src: pyHead + "# workos_client.user_management.create_u‸ser()", kind: 0},
	{name: "triple quoted", src: pyHead + "doc = \"\"\"\nworkos_client.user_management.create_u‸ser()\n\"\"\"", kind: 0},
	{name: "f-string", src: pyHead + "s = f\"{x} user_management.create_u‸ser\"", kind: 0},
	{name: "f-string code", src: pyHead + "s = f\"{workos_client.user_management.create_u‸ser(email=e).id} created\"", kind: TargetCall, id: "create_user"},
	{name: "annotated assignment", src: "from workos.types.user_management import User\n\nuser: Us‸er = response.user", kind: TargetType, id: "user"},
	{name: "annotated client", src: "from workos import WorkOSClient\n\nclient: WorkOSClient = make()\nclient.user_management.list_u‸sers()", kind: TargetCall, id: "list_users"},
	{name: "self attribute from another object", src: pyHead + "class S:\n    def __init__(self, db):\n        self.user_management = db.users\n\n    def run(self):\n        return self.user_management.create_u‸ser(email=e)", kind: 0},
	{name: "foreign import", src: pyHead + "from stripe import StripeClient\nclient = StripeClient(k)\nclient.user_management.create_u‸ser()", kind: 0},
}

func TestAtPython(t *testing.T) { runAt(t, corpus.Python, atPythonCases) }

const rbHead = "require 'workos'\n\n"

var atRubyCases = []atCase{
	{name: "call", src: rbHead + "user = WorkOS::UserManagement.create_u‸ser(email: 'a@b.c')", kind: TargetCall, id: "create_user", word: "create_user"},
	{name: "call without parens", src: rbHead + "WorkOS::UserManagement.create_u‸ser email: 'a@b.c'", kind: TargetCall, id: "create_user"},
	{name: "module", src: rbHead + "WorkOS::UserManage‸ment.create_user(email: e)", kind: TargetModule, module: "usermanagement"},
	{name: "command call option", src: rbHead + "user = WorkOS::UserManagement.create_user email: 'a',\n  passw‸ord: 'b'", kind: TargetOption, id: "create_user", option: "password"},
	{name: "command call first option", src: rbHead + "WorkOS::UserManagement.create_user ema‸il: 'a'", kind: TargetOption, id: "create_user", option: "email"},
	{name: "not a command call", src: rbHead + "x = 1\nputs ema‸il: 'a'", kind: 0},
	{name: "key differs", src: rbHead + "WorkOS::SSO.profile_and_tok‸en(code: c)", kind: TargetCall, id: "get_profile_and_token"},
	{name: "kwarg option", src: rbHead + "WorkOS::UserManagement.create_user(email: 'a', passw‸ord: 'b')", kind: TargetOption, id: "create_user", option: "password"},
	{name: "alias", src: rbHead + "um = WorkOS::UserManagement\num.list_u‸sers(limit: 5)", kind: TargetCall, id: "list_users"},
	{name: "instance variable", src: rbHead + "@ds = WorkOS::DirectorySync\n@ds.list_u‸sers(directory: d)", kind: TargetCall, id: "list_directory_users"},
	{name: "safe navigation", src: rbHead + "WorkOS::UserManagement&.list_u‸sers", kind: TargetCall, id: "list_users"},
	{name: "type", src: rbHead + "def show(u) = u.is_a?(WorkOS::Us‸er)", kind: TargetType, id: "user"},
	{name: "event", src: rbHead + "case event.event\nwhen 'dsync.user.dele‸ted' then 1\nend", kind: TargetEvent, event: "dsync.user.deleted"},
	{name: "file without require", src: "WorkOS::UserManagement.create_u‸ser(email: e)", kind: TargetCall, id: "create_user"},

	{name: "not a workos file", src: "UserService.create_u‸ser(email: e)", kind: 0},
	{name: "comment", src: rbHead + "# WorkOS::UserManagement.create_u‸ser", kind: 0},
	{name: "block comment", src: rbHead + "=begin\nWorkOS::UserManagement.create_u‸ser\n=end\n", kind: 0},
	{name: "heredoc", src: rbHead + "doc = <<~EOS\n  WorkOS::UserManagement.create_u‸ser\nEOS\n", kind: 0},
	{name: "interpolated string", src: rbHead + "s = \"#{x} WorkOS::UserManagement.create_u‸ser\"", kind: 0},
	{name: "interpolated code", src: rbHead + "s = \"#{WorkOS::UserManagement.list_u‸sers.data.size} users\"", kind: TargetCall, id: "list_users"},
	{name: "result of a call without parens", src: rbHead + "users = WorkOS::UserManagement.list_users limit: 5\nus‸ers.each { |u| p u }", kind: 0},
	{name: "local def", src: rbHead + "def create_user(x) = x\ncreate_u‸ser(1)", kind: 0},
}

func TestAtRuby(t *testing.T) { runAt(t, corpus.Ruby, atRubyCases) }

const phpHead = "<?php\n\nuse WorkOS\\UserManagement;\n\n"

var atPHPCases = []atCase{
	{name: "call", src: phpHead + "$userManagement = new UserManagement();\n$user = $userManagement->createU‸ser(email: 'a@b.c');", kind: TargetCall, id: "create_user", word: "createUser"},
	{name: "qualified new", src: "<?php\n$um = new \\WorkOS\\UserManagement();\n$um->listUs‸ers();", kind: TargetCall, id: "list_users"},
	{name: "unqualified namespace new", src: "<?php\n$ds = new WorkOS\\DirectorySync();\n$ds->listUs‸ers();", kind: TargetCall, id: "list_directory_users"},
	{name: "module class", src: "<?php\n$um = new \\WorkOS\\UserManage‸ment();", kind: TargetModule, module: "usermanagement"},
	{name: "this property", src: phpHead + "class S {\n  private $userManagement;\n  public function __construct() { $this->userManagement = new UserManagement(); }\n  public function run() { return $this->userManagement->createU‸ser('a'); }\n}", kind: TargetCall, id: "create_user"},
	{name: "this property guessed", src: "<?php\nuse WorkOS\\SSO;\nclass A { function f() { return $this->sso->getProfileAndTo‸ken($c); } }", kind: TargetCall, id: "get_profile_and_token"},
	{name: "typed property", src: phpHead + "class S {\n  public function __construct(private UserManagement $um) {}\n  public function run() { return $this->um->listU‸sers(); }\n}", kind: TargetCall, id: "list_users"},
	{name: "named arg", src: phpHead + "(new UserManagement())->createUser(email: 'a', passw‸ord: 'b');", kind: TargetOption, id: "create_user", option: "password"},
	{name: "sso", src: "<?php\nuse WorkOS\\SSO;\n$sso = new SSO();\n$sso->getProfileAndTo‸ken($code);", kind: TargetCall, id: "get_profile_and_token"},
	{name: "fully qualified beside use WorkOS\\WorkOS", src: "<?php\nuse WorkOS\\WorkOS;\nWorkOS::setApiKey($k);\n$p = (new \\WorkOS\\SSO())->getProfileAndTo‸ken($code);", kind: TargetCall, id: "get_profile_and_token"},
	{name: "array key option", src: phpHead + "$um = new UserManagement();\n$um->createUser(['ema‸il' => 'a@b.c']);", kind: TargetOption, id: "create_user", option: "email", word: "email"},
	{name: "array value not an option", src: phpHead + "$um = new UserManagement();\n$um->createUser(['email' => 'ema‸il']);", kind: 0},
	{name: "type", src: "<?php\nuse WorkOS\\Resource\\User;\nfunction show(Us‸er $u) {}", kind: TargetType, id: "user"},
	{name: "event", src: phpHead + "if ($event->event === 'user.crea‸ted') {}", kind: TargetEvent, event: "user.created"},
	{name: "after inline html", src: "<p>It's here</p>\n<?php\nuse WorkOS\\UserManagement;\n$um = new UserManagement();\n$um->createU‸ser('a');", kind: TargetCall, id: "create_user"},

	{name: "not a workos file", src: "<?php\n$um = new App\\Users();\n$um->createU‸ser('a');", kind: 0},
	{name: "hash comment", src: phpHead + "# $um->createU‸ser('a');", kind: 0},
	{name: "line comment", src: phpHead + "// $um->createU‸ser('a');", kind: 0},
	{name: "block comment", src: phpHead + "/* $um->createU‸ser('a'); */", kind: 0},
	{name: "string", src: phpHead + "$s = '$um->createU‸ser';", kind: 0},
	{name: "heredoc", src: phpHead + "$s = <<<EOT\n$um->createU‸ser()\nEOT;\n", kind: 0},
	{name: "html outside php", src: "<p>$um->createU‸ser()</p>\n<?php\nuse WorkOS\\UserManagement;\n", kind: 0},
	{name: "foreign class", src: phpHead + "use App\\Users;\n$u = new Users();\n$u->createU‸ser('a');", kind: 0},
}

func TestAtPHP(t *testing.T) { runAt(t, corpus.PHP, atPHPCases) }

const javaHead = "import com.workos.WorkOS;\n\n"

var atJavaCases = []atCase{
	{name: "call", src: javaHead + "class A {\n  void f() {\n    WorkOS workos = new WorkOS(key);\n    workos.userManagement.createU‸ser(options);\n  }\n}", kind: TargetCall, id: "create_user", word: "createUser"},
	{name: "key differs from other SDKs", src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.directorySync.listDirectoryU‸sers(opts);", kind: TargetCall, id: "list_directory_users"},
	{name: "field", src: javaHead + "class A {\n  private final WorkOS workos;\n  Profile f(String code) { return workos.sso.getProfileAndTo‸ken(code); }\n}", kind: TargetCall, id: "get_profile_and_token"},
	{name: "module", src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.userManage‸ment.createUser(o);", kind: TargetModule, module: "usermanagement"},
	{name: "builder option", src: javaHead + "CreateUserOptions o = CreateUserOptions.builder().ema‸il(\"a\").build();", kind: TargetOption, id: "create_user", option: "email"},
	{name: "type import", src: javaHead + "import com.workos.usermanagement.models.User;\n\nclass A { Us‸er u; }", kind: TargetType, id: "user"},
	{name: "event", src: javaHead + "if (event.event.equals(\"user.crea‸ted\")) {}", kind: TargetEvent, event: "user.created"},

	{name: "not a workos file", src: "class A { void f() { workos.userManagement.createU‸ser(o); } }", kind: 0},
	{name: "text block", src: javaHead + "String s = \"\"\"\n  workos.userManagement.createU‸ser(o);\n  \"\"\";", kind: 0},
	{name: "comment", src: javaHead + "// workos.userManagement.createU‸ser(o);", kind: 0},
	{name: "foreign import", src: javaHead + "import com.stripe.Client;\nClient client = new Client();\nclient.userManagement.createU‸ser(o);", kind: 0},
}

func TestAtJava(t *testing.T) { runAt(t, corpus.Java, atJavaCases) }

const csHead = "using WorkOS;\n\n"

var atDotNetCases = []atCase{
	{name: "call", src: csHead + "var service = new UserManagementService();\nvar user = await service.CreateU‸ser(options);", kind: TargetCall, id: "create_user", word: "CreateUser"},
	{name: "other service", src: csHead + "var svc = new DirectorySyncService();\nawait svc.ListU‸sers(opts);", kind: TargetCall, id: "list_directory_users"},
	{name: "field", src: csHead + "class A {\n  private readonly UserManagementService _svc;\n  Task F() => _svc.ListU‸sers(o);\n}", kind: TargetCall, id: "list_users"},
	{name: "this field", src: csHead + "class A {\n  private readonly UserManagementService _svc = new();\n  Task F() => this._svc.ListU‸sers(o);\n}", kind: TargetCall, id: "list_users"},
	{name: "module class", src: csHead + "var s = new UserManagementSer‸vice();", kind: TargetModule, module: "usermanagement"},
	{name: "initializer option", src: csHead + "var o = new CreateUserOptions { Ema‸il = \"a\" };", kind: TargetOption, id: "create_user", option: "Email"},
	{name: "type", src: csHead + "Us‸er user = await service.CreateUser(o);", kind: TargetType, id: "user"},
	{name: "event", src: csHead + "if (e.Event == \"user.crea‸ted\") {}", kind: TargetEvent, event: "user.created"},

	{name: "not a workos file", src: "var service = new UserManagementService();\nawait service.CreateU‸ser(options);", kind: 0},
	{name: "verbatim string", src: csHead + "var s = @\"service.CreateU‸ser(\"\"x\"\")\";", kind: 0},
	{name: "interpolated string", src: csHead + "var s = $\"{x} service.CreateU‸ser\";", kind: 0},
	{name: "raw string", src: csHead + "var s = \"\"\"\n  service.CreateU‸ser\n  \"\"\";", kind: 0},
	{name: "local type", src: csHead + "class User {}\nUs‸er u = new User();", kind: 0},
}

func TestAtDotNet(t *testing.T) { runAt(t, corpus.DotNet, atDotNetCases) }

var atCurlCases = []atCase{
	{name: "post", src: "curl -X POST \"https://api.workos.com/user_management/us‸ers\" \\\n  -H \"Authorization: Bearer $KEY\" \\\n  -d '{\"email\": \"a\"}'", kind: TargetEndpoint, id: "create_user", word: "/user_management/users"},
	{name: "data means post", src: "curl https://api.workos.com/user_management/us‸ers \\\n  --data '{}'", kind: TargetEndpoint, id: "create_user"},
	{name: "get", src: "curl \"https://api.workos.com/user_management/us‸ers?limit=5\"", kind: TargetEndpoint, id: "list_users", word: "/user_management/users"},
	{name: "method after url", src: "curl https://api.workos.com/user_management/us‸ers \\\n  -X POST", kind: TargetEndpoint, id: "create_user"},
	{name: "http request line", src: "POST /user_management/us‸ers HTTP/1.1\nHost: api.workos.com\n", kind: TargetEndpoint, id: "create_user"},
	{name: "sso token", src: "curl -X POST https://api.workos.com/sso/tok‸en -d code=abc", kind: TargetEndpoint, id: "get_profile_and_token"},

	{name: "event in a JSON body", src: "curl -X POST https://api.workos.com/webhook_endpoints \\\n  -d '{\"events\": [\"dsync.user.crea‸ted\", \"user.created\"]}'", kind: TargetEvent, event: "dsync.user.created", word: "dsync.user.created"},
	{name: "event in a query", src: "curl \"https://api.workos.com/events?events=user.created,dsync.user.dele‸ted&limit=5\"", kind: TargetEvent, event: "dsync.user.deleted"},
	{name: "not an event", src: "curl https://api.workos.com/events -d '{\"note\": \"user.crea‸te\"}'", kind: 0},
	{name: "event in a comment line", src: "# dsync.user.crea‸ted\ncurl https://api.workos.com/events", kind: 0},
	{name: "comment line", src: "# curl https://api.workos.com/user_management/us‸ers\n", kind: 0},
	{name: "other host", src: "curl https://example.com/user_management/us‸ers", kind: 0},
	{name: "unknown path", src: "curl https://api.workos.com/nothing/he‸re", kind: 0},
}

func TestAtCurl(t *testing.T) { runAt(t, corpus.Curl, atCurlCases) }

func TestAnalyzeUnknownLanguage(t *testing.T) {
	f := Analyze("cobol", "workos.userManagement.createUser()")
	if f.UsesWorkOS() {
		t.Fatal("unknown language uses WorkOS")
	}
	if _, ok := f.At(testIndex(t), 10); ok {
		t.Fatal("unknown language has targets")
	}
	var nilFile *File
	if nilFile.UsesWorkOS() {
		t.Fatal("nil file uses WorkOS")
	}
}

func TestUsesWorkOS(t *testing.T) {
	tests := []struct {
		lang corpus.Language
		src  string
		want bool
	}{
		{corpus.JS, "import { WorkOS } from '@workos-inc/node'", true},
		{corpus.JS, "import { withAuth } from \"@workos-inc/authkit-nextjs\"", true},
		{corpus.JS, "import { AuthKitProvider } from '@workos-inc/authkit-react'", true},
		{corpus.JS, "const { WorkOS } = require('@workos-inc/node')", true},
		{corpus.JS, "const m = await import('@workos-inc/node')", true},
		{corpus.JS, "import '@workos-inc/node'", true},
		{corpus.JS, "// import { WorkOS } from '@workos-inc/node'", false},
		{corpus.JS, "const s = '@workos-inc/node'", false},
		{corpus.JS, "import { WorkOS } from './workos-inc/node'", false},
		{corpus.Go, "import \"github.com/workos/workos-go/v4/pkg/usermanagement\"", true},
		{corpus.Go, "import (\n\tum \"github.com/workos/workos-go/v2/pkg/usermanagement\"\n)", true},
		{corpus.Go, "import \"github.com/workos/workos-go/pkg/sso\"", true},
		{corpus.Go, "import \"github.com/workos-like/workos-go-x\"", false},
		{corpus.Go, "var s = \"github.com/workos/workos-go/v4/pkg/sso\"", false},
		{corpus.Python, "import workos", true},
		{corpus.Python, "from workos import WorkOSClient", true},
		{corpus.Python, "from workos.types.user_management import User", true},
		{corpus.Python, "import workos_helpers", false},
		{corpus.Python, "# import workos", false},
		{corpus.Ruby, "require 'workos'", true},
		{corpus.Ruby, "require \"workos\"", true},
		{corpus.Ruby, "WorkOS::UserManagement.create_user(email: e)", true},
		{corpus.Ruby, "WorkOS.configure { |c| c.key = k }", true},
		{corpus.Ruby, "# require 'workos'", false},
		{corpus.PHP, "<?php\nuse WorkOS\\UserManagement;", true},
		{corpus.PHP, "<?php\n$x = new \\WorkOS\\UserManagement();", true},
		{corpus.PHP, "<?php\n$x = new WorkOS\\UserManagement();", true},
		{corpus.PHP, "<?php\n// use WorkOS\\UserManagement;", false},
		{corpus.Java, "import com.workos.WorkOS;", true},
		{corpus.Java, "import com.workos.usermanagement.*;", true},
		{corpus.Java, "import com.workosish.Thing;", false},
		{corpus.DotNet, "using WorkOS;", true},
		{corpus.DotNet, "global using WorkOS;", true},
		{corpus.DotNet, "using WorkOSHelpers;", false},
		{corpus.Curl, "curl https://api.workos.com/sso/token", true},
		{corpus.Curl, "curl https://example.com/sso/token", false},
	}
	for _, tt := range tests {
		if got := Analyze(tt.lang, tt.src).UsesWorkOS(); got != tt.want {
			t.Errorf("%s %q: UsesWorkOS = %v, want %v", tt.lang, tt.src, got, tt.want)
		}
	}
}

// TestAtNeverPanics asks every offset of every snippet in every language.
func TestAtEveryOffset(t *testing.T) {
	s := testIndex(t)
	srcs := []string{jsHead + "workos.userManagement.createUser({ email: 'a', firstName })", goHead, pyHead, rbHead, phpHead, javaHead, csHead,
		"curl -X POST https://api.workos.com/user_management/users"}
	for _, lang := range corpus.ReferenceLanguages {
		for _, src := range srcs {
			text := strings.Repeat(src, 2)
			f := Analyze(lang, text)
			for off := -1; off <= len(text)+1; off++ {
				if tg, ok := f.At(s, off); ok && (tg.Start < 0 || tg.End > len(text) || tg.Start > tg.End) {
					t.Fatalf("%s offset %d: bad range %+v", lang, off, tg)
				}
				f.Complete(s, off)
				f.Signature(s, off)
			}
			f.Diagnostics(s)
			f.Links(s)
		}
	}
}
