package main

import (
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/docview"
	"github.com/workos-lsp/workos-lsp/mcpserver"
)

// runHover prints what the editor's hover shows for an SDK symbol, without an editor.
func runHover(e env, args []string) error {
	var d docsFlags
	fs := newFlagSet("hover", e)
	d.register(fs)
	lang := fs.String("lang", "", "the SDK language (js, go, python, ruby, php, java, dotnet, curl); empty: all")
	plain := fs.Bool("plain", false, "plain text instead of Markdown")
	if err := fs.Parse(reorderFlags(fs, args)); err != nil {
		return err
	}
	symbol := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if symbol == "" {
		return fmt.Errorf("%w: workos-lsp hover [--lang L] SYMBOL (e.g. usermanagement.CreateUser, dsync.user.created)", errUsage)
	}
	var language corpus.Language
	if *lang != "" {
		l, ok := corpus.ParseLanguage(*lang)
		if !ok {
			return fmt.Errorf("%w: unknown language %q", errUsage, *lang)
		}
		language = l
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	sym := set.Corpus.Symbols()
	o := docview.Options{Footer: docview.Footer(set.Version(), "")}
	var md string
	if ev, ok := sym.Event(symbol); ok {
		md = docview.Event(ev, o)
	} else {
		entries := mcpserver.ResolveSymbol(sym, symbol, language)
		switch {
		case len(entries) == 0:
			return fmt.Errorf("no WorkOS SDK symbol %q%s; try `workos-lsp search %q`", symbol, langSuffix(language), symbol)
		case len(entries) > 1 && entries[0].Language == entries[1].Language && language != "":
			md = docview.Candidates(symbol, entries, o)
		default:
			e := entries[0]
			if e.Kind == corpus.KindType {
				md = docview.Type(e, o)
			} else {
				md = docview.Call(sym, e, o)
			}
		}
	}
	if *plain {
		md = docview.PlainText(md)
	}
	fmt.Fprintln(e.stdout, strings.TrimRight(md, "\n"))
	return nil
}

func langSuffix(l corpus.Language) string {
	if l == "" {
		return ""
	}
	return " in " + l.DisplayName()
}
