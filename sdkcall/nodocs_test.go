package sdkcall

import (
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// TestSDKMemberWithoutDocs: without a symbol table, members of what the code traces to the SDK are
// told apart from unrelated code, look-alikes and names that merely contain "workos".
func TestSDKMemberWithoutDocs(t *testing.T) {
	const (
		js   = "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS(key);\n"
		py   = "from workos import WorkOSClient\nclient = WorkOSClient(api_key=k)\n"
		gh   = "package main\n\nimport \"github.com/workos/workos-go/v4/pkg/usermanagement\"\n\n"
		rb   = "require 'workos'\n"
		php  = "<?php\nuse WorkOS\\WorkOS;\nuse WorkOS\\UserManagement;\n"
		java = "import com.workos.WorkOS;\nclass A {\n  WorkOS workos = new WorkOS(key);\n  void f() {\n"
	)
	for _, c := range []struct {
		lang corpus.Language
		src  string // ‸ marks the cursor
		want bool
	}{
		{corpus.JS, js + "workos.userManagement.create‸User({})", true},
		{corpus.JS, js + "workos.user‸Management.createUser({})", true},
		{corpus.JS, js + "const um = workos.userManagement;\num.list‸Users()", true},
		{corpus.JS, js + "work‸os.userManagement", false},                 // the client itself: no hover with docs either
		{corpus.JS, js + "console.l‸og(workos)", false},                   // unrelated
		{corpus.JS, js + "workosConfig.api‸Key", false},                   // only the name says WorkOS
		{corpus.JS, js + "(await workos.sso.getProfile()).em‸ail", false}, // an SDK result's field
		{corpus.JS, "other.userManagement.create‸User({})", false},        // the file uses no SDK
		{corpus.JS, js + "// workos.userManagement.create‸User", false},
		{corpus.Python, py + "client.user_management.create_u‸ser(email=e)", true},
		{corpus.Python, py + "requests.g‸et(url)", false},
		{corpus.Go, gh + "func f() { usermanagement.List‸Users(ctx, opts) }", true},
		{corpus.Go, gh + "func f() { userman‸agement.ListUsers(ctx, opts) }", true},
		{corpus.Go, gh + "func f() { fmt.Print‸ln() }", false},
		{corpus.Ruby, rb + "WorkOS::UserManagement.create_u‸ser(email: e)", true},
		{corpus.PHP, php + "$um = new UserManagement();\n$um->getAuthorization‸Url($r);", true},
		{corpus.PHP, php + "WorkOS::setApi‸Key($k);", false}, // a static of the client class: silent with docs too
		{corpus.PHP, php + "$billing->create‸User($e);", false},
		{corpus.Java, java + "String url = workos.sso.getAuthorization‸Url(id, uri);", true},
		{corpus.Java, java + "String s = other.get‸Name();", false},
		{corpus.Curl, "curl https://api.workos.com/user_management/us‸ers -H \"Authorization: Bearer $K\"", true},
		{corpus.Curl, "curl https://example.com/user_management/us‸ers", false},
		// C#: module classes are known by their names only from the docs (SSOService), so silent.
		{corpus.DotNet, "using WorkOS;\nvar sso = new SSOService();\nsso.GetProfile‸AndToken(o);", false},
	} {
		off := strings.Index(c.src, "‸")
		text := strings.Replace(c.src, "‸", "", 1)
		f := Analyze(c.lang, text)
		if _, _, got := f.SDKMemberAt(off); got != c.want {
			t.Errorf("%s %q: SDKMemberAt = %v, want %v", c.lang, c.src, got, c.want)
		}
	}
}

func TestSDKMemberCompletionWithoutDocs(t *testing.T) {
	const js = "import { WorkOS } from '@workos-inc/node';\nconst workos = new WorkOS(key);\n"
	const py = "from workos import WorkOSClient\nclient = WorkOSClient(api_key=k)\n"
	for _, c := range []struct {
		lang       corpus.Language
		src, typed string
		want       bool
	}{
		{corpus.JS, js + "workos.‸", "", true},
		{corpus.JS, js + "workos.userManagement.cre‸", "cre", true},
		{corpus.JS, js + "console.‸", "", false},
		{corpus.JS, js + "workosConfig.‸", "", false},
		{corpus.JS, js + "workos.sso.getProfile().‸", "", false},
		{corpus.JS, js + "'workos.‸'", "", false},
		{corpus.JS, "other.userManagement.‸", "", false},
		{corpus.Python, py + "client.user_management.‸", "", true},
		{corpus.Python, py + "client.user_management.\n    ‸", "", false}, // the newline ended the statement
	} {
		off := strings.Index(c.src, "‸")
		text := strings.Replace(c.src, "‸", "", 1)
		start, end, got := Analyze(c.lang, text).SDKMemberCompletion(off)
		if got != c.want || got && text[start:end] != c.typed {
			t.Errorf("%q: SDKMemberCompletion = %v (%q), want %v (%q)", c.src, got, text[start:end], c.want, c.typed)
		}
	}
}
