package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// maxOperationsShown is how many matching operations workos_reference renders in full.
const maxOperationsShown = 3

// Reference answers workos_reference: the reference entry symbol names (see docquery.Entries), with its
// parameters, return values, docs link and the same operation in the other SDKs; or the event it
// names. Nothing found is an error with suggestions.
func Reference(ctx context.Context, c *corpus.Corpus, ix *search.Index, symbol, language, serverVersion string) (string, error) {
	symbol = strings.TrimSpace(symbol)
	if symbol == "" {
		return "", errText("The symbol is empty. Pass an SDK call, type, endpoint or event, for example \"userManagement.createUser\", \"usermanagement.CreateUser\", \"create_user\", \"User\", \"POST /user_management/users\" or \"dsync.user.created\".")
	}
	lang, err := parseLanguage(language)
	if err != nil {
		return "", err
	}
	sym := c.Symbols()
	opts := docview.Options{NoLinks: true}
	footer := docview.Footer(c.Version, serverVersion)

	found := docquery.ResolveSymbol(sym, symbol, lang)
	if found.Event != nil {
		return docview.Event(found.Event, docview.Options{Footer: footer}), nil
	}
	if len(found.Entries) == 0 {
		return "", errText(referenceNotFound(ctx, c, ix, symbol, lang))
	}
	ops := docquery.Operations(found.Entries)

	var b strings.Builder
	if len(ops) > 1 {
		fmt.Fprintf(&b, "# `%s` matches %d operations\n\n", symbol, len(ops))
		for _, o := range ops {
			fmt.Fprintf(&b, "- `%s` (%s) — %s\n", o.Primary.Signature(), o.Primary.Language.DisplayName(), o.Primary.URL())
		}
		var qualified []string
		for _, o := range ops {
			if e := o.Primary; e.Kind == corpus.KindMethod && e.Module != "" {
				qualified = append(qualified, "`"+sym.ModuleSpelling(e.Language, e.Module)+"."+e.Name+"`")
			}
		}
		if len(qualified) > 1 {
			fmt.Fprintf(&b, "\nName the module to pick one: %s.\n", strings.Join(qualified, ", "))
		}
		b.WriteString("\n")
	}
	for i, o := range ops {
		if i == maxOperationsShown {
			fmt.Fprintf(&b, "*%d more operations are listed above.*\n\n", len(ops)-maxOperationsShown)
			break
		}
		e := o.Primary
		fmt.Fprintf(&b, "## %s — %s %s\n\n", displayTitle(e), e.Language.DisplayName(), kindName(e))
		switch e.Kind {
		case corpus.KindType:
			b.WriteString(docview.Type(e, opts))
		default:
			b.WriteString(docview.Call(sym, e, opts))
		}
		b.WriteString("\n")
		fmt.Fprintf(&b, "Docs: %s\n\n", e.URL())
		if same := sym.SameOperation(e); len(same) > 0 {
			what, detail := "operation", "Parameters"
			if e.Kind == corpus.KindType {
				what, detail = "type", "Properties"
			}
			fmt.Fprintf(&b, "**The same %s in the other SDKs**\n\n", what)
			for _, s := range same {
				line := fmt.Sprintf("- %s: `%s`", s.Language.DisplayName(), s.Signature())
				if s.URL() != e.URL() {
					line += " — " + s.URL()
				}
				b.WriteString(line + "\n")
			}
			fmt.Fprintf(&b, "\n%s in one of them: workos_reference with symbol `%s` and that language.\n\n", detail, firstNonEmpty(e.ID, e.Title))
		}
	}
	fmt.Fprintf(&b, "---\n*%s*\n", footer)
	return b.String(), nil
}

func displayTitle(e *corpus.Entry) string {
	if e.Kind == corpus.KindEndpoint {
		return "`" + e.Signature() + "`"
	}
	if e.Title != "" {
		return "`" + e.Title + "`"
	}
	return "`" + e.Key + "`"
}

func kindName(e *corpus.Entry) string {
	switch e.Kind {
	case corpus.KindMethod:
		if e.Language == corpus.Curl {
			return "API"
		}
		return "SDK method"
	case corpus.KindFunction:
		return "function"
	case corpus.KindType:
		if e.Language == corpus.Curl {
			return "API object"
		}
		return "type"
	case corpus.KindEndpoint:
		return "API endpoint"
	}
	return "reference entry"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// referenceNotFound explains a symbol that resolved to nothing: near names in the module it names,
// and SDK entries the search index finds for it.
func referenceNotFound(ctx context.Context, c *corpus.Corpus, ix *search.Index, symbol string, lang corpus.Language) string {
	var b strings.Builder
	in := ""
	if lang != "" {
		in = " for " + lang.DisplayName()
	}
	fmt.Fprintf(&b, "No WorkOS reference entry matches %q%s.\n\n", symbol, in)
	near := docquery.NearSymbols(c.Symbols(), symbol, lang)
	if len(near.Names) > 0 {
		fmt.Fprintf(&b, "Did you mean: %s\n\n", "`"+strings.Join(near.Names, "`, `")+"`")
	} else if len(near.Methods) > 0 {
		fmt.Fprintf(&b, "`%s` has these methods: %s\n\n", near.Module, strings.Join(near.Methods, ", "))
	}
	if ix != nil {
		results, err := ix.Search(ctx, symbol, search.Options{Language: lang, Kinds: docquery.EntryKinds, Limit: 6})
		if err == nil && len(results) > 0 {
			b.WriteString("Reference entries the search finds:\n")
			for _, r := range results {
				fmt.Fprintf(&b, "- `%s` (%s) — %s\n", r.Title, r.Language.DisplayName(), r.URL)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("workos_reference takes an SDK call as any SDK writes it (userManagement.createUser, usermanagement.CreateUser, user_management.create_user), an operation id (create_user), a type (User), an endpoint (POST /user_management/users) or an event (dsync.user.created). workos_search finds everything else.")
	return b.String()
}

// parseLanguage reads a tool's language argument; empty is no language.
func parseLanguage(language string) (corpus.Language, error) {
	if strings.TrimSpace(language) == "" {
		return "", nil
	}
	l, ok := corpus.ParseLanguage(language)
	if !ok {
		return "", errText(fmt.Sprintf("Unknown language %q. Use one of: node (js), go, python, ruby, php, java, dotnet, curl.", language))
	}
	return l, nil
}
