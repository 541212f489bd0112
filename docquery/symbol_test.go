package docquery

import (
	"slices"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestEntries(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	tests := []struct {
		text      string
		lang      corpus.Language
		wantLang  corpus.Language // of the first result
		wantID    string
		wantTitle string // of the first result, when set
		wantCount int    // when > 0, the exact number of results
	}{
		// Each SDK's own spelling resolves to that SDK first.
		{"usermanagement.CreateUser", "", corpus.Go, "create_user", "usermanagement.CreateUser()", 0},
		{"user_management.create_user", "", corpus.Python, "create_user", "user_management.create_user()", 0},
		{"userManagement.createUser", "", corpus.JS, "create_user", "userManagement.createUser()", 0},
		{"workos.userManagement.createUser({ email })", "", corpus.JS, "create_user", "", 0},
		{"$userManagement->createUser", "", corpus.PHP, "create_user", "", 0},
		{"WorkOS::UserManagement.create_user", "", corpus.Ruby, "create_user", "", 0},
		{"UserManagementService.CreateUser", "", corpus.Go, "create_user", "", 0},
		{"await userManagementService.CreateUser(options);", corpus.DotNet, corpus.DotNet, "create_user", "userManagementService.CreateUser()", 1},
		// Another SDK's spelling with a language asked for: that language's entry.
		{"userManagement.createUser", corpus.Go, corpus.Go, "create_user", "usermanagement.CreateUser()", 1},
		{"usermanagement.CreateUser", corpus.Python, corpus.Python, "create_user", "user_management.create_user()", 1},
		// Operation ids and bare names.
		{"create_user", "", corpus.Curl, "create_user", "", 0},
		{"create_user", corpus.Java, corpus.Java, "create_user", "", 1},
		{"createUser", corpus.Go, corpus.Go, "create_user", "", 1},
		{"withAuth()", "", corpus.JS, "withAuth", "withAuth()", 1},
		// Types and endpoints.
		{"User", corpus.JS, corpus.JS, "user", "", 1},
		{"interface User", "", corpus.JS, "user", "", 0},
		{"usermanagement.User", "", corpus.Go, "user", "", 1},
		{`WorkOS\Resource\User`, "", corpus.PHP, "user", `WorkOS\Resource\User`, 1},
		{"POST /user_management/users", "", corpus.Curl, "create_user", "", 1},
		{"https://api.workos.com/user_management/users?limit=5", "", corpus.Curl, "list_users", "", 2}, // GET first
		{"POST /user_management/users", corpus.Go, corpus.Go, "create_user", "", 1},
		// Receivers that name another module than the method's.
		{"sso.getProfileAndToken", "", corpus.JS, "get_profile_and_token", "", 0},
		{"SSO.profile_and_token", corpus.Ruby, corpus.Ruby, "get_profile_and_token", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.text+"/"+string(tt.lang), func(t *testing.T) {
			got := Entries(s, tt.text, tt.lang)
			if len(got) == 0 {
				t.Fatalf("no match")
			}
			if tt.wantCount > 0 && len(got) != tt.wantCount {
				t.Errorf("%d results, want %d: %v", len(got), tt.wantCount, titles(got))
			}
			e := got[0]
			if e.Language != tt.wantLang || e.ID != tt.wantID {
				t.Errorf("first = %s %s (%s), want %s %s; all %v", e.Language, e.ID, e.Title, tt.wantLang, tt.wantID, titles(got))
			}
			if tt.wantTitle != "" && e.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", e.Title, tt.wantTitle)
			}
		})
	}
}

func TestResolveSymbolAmbiguousAndMissing(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	// A bare name shared by two modules names both operations.
	ids := map[string]bool{}
	for _, e := range Entries(s, "listUsers", corpus.JS) {
		ids[e.ID] = true
	}
	if !ids["list_users"] || !ids["list_directory_users"] || len(ids) != 2 {
		t.Errorf("listUsers ids = %v", ids)
	}
	for _, text := range []string{"", "  ", "dsync.user.created", "userManagement.deleteEverything", "nothingLikeThis",
		"https://workos.com/docs/reference/sso", "GET /no/such/path"} {
		if got := Entries(s, text, ""); len(got) != 0 {
			t.Errorf("Entries(%q) = %v, want none", text, titles(got))
		}
	}
	if got := Entries(nil, "createUser", ""); got != nil {
		t.Errorf("nil symbols: %v", got)
	}
}

func TestToSnake(t *testing.T) {
	for in, want := range map[string]string{
		"createUser": "create_user", "CreateUser": "create_user", "create_user": "create_user",
		"getSSOProfile": "get_sso_profile", "ID": "id", "listUsersPaged": "list_users_paged", "v2Thing": "v2_thing",
	} {
		if got := toSnake(in); got != want {
			t.Errorf("toSnake(%q) = %q, want %q", in, got, want)
		}
	}
}

func titles(es []*corpus.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, string(e.Language)+":"+e.Title)
	}
	return out
}

func TestResolveSymbolEvents(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	for _, text := range []string{"dsync.user.created", " `dsync.user.created` ", "'dsync.user.created'"} {
		got := ResolveSymbol(s, text, "")
		if got.Event == nil || got.Event.Name != "dsync.user.created" || len(got.Entries) != 0 || !got.Found() {
			t.Errorf("ResolveSymbol(%q) = %+v, want the event", text, got)
		}
	}
	got := ResolveSymbol(s, "usermanagement.CreateUser", "")
	if got.Event != nil || len(got.Entries) == 0 || got.Entries[0].Language != corpus.Go {
		t.Errorf("an SDK call: %+v", got)
	}
	if got := ResolveSymbol(s, "nothingLikeThis", ""); got.Found() {
		t.Errorf("nothing: %+v", got)
	}
	if got := ResolveSymbol(nil, "createUser", ""); got.Found() {
		t.Errorf("nil symbols: %+v", got)
	}
}

func TestOperations(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	ops := Operations(Entries(s, "listUsers", ""))
	var ids []string
	for _, o := range ops {
		ids = append(ids, o.Primary.ID)
		for _, e := range o.Others {
			if e.ID != o.Primary.ID {
				t.Errorf("%s grouped under %s", e.ID, o.Primary.ID)
			}
		}
	}
	if len(ids) != 2 || ids[0] != "list_users" || ids[1] != "list_directory_users" {
		t.Errorf("operations of listUsers = %q, want list_users then list_directory_users", ids)
	}
	ops = Operations(Entries(s, "createUser", ""))
	if len(ops) != 1 || len(ops[0].Others) == 0 {
		t.Errorf("createUser in every SDK is one operation: %d operations", len(ops))
	}
	noID := []*corpus.Entry{{Title: "a"}, {Title: "b"}}
	if ops := Operations(noID); len(ops) != 2 {
		t.Errorf("entries without ids are operations of their own: %d", len(ops))
	}
}

func TestNearSymbols(t *testing.T) {
	s := corpustest.Corpus(t).Symbols()
	tests := []struct {
		text    string
		lang    corpus.Language
		module  string
		names   []string
		methods []string
	}{
		{"userManagement.createUsr", corpus.JS, "userManagement", []string{"userManagement.createUser"}, nil},
		{"user_management.crate_user", corpus.Python, "user_management", []string{"user_management.create_user"}, nil},
		{"userManagement.deleteEverything", corpus.JS, "userManagement", nil, []string{"createUser", "listUsers"}},
		{"nosuchmodule.createUser", "", "", nil, nil},
		{"createUsr", "", "", nil, nil},
	}
	for _, tt := range tests {
		got := NearSymbols(s, tt.text, tt.lang)
		if got.Module != tt.module || !slices.Equal(got.Names, tt.names) || !slices.Equal(got.Methods, tt.methods) {
			t.Errorf("NearSymbols(%q, %q) = %+v; want module %q names %q methods %q", tt.text, tt.lang, got, tt.module, tt.names, tt.methods)
		}
	}
}
