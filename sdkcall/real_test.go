package sdkcall

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// The real docs are not in the repository. Set WORKOS_DOCS_DIR to the package's
// .docs/organized/docs folder to run these checks against them.
var (
	realOnce sync.Once
	realIdx  *Index
	realErr  error
)

func realIndex(t *testing.T) *Index {
	t.Helper()
	dir := os.Getenv("WORKOS_DOCS_DIR")
	if dir == "" {
		t.Skip("WORKOS_DOCS_DIR not set")
	}
	realOnce.Do(func() {
		c, err := corpus.Parse(corpus.Source{Docs: os.DirFS(dir)})
		if err == nil {
			realIdx = NewIndex(c.Symbols())
		}
		realErr = err
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realIdx
}

// TestRealEveryMethodResolves writes a call of every method entry the way its SDK spells it and
// checks that At finds that entry.
func TestRealEveryMethodResolves(t *testing.T) {
	s := realIndex(t)
	n := 0
	for _, lang := range corpus.SDKLanguages {
		for _, m := range s.Symbols().Modules(lang) {
			sp := strings.TrimLeft(s.Symbols().ModuleSpelling(lang, m), "$")
			for _, e := range s.Symbols().Methods(lang, m) {
				name := callName(e)
				var src string
				switch lang {
				case corpus.JS:
					src = jsHead + "await workos." + sp + "." + name + "‸({})"
				case corpus.Go:
					pkg := strings.ReplaceAll(sp, "_", "")
					src = "package x\n\nimport \"github.com/workos/workos-go/v4/pkg/" + pkg + "\"\n\nvar _, _ = " + pkg + "." + name + "‸(ctx)"
				case corpus.Python:
					src = pyHead + "workos_client." + sp + "." + name + "‸()"
				case corpus.Ruby:
					src = rbHead + "WorkOS::" + sp + "." + name + "‸()"
				case corpus.PHP:
					src = "<?php\n$x = new WorkOS\\" + s.Symbols().ModuleSpelling(corpus.Ruby, m) + "();\n$x->" + name + "‸();"
				case corpus.Java:
					src = javaHead + "WorkOS workos = new WorkOS(k);\nworkos." + sp + "." + name + "‸();"
				case corpus.DotNet:
					src = csHead + "var svc = new " + strings.ToUpper(sp[:1]) + sp[1:] + "();\nawait svc." + name + "‸();"
				}
				n++
				text, off := snippet(t, src)
				tg, ok := Analyze(lang, text).At(s, off)
				if !ok || tg.Kind != TargetCall || !slices.Contains(tg.Entries, e) {
					t.Errorf("%s %s: %q (title %q) resolves to %v %v", lang, m, name, e.Title, tg.Kind, entryIDs(tg.Entries))
				}
			}
		}
	}
	if n < 400 {
		t.Errorf("only %d method entries", n)
	}
}

func TestRealSnippets(t *testing.T) {
	s := realIndex(t)
	const create = "https://workos.com/docs/reference/authkit/user/create"
	tests := []struct {
		lang   corpus.Language
		src    string
		kind   TargetKind
		id     string
		url    string
		option string
	}{
		{corpus.JS, jsHead + "await workos.userManagement.create‸User({ email })", TargetCall, "create_user", create, ""},
		{corpus.JS, jsHead + "await workos.userManagement.createUser({ email, first‸Name })", TargetOption, "create_user", create, "firstName"},
		{corpus.JS, jsHead + "await workos.directorySync.list‸Users({ directory })", TargetCall, "list_directory_users", "", ""},
		{corpus.JS, jsHead + "await workos.userManagement.list‸Users()", TargetCall, "list_users", "", ""},
		{corpus.JS, "import { withAuth } from '@workos-inc/authkit-nextjs';\nawait withAuth({ ensureSigne‸dIn: true })", TargetOption, "withAuth", "", "ensureSignedIn"},
		{corpus.JS, "import type { User } from '@workos-inc/node';\nlet u: Us‸er", TargetType, "user", "", ""},
		{corpus.Go, goHead + "usermanagement.Create‸User(ctx, usermanagement.CreateUserOpts{Email: e})", TargetCall, "create_user", create, ""},
		{corpus.Go, goHead + "usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{Ema‸il: e})", TargetOption, "create_user", create, "Email"},
		{corpus.Go, goHead + "directorysync.ListUsers(ctx, directorysync.ListUsersOpts{Direc‸tory: d})", TargetOption, "list_directory_users", "", "Directory"},
		{corpus.Go, goHead + "var u usermanagement.Us‸er", TargetType, "user", "", ""},
		{corpus.Python, pyHead + "workos_client.user_management.create_u‸ser(email=e)", TargetCall, "create_user", create, ""},
		{corpus.Python, pyHead + "workos_client.user_management.create_user(email=e, first_na‸me=f)", TargetOption, "create_user", create, "first_name"},
		{corpus.Ruby, rbHead + "WorkOS::UserManagement.create_u‸ser(email: e)", TargetCall, "create_user", create, ""},
		{corpus.Ruby, rbHead + "WorkOS::SSO.profile_and_tok‸en(code: c)", TargetCall, "get_profile_and_token", "", ""},
		{corpus.PHP, "<?php\n$userManagement = new WorkOS\\UserManagement();\n$userManagement->createU‸ser('a');", TargetCall, "create_user", create, ""},
		{corpus.PHP, "<?php\n$ds = new WorkOS\\DirectorySync();\n$ds->listUs‸ers();", TargetCall, "list_directory_users", "", ""},
		{corpus.Java, javaHead + "WorkOS workos = new WorkOS(key);\nworkos.userManagement.createU‸ser(options);", TargetCall, "create_user", create, ""},
		{corpus.DotNet, csHead + "var svc = new OrganizationsService();\nawait svc.CreateOrganization(new CreateOrganizationOptions { Na‸me = n });", TargetOption, "create_organization", "", "Name"},
		{corpus.DotNet, csHead + "var sso = new SSOService();\nawait sso.GetProfileAndTo‸ken(o);", TargetCall, "get_profile_and_token", "", ""},
		{corpus.Curl, "curl -X POST https://api.workos.com/user_management/us‸ers -d '{}'", TargetEndpoint, "create_user", create, ""},
		{corpus.Curl, "curl https://api.workos.com/user_management/users/user_‸123", TargetEndpoint, "get_user", "", ""},
	}
	for _, tt := range tests {
		text, off := snippet(t, tt.src)
		tg, ok := Analyze(tt.lang, text).At(s, off)
		if !ok || tg.Kind != tt.kind || tg.Entries[0].ID != tt.id {
			t.Errorf("%s %q: got %v %v", tt.lang, tt.src, tg.Kind, entryIDs(tg.Entries))
			continue
		}
		if tt.url != "" && tg.Entries[0].URL() != tt.url {
			t.Errorf("%s %q: url %s", tt.lang, tt.src, tg.Entries[0].URL())
		}
		if tt.option != "" && (tg.Option == nil || tg.Option.Key != tt.option) {
			t.Errorf("%s %q: option %+v", tt.lang, tt.src, tg.Option)
		}
	}
	// Completion inside real options lists the required email first.
	text, off := snippet(t, goHead+"usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{‸})")
	cc, ok := Analyze(corpus.Go, text).Complete(s, off)
	if !ok || cc.Items[0].Label != "Email" {
		t.Errorf("go opts completion = %q", labels(cc.Items))
	}
}
