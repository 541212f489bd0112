package search

import (
	"regexp"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Query understanding: what a question says in other words than the docs use.
//
// Most of it is built from the docs themselves: the status codes of the error tables (statusCodes),
// titles with adjacent words run together ("AD FS" → "adfs", compactTitle), the "-less" words the
// docs use ("without a password" → "passwordless", lessWords) and the acronyms (acronyms, docs.go).
// The rest is a small table of plain-English equivalents that no page spells out (phrasal verbs and
// near-synonyms a developer writes in a question), written by us, not taken from any page.

// statusLine finds the terms of a definition list that are HTTP status codes, as MDX writes them
// (a line holding only "401" or "5xx", then a line starting with ": ") and as the corpus renders
// them ("**401** — …").
var statusLine = regexp.MustCompile(`(?m)^[ \t]*(?:\*\*)?([1-5](?:[0-9]{2}|xx))(?:\*\*)?[ \t]*(?:\n[ \t]*:[ \t]|— )`)

// statusCodes are the HTTP status codes a section's Markdown defines in a definition list.
func statusCodes(markdown string) []string {
	var out []string
	for _, m := range statusLine.FindAllStringSubmatch(markdown, -1) {
		out = append(out, m[1])
	}
	return dedupe(out)
}

// queryStatusCodes are the words of q that are HTTP status codes, each with its class ("503" →
// "503", "5xx").
func queryStatusCodes(words []string) []string {
	var out []string
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))
		if len(w) != 3 || w[0] < '1' || w[0] > '5' {
			continue
		}
		if w[1:] == "xx" || (isDigit(w[1]) && isDigit(w[2])) {
			out = append(out, w, w[:1]+"xx")
		}
	}
	return dedupe(out)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// compactTitle is a title's adjacent words run together ("Microsoft AD FS SAML" → "microsoftad
// adfs fssaml"), so a name typed as one word ("ADFS", "OneLogin" as "onelogin") finds the title
// that spells it in two.
func compactTitle(title string) string {
	words := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	var out []string
	for i := 0; i+1 < len(words); i++ {
		out = append(out, words[i]+words[i+1])
	}
	return strings.Join(out, " ")
}

var lessWord = regexp.MustCompile(`\b([a-z]{3,})less\b`)

// lessWords are the "-less" words of the docs whose stem is a word too ("passwordless" → stem
// "password"), so that "without a password" can be read as "passwordless".
func lessWords(c *corpus.Corpus) map[string]string {
	out := map[string]string{}
	scan := func(text string) {
		for _, m := range lessWord.FindAllStringSubmatch(strings.ToLower(text), -1) {
			if !englishStop[m[1]] && m[1] != "un" {
				out[m[1]] = m[0]
			}
		}
	}
	for _, p := range c.Pages {
		scan(p.Description)
		for _, s := range p.Sections {
			scan(s.Text)
		}
	}
	return out
}

// phrasal rewrites the phrasal verbs of questions into the words the docs use: "log in" is
// "sign in" (and "log" alone would find audit logs), "log out" is "sign out".
var phrasal = []struct{ from, to string }{
	{"logging in", "sign in"}, {"logged in", "sign in"}, {"log into", "sign in"}, {"log in", "sign in"},
	{"logging out", "sign out logout"}, {"logged out", "sign out logout"}, {"log out", "sign out logout"},
	{"logs in", "signs in"}, {"logs out", "signs out logout"},
}

// rewritePhrasal applies phrasal to q, word-aligned and case-insensitively.
func rewritePhrasal(q string) string {
	words := strings.Fields(strings.ToLower(q))
	for i, w := range words {
		if !looksLikeIdentifier(w) {
			words[i] = strings.Trim(w, ".,;:!?\"'()")
		}
	}
	lower := " " + strings.Join(words, " ") + " "
	changed := false
	for _, p := range phrasal {
		if strings.Contains(lower, " "+p.from+" ") {
			lower = strings.ReplaceAll(lower, " "+p.from+" ", " "+p.to+" ")
			changed = true
		}
	}
	if !changed {
		return q
	}
	return strings.TrimSpace(lower)
}

// synonyms are the near-equivalents a question may use for the docs' word. Groups are symmetric;
// words are matched after lowercasing, in the forms listed.
var synonymGroups = [][]string{
	{"pick", "choose", "select", "selection"},
	{"force", "forced", "require", "required", "enforce", "mandatory"},
	{"suspend", "suspended", "deactivate", "deactivated", "inactive", "disabled"},
	{"remove", "removed", "delete", "deleted"},
	{"join", "joins", "joined", "add", "added"},
	{"land", "redirect"},
	{"expire", "expires", "expiration", "expired", "expiring"},
	{"forbidden", "permission", "permissions"},
	{"unauthorized", "unauthenticated", "invalid"},
	{"throttle", "throttled", "throttling", "rate"},
	{"allowlist", "whitelist"},
	{"fires", "triggered", "sent"},
}

var synonyms = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range synonymGroups {
		for _, w := range g {
			for _, o := range g {
				if o != w {
					m[w] = append(m[w], o)
				}
			}
		}
	}
	return m
}()

// expansion is the extra words q stands for: synonyms of its words and "-less" readings of
// "without (a) X"; "" when none.
func expansion(words []string, less map[string]string) string {
	var out []string
	for i := range words {
		out = append(out, expansionOf(words, i, less)...)
	}
	return strings.Join(dedupe(out), " ")
}

// separable are the verbs whose particle may come after the object ("turn the flag on"), with
// what verb and particle mean together.
var separable = map[string]map[string][]string{
	"turn":   {"on": {"enable", "enabled"}, "off": {"disable", "disabled"}},
	"switch": {"on": {"enable", "enabled"}, "off": {"disable", "disabled"}},
}

// separableReach is how many words after the verb its particle may be.
const separableReach = 4

// expansionOf is what words[i] may stand for: its synonyms, for "without"/"no" the docs' "-less"
// word of one of the next two words, and for a separable verb what it means with its particle.
func expansionOf(words []string, i int, less map[string]string) []string {
	lw := strings.ToLower(strings.Trim(words[i], ".,;:!?\"'()"))
	out := append([]string(nil), synonyms[lw]...)
	if particles, ok := separable[lw]; ok {
		for _, next := range words[i+1 : min(len(words), i+1+separableReach)] {
			if m, ok := particles[strings.ToLower(strings.Trim(next, ".,;:!?\"'()"))]; ok {
				out = append(out, m...)
				break
			}
		}
	}
	if lw == "without" || lw == "no" {
		for _, next := range words[i+1 : min(len(words), i+3)] {
			if l, ok := less[strings.ToLower(strings.Trim(next, ".,;:!?\"'()"))]; ok {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// wantsEvents reports whether a question asks for an event: "which event…", "event when…",
// "webhook for…", "…fires when…". Then events rank above the pages about the same thing. A bare
// "event" or "webhook" is a subject of its own ("validate webhook signature", "list events API").
func wantsEvents(q string) bool {
	words := strings.Fields(strings.ToLower(q))
	for i, w := range words {
		w = strings.Trim(w, ".,;:!?\"'()")
		switch w {
		case "fires", "fired", "notified":
			return true
		case "event", "events", "webhook", "webhooks":
			if i > 0 && (words[i-1] == "which" || words[i-1] == "what") {
				return true
			}
			if i+1 < len(words) {
				switch words[i+1] {
				case "when", "for", "if", "after", "on":
					return true
				}
			}
		}
	}
	return false
}

// fillerWords carry the asking, not the subject, of a question ("what happens when…", "I want
// to…"); the English analyzer keeps them, and in the docs they are rare enough to score.
var fillerWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`happen happens happened want wants wanted need needs should would could
		possible able allowed way ways someone somebody everyone anyone we our us
		going trying try tried instead`) {
		m[w] = true
	}
	return m
}()

// questionText is q as the prose clauses read it: phrasal verbs in the docs' words, without the
// filler of a question; q itself when nothing is left.
func questionText(q string) string {
	var keep []string
	for _, w := range strings.Fields(rewritePhrasal(q)) {
		if looksLikeIdentifier(w) || !fillerWords[strings.ToLower(strings.Trim(w, ".,;:!?\"'()"))] {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 {
		return q
	}
	return strings.Join(keep, " ")
}
