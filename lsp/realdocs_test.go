package lsp

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// The real docs are not in the repository: set WORKOS_DOCS_DIR to the package's
// .docs/organized/docs folder to run these. Nothing of their text is kept in testdata; set
// WORKOS_HOVER_DUMP to a folder to read what the hovers show.
var (
	realOnce sync.Once
	realDoc  *Docs
	realErr  error
)

func realDocs(t testing.TB) *Docs {
	t.Helper()
	dir := os.Getenv("WORKOS_DOCS_DIR")
	if dir == "" {
		t.Skip("WORKOS_DOCS_DIR not set")
	}
	realOnce.Do(func() {
		c, err := corpus.Parse(corpus.Source{Docs: os.DirFS(dir)})
		realDoc, realErr = &Docs{Corpus: c, Version: "real"}, err
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realDoc
}

// langFile is how a realistic file is opened: language id and file name.
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

// realFile is application code in one SDK's style, with the words to hover (each occurs once) and
// what their hover must start with: "call", "option", "module", "type" or "event".
type realHoverFile struct {
	lf     langFile
	src    string
	hovers [][2]string // word (with ‸ inside it to place the cursor), kind
}

var realHoverFiles = []realHoverFile{
	{jsFile, `import { WorkOS } from '@workos-inc/node';
import { withAuth } from '@workos-inc/authkit-nextjs';
const workos = new WorkOS(process.env.WORKOS_API_KEY);
export async function GET(req: Request) {
  const { user } = await withAuth({ ensureSignedIn: true });
  const { sealedSession } = await workos.userManagement.authenticateWithCode({
    code: 'c', clientId: 'client_1', session: { sealSession: true, cookiePassword: 'p' },
  });
  await workos.auditLogs.createEvent('org_1', { action: 'user.signed_in', actor: { type: 'user', id: user.id } });
  const url = workos.sso.getAuthorizationUrl({ organization: 'org_1', redirectUri: 'https://x/cb', clientId: 'c' });
  if (req.headers.get('x') === 'dsync.user.created') return url;
}
`, [][2]string{{"with‸Auth({", "call"}, {"ensureSign‸edIn", "option"}, {"authenticateWith‸Code", "call"},
		{"seal‸Session: true", "option"}, {"createEv‸ent", "call"}, {"actor: { ty‸pe", "option"}, {"getAuthorization‸Url", "call"},
		{"userManage‸ment", "module"}, {"dsync.user.crea‸ted", "event"}}},
	{goFile, `package main

import (
	"context"

	"github.com/workos/workos-go/v4/pkg/organizations"
	"github.com/workos/workos-go/v4/pkg/sso"
	"github.com/workos/workos-go/v4/pkg/usermanagement"
)

func f(ctx context.Context) {
	res, _ := usermanagement.AuthenticateWithCode(ctx, usermanagement.AuthenticateWithCodeOpts{ClientID: "c", Code: "x"})
	org, _ := organizations.CreateOrganization(ctx, organizations.CreateOrganizationOpts{Name: "Acme"})
	p, _ := sso.GetProfileAndToken(ctx, sso.GetProfileAndTokenOpts{Code: "x"})
	var u usermanagement.User
	_, _, _, _ = res, org, p, u
}
`, [][2]string{{"usermanagement.AuthenticateWith‸Code(ctx", "call"}, {"ClientI‸D: \"c\"", "option"}, {"CreateOrgani‸zation(ctx", "call"},
		{"Na‸me: \"Acme\"", "option"}, {"GetProfileAnd‸Token(ctx", "call"}, {"usermanagement.Us‸er", "type"}}},
	{pyFile, `from workos import WorkOSClient

workos_client = WorkOSClient(api_key="k", client_id="c")

def callback(code):
    auth = workos_client.user_management.authenticate_with_code(code=code, ip_address="1.1.1.1")
    profile = workos_client.sso.get_profile_and_token(code)
    orgs = workos_client.organizations.list_organizations(limit=5)
    return auth, profile, orgs
`, [][2]string{{"authenticate_with_c‸ode", "call"}, {"ip_addr‸ess", "option"}, {"get_profile_and_tok‸en", "call"},
		{"list_organiz‸ations", "call"}, {"lim‸it=5", "option"}}},
	{rbFile, `require 'workos'

auth = WorkOS::UserManagement.authenticate_with_code(client_id: 'c', code: params[:code])
url = WorkOS::SSO.authorization_url(client_id: 'c', organization: 'org_1', redirect_uri: 'https://x/cb')
org = WorkOS::Organizations.create_organization(name: 'Acme', domain_data: [{ domain: 'acme.com', state: 'verified' }])
`, [][2]string{{"authenticate_with_co‸de", "call"}, {"authorization_u‸rl", "call"}, {"organizat‸ion: 'org_1'", "option"},
		{"create_organiz‸ation", "call"}, {"doma‸in_data", "option"}, {"sta‸te: 'verified'", "option"}}},
	{phpFile, `<?php
use WorkOS\UserManagement;
use WorkOS\AuditLogs;

$userManagement = new UserManagement();
$auth = $userManagement->authenticateWithCode('client_1', $_GET['code']);
$users = $userManagement->listUsers(['organizationId' => 'org_1', 'limit' => 5]);
$profile = (new \WorkOS\SSO())->getProfileAndToken($_GET['code']);
(new AuditLogs())->createEvent('org_1', ['action' => 'user.signed_in']);
`, [][2]string{{"authenticateWith‸Code", "call"}, {"listUs‸ers", "call"}, {"'organizat‸ionId'", "option"},
		{"getProfileAnd‸Token", "call"}, {"'act‸ion'", "option"}}},
	{javaFile, `import com.workos.WorkOS;
import com.workos.directorysync.DirectorySyncApi.ListDirectoryUsersOptions;

class App {
  void f(String code) {
    WorkOS workos = new WorkOS(System.getenv("WORKOS_API_KEY"));
    var profile = workos.sso.getProfileAndToken(code, "client_1");
    var opts = ListDirectoryUsersOptions.builder().directory("directory_1").limit(10).build();
    var users = workos.directorySync.listDirectoryUsers(opts);
  }
}
`, [][2]string{{"getProfileAnd‸Token", "call"}, {"directo‸ry(\"directory_1\")", "option"}, {"listDirectory‸Users", "call"}}},
	{csFile, `using WorkOS;

var ssoService = new SSOService();
var options = new GetProfileAndTokenOptions { ClientId = "client_1", Code = "c" };
var profileAndToken = await ssoService.GetProfileAndToken(options);
var orgs = new OrganizationsService();
await orgs.CreateOrganization(new CreateOrganizationOptions { Name = "Acme" });
`, [][2]string{{"GetProfileAnd‸Token(options)", "call"}, {"Co‸de = \"c\"", "option"}, {"CreateOrgani‸zation(new", "call"},
		{"Na‸me = \"Acme\"", "option"}, {"SSOSer‸vice", "module"}}},
	{curlFile, `curl -X POST https://api.workos.com/user_management/authenticate \
  -d '{"client_id": "c", "grant_type": "authorization_code", "code": "x"}'
curl https://api.workos.com/webhook_endpoints -d '{"events": ["dsync.user.created"]}'
`, [][2]string{{"/user_management/authent‸icate", "call"}, {"dsync.user.crea‸ted", "event"}}},
}

var (
	rawDescKey = regexp.MustCompile(`— \([a-z_]+(\.[a-z_]+)+\)`)  // an unresolved "(user.email)"
	mdxLeft    = regexp.MustCompile(`<[A-Z][A-Za-z]*[ .>/]|\{\{`) // a component or an anchor left over
	inlineCode = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")
)

// TestRealHoversRender opens a realistic file per SDK in the server with the real docs and checks
// what every hover shows: the right kind of answer, a docs link, and no raw description keys,
// placeholder names or MDX left over.
func TestRealHoversRender(t *testing.T) {
	docs := realDocs(t)
	l := &fixtureLoader{docs: docs}
	c := startServer(t, Options{Loader: l.load, Version: "test", DiagnosticsDelay: time.Hour})
	c.initialize(defaultCaps(), "")
	dump := os.Getenv("WORKOS_HOVER_DUMP")
	for _, rf := range realHoverFiles {
		u := c.open("real-"+rf.lf.file, rf.lf.languageID, rf.src)
		for _, h := range rf.hovers {
			word, kind := h[0], h[1]
			i := strings.Index(word, cursor)
			plain := strings.Replace(word, cursor, "", 1)
			if strings.Count(rf.src, plain) != 1 {
				t.Fatalf("%s: %q occurs %d times", rf.lf.lang, plain, strings.Count(rf.src, plain))
			}
			md := hoverText(t, c.hover(u, posOf(t, rf.src, plain, i)))
			name := rf.lf.lang + " " + plain
			if dump != "" {
				f := strings.NewReplacer("/", "_", " ", "_", "'", "", "\"", "").Replace(name)
				os.WriteFile(filepath.Join(dump, f+".md"), []byte(md), 0o644)
			}
			if md == "" {
				t.Errorf("%s: no hover", name)
				continue
			}
			var ok bool
			switch kind {
			case "call", "type":
				ok = strings.HasPrefix(md, "```") && strings.Contains(md, "— WorkOS docs](https://")
			case "option":
				ok = strings.HasPrefix(md, "```") && (strings.Contains(md, "Option of `") || strings.Contains(md, "Property of `"))
			case "module":
				ok = strings.Contains(md, "module**") || strings.Contains(md, "WorkOS") && strings.Contains(md, "module")
			case "event":
				ok = strings.HasPrefix(md, "**Event** `")
			}
			if !ok {
				t.Errorf("%s: not a %s hover:\n%s", name, kind, md)
			}
			prose := inlineCode.ReplaceAllString(md, "``") // Promise<UserInfo> in a type is no MDX
			for _, bad := range []struct {
				what string
				re   *regexp.Regexp
			}{{"raw description key", rawDescKey}, {"MDX", mdxLeft}} {
				if m := bad.re.FindString(prose); m != "" {
					t.Errorf("%s: %s %q in:\n%s", name, bad.what, m, md)
				}
			}
			if strings.Contains(md, "`anonymous`") {
				t.Errorf("%s: placeholder name `anonymous` in:\n%s", name, md)
			}
		}
	}
	_ = protocol.MethodTextDocumentHover
}
