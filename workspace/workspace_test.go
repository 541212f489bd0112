package workspace

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

func rels(root string, ps []string) []string {
	out := []string{}
	for _, p := range ps {
		r, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func jsApp() *fakeFS {
	fsys := newFakeFS()
	fsys.write("/ws/package.json", `{"name": "app", "dependencies": {"@workos-inc/node": "^7"}}`)
	fsys.write("/ws/tsconfig.json", `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`)
	fsys.write("/ws/src/lib/workos.ts", "import { WorkOS } from '@workos-inc/node';\nexport const workos = new WorkOS();\n")
	fsys.write("/ws/src/app/users.ts", "import { workos } from '@/lib/workos';\n")
	fsys.write("/ws/src/app/orgs.ts", "import { workos } from '../lib/workos';\n")
	fsys.write("/ws/src/app/other.ts", "import { x } from './lookalike/workos-ish';\nimport Stripe from 'stripe';\n")
	fsys.write("/ws/src/lib/index.ts", "export * from './workos';\n")
	fsys.write("/ws/src/app/barrel.ts", "import { workos } from '../lib';\n")
	return fsys
}

func TestOpenDocumentOverridesDisk(t *testing.T) {
	fsys := jsApp()
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	const p = "/ws/src/app/other.ts"
	if f, _ := w.Snapshot().File(p); f.Summary.ImportsSDK || f.Open {
		t.Fatalf("disk record = %+v", f)
	}
	before := w.Snapshot()
	w.Open(p, []byte("import { WorkOS } from '@workos-inc/node';\n"))
	if f, _ := w.Snapshot().File(p); !f.Summary.ImportsSDK || !f.Open {
		t.Errorf("open record = %+v", f)
	}
	if f, _ := before.File(p); f.Summary.ImportsSDK {
		t.Error("an older snapshot changed: snapshots must be immutable")
	}
	// the watcher reports a change on disk: the open text still wins
	fsys.write(p, "export const y = 2;\n")
	w.FilesChanged([]Event{{Path: p, Kind: Changed}})
	if f, _ := w.Snapshot().File(p); !f.Summary.ImportsSDK {
		t.Error("a disk event replaced the open document")
	}
	w.Change(p, []byte("export const z = 3;\n"))
	if f, _ := w.Snapshot().File(p); f.Summary.ImportsSDK || f.Summary.Decls[0].Name != "z" {
		t.Errorf("after Change: %+v", f.Summary)
	}
	// Close reads the disk again
	w.Close(p)
	if f, _ := w.Snapshot().File(p); f.Open || len(f.Summary.Decls) != 1 || f.Summary.Decls[0].Name != "y" {
		t.Errorf("after Close: %+v", f)
	}
	// a new file that exists only as an open document goes when closed
	w.Open("/ws/src/app/new.ts", []byte("export const n = 1;"))
	if _, ok := w.Snapshot().File("/ws/src/app/new.ts"); !ok {
		t.Error("unsaved new document missing")
	}
	w.Close("/ws/src/app/new.ts")
	if _, ok := w.Snapshot().File("/ws/src/app/new.ts"); ok {
		t.Error("closed unsaved document still there")
	}
}

func TestSavedChangeReportsDependants(t *testing.T) {
	fsys := jsApp()
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	fsys.write("/ws/src/lib/workos.ts", "export const workos = 2;\n")
	ch := w.Refresh("/ws/src/lib/workos.ts")
	if got := rels("/ws", ch.Files); !slices.Equal(got, []string{"src/lib/workos.ts"}) {
		t.Errorf("Files = %q", got)
	}
	want := []string{"src/app/orgs.ts", "src/app/users.ts", "src/lib/index.ts"}
	if got := rels("/ws", ch.Dependants); !slices.Equal(got, want) {
		t.Errorf("Dependants = %q, want %q", got, want)
	}
	// the barrel's importers are its dependants (callers follow re-exports themselves)
	if got := rels("/ws", w.Snapshot().Dependants("/ws/src/lib/index.ts")); !slices.Equal(got, []string{"src/app/barrel.ts"}) {
		t.Errorf("Dependants(index.ts) = %q", got)
	}
}

func TestDeleteAndRename(t *testing.T) {
	fsys := jsApp()
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	// rename lib/workos.ts → lib/client.ts: delete + create
	fsys.remove("/ws/src/lib/workos.ts")
	fsys.write("/ws/src/lib/client.ts", "export const workos = 1;\n")
	ch := w.FilesChanged([]Event{{Path: "/ws/src/lib/workos.ts", Kind: Deleted}, {Path: "/ws/src/lib/client.ts", Kind: Created}})
	s := w.Snapshot()
	if _, ok := s.File("/ws/src/lib/workos.ts"); ok {
		t.Error("deleted file still there")
	}
	if _, ok := s.File("/ws/src/lib/client.ts"); !ok {
		t.Error("created file missing")
	}
	if got := rels("/ws", ch.Files); !slices.Equal(got, []string{"src/lib/workos.ts", "src/lib/client.ts"}) {
		t.Errorf("Files = %q", got)
	}
	// the importers of the old name are told, though their imports now resolve to nothing
	if got := rels("/ws", ch.Dependants); !slices.Equal(got, []string{"src/app/orgs.ts", "src/app/users.ts", "src/lib/index.ts"}) {
		t.Errorf("Dependants = %q", got)
	}
	if ts := s.ResolveImport("/ws/src/app/users.ts", Import{Spec: "@/lib/workos"}); len(ts) != 0 {
		t.Errorf("import of a deleted file resolves to %+v", ts)
	}
	// a deleted directory takes its files with it
	fsys.remove("/ws/src/app")
	w.FilesChanged([]Event{{Path: "/ws/src/app", Kind: Deleted}})
	if got := paths(w.Snapshot(), "/ws"); !slices.Equal(got, []string{"src/lib/client.ts", "src/lib/index.ts"}) {
		t.Errorf("after deleting src/app: %q", got)
	}
	// a created directory is walked, with the ignore rules
	fsys.write("/ws/src/feature/a.ts", "export const a = 1;")
	fsys.write("/ws/src/feature/node_modules/x/index.js", "x")
	fsys.write("/ws/src/feature/dist/b.js", "x")
	w.FilesChanged([]Event{{Path: "/ws/src/feature", Kind: Created}})
	if got := paths(w.Snapshot(), "/ws"); !slices.Equal(got, []string{"src/feature/a.ts", "src/lib/client.ts", "src/lib/index.ts"}) {
		t.Errorf("after creating src/feature: %q", got)
	}
	// events for ignored paths change nothing
	fsys.write("/ws/node_modules/y/index.ts", "x")
	w.FilesChanged([]Event{{Path: "/ws/node_modules/y/index.ts", Kind: Created}})
	if _, ok := w.Snapshot().File("/ws/node_modules/y/index.ts"); ok {
		t.Error("an event indexed a file in node_modules")
	}
}

func TestGitignoreEditRescans(t *testing.T) {
	fsys := jsApp()
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	fsys.write("/ws/.gitignore", "src/app/\n")
	w.FilesChanged([]Event{{Path: "/ws/.gitignore", Kind: Created}})
	if err := w.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := paths(w.Snapshot(), "/ws"); !slices.Equal(got, []string{"src/lib/index.ts", "src/lib/workos.ts"}) {
		t.Errorf("after ignoring src/app: %q", got)
	}
}

func TestManifestEditUpdatesProject(t *testing.T) {
	fsys := jsApp()
	fsys.write("/ws/pkgs/tool/package.json", `{"name": "tool"}`)
	fsys.write("/ws/pkgs/tool/index.js", "module.exports = 1")
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	s := w.Snapshot()
	p, _ := s.ProjectOf("/ws/pkgs/tool/index.js")
	if p.Root != "/ws/pkgs/tool" || p.DependsOn(corpus.JS) || p.Parent != "/ws" {
		t.Fatalf("tool project = %+v", p)
	}
	// inherited from the monorepo root
	if !s.DependsOnSDK("/ws/pkgs/tool/index.js") {
		t.Error("a workspace package of a root that depends on the SDK")
	}
	fsys.write("/ws/package.json", `{"name": "app"}`)
	ch := w.Refresh("/ws/package.json")
	if !slices.Equal(ch.Projects, []string{"/ws"}) {
		t.Errorf("Projects = %q", ch.Projects)
	}
	s = w.Snapshot()
	if s.DependsOnSDK("/ws/pkgs/tool/index.js") {
		t.Error("the SDK dependency was removed from package.json")
	}
	if !s.DependsOnSDK("/ws/src/app/users.ts") {
		t.Error("a file importing the client module, which imports the SDK")
	}
	if !s.DependsOnSDK("/ws/src/lib/workos.ts") {
		t.Error("a file that imports the SDK itself")
	}
	// tsconfig edits change resolution at once
	if ts := s.ResolveImport("/ws/src/app/users.ts", Import{Spec: "@/lib/workos"}); len(ts) != 1 {
		t.Fatalf("before: %+v", ts)
	}
	fsys.write("/ws/tsconfig.json", `{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}`)
	w.FilesChanged([]Event{{Path: "/ws/tsconfig.json", Kind: Changed}})
	if ts := w.Snapshot().ResolveImport("/ws/src/app/users.ts", Import{Spec: "@/lib/workos"}); len(ts) != 0 {
		t.Errorf("after the paths changed: %+v", ts)
	}
	fsys.remove("/ws/pkgs/tool/package.json")
	w.FilesChanged([]Event{{Path: "/ws/pkgs/tool/package.json", Kind: Deleted}})
	if p, _ := w.Snapshot().ProjectOf("/ws/pkgs/tool/index.js"); p.Root != "/ws" {
		t.Errorf("after deleting its package.json the file belongs to %+v", p)
	}
}

func TestNoFolderRootFromOpenFile(t *testing.T) {
	fsys := newFakeFS()
	fsys.write("/home/u/package.json", `{}`) // a stray manifest in the home directory
	fsys.write("/home/u/code/app/go.mod", "module example.com/app\n\nrequire github.com/workos/workos-go/v4 v4.0.0\n")
	fsys.write("/home/u/code/app/internal/auth/auth.go", "package auth\n")
	fsys.write("/home/u/code/app/main.go", "package main\n")
	fsys.write("/home/u/code/other/x.go", "package other\n")
	w := New(context.Background(), Options{FS: fsys, Summarize: testSummarize, HomeDir: "/home/u"})
	defer w.Shutdown()
	w.Open("/home/u/code/app/internal/auth/auth.go", []byte("package auth\n"))
	if err := w.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	if !slices.Equal(s.Folders(), []string{"/home/u/code/app"}) {
		t.Errorf("folders = %q", s.Folders())
	}
	if got := paths(s, "/home/u/code/app"); !slices.Equal(got, []string{"internal/auth/auth.go", "main.go"}) {
		t.Errorf("files = %q", got)
	}
	if !s.DependsOnSDK("/home/u/code/app/main.go") {
		t.Error("go.mod requires workos-go")
	}
	// a file with no project above it below the home directory: no folder from it
	w2 := New(context.Background(), Options{FS: fsys, HomeDir: "/home/u"})
	defer w2.Shutdown()
	fsys.write("/home/u/scratch/x.py", "x = 1")
	w2.Open("/home/u/scratch/x.py", []byte("x = 1"))
	if f := w2.Snapshot().Folders(); len(f) != 0 {
		t.Errorf("folders = %q, want none (never the home directory)", f)
	}
	// explicit folders replace the derived one
	w.SetFolders([]string{"/home/u/code/other"})
	w.Wait(context.Background())
	if got := w.Snapshot().Folders(); !slices.Equal(got, []string{"/home/u/code/other"}) {
		t.Errorf("folders = %q", got)
	}
	if _, ok := w.Snapshot().File("/home/u/code/app/main.go"); ok {
		t.Error("files of the dropped folder remain")
	}
	if _, ok := w.Snapshot().File("/home/u/code/app/internal/auth/auth.go"); !ok {
		t.Error("the open document went with its folder")
	}
}

func TestFoldersAddRemove(t *testing.T) {
	fsys := newFakeFS()
	fsys.write("/a/x.py", "x = 1")
	fsys.write("/b/y.rb", "Y = 1")
	w := scanWorkspace(t, Options{FS: fsys}, "/a")
	w.AddFolder("/b")
	w.Wait(context.Background())
	if n := w.Snapshot().Len(); n != 2 {
		t.Errorf("%d files, want 2", n)
	}
	w.RemoveFolder("/a")
	if _, ok := w.Snapshot().File("/a/x.py"); ok || w.Snapshot().Len() != 1 {
		t.Errorf("after removing /a: %d files", w.Snapshot().Len())
	}
}

func TestDependantsPerLanguage(t *testing.T) {
	cases := []struct {
		fixture, file string
		want          []string
	}{
		{"js", "apps/web/src/lib/workos.ts", []string{"apps/web/src/app/alias.ts", "apps/web/src/app/baseurl.ts", "apps/web/src/app/hash.ts", "apps/web/src/app/orgs/route.ts", "apps/web/src/app/users/route.ts"}},
		{"js", "packages/auth/src/index.ts", []string{"apps/web/src/app/pkg.ts"}},
		{"python", "app/auth/__init__.py", []string{"app/routers/users.py"}},
		{"python", "app/auth/client.py", []string{"app/routers/users.py"}},
		{"python", "services/billing/src/billing/workos_setup.py", []string{"services/billing/src/billing/api.py"}},
		{"go", "api/internal/wos/wos.go", []string{"api/handlers/users.go"}},
		{"go", "api/handlers/deps.go", []string{"api/handlers/users.go", "api/handlers/users_test.go"}},
		{"php", "src/Services/WorkOSFactory.php", []string{"src/Http/Controllers/UserController.php"}},
		{"ruby", "app/services/workos/client.rb", []string{"app/controllers/users_controller.rb"}},
		{"java", "src/main/java/com/acme/auth/WorkOSProvider.java", []string{"src/main/java/com/acme/web/UserController.java"}},
		{"csharp", "Services/WorkOSService.cs", []string{"Controllers/UsersController.cs"}},
		{"csharp", "Infra/Clock.cs", []string{"Controllers/Helper.cs", "Controllers/UsersController.cs", "GlobalUsings.cs", "Services/WorkOSService.cs"}},
	}
	snaps := map[string]*Snapshot{}
	roots := map[string]string{}
	for _, c := range cases {
		if snaps[c.fixture] == nil {
			snaps[c.fixture], roots[c.fixture] = fixture(t, c.fixture)
		}
		root := roots[c.fixture]
		got := rels(root, snaps[c.fixture].Dependants(filepath.Join(root, c.file)))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: Dependants(%s) = %q, want %q", c.fixture, c.file, got, c.want)
		}
	}
}

func TestConcurrentReadersAndWriters(t *testing.T) {
	fsys := jsApp()
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := w.Snapshot()
				s.ResolveImport("/ws/src/app/users.ts", Import{Spec: "@/lib/workos"})
				s.Dependants("/ws/src/lib/workos.ts")
				s.ProjectOf("/ws/src/app/users.ts")
				for range s.Files() {
				}
			}
		}()
	}
	for i := range 200 {
		p := fmt.Sprintf("/ws/src/app/gen%d.ts", i%10)
		w.Open(p, []byte("import { workos } from '@/lib/workos';"))
		fsys.write("/ws/src/lib/workos.ts", fmt.Sprintf("export const workos = %d;", i))
		w.FilesChanged([]Event{{Path: "/ws/src/lib/workos.ts", Kind: Changed}})
		w.Close(p)
	}
	close(stop)
	wg.Wait()
}

// A folder with no manifest: the files importing the client module, directly or through another
// module, are analysed; a file importing only other modules is not.
func TestDependsOnSDKThroughImports(t *testing.T) {
	fsys := newFakeFS()
	fsys.write("/ws/app/__init__.py", "")
	fsys.write("/ws/app/clients.py", "from workos import WorkOSClient\n\nworkos_client = WorkOSClient(api_key='k', client_id='c')\n")
	fsys.write("/ws/app/views.py", "from app.clients import workos_client\n")
	fsys.write("/ws/app/admin.py", "from app.views import workos_client\n")
	fsys.write("/ws/app/billing.py", "from stripe import StripeClient\nfrom app.util import slug\n")
	fsys.write("/ws/app/util.py", "def slug(s):\n    return s\n")
	fsys.write("/ws/app/a.py", "from app.b import x\n")
	fsys.write("/ws/app/b.py", "from app.a import y\n")
	w := scanWorkspace(t, Options{FS: fsys}, "/ws")
	s := w.Snapshot()
	for path, want := range map[string]bool{
		"/ws/app/clients.py": true, "/ws/app/views.py": true, "/ws/app/admin.py": true,
		"/ws/app/billing.py": false, "/ws/app/util.py": false, "/ws/app/a.py": false, "/ws/app/b.py": false,
	} {
		if got := s.DependsOnSDK(path); got != want {
			t.Errorf("DependsOnSDK(%s) = %v, want %v", path, got, want)
		}
		if got := s.DependsOnSDK(path); got != want {
			t.Errorf("DependsOnSDK(%s) the second time (cached) = %v, want %v", path, got, want)
		}
	}
}
