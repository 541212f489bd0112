package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise the module version.
var version = ""

func serverVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// env holds one invocation's I/O so that tests run the real command in-process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// background is work that outlives the command's answer (a check for newer docs); run waits
	// for it before returning.
	background *sync.WaitGroup
}

// errUsage marks errors whose message is a usage text; they exit with 2.
var errUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "speak LSP over stdio (the default)", runServe},
		{"search", "search the docs: search QUERY [--lang L] [--limit N] [--json]", runSearch},
		{"show", "print a page or section as Markdown: show PATH|URL[#anchor]", runShow},
		{"hover", "print the hover text of an SDK symbol: hover --lang L SYMBOL", runHover},
		{"check", "report WorkOS diagnostics of a project: check [DIR…] [--format text|json|sarif] (exit 1 on findings)", runCheck},
		{"mcp", "speak MCP over stdio for AI assistants (replaces @workos/mcp-docs-server)", runMCP},
		{"examples", "print code examples: examples [AREA|PATH|WORDS] [--lang L] [--json]", runExamples},
		{"changelog", "print the platform changelog: changelog [PACKAGE] [--json]", runChangelog},
		{"corpus", "corpus fetch|info: download the docs, or describe the loaded corpus", runCorpus},
		{"version", "print the version", runVersion},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, background: &sync.WaitGroup{}}
	defer e.background.Wait()
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && isHelpFlag(args[0]) {
		name = "help" // the commands, not serve's flags
	}
	if name == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(e, args)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errFindings):
			return 1
		case errors.Is(err, errUsage):
			fmt.Fprintln(stderr, "workos-lsp:", err)
			return 2
		default:
			fmt.Fprintln(stderr, "workos-lsp:", err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "workos-lsp: unknown command %q\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: workos-lsp [command] [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Docs flags (all commands): --docs DIR, --corpus-version V, --offline, --cache-dir DIR")
	fmt.Fprintln(w, "Environment: WORKOS_LSP_DOCS (a local docs folder), WORKOS_LSP_CACHE, npm_config_registry")
}

func runVersion(e env, args []string) error {
	fs := newFlagSet("version", e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noArgs(fs, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "workos-lsp %s\n", serverVersion())
	return nil
}

func newFlagSet(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet("workos-lsp "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// isTerminal reports whether w is an interactive terminal, where progress lines are welcome.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func isHelpFlag(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// parseArgs parses a command's arguments, flags allowed after the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) error { return parseFlags(fs, reorderFlags(fs, args)) }

// parseFlags parses flags. A bad flag is a usage error (exit 2) whose message run prints once; the
// flag package would print it and the whole flag list besides. -h prints the flag list.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(out, "usage of %s:\n", fs.Name())
		fs.PrintDefaults()
		return err
	}
	return fmt.Errorf("%w: %v (%s -h lists its flags)", errUsage, err, fs.Name())
}

// noArgs rejects positional arguments of a command that takes none, instead of ignoring them.
func noArgs(fs *flag.FlagSet, hint string) error {
	if fs.NArg() == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s takes no arguments, got %q%s", errUsage, fs.Name(), fs.Args(), hint)
}

// reorderFlags moves flags after positional arguments to the front, so that
// `search "refresh token" --lang go` works like `search --lang go "refresh token"`. A "--" ends flags.
func reorderFlags(fs *flag.FlagSet, args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBoolFlag(f) {
			if i+1 == len(args) {
				// A flag missing its value: no "--", so the flag package reports it (or the word
				// after it as its value).
				return append(flags, positional...)
			}
			flags = append(flags, args[i+1])
			i++
		}
	}
	// "--" keeps a positional argument that starts with "-" (search -- -foo) from being read as a flag.
	return append(append(flags, "--"), positional...)
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// languageFlag reads a --lang flag: any name of the language table; empty means every language.
func languageFlag(name string) (corpus.Language, error) {
	if name == "" {
		return "", nil
	}
	l, ok := corpus.ParseLanguage(name)
	if !ok {
		return "", fmt.Errorf("%w: unknown language %q (want one of curl, js, go, python, ruby, php, java, dotnet)", errUsage, name)
	}
	return l, nil
}
