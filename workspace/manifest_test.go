package workspace

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

func TestManifests(t *testing.T) {
	cases := []struct {
		path, text string
		want       []string // "lang name version"
	}{
		{"package.json", `{"dependencies": {"@workos-inc/node": "^7.1.0", "react": "18"}, "devDependencies": {"@workos-inc/authkit-nextjs": "1"}}`,
			[]string{"js @workos-inc/authkit-nextjs 1", "js @workos-inc/node ^7.1.0"}},
		{"package.json", `{"peerDependencies": {"@workos-inc/node": "*"}}`, []string{"js @workos-inc/node *"}},
		{"package.json", `{"dependencies": {"workos": "1", "@workos/other": "1"}}`, nil},
		{"go.mod", "module x\n\ngo 1.22\n\nrequire github.com/workos/workos-go/v4 v4.21.0\n", []string{"go github.com/workos/workos-go/v4 v4.21.0"}},
		{"go.mod", "module x\n\nrequire (\n\tgithub.com/workos/workos-go v1.0.0 // indirect\n)\n", []string{"go github.com/workos/workos-go v1.0.0"}},
		{"go.mod", "module x\n\nrequire github.com/workos/workos-go-helpers v1.0.0\n", nil},
		{"requirements.txt", "# deps\nflask==3.0\nworkos>=5.0  # sso\n-r base.txt\n", []string{"python workos >=5.0"}},
		{"requirements-dev.txt", "WorkOS[async]~=5.1\n", []string{"python workos [async]~=5.1"}},
		{"requirements/base.txt", "workos\n", []string{"python workos "}},
		{"requirements.txt", "workos-helpers==1\n", nil},
		{"pyproject.toml", "[project]\ndependencies = [\"workos>=5\"]\n", []string{"python workos >=5"}},
		{"pyproject.toml", "[project.optional-dependencies]\nauth = [\"workos\"]\n", []string{"python workos "}},
		{"pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\nworkos = \"^5.0\"\n", []string{"python workos ^5.0"}},
		{"pyproject.toml", "[tool.poetry.group.dev.dependencies]\nworkos = {version = \"^5\"}\n", []string{"python workos ^5"}},
		{"pyproject.toml", "[dependency-groups]\ndev = [\"workos==5\", {include-group = \"x\"}]\n", []string{"python workos ==5"}},
		{"Pipfile", "[packages]\nworkos = \"*\"\n", []string{"python workos *"}},
		{"setup.cfg", "[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests\n    workos>=4\n", []string{"python workos >=4"}},
		{"setup.py", "setup(name='x', install_requires=['requests', 'workos>=4.0'])\n", []string{"python workos >=4.0"}},
		{"Gemfile", "source 'https://rubygems.org'\ngem \"workos\", \"~> 5.0\"\n# gem 'workos-old'\n", []string{"ruby workos ~> 5.0"}},
		{"Gemfile", "gem 'workos-rails'\n", nil},
		{"auth.gemspec", "Gem::Specification.new do |s|\n  s.add_dependency \"workos\", \">= 4\"\nend\n", []string{"ruby workos >= 4"}},
		{"composer.json", `{"require": {"workos/workos-php": "^4.0"}}`, []string{"php workos/workos-php ^4.0"}},
		{"composer.json", `{"require-dev": {"workos/workos-php-laravel": "^4.0"}}`, []string{"php workos/workos-php-laravel ^4.0"}},
		{"pom.xml", `<project><dependencyManagement><dependencies><dependency><groupId>com.workos</groupId><artifactId>workos</artifactId><version>4.0.0</version></dependency></dependencies></dependencyManagement></project>`,
			[]string{"java com.workos:workos 4.0.0"}},
		{"build.gradle", "dependencies {\n  implementation 'com.workos:workos:4.1.0'\n  // implementation 'com.workos:old:1'\n}\n", []string{"java com.workos:workos 4.1.0"}},
		{"build.gradle.kts", "dependencies {\n  implementation(\"com.workos:workos:4.1.0\")\n}\n", []string{"java com.workos:workos 4.1.0"}},
		{"build.gradle", "implementation group: 'com.workos', name: 'workos', version: '4'\n", []string{"java com.workos:workos "}},
		{"gradle/libs.versions.toml", "[libraries]\nworkos = { module = \"com.workos:workos\", version.ref = \"workos\" }\n", []string{"java com.workos:workos "}},
		{"App.csproj", `<Project><ItemGroup><PackageReference Include="WorkOS.net" Version="2.3.0" /><PackageReference Include="Serilog" /></ItemGroup></Project>`,
			[]string{"dotnet WorkOS.net 2.3.0"}},
		{"App.csproj", `<Project><ItemGroup><PackageReference Include="WorkOS.net"><Version>2.0</Version></PackageReference></ItemGroup></Project>`,
			[]string{"dotnet WorkOS.net "}},
		{"packages.config", `<packages><package id="WorkOS.net" version="1.0" /></packages>`, []string{"dotnet WorkOS.net 1.0"}},
	}
	for _, c := range cases {
		p := filepath.Join("/proj", filepath.FromSlash(c.path))
		m := parseManifest(p, []byte(c.text), newFakeFS())
		if m.Err != nil {
			t.Errorf("%s: %v", c.path, m.Err)
		}
		var got []string
		for _, d := range m.SDKDeps {
			got = append(got, fmt.Sprintf("%s %s %s", d.Lang, d.Name, d.Version))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: deps = %q, want %q", c.path, c.text, got, c.want)
		}
		if m.Root != "/proj" {
			t.Errorf("%s: root %s, want /proj", c.path, m.Root)
		}
	}
}

func TestManifestBadInputKeepsGoing(t *testing.T) {
	for _, name := range []string{"package.json", "go.mod", "pyproject.toml", "Pipfile", "composer.json", "pom.xml", "App.csproj", "tsconfig.json", "go.work", "gradle/libs.versions.toml"} {
		m := parseManifest("/p/"+name, []byte("{{{ not [valid <"), newFakeFS())
		if m == nil || len(m.SDKDeps) != 0 {
			t.Errorf("%s: %+v", name, m)
		}
	}
}

func TestProjectsMonorepo(t *testing.T) {
	fsys := newFakeFS()
	fsys.write("/m/package.json", `{"workspaces": ["packages/*"]}`)
	fsys.write("/m/packages/auth/package.json", `{"name": "@m/auth", "dependencies": {"@workos-inc/node": "7"}}`)
	fsys.write("/m/packages/auth/src/a.ts", "x")
	fsys.write("/m/packages/web/package.json", `{"name": "web"}`)
	fsys.write("/m/packages/web/src/b.ts", "x")
	fsys.write("/m/packages/web/scripts/pyproject.toml", "[project]\ndependencies = [\"workos\"]\n")
	fsys.write("/m/packages/web/scripts/tool/run.py", "x = 1")
	fsys.write("/m/backend/go.mod", "module m/backend\n\nrequire github.com/workos/workos-go/v4 v4.0.0\n")
	fsys.write("/m/backend/main.go", "package main")
	fsys.write("/m/settings.gradle", "include 'svc'")
	fsys.write("/m/build.gradle", "subprojects { dependencies { implementation 'com.workos:workos:4.0.0' } }")
	fsys.write("/m/svc/build.gradle", "plugins { id 'java' }")
	fsys.write("/m/svc/src/main/java/m/A.java", "package m;")
	w := scanWorkspace(t, Options{FS: fsys}, "/m")
	s := w.Snapshot()
	cases := []struct {
		file, root string
		sdk        bool
	}{
		{"/m/packages/auth/src/a.ts", "/m/packages/auth", true},
		{"/m/packages/web/src/b.ts", "/m/packages/web", false},
		{"/m/packages/web/scripts/tool/run.py", "/m/packages/web/scripts", true}, // the Python project, not the nearer JS one
		{"/m/backend/main.go", "/m/backend", true},
		{"/m/svc/src/main/java/m/A.java", "/m/svc", true}, // the Gradle root's subprojects block
	}
	for _, c := range cases {
		p, ok := s.ProjectOf(c.file)
		if !ok || p.Root != c.root {
			t.Errorf("ProjectOf(%s) = %+v, want %s", c.file, p, c.root)
		}
		if got := s.DependsOnSDK(c.file); got != c.sdk {
			t.Errorf("DependsOnSDK(%s) = %v", c.file, got)
		}
	}
	if p, _ := s.Project("/m/packages/auth"); p.Parent != "/m" || !slices.Equal(p.SDKs, []corpus.Language{corpus.JS}) {
		t.Errorf("auth project = %+v", p)
	}
}

func TestGenerated(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"// Code generated by mockgen. DO NOT EDIT.\npackage x\n", true},
		{"# Code generated by protoc. DO NOT EDIT.\n", true},
		{"/**\n * @generated by codegen\n */\n", true},
		{"var a=" + string(make([]byte, 6000)) + "\n", true},
		{"package x\n\n// this is not Code generated\n", false},
		{"const x = 1;\n", false},
	}
	for _, c := range cases {
		if got := generated([]byte(c.text)); got != c.want {
			t.Errorf("generated(%.40q) = %v", c.text, got)
		}
	}
}

func TestPmapSharesAndIsolates(t *testing.T) {
	var m pmap[int]
	t1 := m.txn()
	for i := range 1000 {
		t1.set(fmt.Sprint(i), i)
	}
	v1 := t1.commit()
	t2 := v1.txn()
	t2.set("5", 50)
	t2.delete("6")
	t2.set("new", 1)
	v2 := t2.commit()
	if x, _ := v1.get("5"); x != 5 {
		t.Error("old version changed")
	}
	if _, ok := v1.get("6"); !ok || v1.len() != 1000 {
		t.Error("old version lost a key")
	}
	if x, _ := v2.get("5"); x != 50 {
		t.Error("new version missed a write")
	}
	if _, ok := v2.get("6"); ok || v2.len() != 1000 {
		t.Errorf("new version: len %d", v2.len())
	}
	shared := 0
	for i := range v1.shards {
		if fmt.Sprintf("%p", v1.shards[i]) == fmt.Sprintf("%p", v2.shards[i]) {
			shared++
		}
	}
	if shared < pmapShards-3 {
		t.Errorf("only %d of %d shards shared after 3 writes", shared, pmapShards)
	}

	var x multiIndex
	mt := x.txn()
	mt.insert("k", "/b")
	mt.insert("k", "/a")
	x1 := mt.commit()
	mt = x1.txn()
	mt.remove("k", "/a")
	mt.insert("k", "/c")
	x2 := mt.commit()
	if !slices.Equal(x1.get("k"), []string{"/a", "/b"}) || !slices.Equal(x2.get("k"), []string{"/b", "/c"}) {
		t.Errorf("multiIndex: %q %q", x1.get("k"), x2.get("k"))
	}
}

func TestAbsJoin(t *testing.T) {
	for _, c := range [][3]string{
		{"/r", "./src/lib", "/r/src/lib"},
		{"/r", "src/lib", "/r/src/lib"},
		{"/r", "./a/../b", "/r/b"},
		{"/r/x", "../y", "/r/y"},
		{"/r", "a/./b", "/r/a/b"},
		{"/r", "a//b", "/r/a/b"},
		{"/r", "a/", "/r/a"},
		{"/r", ".", "/r"},
		{"/r", "/abs/../p", "/p"},
		{"/r", "a/.hidden/b", "/r/a/.hidden/b"},
	} {
		if got := absJoin(c[0], c[1]); got != c[2] {
			t.Errorf("absJoin(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
