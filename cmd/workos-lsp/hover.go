package main

import (
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// runHover prints what the editor's hover shows for an SDK symbol, without an editor.
func runHover(e env, args []string) error {
	fs, d := docsCommand("hover", e)
	lang := fs.String("lang", "", "the SDK language (js, go, python, ruby, php, java, dotnet, curl); empty: all")
	plain := fs.Bool("plain", false, "plain text instead of Markdown")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	symbol := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if symbol == "" {
		return fmt.Errorf("%w: workos-lsp hover [--lang L] SYMBOL (e.g. usermanagement.CreateUser, dsync.user.created)", errUsage)
	}
	language, err := languageFlag(*lang)
	if err != nil {
		return err
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	sym := set.Corpus.Symbols()
	o := docview.Options{Footer: docview.Footer(set.Version(), "")}
	found := docquery.ResolveSymbol(sym, symbol, language)
	entries := found.Entries
	var md string
	switch {
	case found.Event != nil:
		md = docview.Event(found.Event, o)
	case len(entries) == 0:
		return fmt.Errorf("no WorkOS SDK symbol %q%s%s; try `workos-lsp search %q`", symbol, langSuffix(language), nearSuffix(docquery.NearSymbols(sym, symbol, language)), symbol)
	case len(entries) > 1 && entries[0].Language == entries[1].Language && language != "":
		md = docview.Candidates(symbol, entries, o)
	case entries[0].Kind == corpus.KindType:
		md = docview.Type(entries[0], o)
	default:
		md = docview.Call(sym, entries[0], o)
	}
	if *plain {
		md = docview.PlainText(md)
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(md, "\n"))
	return nil
}

func nearSuffix(n docquery.Near) string {
	switch {
	case len(n.Names) > 0:
		return " (did you mean " + strings.Join(n.Names, ", ") + "?)"
	case len(n.Methods) > 0:
		return fmt.Sprintf(" (%s has %s)", n.Module, strings.Join(n.Methods, ", "))
	}
	return ""
}

func langSuffix(l corpus.Language) string {
	if l == "" {
		return ""
	}
	return " in " + l.DisplayName()
}
