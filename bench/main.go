// Command bench measures workos-lsp end to end and writes docs/benchmarks.md and docs/benchmarks.png:
// editor request latency over real stdio on generated SDK-heavy files, start-up (warm and cold cache)
// and memory, MCP search against the original @workos/mcp-docs-server (latency and relevance on the
// judged queries in bench/queries.tsv), and index/search cost on the real corpus and on one ten
// times its size. It is a module of its own (its plotting libraries stay out of the product's
// go.mod); run it from its folder:
//
//	cd bench && go run .
//
// See bench/README.md for the flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/fetch"
)

type config struct {
	out            string
	quick          bool
	docs           string // a local docs folder instead of the npm package (the fixture in tests)
	version        string // docs version for the editor, start-up and scale parts
	origVersion    string // the original server's version; ours serves the same docs version
	cacheDir       string
	originalPrefix string // an npm prefix holding @workos/mcp-docs-server; "" installs it afresh
	runOriginal    bool
	node           string
	bin            string
	only           map[string]bool
	cpuProfile     string // profile an in-process server under the editor workload
	memProfile     string

	sizes        []int
	samples      int // per request kind, file and round
	editorRounds int
	startRepeats int
	searchRounds int
	searchPasses int // passes over the judged queries per search round
	scaleRepeats int
	buildRepeats int
	synthetic    int // copies of the corpus for the scale test; 0 skips it

	root        string // the workos-lsp checkout (the folder above bench/)
	queriesPath string
	origDocsDir string
	workDir     string
	docsVersion string // what the editor/start-up server actually loaded ("0.2.0" or "local")
	docsDigest  string
}

// serveArgs are the arguments of `workos-lsp serve` for the editor and start-up parts.
func (c *config) serveArgs() []string {
	args := []string{"serve", "--cache-dir", c.cacheDir}
	if c.docs != "" {
		return append(args, "--docs", c.docs)
	}
	return append(args, "--corpus-version", c.version, "--offline")
}

func (c *config) rootURI() string { return fileURI(filepath.Join(c.workDir, "workspace")) }

func (c *config) wants(section string) bool { return len(c.only) == 0 || c.only[section] }

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if _, err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	cfg := &config{}
	fs.StringVar(&cfg.out, "out", "", "folder for benchmarks.md and benchmarks.png (default: the checkout's docs folder)")
	fs.BoolVar(&cfg.quick, "quick", false, "a fast smoke run: few samples, 500-line files only, no 10× corpus")
	fs.StringVar(&cfg.docs, "docs", "", "a local folder of MDX pages instead of the npm package (e.g. ../corpus/corpustest/fixture/docs)")
	fs.StringVar(&cfg.version, "corpus-version", "0.2.0", "docs package version for the editor, start-up and scale parts")
	fs.StringVar(&cfg.origVersion, "original-version", "0.1.0", "@workos/mcp-docs-server version to compare with (ours serves the same docs)")
	fs.StringVar(&cfg.cacheDir, "cache", filepath.Join(os.TempDir(), "workos-lsp-bench-cache"), "the bench's own workos-lsp cache (cold start-up runs empty parts of it)")
	fs.StringVar(&cfg.originalPrefix, "original-prefix", "", "an npm --prefix folder where @workos/mcp-docs-server is installed already (default: npm install into a temporary folder)")
	fs.BoolVar(&cfg.runOriginal, "original", true, "run the original server (needs node and npm)")
	fs.StringVar(&cfg.bin, "bin", "", "use this workos-lsp binary instead of building one")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "run the editor part against an in-process server and write its CPU profile here")
	fs.StringVar(&cfg.memProfile, "memprofile", "", "run the editor part against an in-process server and write an allocation profile here")
	only := fs.String("only", "", "comma-separated parts to run: editor,startup,search,scale,workspace (default: all)")
	samples := fs.Int("samples", 0, "requests per kind, file and round (default 200; quick 20)")
	rounds := fs.Int("rounds", 0, "rounds of the editor and search measurements (default 3; quick 1)")
	repeats := fs.Int("repeats", 0, "start-up repeats and in-process repeats (default 10; quick 2)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	cfg.only = map[string]bool{}
	for _, s := range strings.Split(*only, ",") {
		if s = strings.TrimSpace(s); s != "" {
			switch s {
			case "editor", "startup", "search", "scale", "workspace":
				cfg.only[s] = true
			default:
				return nil, fmt.Errorf("-only: unknown part %q", s)
			}
		}
	}
	if cfg.quick {
		cfg.sizes = []int{500}
		cfg.samples, cfg.editorRounds, cfg.startRepeats, cfg.searchRounds, cfg.scaleRepeats, cfg.buildRepeats = 20, 1, 2, 1, 2, 1
		cfg.searchPasses = 1
	} else {
		cfg.sizes = []int{500, 5000, 20000}
		cfg.samples, cfg.editorRounds, cfg.startRepeats, cfg.searchRounds, cfg.scaleRepeats, cfg.buildRepeats = 200, 3, 10, 3, 10, 3
		cfg.searchPasses = 3
		cfg.synthetic = 10
	}
	if *samples > 0 {
		cfg.samples = *samples
	}
	if *rounds > 0 {
		cfg.editorRounds, cfg.searchRounds = *rounds, *rounds
	}
	if *repeats > 0 {
		cfg.startRepeats, cfg.scaleRepeats = *repeats, *repeats
	}
	return cfg, nil
}

// run executes the whole benchmark and writes the report; progress goes to log.
func run(ctx context.Context, cfg *config, log io.Writer) (*report, error) {
	var err error
	if cfg.root, err = repoRoot(); err != nil {
		return nil, err
	}
	cfg.queriesPath = filepath.Join(cfg.root, "bench", "queries.tsv")
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.root, "docs")
	}
	for _, p := range []*string{&cfg.out, &cfg.cacheDir, &cfg.docs} {
		if *p != "" && !filepath.IsAbs(*p) {
			abs, err := filepath.Abs(*p)
			if err != nil {
				return nil, err
			}
			*p = abs
		}
	}
	if cfg.workDir, err = os.MkdirTemp("", "workos-lsp-bench-"); err != nil {
		return nil, err
	}
	defer os.RemoveAll(cfg.workDir)
	if err := os.MkdirAll(cfg.cacheDir, 0o755); err != nil {
		return nil, err
	}
	rep := &report{cfg: cfg, Started: time.Now()}

	// 1. Build the binary and describe the machine.
	if cfg.bin == "" {
		cfg.bin = filepath.Join(cfg.workDir, "workos-lsp")
		fmt.Fprintln(log, "building workos-lsp…")
		build := exec.CommandContext(ctx, "go", "build", "-o", cfg.bin, "./cmd/workos-lsp")
		build.Dir = cfg.root
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	env := childEnv(cfg.cacheDir)
	rep.Machine = describeMachine(ctx, cfg)
	if cfg.wants("startup") && !cfg.quick {
		mb, err := releaseSize(ctx, cfg)
		if err != nil {
			return nil, err
		}
		rep.Machine.ReleaseMB = mb
	}

	// The docs: fetched once into the bench cache with the binary itself, then read in-process.
	var src corpus.Source
	var docsDir string
	if cfg.docs != "" {
		res, err := fetch.LocalDocs(cfg.docs)
		if err != nil {
			return nil, err
		}
		src = sourceOf(res)
		docsDir = res.DocsDir
	} else {
		res, err := fetchDocs(ctx, cfg, env, cfg.version)
		if err != nil {
			return nil, err
		}
		src = sourceOf(res)
		docsDir = res.DocsDir
	}
	cfg.docsVersion, cfg.docsDigest = src.Version, src.Digest
	rep.Machine.Docs = fmt.Sprintf("%s (digest %s)", src.Version, shortHex(src.Digest))
	rep.Machine.print(log)

	if cfg.wants("search") && cfg.runOriginal {
		if err := prepareOriginal(ctx, cfg, env, log); err != nil {
			return nil, err
		}
	}

	if cfg.wants("editor") {
		fmt.Fprintf(log, "editor latency (%d samples × %d rounds per kind and file)…\n", cfg.samples, cfg.editorRounds)
		if rep.Editor, err = runEditor(cfg, env, log); err != nil {
			return nil, fmt.Errorf("editor latency: %w", err)
		}
	}
	if cfg.wants("startup") {
		fmt.Fprintf(log, "start-up (%d repeats each)…\n", cfg.startRepeats)
		if rep.Warm, err = runStartup(cfg, env, false, log); err != nil {
			return nil, fmt.Errorf("start-up: %w", err)
		}
		if rep.Cold, err = runStartup(cfg, env, true, log); err != nil {
			return nil, fmt.Errorf("start-up: %w", err)
		}
	}
	if cfg.wants("search") {
		fmt.Fprintf(log, "MCP search, %d rounds over bench/queries.tsv…\n", cfg.searchRounds)
		if rep.Search, err = runSearchCompare(ctx, cfg, env, log); err != nil {
			return nil, fmt.Errorf("search comparison: %w", err)
		}
	}
	if cfg.wants("scale") {
		fmt.Fprintln(log, "scale (in-process)…")
		r, err := runScale(ctx, cfg, fmt.Sprintf("docs %s", src.Version), src, true, cfg.scaleRepeats, log)
		if err != nil {
			return nil, fmt.Errorf("scale: %w", err)
		}
		rep.Scale = append(rep.Scale, r)
		if cfg.synthetic > 1 {
			dst := filepath.Join(cfg.workDir, "synthetic")
			if err := makeSynthetic(docsDir, dst, cfg.synthetic); err != nil {
				return nil, err
			}
			syn := corpus.Source{Version: "synthetic", Digest: fmt.Sprintf("%dx-%s", cfg.synthetic, src.Digest), Docs: os.DirFS(dst)}
			r, err := runScale(ctx, cfg, fmt.Sprintf("%d× synthetic", cfg.synthetic), syn, false, min(3, cfg.scaleRepeats), log)
			if err != nil {
				return nil, fmt.Errorf("scale %d×: %w", cfg.synthetic, err)
			}
			os.RemoveAll(dst)
			rep.Scale = append(rep.Scale, r)
		}
	}
	// A quick run skips it unless asked: writing the 60,000-file monorepo alone takes a minute.
	if cfg.wants("workspace") && (!cfg.quick || cfg.only["workspace"]) {
		fmt.Fprintln(log, "workspace model (go test -bench ./workspace, 10,000-file monorepo)…")
		if rep.Workspace, err = runWorkspace(ctx, cfg); err != nil {
			return nil, fmt.Errorf("workspace: %w", err)
		}
	}
	rep.Machine.LoadAfter = loadAverage()
	rep.Finished = time.Now()

	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return nil, err
	}
	md := filepath.Join(cfg.out, "benchmarks.md")
	if err := os.WriteFile(md, []byte(rep.markdown()), 0o644); err != nil {
		return nil, err
	}
	png := filepath.Join(cfg.out, "benchmarks.png")
	if err := rep.plot(png); err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	fmt.Fprintf(log, "wrote %s and %s\n", md, png)
	for _, t := range rep.targets() {
		fmt.Fprintf(log, "  %-4s %-48s %s (target %s)\n", t.mark(), t.Name, t.Figure, t.Target)
	}
	return rep, nil
}

func sourceOf(res *fetch.Result) corpus.Source {
	src := corpus.Source{Version: res.Version, Digest: res.Digest, Docs: os.DirFS(res.DocsDir)}
	if res.ChangelogDir != "" {
		src.Changelogs = os.DirFS(res.ChangelogDir)
	}
	return src
}

// fetchDocs runs `workos-lsp corpus fetch` (downloading into the bench cache the first time) and
// then locates the cached docs in-process.
func fetchDocs(ctx context.Context, cfg *config, env []string, version string) (*fetch.Result, error) {
	cmd := exec.CommandContext(ctx, cfg.bin, "corpus", "fetch", "--corpus-version", version, "--cache-dir", cfg.cacheDir, "--json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("workos-lsp corpus fetch --corpus-version %s: %v\n%s", version, err, ee.Stderr)
		}
		return nil, err
	}
	var info struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(out, &info); err != nil || info.Version != version {
		return nil, fmt.Errorf("corpus fetch answered %q", out)
	}
	return fetch.Get(ctx, fetch.Options{Version: version, CacheDir: cfg.cacheDir, Offline: true})
}

// prepareOriginal installs @workos/mcp-docs-server with npm (unless a prefix is given) and fetches
// the same docs version for ours.
func prepareOriginal(ctx context.Context, cfg *config, env []string, log io.Writer) error {
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("the original server needs node (or pass -original=false): %w", err)
	}
	cfg.node = node
	if cfg.originalPrefix == "" {
		npm, err := exec.LookPath("npm")
		if err != nil {
			return fmt.Errorf("installing the original server needs npm (or pass -original-prefix or -original=false): %w", err)
		}
		cfg.originalPrefix = filepath.Join(cfg.workDir, "original")
		fmt.Fprintf(log, "npm install @workos/mcp-docs-server@%s…\n", cfg.origVersion)
		cmd := exec.CommandContext(ctx, npm, "install", "--prefix", cfg.originalPrefix, "--no-audit", "--no-fund", "--loglevel=error",
			"@workos/mcp-docs-server@"+cfg.origVersion)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("npm install: %v\n%s", err, out)
		}
	}
	pkg := filepath.Join(cfg.originalPrefix, "node_modules", "@workos", "mcp-docs-server")
	var meta struct {
		Version string `json:"version"`
	}
	if data, err := os.ReadFile(filepath.Join(pkg, "package.json")); err != nil || json.Unmarshal(data, &meta) != nil || meta.Version != cfg.origVersion {
		return fmt.Errorf("%s does not hold @workos/mcp-docs-server@%s (found %q)", pkg, cfg.origVersion, meta.Version)
	}
	cfg.origDocsDir = filepath.Join(pkg, ".docs", "organized", "docs")
	if _, err := fetchDocs(ctx, cfg, env, cfg.origVersion); err != nil {
		return err
	}
	return nil
}

// childEnv is the environment of every child: the bench cache, and no docs folder override.
func childEnv(cacheDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "WORKOS_LSP_DOCS=") || strings.HasPrefix(kv, "WORKOS_LSP_CACHE=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "WORKOS_LSP_CACHE="+cacheDir)
}

// repoRoot is the workos-lsp checkout the bench measures: the folder above the bench module (its
// go.mod replaces workos-lsp with "../").
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run the bench inside its module: cd bench && go run .")
	}
	root := filepath.Dir(filepath.Dir(gomod))
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !strings.Contains(string(data), "module "+workosModule+"\n") {
		return "", fmt.Errorf("%s is not a workos-lsp checkout (no go.mod of %s): run the bench from its bench folder", root, workosModule)
	}
	return root, nil
}

// workosModule is the module path of the product.
const workosModule = "github.com/workos-lsp/workos-lsp"

type machine struct {
	Cores      int
	CPU        string
	GoVersion  string
	Server     string // workos-lsp version
	Commit     string
	Docs       string
	Node       string
	LoadBefore string
	LoadAfter  string
	OS         string
	ReleaseMB  float64 // the release build's size (see releaseSize); 0 when not measured
}

func describeMachine(ctx context.Context, cfg *config) *machine {
	m := &machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version(), LoadBefore: loadAverage(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	m.CPU = "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
				m.CPU = strings.TrimSpace(value)
				break
			}
		}
	}
	if out, err := exec.CommandContext(ctx, cfg.bin, "version").Output(); err == nil {
		m.Server = strings.TrimSpace(string(out))
	}
	git := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty")
	git.Dir = cfg.root
	if out, err := git.Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
	}
	if node, err := exec.LookPath("node"); err == nil {
		if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
			m.Node = strings.TrimSpace(string(out))
		}
	}
	return m
}

// releaseSize builds the checkout as it ships (what editors/vscode/scripts/package.sh builds: no
// cgo, no paths, no symbol tables) and returns the binary's size in MB.
func releaseSize(ctx context.Context, cfg *config) (float64, error) {
	out := filepath.Join(cfg.workDir, "workos-lsp-release")
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w", "-o", out, "./cmd/workos-lsp")
	build.Dir = cfg.root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("release build: %v\n%s", err, msg)
	}
	st, err := os.Stat(out)
	if err != nil {
		return 0, err
	}
	return float64(st.Size()) / (1 << 20), nil
}

func (m *machine) print(w io.Writer) {
	fmt.Fprintf(w, "machine: %d cores, %s, %s, %s; %s (commit %s); docs %s; node %s; load average %s\n",
		m.Cores, m.CPU, m.OS, m.GoVersion, m.Server, m.Commit, m.Docs, orDash(m.Node), m.LoadBefore)
}

// loadAverage is the 1, 5 and 15 minute load averages from /proc/loadavg.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func shortHex(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
