package search

import (
	"reflect"
	"testing"
)

func TestStatusCodes(t *testing.T) {
	for _, tc := range []struct {
		md   string
		want []string
	}{
		{"Intro.\n\n**200** — Fine.\n\n**401** — Bad key.\n\n**5xx** — Ours.", []string{"200", "401", "5xx"}},
		{"404\n: Not there.\n\n429\n: Slow down.", []string{"404", "429"}},
		{"We answer 401 when the key is wrong.", nil},           // prose, not a table
		{"**2024** — a year, not a status.", nil},               // four digits
		{"**600** — out of range.\n\n**099** — too.", nil},      // not HTTP statuses
		{"**401** — one.\n\n**401** — again.", []string{"401"}}, // once
	} {
		if got := statusCodes(tc.md); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("statusCodes(%q) = %v, want %v", tc.md, got, tc.want)
		}
	}
}

func TestQueryStatusCodes(t *testing.T) {
	for q, want := range map[string][]string{
		"401 Unauthorized":        {"401", "4xx"},
		"got a 503, retry?":       {"503", "5xx"},
		"5xx errors":              {"5xx"},
		"error 600":               nil,
		"version 2024 of the API": nil,
		"createUser":              nil,
	} {
		if got := queryStatusCodes(splitWords(q)); !reflect.DeepEqual(got, want) {
			t.Errorf("queryStatusCodes(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestCompactTitle(t *testing.T) {
	for title, want := range map[string]string{
		"Microsoft AD FS SAML": "microsoftad adfs fssaml",
		"Okta":                 "",
		"Sign-in consent":      "signin inconsent",
	} {
		if got := compactTitle(title); got != want {
			t.Errorf("compactTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestQuestionText(t *testing.T) {
	for q, want := range map[string]string{
		"log in as a customer":                   "sign in as a customer",
		"Where do users go after logging out?":   "where do users go after sign out logout",
		"what happens when a user is suspended":  "what when a user is suspended",
		"catalog of audit logs":                  "catalog of audit logs", // "logs" alone stays
		"I want to need":                         "I to",
		"happens":                                "happens", // nothing left: the query as typed
		"user_management.create_user log in now": "user_management.create_user sign in now",
	} {
		if got := questionText(q); got != want {
			t.Errorf("questionText(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestExpansionOf(t *testing.T) {
	less := map[string]string{"password": "passwordless"}
	words := splitWords("sign in without a password")
	if got := expansionOf(words, 2, less); !reflect.DeepEqual(got, []string{"passwordless"}) {
		t.Errorf("without a password: %v", got)
	}
	if got := expansionOf(splitWords("pick one"), 0, less); !reflect.DeepEqual(got, []string{"choose", "select", "selection"}) {
		t.Errorf("pick: %v", got)
	}
	if got := expansionOf(splitWords("without the docs"), 0, less); got != nil {
		t.Errorf("without + an unknown word: %v", got)
	}
	if got := expansionOf(splitWords("turn the log stream off"), 0, less); !reflect.DeepEqual(got, []string{"disable", "disabled"}) {
		t.Errorf("turn … off: %v", got)
	}
	if got := expansionOf(splitWords("turn left at the fifth word on"), 0, less); got != nil {
		t.Errorf("a particle out of reach: %v", got)
	}
}

func TestWantsEvents(t *testing.T) {
	for q, want := range map[string]bool{
		"which event fires when a user is deleted": true,
		"event when an invitation is accepted":     true,
		"webhook for a failed sign in":             true,
		"what events are there":                    true,
		"validate webhook signature":               false,
		"list events API":                          false,
		"create audit log event":                   false,
	} {
		if got := wantsEvents(q); got != want {
			t.Errorf("wantsEvents(%q) = %v, want %v", q, got, want)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	word := ""
	for _, r := range s + " " {
		if r == ' ' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(r)
	}
	return out
}
