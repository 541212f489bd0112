package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// judgedQuery is one line of queries.tsv: a query and the page paths that answer it.
type judgedQuery struct {
	Query    string
	Relevant []string
	Group    string // the comment heading above it
}

func readQueries(path string) ([]judgedQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []judgedQuery
	group := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case strings.HasPrefix(line, "## "):
			group = strings.TrimSpace(strings.TrimPrefix(line, "## "))
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		q, paths, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(q) == "" || strings.TrimSpace(paths) == "" {
			return nil, fmt.Errorf("%s:%d: want QUERY<TAB>PATH [PATH…]", path, n)
		}
		out = append(out, judgedQuery{Query: q, Relevant: strings.Fields(paths), Group: group})
	}
	return out, sc.Err()
}

// checkJudgements makes sure every judged path is a page of the docs folder (a typo would silently
// count as a miss for both servers).
func checkJudgements(qs []judgedQuery, docsDir string) error {
	pages := map[string]bool{}
	err := filepath.WalkDir(docsDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".mdx") {
			return err
		}
		rel, _ := filepath.Rel(docsDir, p)
		pages[normalizePage(strings.TrimSuffix(filepath.ToSlash(rel), ".mdx"))] = true
		return nil
	})
	if err != nil {
		return err
	}
	var missing []string
	for _, q := range qs {
		for _, p := range q.Relevant {
			if !pages[p] {
				missing = append(missing, fmt.Sprintf("%q → %s", q.Query, p))
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("judged paths that are not pages of %s: %s", docsDir, strings.Join(missing, "; "))
	}
	return nil
}

// normalizePage maps "sso/index", "sso/index.mdx" and "sso#anchor" to "sso".
func normalizePage(p string) string {
	p, _, _ = strings.Cut(strings.TrimSpace(p), "#")
	p = strings.Trim(strings.TrimSuffix(p, ".mdx"), "/")
	if p == "index" {
		return ""
	}
	return strings.TrimSuffix(p, "/index")
}

var (
	// Ours: "## 3. Title" then a line that ends with the path in backticks: "Page `sso/login-flows`".
	oursHeading = regexp.MustCompile(`^## \d+\. `)
	backticked  = regexp.MustCompile("`([^`]+)`")
	// The original: "## 📄 user-management/index" (dist/index.js, workos_search).
	theirsHeading = regexp.MustCompile(`^## \x{1F4C4} (.+)$`)
)

// parseOurs lists the pages of a workos-lsp workos_search answer, best first.
func parseOurs(text string) []string {
	lines := strings.Split(text, "\n")
	var out []string
	for i := 0; i+1 < len(lines); i++ {
		if !oursHeading.MatchString(lines[i]) {
			continue
		}
		m := backticked.FindAllStringSubmatch(lines[i+1], -1)
		if len(m) == 0 {
			continue
		}
		out = append(out, normalizePage(m[len(m)-1][1]))
	}
	return out
}

// parseTheirs lists the pages of an @workos/mcp-docs-server workos_search answer, best first.
func parseTheirs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if m := theirsHeading.FindStringSubmatch(strings.TrimRight(line, "\r")); m != nil {
			out = append(out, normalizePage(m[1]))
		}
	}
	return out
}

// relevance scores one ranked answer: the pages are deduplicated (several sections of one page
// count once, at the page's best rank) and graded binary.
type queryScore struct {
	Rank       int // 1-based rank of the first relevant page; 0 when none in the top 10
	Top1, Top3 bool
	NDCG       float64
}

func score(ranked []string, relevant []string) queryScore {
	rel := map[string]bool{}
	for _, p := range relevant {
		rel[p] = true
	}
	seen := map[string]bool{}
	var pages []string
	for _, p := range ranked {
		if !seen[p] {
			seen[p] = true
			pages = append(pages, p)
		}
	}
	var s queryScore
	dcg := 0.0
	for i, p := range pages {
		if i >= 10 {
			break
		}
		if rel[p] {
			if s.Rank == 0 {
				s.Rank = i + 1
			}
			dcg += 1 / math.Log2(float64(i+2))
		}
	}
	ideal := 0.0
	for i := 0; i < min(len(rel), 10); i++ {
		ideal += 1 / math.Log2(float64(i+2))
	}
	s.Top1, s.Top3 = s.Rank == 1, s.Rank >= 1 && s.Rank <= 3
	if ideal > 0 {
		s.NDCG = dcg / ideal
	}
	return s
}

type searchSide struct {
	Name           string
	Command        string
	Latency        latency // medians over rounds of each round's percentiles over the queries
	Top1, Top3     float64 // hit rates over the judged queries
	NDCG           float64 // mean nDCG@10
	NoResult       int     // queries answered with no results (an error result for the original)
	Scores         []queryScore
	relevanceValid bool
}

type searchCompare struct {
	Queries []judgedQuery
	Ours    *searchSide
	Theirs  *searchSide // nil when the original was not run
	Rounds  int
	Passes  int // passes over the queries per round
	Version string
}

// mcpServer is one side of the comparison: a connected MCP session.
type mcpServer struct {
	side    *searchSide
	session *mcp.ClientSession
	parse   func(string) []string
}

func connectMCP(ctx context.Context, name string, cmd *exec.Cmd, log io.Writer) (*mcp.ClientSession, error) {
	cmd.Stderr = io.Discard
	client := mcp.NewClient(&mcp.Implementation{Name: "workos-lsp-bench", Version: "1"}, nil)
	s, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd, TerminateDuration: 2 * time.Second}, nil)
	if err != nil {
		return nil, fmt.Errorf("connect to %s (%s): %w", name, strings.Join(cmd.Args, " "), err)
	}
	return s, nil
}

func callSearch(ctx context.Context, s *mcp.ClientSession, query string) (string, bool, time.Duration, error) {
	t0 := time.Now()
	res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "workos_search", Arguments: map[string]any{"query": query, "maxResults": 10}})
	d := time.Since(t0)
	if err != nil {
		return "", false, d, err
	}
	var b strings.Builder
	for _, c := range res.Content {
		if t, ok := c.(*mcp.TextContent); ok {
			b.WriteString(t.Text)
		}
	}
	return b.String(), res.IsError, d, nil
}

// runSearchCompare drives both MCP servers with the judged queries, alternating which one goes first.
func runSearchCompare(ctx context.Context, cfg *config, env []string, log io.Writer) (*searchCompare, error) {
	qs, err := readQueries(cfg.queriesPath)
	if err != nil {
		return nil, err
	}
	cmp := &searchCompare{Queries: qs, Rounds: cfg.searchRounds, Passes: cfg.searchPasses, Version: cfg.origVersion}

	oursArgs := []string{"mcp", "--cache-dir", cfg.cacheDir}
	relevanceValid := true
	if cfg.runOriginal {
		oursArgs = append(oursArgs, "--corpus-version", cfg.origVersion, "--offline")
		if err := checkJudgements(qs, cfg.origDocsDir); err != nil {
			return nil, err
		}
	} else if cfg.docs != "" {
		oursArgs = append(oursArgs, "--docs", cfg.docs)
		relevanceValid = false // judged on the real docs
		cmp.Version = "local"
	} else {
		oursArgs = append(oursArgs, "--corpus-version", cfg.origVersion, "--offline")
	}
	oursCmd := exec.Command(cfg.bin, oursArgs...)
	oursCmd.Env = env
	var servers []*mcpServer
	ours, err := connectMCP(ctx, "workos-lsp mcp", oursCmd, log)
	if err != nil {
		return nil, err
	}
	defer ours.Close()
	cmp.Ours = &searchSide{Name: "workos-lsp mcp", Command: "workos-lsp " + strings.Join(oursArgs, " "), relevanceValid: relevanceValid}
	servers = append(servers, &mcpServer{side: cmp.Ours, session: ours, parse: parseOurs})

	if cfg.runOriginal {
		entry := filepath.Join(cfg.originalPrefix, "node_modules", "@workos", "mcp-docs-server", "dist", "index.js")
		theirsCmd := exec.Command(cfg.node, entry)
		theirsCmd.Env = env
		theirs, err := connectMCP(ctx, "@workos/mcp-docs-server", theirsCmd, log)
		if err != nil {
			return nil, err
		}
		defer theirs.Close()
		cmp.Theirs = &searchSide{Name: "@workos/mcp-docs-server@" + cfg.origVersion, Command: "node " + entry, relevanceValid: true}
		servers = append(servers, &mcpServer{side: cmp.Theirs, session: theirs, parse: parseTheirs})
	}

	// Warm up: ours loads its docs in the background; both get their code paths hot.
	for _, s := range servers {
		for _, q := range []string{"SSO", "createUser", "directory sync"} {
			if _, _, _, err := callSearch(ctx, s.session, q); err != nil {
				return nil, fmt.Errorf("%s: %w", s.side.Name, err)
			}
		}
	}

	rounds := map[*mcpServer][]latency{}
	for round := 0; round < cfg.searchRounds; round++ {
		times := map[*mcpServer][]time.Duration{}
		for pass := 0; pass < cfg.searchPasses; pass++ {
			for qi, q := range qs {
				order := servers
				if (qi+round+pass)%2 == 1 && len(servers) == 2 {
					order = []*mcpServer{servers[1], servers[0]}
				}
				for _, s := range order {
					text, isErr, d, err := callSearch(ctx, s.session, q.Query)
					if err != nil {
						return nil, fmt.Errorf("%s: %q: %w", s.side.Name, q.Query, err)
					}
					times[s] = append(times[s], d)
					if round == 0 && pass == 0 {
						pages := s.parse(text)
						if isErr || len(pages) == 0 {
							s.side.NoResult++
						}
						s.side.Scores = append(s.side.Scores, score(pages, q.Relevant))
					}
				}
			}
		}
		for _, s := range servers {
			rounds[s] = append(rounds[s], summarize(times[s]))
		}
	}
	for _, s := range servers {
		s.side.Latency = medianLatency(rounds[s])
		n := float64(len(s.side.Scores))
		for _, sc := range s.side.Scores {
			if sc.Top1 {
				s.side.Top1++
			}
			if sc.Top3 {
				s.side.Top3++
			}
			s.side.NDCG += sc.NDCG
		}
		if n > 0 {
			s.side.Top1, s.side.Top3, s.side.NDCG = s.side.Top1/n, s.side.Top3/n, s.side.NDCG/n
		}
		fmt.Fprintf(log, "  %-34s p50 %s ms, p99 %s ms; top-1 %.0f%%, top-3 %.0f%%, nDCG@10 %.3f, no result %d/%d\n",
			s.side.Name, ms(s.side.Latency.P50), ms(s.side.Latency.P99), 100*s.side.Top1, 100*s.side.Top3, s.side.NDCG, s.side.NoResult, len(qs))
	}
	return cmp, nil
}
