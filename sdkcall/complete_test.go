package sdkcall

import (
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

type completeCase struct {
	name    string
	lang    corpus.Language
	src     string
	want    []string // labels, in order; nil means no completion
	kind    ItemKind
	partial string // text of [Start, End)
	insert  string // Insert of the first item, when set
}

func TestComplete(t *testing.T) {
	s := testIndex(t)
	cases := []completeCase{
		// JS
		{name: "js methods", lang: corpus.JS, src: jsHead + "workos.userManagement.‸", want: []string{"createUser", "listUsers"}, kind: ItemMethod},
		{name: "js methods partial", lang: corpus.JS, src: jsHead + "workos.userManagement.cre‸", want: []string{"createUser", "listUsers"}, kind: ItemMethod, partial: "cre"},
		{name: "js methods at word start", lang: corpus.JS, src: jsHead + "workos.userManagement.‸createUser()", want: []string{"createUser", "listUsers"}, kind: ItemMethod, partial: "createUser"},
		{name: "js option at word start", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email, ‸password })", want: []string{"emailVerified", "firstName", "password"}, kind: ItemOption, partial: "password"},
		{name: "js one-word guessed module", lang: corpus.JS, src: jsHead + "app.get('/', (req) => req.sso.‸)"},
		{name: "js methods mid word", lang: corpus.JS, src: jsHead + "workos.userManagement.cre‸ateUser()", want: []string{"createUser", "listUsers"}, kind: ItemMethod, partial: "createUser"},
		{name: "js methods next line follows", lang: corpus.JS, src: jsHead + "await workos.userManagement.‸\nconst x = 1;", want: []string{"createUser", "listUsers"}, kind: ItemMethod},
		{name: "js methods on alias", lang: corpus.JS, src: jsHead + "const ds = workos.directorySync;\nds.‸", want: []string{"listUsers"}, kind: ItemMethod},
		{name: "js modules", lang: corpus.JS, src: jsHead + "workos.‸", want: []string{"directorySync", "fine", "sso", "userManagement"}, kind: ItemModule},
		{name: "js modules split line", lang: corpus.JS, src: jsHead + "workos\n  .us‸", want: []string{"directorySync", "fine", "sso", "userManagement"}, kind: ItemModule, partial: "us"},
		{name: "js options required first", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ ‸ })", want: []string{"email", "emailVerified", "firstName", "password"}, kind: ItemOption, insert: "email: "},
		{name: "js options not yet written", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email: 'a', ‸ })", want: []string{"emailVerified", "firstName", "password"}, kind: ItemOption},
		{name: "js options shorthand written", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({\n  email,\n  fi‸\n})", want: []string{"emailVerified", "firstName", "password"}, kind: ItemOption, partial: "fi"},
		{name: "js events after ===", lang: corpus.JS, src: jsHead + "if (event.event === '‸')", want: []string{"dsync.user.created", "dsync.user.deleted", "user.created"}, kind: ItemEvent},
		{name: "js events by prefix", lang: corpus.JS, src: jsHead + "const e = 'dsync.‸';", want: []string{"dsync.user.created", "dsync.user.deleted"}, kind: ItemEvent, partial: "dsync."},
		{name: "js events case", lang: corpus.JS, src: jsHead + "switch (e.event) {\n  case \"‸", want: []string{"dsync.user.created", "dsync.user.deleted", "user.created"}, kind: ItemEvent},
		{name: "js utf8 before", lang: corpus.JS, src: jsHead + "const s = '😀 世界 é';\nworkos.sso.‸", want: []string{"getProfileAndToken"}, kind: ItemMethod},
		{name: "js no events in plain string", lang: corpus.JS, src: jsHead + "const greeting = 'he‸';"},
		{name: "js comment", lang: corpus.JS, src: jsHead + "// workos.userManagement.‸"},
		{name: "js foreign receiver", lang: corpus.JS, src: jsHead + "import Stripe from 'stripe';\nconst stripe = new Stripe(k);\nstripe.‸"},
		{name: "js not a workos file", lang: corpus.JS, src: "const workos = f();\nworkos.userManagement.‸"},
		{name: "js unknown receiver", lang: corpus.JS, src: jsHead + "foo.‸"},

		// Go
		{name: "go methods", lang: corpus.Go, src: goHead + "func f() { usermanagement.‸ }", want: []string{"CreateUser", "ListUsers"}, kind: ItemMethod},
		{name: "go opts fields", lang: corpus.Go, src: goHead + "usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\t‸\n})", want: []string{"Email", "FirstName", "Password"}, kind: ItemOption, insert: "Email: "},
		{name: "go opts fields written", lang: corpus.Go, src: goHead + "usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Email: e, Pa‸})", want: []string{"FirstName", "Password"}, kind: ItemOption, partial: "Pa"},

		// Python
		{name: "py modules", lang: corpus.Python, src: pyHead + "workos_client.‸", want: []string{"directory_sync", "sso", "user_management"}, kind: ItemModule},
		{name: "py methods", lang: corpus.Python, src: pyHead + "workos_client.user_management.‸", want: []string{"create_user", "list_users"}, kind: ItemMethod},
		{name: "py newline ends the chain", lang: corpus.Python, src: pyHead + "workos_client.user_management.  # later\n    ‸"},
		{name: "py newline ends the chain, word typed", lang: corpus.Python, src: pyHead + "workos_client.user_management.\ncre‸"},
		{name: "py chain in brackets goes on", lang: corpus.Python, src: pyHead + "u = (workos_client.user_management.\n    ‸)", want: []string{"create_user", "list_users"}, kind: ItemMethod},
		{name: "py backslash continues the chain", lang: corpus.Python, src: pyHead + "u = workos_client.user_management \\\n    .‸", want: []string{"create_user", "list_users"}, kind: ItemMethod},
		{name: "py backslash continues the chain, word typed", lang: corpus.Python, src: pyHead + "u = workos_client.user_management. \\\n    cre‸", want: []string{"create_user", "list_users"}, kind: ItemMethod, partial: "cre"},
		{name: "py a def closes the bracket left open above it", lang: corpus.Python, src: pyHead + "def a():\n    u = workos_client.user_management.get_user(\ndef b():\n    x = workos_client.user_management.\n    cre‸"},
		{name: "py inside an unclosed bracket the chain goes on", lang: corpus.Python, src: pyHead + "def a():\n    u = workos_client.user_management.get_user(\n    x = workos_client.user_management\n    .‸", want: []string{"create_user", "list_users"}, kind: ItemMethod},
		{name: "py backslash in a string does not continue", lang: corpus.Python, src: pyHead + "s = 'a\\\\'\nworkos_client.user_management.\ncre‸"},
		{name: "py kwargs", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(‸)", want: []string{"email", "first_name", "password"}, kind: ItemOption, insert: "email="},
		{name: "py dict argument", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user({\"email\": e, ‸})", want: []string{"first_name", "password"}, kind: ItemOption, insert: "\"first_name\": "},
		{name: "py kwargs after a positional argument", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(\"a@b.c\", ‸)", want: []string{"first_name", "password"}, kind: ItemOption},
		{name: "py kwargs after unpacking", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(**params, ‸)", want: []string{"email", "first_name", "password"}, kind: ItemOption},
		{name: "py kwargs written", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(email=e, ‸)", want: []string{"first_name", "password"}, kind: ItemOption},
		{name: "py events", lang: corpus.Python, src: pyHead + "if event.event == \"‸\":", want: []string{"dsync.user.created", "dsync.user.deleted", "user.created"}, kind: ItemEvent},

		// Ruby
		{name: "rb modules", lang: corpus.Ruby, src: rbHead + "WorkOS::‸", want: []string{"DirectorySync", "SSO", "UserManagement"}, kind: ItemModule},
		{name: "rb methods", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.‸", want: []string{"create_user", "list_users"}, kind: ItemMethod},
		{name: "rb kwargs", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user(email: e, ‸)", want: []string{"password"}, kind: ItemOption, insert: "password: "},
		{name: "rb command call", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user email: e, ‸", want: []string{"password"}, kind: ItemOption},
		{name: "rb command call first", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user ‸", want: []string{"email", "password"}, kind: ItemOption},
		{name: "rb events when", lang: corpus.Ruby, src: rbHead + "case e.event\nwhen 'user.‸'", want: []string{"user.created"}, kind: ItemEvent, partial: "user."},

		// PHP
		{name: "php methods", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->‸", want: []string{"createUser", "listUsers"}, kind: ItemMethod},
		{name: "php namespace classes", lang: corpus.PHP, src: "<?php\n$x = new \\WorkOS\\‸", want: []string{"DirectorySync", "SSO", "UserManagement"}, kind: ItemModule},
		{name: "php named args", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(‸);", want: []string{"email", "password"}, kind: ItemOption, insert: "email: "},
		{name: "php named args after a positional one", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser('a@b.c', ‸);", want: []string{"password"}, kind: ItemOption},
		{name: "php array keys", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(['email' => $e, ‸]);", want: []string{"password"}, kind: ItemOption, insert: "'password' => "},
		{name: "php array key in quotes", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(['pa‸']);", want: []string{"email", "password"}, kind: ItemOption, partial: "pa", insert: "email"},
		{name: "php array value", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(['email' => 'us‸']);"},

		// Java
		{name: "java modules", lang: corpus.Java, src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.‸", want: []string{"directorySync", "sso", "userManagement"}, kind: ItemModule},
		{name: "java methods", lang: corpus.Java, src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.directorySync.‸", want: []string{"listDirectoryUsers"}, kind: ItemMethod},
		{name: "java builder", lang: corpus.Java, src: javaHead + "CreateUserOptions.builder().‸", want: []string{"email"}, kind: ItemOption},

		// C#
		{name: "cs methods", lang: corpus.DotNet, src: csHead + "var service = new UserManagementService();\nawait service.‸", want: []string{"CreateUser", "ListUsers"}, kind: ItemMethod},
		{name: "cs initializer", lang: corpus.DotNet, src: csHead + "var o = new CreateUserOptions {\n  Email = \"a\",\n  ‸\n};", want: []string{"Password"}, kind: ItemOption, insert: "Password = "},
		{name: "cs initializer in call", lang: corpus.DotNet, src: csHead + "var service = new UserManagementService();\nawait service.CreateUser(new CreateUserOptions { ‸ });", want: []string{"Email", "Password"}, kind: ItemOption},
		{name: "cs verbatim string", lang: corpus.DotNet, src: csHead + "var s = @\"service.‸\";"},

		{name: "curl nothing", lang: corpus.Curl, src: "curl https://api.workos.com/‸"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, off := snippet(t, tc.src)
			f := Analyze(tc.lang, text)
			cc, ok := f.Complete(s, off)
			if tc.want == nil {
				if ok {
					t.Fatalf("want no completion, got %q", labels(cc.Items))
				}
				return
			}
			if !ok {
				t.Fatalf("want %q, got no completion", tc.want)
			}
			got := labels(cc.Items)
			if tc.kind == ItemOption || tc.kind == ItemEvent || tc.kind == ItemMethod {
				// keep order: required options first, then names
			} else {
				slices.Sort(got)
			}
			if tc.kind == ItemOption {
				want := slices.Clone(tc.want)
				if !sameSet(got, want) {
					t.Fatalf("labels = %q, want %q", got, tc.want)
				}
			} else if !slices.Equal(got, tc.want) {
				t.Fatalf("labels = %q, want %q", got, tc.want)
			}
			for _, it := range cc.Items {
				if it.Kind != tc.kind {
					t.Errorf("%s kind = %d, want %d", it.Label, it.Kind, tc.kind)
				}
				switch it.Kind {
				case ItemMethod:
					if it.Entry == nil || it.Detail != it.Entry.Signature() || it.Entry.Language != tc.lang {
						t.Errorf("%s: entry/detail = %v %q", it.Label, it.Entry, it.Detail)
					}
				case ItemOption:
					if it.Param == nil || it.Param.Key != it.Label || it.Required == it.Param.Optional || it.Entry == nil {
						t.Errorf("%s: param %+v required %v", it.Label, it.Param, it.Required)
					}
				case ItemEvent:
					if it.Event == nil || it.Event.Name != it.Label {
						t.Errorf("%s: event %+v", it.Label, it.Event)
					}
				}
			}
			if cc.Start < 0 || cc.End > len(text) || cc.Start > off || off > cc.End {
				t.Fatalf("range [%d,%d) does not hold cursor %d", cc.Start, cc.End, off)
			}
			if got := string(text[cc.Start:cc.End]); got != tc.partial {
				t.Errorf("replaced text = %q, want %q", got, tc.partial)
			}
			if tc.insert != "" && cc.Items[0].Insert != tc.insert {
				t.Errorf("insert = %q, want %q", cc.Items[0].Insert, tc.insert)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestCompleteOptionOrder checks that required options come first (SortKey and slice order).
func TestCompleteOptionOrder(t *testing.T) {
	s := testIndex(t)
	text, off := snippet(t, jsHead+"workos.userManagement.createUser({ ‸ })")
	cc, ok := Analyze(corpus.JS, text).Complete(s, off)
	if !ok || len(cc.Items) == 0 {
		t.Fatal("no completion")
	}
	if cc.Items[0].Label != "email" || !cc.Items[0].Required {
		t.Errorf("first item = %+v, want required email", cc.Items[0])
	}
	for i := 1; i < len(cc.Items); i++ {
		if cc.Items[i-1].SortKey > cc.Items[i].SortKey {
			t.Errorf("items out of SortKey order: %q before %q", cc.Items[i-1].SortKey, cc.Items[i].SortKey)
		}
		if cc.Items[i].Required {
			t.Errorf("required %s after optional ones", cc.Items[i].Label)
		}
	}
}

type sigCase struct {
	name   string
	lang   corpus.Language
	src    string
	id     string // "" means no signature
	param  int
	option string
}

func TestSignature(t *testing.T) {
	s := testIndex(t)
	cases := []sigCase{
		{name: "js first", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser(‸)", id: "create_user", param: 0},
		{name: "js option value", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email: 'a', firstName: ‸ })", id: "create_user", param: 0, option: "firstName"},
		{name: "js option key typed", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email: 'a', password‸ })", id: "create_user", param: 0, option: "password"},
		{name: "js nested call inside", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email: clean(‸) })", id: "create_user", param: 0, option: "email"},
		{name: "js commas in strings", lang: corpus.JS, src: jsHead + "workos.sso.getProfileAndToken({ code: 'a,b', /* , */ ‸ })", id: "get_profile_and_token", param: 0},
		{name: "js split lines", lang: corpus.JS, src: jsHead + "await workos\n  .userManagement\n  .listUsers(\n    ‸\n  )", id: "list_users", param: 0},
		{name: "js outside parens", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({})‸"},
		{name: "js foreign call", lang: corpus.JS, src: jsHead + "console.log(‸)"},
		{name: "go second param", lang: corpus.Go, src: goHead + "usermanagement.CreateUser(ctx, ‸)", id: "create_user", param: 1},
		{name: "go opts field", lang: corpus.Go, src: goHead + "usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\tEmail: \"a\",\n\tFirstName: ‸,\n})", id: "create_user", param: 1, option: "FirstName"},
		{name: "go first param", lang: corpus.Go, src: goHead + "usermanagement.ListUsers(‸", id: "list_users", param: 0},
		{name: "py positional", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(\"a,b\", ‸)", id: "create_user", param: 1},
		{name: "py kwarg", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(email=e, first_name=‸)", id: "create_user", param: 2},
		{name: "py after a keyword", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(password=p, ‸)", id: "create_user", param: 0},
		{name: "py after keywords", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(\n    email=e,  # the address\n    password=p,\n    ‸\n)", id: "create_user", param: 2},
		{name: "php after a named argument", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(password: 'x', ‸);", id: "create_user", param: 0},
		{name: "py comment commas", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_user(\n  e,  # a, b, c\n  ‸\n)", id: "create_user", param: 1},
		{name: "rb kwarg", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user(email: e, password: ‸)", id: "create_user", param: 1},
		{name: "rb command call", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user email: e, password: ‸", id: "create_user", param: 1},
		{name: "rb command call first", lang: corpus.Ruby, src: rbHead + "user = WorkOS::UserManagement.create_user ‸", id: "create_user", param: 0},
		{name: "rb command call continued", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user email: e,\n  pass‸", id: "create_user", param: 1},
		{name: "rb after command call", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user email: e\n‸"},
		{name: "rb command call name end", lang: corpus.Ruby, src: rbHead + "WorkOS::UserManagement.create_user‸"},
		{name: "php array key", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(['email' => 'a', 'password' => ‸]);", id: "create_user", param: 1},
		{name: "js template code", lang: corpus.JS, src: jsHead + "const s = `${await workos.userManagement.createUser({ email: 'a', ‸ })}`;", id: "create_user", param: 0},
		{name: "php positional", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser('a', ‸);", id: "create_user", param: 1},
		{name: "php named", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->createUser(password: ‸);", id: "create_user", param: 1},
		{name: "java", lang: corpus.Java, src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.sso.getProfileAndToken(‸);", id: "get_profile_and_token", param: 0},
		{name: "cs initializer", lang: corpus.DotNet, src: csHead + "var service = new UserManagementService();\nawait service.CreateUser(new CreateUserOptions { Email = \"a\", Password‸ });", id: "create_user", param: 0, option: "Password"},
		{name: "cs second", lang: corpus.DotNet, src: csHead + "var service = new UserManagementService();\nawait service.CreateUser(o, ‸);", id: "create_user", param: 1},
		{name: "utf8", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser({ email: '😀,世界', ‸ })", id: "create_user", param: 0},
		{name: "comment", lang: corpus.JS, src: jsHead + "workos.userManagement.createUser(/* ‸ */)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text, off := snippet(t, tc.src)
			sc, ok := Analyze(tc.lang, text).Signature(s, off)
			if tc.id == "" {
				if ok {
					t.Fatalf("want no signature, got %s", sc.Entry.ID)
				}
				return
			}
			if !ok {
				t.Fatal("no signature")
			}
			if sc.Entry.ID != tc.id || sc.Entry.Language != tc.lang {
				t.Fatalf("entry = %s %s, want %s", sc.Entry.Language, sc.Entry.ID, tc.id)
			}
			if sc.ActiveParam != tc.param || sc.ActiveOption != tc.option {
				t.Errorf("active = %d %q, want %d %q", sc.ActiveParam, sc.ActiveOption, tc.param, tc.option)
			}
		})
	}
}

func TestDiagnostics(t *testing.T) {
	s := testIndex(t)
	tests := []struct {
		name  string
		lang  corpus.Language
		src   string
		words []string // text of each diagnostic range, in order
		codes []string
	}{
		{name: "js deprecated member", lang: corpus.JS, src: jsHead + "const a = profile.raw_attributes;\nconst b = user.rawAttributes;\nconst c = user['raw_attributes'];",
			words: []string{"raw_attributes", "rawAttributes", "raw_attributes"}, codes: []string{"deprecated", "deprecated", "deprecated"}},
		{name: "js not in comments or plain strings", lang: corpus.JS, src: jsHead + "// profile.raw_attributes\nconst s = 'profile.raw_attributes';\nconst raw_attributes = 1;"},
		{name: "js unknown method", lang: corpus.JS, src: jsHead + "await workos.userManagement.createUsr({ email });", words: []string{"createUsr"}, codes: []string{"unknown-method"}},
		{name: "js transposed letters", lang: corpus.JS, src: jsHead + "await workos.userManagement.craeteUser({ email });", words: []string{"craeteUser"}, codes: []string{"unknown-method"}},
		{name: "js methods the docs do not list", lang: corpus.JS, src: jsHead + "await workos.userManagement.updateUser({});\nawait workos.userManagement.listSessions('u');\nawait workos.sso.getProfile({});"},
		{name: "go initialism spelled by the SDK", lang: corpus.Go, src: goHead + "usermanagement.createuser(ctx, o)\nusermanagement.LISTUSERS(ctx, o)"},
		{name: "js guessed receiver not reported", lang: corpus.JS, src: jsHead + "ctx.userManagement.createUsr({ email });"},
		{name: "js foreign receiver not reported", lang: corpus.JS, src: jsHead + "import Stripe from 'stripe';\nconst st = new Stripe(k);\nst.userManagement.createUsr();"},
		{name: "js not a workos file", lang: corpus.JS, src: "profile.raw_attributes; workos.userManagement.createUsr();"},
		{name: "go deprecated field", lang: corpus.Go, src: goHead + "attrs := u.RawAttributes", words: []string{"RawAttributes"}, codes: []string{"deprecated"}},
		{name: "go unknown function with suggestion", lang: corpus.Go, src: goHead + "usermanagement.CreateUsr(ctx, o)", words: []string{"CreateUsr"}, codes: []string{"unknown-method"}},
		{name: "go unknown function no suggestion", lang: corpus.Go, src: goHead + "usermanagement.SetAPIKey(k)\nusermanagement.DefaultClient.CreateUser(ctx, o)"},
		{name: "py deprecated", lang: corpus.Python, src: pyHead + "profile.raw_attributes\nprofile[\"raw_attributes\"]", words: []string{"raw_attributes", "raw_attributes"}, codes: []string{"deprecated", "deprecated"}},
		{name: "py unknown method", lang: corpus.Python, src: pyHead + "workos_client.user_management.create_usr(email=e)", words: []string{"create_usr"}, codes: []string{"unknown-method"}},
		{name: "rb symbol index", lang: corpus.Ruby, src: rbHead + "profile[:raw_attributes]\nprofile.raw_attributes", words: []string{"raw_attributes", "raw_attributes"}, codes: []string{"deprecated", "deprecated"}},
		{name: "php arrow", lang: corpus.PHP, src: phpHead + "$p->raw_attributes;\n$p['raw_attributes'];", words: []string{"raw_attributes", "raw_attributes"}, codes: []string{"deprecated", "deprecated"}},
		{name: "php unknown", lang: corpus.PHP, src: phpHead + "$um = new UserManagement();\n$um->listUser();", words: []string{"listUser"}, codes: []string{"unknown-method"}},
		{name: "java", lang: corpus.Java, src: javaHead + "WorkOS workos = new WorkOS(key);\nworkos.userManagement.creatUser(o);\nprofile.rawAttributes;", words: []string{"creatUser", "rawAttributes"}, codes: []string{"unknown-method", "deprecated"}},
		{name: "cs", lang: corpus.DotNet, src: csHead + "var svc = new UserManagementService();\nawait svc.CreateUsers(o);\nvar r = p.RawAttributes;", words: []string{"CreateUsers", "RawAttributes"}, codes: []string{"unknown-method", "deprecated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.src
			ds := Analyze(tt.lang, text).Diagnostics(s)
			var words, codes []string
			for _, d := range ds {
				words = append(words, string(text[d.Start:d.End]))
				codes = append(codes, d.Code)
				if d.Severity != SeverityWarning {
					t.Errorf("%s severity = %d", d.Code, d.Severity)
				}
				switch d.Code {
				case "deprecated":
					if !d.Deprecated || d.Href != "https://workos.com/docs/deprecations/raw-attributes" || !strings.Contains(d.Message, "raw_attributes") {
						t.Errorf("deprecated diagnostic = %+v", d)
					}
				case "unknown-method":
					if len(d.Fixes) == 0 || d.Fixes[0].Start != d.Start || d.Fixes[0].End != d.End {
						t.Errorf("fix = %+v", d.Fixes)
					}
				}
			}
			if !slices.Equal(words, tt.words) || !slices.Equal(codes, tt.codes) {
				t.Fatalf("diagnostics = %q %q, want %q %q (%+v)", words, codes, tt.words, tt.codes, ds)
			}
		})
	}
}

func TestUnknownMethodMessageAndFix(t *testing.T) {
	s := testIndex(t)
	text := (jsHead + "await workos.userManagement.createUsr({ email });")
	ds := Analyze(corpus.JS, text).Diagnostics(s)
	if len(ds) != 1 {
		t.Fatalf("diagnostics = %+v", ds)
	}
	d := ds[0]
	if d.Message != "Unknown method createUsr on userManagement; did you mean createUser?" {
		t.Errorf("message = %q", d.Message)
	}
	if d.Href != "https://workos.com/docs/reference/authkit/user" {
		t.Errorf("href = %q", d.Href)
	}
	fixed := string(text[:d.Fixes[0].Start]) + d.Fixes[0].NewText + string(text[d.Fixes[0].End:])
	if !strings.Contains(fixed, "workos.userManagement.createUser({ email })") {
		t.Errorf("fixed text = %q", fixed)
	}
}

func TestLinks(t *testing.T) {
	s := testIndex(t)
	src := "import { WorkOS } from '@workos-inc/node';\nimport type { User } from '@workos-inc/node';\nimport { withAuth } from '@workos-inc/authkit-nextjs';\n" +
		"const workos = new WorkOS(k);\nconst { createUser } = workos.userManagement;\n" +
		"async function f(u: User) {\n  await workos.userManagement.createUser({ email: u.email });\n  await createUser({});\n  await withAuth();\n" +
		"  if (e.event === 'dsync.user.created') {}\n  workos.directorySync.listUsers();\n  svc.listUsers(); // ambiguous: no link\n}\n"
	text := src
	links := Analyze(corpus.JS, text).Links(s)
	var got []string
	for _, l := range links {
		got = append(got, string(text[l.Start:l.End])+" "+l.URL)
	}
	want := []string{
		"User https://workos.com/docs/reference/authkit/user",
		"withAuth https://github.com/workos/authkit-nextjs?tab=readme-ov-file#fixture-with-auth",
		"User https://workos.com/docs/reference/authkit/user",
		"createUser https://workos.com/docs/reference/authkit/user/create",
		"createUser https://workos.com/docs/reference/authkit/user/create",
		"withAuth https://github.com/workos/authkit-nextjs?tab=readme-ov-file#fixture-with-auth",
		"dsync.user.created https://workos.com/docs/events/directory-sync",
		"listUsers https://workos.com/docs/reference/directory-sync/directory-user/list",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got %q\nwant %q", got, want)
	}
	curl := ("curl -X POST https://api.workos.com/user_management/users -d '{}'\ncurl https://api.workos.com/sso/token\n")
	cl := Analyze(corpus.Curl, curl).Links(s)
	if len(cl) != 2 || cl[0].Entry.ID != "create_user" || cl[1].Entry.ID != "get_profile_and_token" {
		t.Errorf("curl links = %+v", cl)
	}
}

func TestTypoDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"createUsr", "createUser", true},
		{"craeteUser", "createUser", true},
		{"CreateUsers", "CreateUser", true},
		{"updateUser", "createUser", false},
		{"listSessions", "listUsers", false},
		{"getProfileAndTokn", "getProfileAndToken", true},
		{"getProfleAndTokn", "getProfileAndToken", true},
		{"getAccessToken", "getProfileAndToken", false},
		{"GetLogoutURL", "GetLogoutUrl", true},
	}
	for _, tt := range tests {
		if got := isTypo(tt.a, tt.b); got != tt.want {
			t.Errorf("isTypo(%q, %q) = %v (distance %d)", tt.a, tt.b, got, typoDistance(strings.ToLower(tt.a), strings.ToLower(tt.b)))
		}
	}
}

// TestMayBeTypo checks the cheap filter against the exact test: every near miss of a documented
// method passes it, and everyday method names do not.
func TestMayBeTypo(t *testing.T) {
	s := testIndex(t)
	for _, lang := range corpus.SDKLanguages {
		r := Analyze(lang, "").resolver(s)
		for _, m := range s.Symbols().Modules(lang) {
			for _, e := range s.Symbols().Methods(lang, m) {
				n := e.Name
				var variants []string
				for i := range len(n) {
					variants = append(variants, n[:i]+n[i+1:], n[:i]+"x"+n[i:], n[:i]+"x"+n[i+1:])
					if i+1 < len(n) {
						variants = append(variants, n[:i]+n[i+1:i+2]+n[i:i+1]+n[i+2:])
					}
				}
				for _, v := range variants {
					if isTypo(v, n) && !r.mayBeTypo(v) {
						t.Errorf("%s: %q is a typo of %q but mayBeTypo says no", lang, v, n)
					}
				}
			}
		}
		for _, n := range []string{"json", "status", "push", "map", "then", "log"} {
			if r.mayBeTypo(n) {
				t.Errorf("%s: mayBeTypo(%q)", lang, n)
			}
		}
	}
}
