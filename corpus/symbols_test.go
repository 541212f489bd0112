package corpus_test

import (
	"slices"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestMethodLookupAllLanguages(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	tests := []struct {
		lang     corpus.Language
		receiver string // as written in user code
		name     string
		wantID   string
		wantURL  string
	}{
		{corpus.JS, "workos.userManagement", "createUser", "create_user", "https://workos.com/docs/reference/authkit/user/create"},
		{corpus.JS, "directorySync", "listUsers", "list_directory_users", "https://workos.com/docs/reference/directory-sync/directory-user/list"},
		{corpus.JS, "userManagement", "listUsers", "list_users", "https://workos.com/docs/reference/authkit/user/list"},
		{corpus.Go, "usermanagement", "CreateUser", "create_user", "https://workos.com/docs/reference/authkit/user/create"},
		{corpus.Go, "usermanagement", "ListUsers", "list_users", ""},
		{corpus.Go, "usermanagement", "ListUsersPaged", "list_users", ""}, // the key differs from the called name
		{corpus.Go, "directorysync", "ListUsers", "list_directory_users", ""},
		{corpus.Python, "workos_client.user_management", "create_user", "create_user", ""},
		{corpus.Python, "directory_sync", "list_users", "list_directory_users", ""},
		{corpus.Ruby, "WorkOS::UserManagement", "create_user", "create_user", ""},
		{corpus.Ruby, "WorkOS::SSO", "profile_and_token", "get_profile_and_token", ""},
		{corpus.PHP, "$userManagement", "createUser", "create_user", ""},
		{corpus.PHP, "$ds", "listUsers", "list_directory_users", ""},
		{corpus.PHP, "WorkOS\\DirectorySync", "listUsers", "list_directory_users", ""},
		{corpus.Java, "workos.directorySync", "listDirectoryUsers", "list_directory_users", ""},
		{corpus.Java, "workos.sso", "getProfileAndToken", "get_profile_and_token", ""},
		{corpus.DotNet, "UserManagementService", "CreateUser", "create_user", ""},
		{corpus.DotNet, "directorySyncService", "ListUsers", "list_directory_users", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.receiver+"."+tt.name, func(t *testing.T) {
			module, ok := s.Module(tt.receiver)
			if !ok {
				t.Fatalf("receiver %q resolves to no module", tt.receiver)
			}
			e := only(t, s.Method(tt.lang, module, tt.name))
			if e.ID != tt.wantID || e.Language != tt.lang || e.Kind != corpus.KindMethod {
				t.Errorf("got %s %s %s", e.Language, e.ID, e.Kind)
			}
			if tt.wantURL != "" && e.URL() != tt.wantURL {
				t.Errorf("URL = %s", e.URL())
			}
		})
	}
}

func TestKeysAreNotUnique(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	got := s.Named(corpus.JS, "listUsers")
	if len(got) != 2 {
		t.Fatalf("js listUsers: %d entries, want one per module", len(got))
	}
	modules := []string{got[0].Module, got[1].Module}
	slices.Sort(modules)
	if !slices.Equal(modules, []string{"directorysync", "usermanagement"}) {
		t.Errorf("modules = %q", modules)
	}
	if _, ok := s.Module("organizations"); ok {
		t.Errorf("a module the docs do not name resolved")
	}
}

func TestFunctionsTypesEndpoints(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	if f := s.Functions(corpus.JS); len(f) != 1 || f[0].Name != "withAuth" || f[0].Kind != corpus.KindFunction ||
		f[0].URL() != "https://github.com/workos/authkit-nextjs?tab=readme-ov-file#fixture-with-auth" {
		t.Errorf("js functions = %+v", f)
	}
	types := map[corpus.Language]string{corpus.JS: "User", corpus.Go: "User", corpus.Python: "User", corpus.Ruby: "User",
		corpus.PHP: "User", corpus.Java: "User", corpus.DotNet: "User", corpus.Curl: "user"}
	for lang, name := range types {
		e := only(t, s.Type(lang, name))
		if e.ID != "user" || len(e.Properties) == 0 || e.Properties[0].Description != "Fixture text — unique identifier of the user." {
			t.Errorf("%s type %s = %+v", lang, name, e)
		}
	}
	if e := s.Endpoint("POST", "/user_management/users"); len(e) != 1 || e[0].ID != "create_user" {
		t.Errorf("POST endpoint = %v", e)
	}
	if e := s.Endpoint("get", "/user_management/users?limit=5"); len(e) != 1 || e[0].ID != "list_users" {
		t.Errorf("GET endpoint = %v", e)
	}
	if e := s.Endpoint("DELETE", "/user_management/users"); len(e) != 0 {
		t.Errorf("DELETE matched %v", e)
	}
}

func TestSameOperation(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	goCreate := only(t, s.Method(corpus.Go, "usermanagement", "CreateUser"))
	var langs []corpus.Language
	for _, e := range s.SameOperation(goCreate) {
		langs = append(langs, e.Language)
		if e.ID != "create_user" {
			t.Errorf("same operation has id %s", e.ID)
		}
	}
	want := []corpus.Language{corpus.Curl, corpus.JS, corpus.Python, corpus.Ruby, corpus.PHP, corpus.Java, corpus.DotNet}
	if !slices.Equal(langs, want) {
		t.Errorf("languages = %q", langs)
	}
}

func TestModulesAndSpelling(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	if got := s.Modules(corpus.PHP); !slices.Equal(got, []string{"directorysync", "sso", "usermanagement"}) {
		t.Errorf("php modules = %q", got)
	}
	spellings := map[corpus.Language]string{corpus.JS: "userManagement", corpus.Python: "user_management",
		corpus.Ruby: "UserManagement", corpus.Go: "usermanagement", corpus.PHP: "$userManagement", corpus.DotNet: "userManagementService"}
	for lang, want := range spellings {
		if got := s.ModuleSpelling(lang, "usermanagement"); got != want {
			t.Errorf("%s spelling = %q, want %q", lang, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	if got := s.Suggest(corpus.JS, "usermanagement", "createUsr", 3); len(got) == 0 || got[0] != "createUser" {
		t.Errorf("Suggest(createUsr) = %q", got)
	}
	if got := s.Suggest(corpus.JS, "usermanagement", "deleteEverything", 3); len(got) != 0 {
		t.Errorf("Suggest(far) = %q", got)
	}
}

func TestSignature(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	tests := []struct {
		e    *corpus.Entry
		want string
	}{
		{only(t, s.Method(corpus.Go, "usermanagement", "CreateUser")), "usermanagement.CreateUser(ctx, opts)"},
		{only(t, s.Method(corpus.JS, "usermanagement", "listUsers")), "userManagement.listUsers(options?)"},
		{only(t, s.Method(corpus.PHP, "usermanagement", "createUser")), "$userManagement->createUser(email, password?)"},
		{only(t, s.Endpoint("POST", "/user_management/users")), "POST /user_management/users"},
		{only(t, s.Type(corpus.JS, "User")), "interface User"},
	}
	for _, tt := range tests {
		if got := tt.e.Signature(); got != tt.want {
			t.Errorf("Signature = %q, want %q", got, tt.want)
		}
	}
}

func TestDeprecations(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	for _, name := range []string{"raw_attributes", "rawAttributes", "RawAttributes"} {
		d, ok := s.Deprecated(name)
		if !ok || d.Name != "raw_attributes" || d.URL() != "https://workos.com/docs/deprecations/raw-attributes" {
			t.Errorf("Deprecated(%s) = %+v, %v", name, d, ok)
		}
	}
	if _, ok := s.Deprecated("attributes"); ok {
		t.Errorf("a plain word counted as deprecated")
	}
}

func TestEntryURLsNameExistingPages(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	for _, lang := range []corpus.Language{corpus.Python, corpus.Ruby} {
		for _, e := range s.ByID("get_profile_and_token") {
			if e.Language == lang && e.URL() != "https://workos.com/docs/reference/sso/profile" {
				t.Errorf("%s entry URL = %s, want the page that exists", lang, e.URL())
			}
		}
	}
}
