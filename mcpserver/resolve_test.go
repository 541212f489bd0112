package mcpserver

import (
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

func TestResolveSymbol(t *testing.T) {
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
			got := ResolveSymbol(s, tt.text, tt.lang)
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
	for _, e := range ResolveSymbol(s, "listUsers", corpus.JS) {
		ids[e.ID] = true
	}
	if !ids["list_users"] || !ids["list_directory_users"] || len(ids) != 2 {
		t.Errorf("listUsers ids = %v", ids)
	}
	for _, text := range []string{"", "  ", "dsync.user.created", "userManagement.deleteEverything", "nothingLikeThis",
		"https://workos.com/docs/reference/sso", "GET /no/such/path"} {
		if got := ResolveSymbol(s, text, ""); len(got) != 0 {
			t.Errorf("ResolveSymbol(%q) = %v, want none", text, titles(got))
		}
	}
	if got := ResolveSymbol(nil, "createUser", ""); got != nil {
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
