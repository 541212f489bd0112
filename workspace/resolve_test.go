package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// fixture extracts testdata/NAME.txtar and scans it with the real file system.
func fixture(t *testing.T, name string) (*Snapshot, string) {
	t.Helper()
	archive, err := os.ReadFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root := extract(t, string(archive))
	w := scanWorkspace(t, Options{}, root)
	return w.Snapshot(), root
}

// show renders targets relative to root as "path kind[ name]", for readable table tests.
func show(root string, ts []Target) []string {
	out := []string{}
	for _, t := range ts {
		rel, _ := filepath.Rel(root, t.Path)
		s := filepath.ToSlash(rel) + " " + t.Kind.String()
		if t.Name != "" {
			s += " " + t.Name
		}
		out = append(out, s)
	}
	return out
}

type resolveCase struct {
	from string
	imp  Import
	want []string
}

func runResolve(t *testing.T, s *Snapshot, root string, cases []resolveCase) {
	t.Helper()
	for _, c := range cases {
		got := show(root, s.ResolveImport(filepath.Join(root, c.from), c.imp))
		if c.want == nil {
			c.want = []string{}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: ResolveImport(%q %v) = %q, want %q", c.from, c.imp.Spec, c.imp.Names, got, c.want)
		}
	}
}

type nameCase struct {
	from, name string
	want       []string
}

func runNames(t *testing.T, s *Snapshot, root string, cases []nameCase) {
	t.Helper()
	for _, c := range cases {
		got := show(root, s.ResolveName(filepath.Join(root, c.from), c.name))
		if c.want == nil {
			c.want = []string{}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: ResolveName(%q) = %q, want %q", c.from, c.name, got, c.want)
		}
	}
}

func TestResolveJS(t *testing.T) {
	s, root := fixture(t, "js")
	web := "apps/web/src/app/"
	mod := func(p string) []string { return []string{p + " module"} }
	runResolve(t, s, root, []resolveCase{
		{web + "users/route.ts", Import{Spec: "@/lib/workos"}, mod("apps/web/src/lib/workos.ts")},
		{web + "orgs/route.ts", Import{Spec: "../../lib/workos.js"}, mod("apps/web/src/lib/workos.ts")},
		{web + "hash.ts", Import{Spec: "#lib/workos"}, mod("apps/web/src/lib/workos.ts")},
		// the "types" condition names a file that does not exist: the next condition is used
		{web + "hash.ts", Import{Spec: "#workos"}, mod("apps/web/src/lib/workos.ts")},
		{web + "alias.ts", Import{Spec: "@client"}, mod("apps/web/src/lib/workos.ts")},
		{web + "baseurl.ts", Import{Spec: "lib/workos"}, mod("apps/web/src/lib/workos.ts")},
		{web + "misc.ts", Import{Spec: "../lib/legacy"}, mod("apps/web/src/lib/legacy.cjs")},
		{web + "misc.ts", Import{Spec: "../lib/esm.mjs"}, mod("apps/web/src/lib/esm.mts")},
		{web + "page.tsx", Import{Spec: "../components"}, mod("apps/web/src/components/index.tsx")},
		{"apps/web/src/components/index.tsx", Import{Spec: "./button"}, mod("apps/web/src/components/button.tsx")},
		// exports point at dist/ (skipped build output): the source beside it is found
		{web + "pkg.ts", Import{Spec: "@acme/auth"}, mod("packages/auth/src/index.ts")},
		{web + "pkg.ts", Import{Spec: "@acme/auth/client"}, mod("packages/auth/src/client.ts")},
		// the base config's paths are shadowed by web's own paths, but apply in admin
		{web + "pkg.ts", Import{Spec: "@shared/util"}, nil},
		{"apps/admin/src/x.ts", Import{Spec: "@shared/util"}, mod("packages/shared/src/util.ts")},
		{web + "misc.ts", Import{Spec: "stripe"}, nil},
		{web + "misc.ts", Import{Spec: "./missing"}, nil},
		{web + "misc.ts", Import{Spec: "@workos-inc/node"}, nil},
	})
}

func TestResolvePython(t *testing.T) {
	s, root := fixture(t, "python")
	users := "app/routers/users.py"
	runResolve(t, s, root, []resolveCase{
		{users, Import{Spec: "app.auth", Names: []string{"workos_client"}},
			[]string{"app/auth/__init__.py attribute workos_client"}},
		{users, Import{Spec: "..auth", Names: []string{"client"}},
			[]string{"app/auth/client.py module client", "app/auth/__init__.py attribute client"}},
		{users, Import{Spec: ".", Names: []string{"deps"}},
			[]string{"app/routers/deps.py module deps", "app/routers/__init__.py attribute deps"}},
		{users, Import{Spec: "..auth.client", Names: []string{"make"}},
			[]string{"app/auth/client.py attribute make"}},
		{users, Import{Spec: "app.auth.client", Alias: "c"}, []string{"app/auth/client.py module"}},
		{users, Import{Spec: "fastapi", Names: []string{"APIRouter"}}, nil},
		{"services/billing/src/billing/api.py", Import{Spec: "billing.workos_setup", Names: []string{"client"}},
			[]string{"services/billing/src/billing/workos_setup.py attribute client"}},
		{"services/billing/src/billing/api.py", Import{Spec: "billing", Names: []string{"workos_setup"}},
			[]string{"services/billing/src/billing/workos_setup.py module workos_setup", "services/billing/src/billing/__init__.py attribute workos_setup"}},
		{"scripts/run.py", Import{Spec: "helpers", Names: []string{"tool"}}, []string{"scripts/helpers.py attribute tool"}},
	})
	// the labels say which sys.path entry found it
	ts := s.ResolveImport(filepath.Join(root, "services/billing/src/billing/api.py"), Import{Spec: "billing.workos_setup", Names: []string{"client"}})
	if len(ts) != 1 || ts[0].Via != "src layout" {
		t.Errorf("src layout target = %+v", ts)
	}
}

func TestResolveGo(t *testing.T) {
	s, root := fixture(t, "go")
	users := "api/handlers/users.go"
	runResolve(t, s, root, []resolveCase{
		{users, Import{Spec: "github.com/acme/api/internal/wos"}, []string{"api/internal/wos/wos.go package"}},
		{users, Import{Spec: "github.com/acme/shared/clients", Alias: "sh"}, []string{"shared/clients/clients.go package"}},
		{users, Import{Spec: "github.com/acme/localauth"}, []string{"localauth/auth.go package"}},
		{users, Import{Spec: "net/http"}, nil},
		{users, Import{Spec: "github.com/workos/workos-go/v4/pkg/usermanagement"}, nil},
	})
	runNames(t, s, root, []nameCase{
		{users, "wos.Client", []string{"api/internal/wos/wos.go decl Client"}},
		{users, "sh.WorkOS", []string{"shared/clients/clients.go decl WorkOS"}},
		{users, "clients.WorkOS", nil}, // imported under the alias sh only
		{users, "localauth.Session", []string{"localauth/auth.go decl Session"}},
		{users, "UserMgr", []string{"api/handlers/deps.go decl UserMgr"}},
		{users, "Missing", nil},
	})
	pkg := func(from string) []string {
		var out []string
		for _, f := range s.PackageFiles(filepath.Join(root, from)) {
			rel, _ := filepath.Rel(root, f.Path)
			out = append(out, filepath.ToSlash(rel))
		}
		return out
	}
	if got := pkg(users); !slices.Equal(got, []string{"api/handlers/deps.go"}) {
		t.Errorf("PackageFiles(users.go) = %q", got)
	}
	if got := pkg("api/handlers/users_test.go"); !slices.Equal(got, []string{"api/handlers/deps.go", "api/handlers/users.go"}) {
		t.Errorf("PackageFiles(users_test.go) = %q", got)
	}
}

func TestResolvePHP(t *testing.T) {
	s, root := fixture(t, "php")
	ctl := "src/Http/Controllers/UserController.php"
	runResolve(t, s, root, []resolveCase{
		{ctl, Import{Spec: `App\Services\WorkOSFactory`}, []string{"src/Services/WorkOSFactory.php decl WorkOSFactory"}},
		{"tests/Feature/UserTest.php", Import{Spec: `App\Http\Controllers\UserController`}, []string{ctl + " decl UserController"}},
		{ctl, Import{Spec: `WorkOS\UserManagement`}, nil},
	})
	runNames(t, s, root, []nameCase{
		{ctl, "WorkOSFactory", []string{"src/Services/WorkOSFactory.php decl WorkOSFactory"}},
		{ctl, `Svc\WorkOSFactory`, []string{"src/Services/WorkOSFactory.php decl WorkOSFactory"}},
		{ctl, `\App\Services\WorkOSFactory`, []string{"src/Services/WorkOSFactory.php decl WorkOSFactory"}},
		{ctl, "Helper", []string{"src/Http/Controllers/Helper.php decl Helper"}},
		{ctl, `\OldClient`, []string{"legacy/OldClient.php decl OldClient"}}, // classmap: found by declaration
		{ctl, "OldClient", nil}, // not in App\Http\Controllers
	})
}

func TestResolveRuby(t *testing.T) {
	s, root := fixture(t, "ruby")
	ctl := "app/controllers/users_controller.rb"
	runResolve(t, s, root, []resolveCase{
		{ctl, Import{Spec: "workos_helper"}, []string{"lib/workos_helper.rb module"}},
		{ctl, Import{Spec: "../services/workos/client", Kind: ImportRelative}, []string{"app/services/workos/client.rb module"}},
		{ctl, Import{Spec: "workos"}, nil}, // the gem
	})
	runNames(t, s, root, []nameCase{
		{ctl, "Workos::Client", []string{"app/services/workos/client.rb decl Client"}},
		{ctl, "::Workos::Client", []string{"app/services/workos/client.rb decl Client"}},
		{ctl, "WORKOS_CLIENT", []string{"config/initializers/workos.rb decl WORKOS_CLIENT"}},
		{ctl, "WorkOSAdapter", []string{"app/services/work_os_adapter.rb decl WorkOSAdapter"}},
		{ctl, "Authenticatable", []string{"app/models/concerns/authenticatable.rb decl Authenticatable"}},
		{ctl, "Client", nil}, // no Client at the top level
		// inside module Workos, Client is Workos::Client
		{"app/services/workos/session.rb", "Client", []string{"app/services/workos/client.rb decl Client"}},
	})
	// Zeitwerk alone: summaries without declarations
	archive, _ := os.ReadFile(filepath.Join("testdata", "ruby.txtar"))
	bare := extract(t, string(archive))
	w := scanWorkspace(t, Options{Summarize: func(corpus.Language, string, []byte) Summary { return Summary{} }}, bare)
	ts := w.Snapshot().ResolveName(filepath.Join(bare, ctl), "Workos::Session")
	if got := show(bare, ts); !slices.Equal(got, []string{"app/services/workos/session.rb decl Session"}) || !strings.HasPrefix(ts[0].Via, "zeitwerk") {
		t.Errorf("zeitwerk Workos::Session = %q %+v", got, ts)
	}
}

func TestResolveJava(t *testing.T) {
	s, root := fixture(t, "java")
	ctl := "src/main/java/com/acme/web/UserController.java"
	provider := "src/main/java/com/acme/auth/WorkOSProvider.java"
	runResolve(t, s, root, []resolveCase{
		{ctl, Import{Spec: "com.acme.auth.WorkOSProvider"}, []string{provider + " decl WorkOSProvider"}},
		{ctl, Import{Spec: "com.acme.util.*"}, []string{"src/main/java/com/acme/util/Strings.java package"}},
		{ctl, Import{Spec: "static com.acme.auth.WorkOSProvider.client"}, []string{provider + " decl WorkOSProvider"}},
		{ctl, Import{Spec: "com.workos.WorkOS"}, nil},
	})
	runNames(t, s, root, []nameCase{
		{ctl, "WorkOSProvider", []string{provider + " decl WorkOSProvider"}},
		{ctl, "Helper", []string{"src/main/java/com/acme/web/Helper.java decl Helper"}},
		{ctl, "Strings", []string{"src/main/java/com/acme/util/Strings.java decl Strings"}},
		{ctl, "com.acme.auth.WorkOSProvider", []string{provider + " decl WorkOSProvider"}},
		{ctl, "WorkOSProvider.Config", []string{provider + " decl Config"}},
		{ctl, "Missing", nil},
	})
}

func TestResolveCSharp(t *testing.T) {
	s, root := fixture(t, "csharp")
	ctl := "Controllers/UsersController.cs"
	runResolve(t, s, root, []resolveCase{
		{ctl, Import{Spec: "Acme.Services"}, []string{"Services/WorkOSService.cs package"}},
		{ctl, Import{Spec: "WorkOS"}, nil},
	})
	runNames(t, s, root, []nameCase{
		{ctl, "WorkOSService", []string{"Services/WorkOSService.cs decl WorkOSService"}},
		{ctl, "Helper", []string{"Controllers/Helper.cs decl Helper"}},
		{ctl, "Clock", []string{"Infra/Clock.cs decl Clock"}}, // global using in another file
		{ctl, "Svc.WorkOSService", []string{"Services/WorkOSService.cs decl WorkOSService"}},
		{ctl, "Acme.Services.WorkOSService", []string{"Services/WorkOSService.cs decl WorkOSService"}},
		{ctl, "Services.WorkOSService", []string{"Services/WorkOSService.cs decl WorkOSService"}}, // from enclosing Acme
		{ctl, "Missing", nil},
	})
}
