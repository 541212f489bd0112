package search

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/corpus/fetch"
)

// The real docs are used when WORKOS_LSP_INTEGRATION=1 (fetched through package fetch) or when
// WORKOS_DOCS_DIR points at the 0.2.0 docs folder (WORKOS_DOCS_DIR_0_1_0 at the 0.1.0 one).
// Otherwise the tests below skip and the benchmarks use the fixture.

var (
	realMu      sync.Mutex
	realCorpora = map[string]*corpus.Corpus{}
)

// realCorpus returns the real corpus of version, or nil when none is configured.
func realCorpus(tb testing.TB, version string) *corpus.Corpus {
	tb.Helper()
	realMu.Lock()
	defer realMu.Unlock()
	if c, ok := realCorpora[version]; ok {
		return c
	}
	env := "WORKOS_DOCS_DIR"
	if version != "0.2.0" {
		env += "_" + strings.ReplaceAll(version, ".", "_")
	}
	var c *corpus.Corpus
	var err error
	switch dir := os.Getenv(env); {
	case dir != "":
		c, err = corpus.Parse(corpus.Source{Version: version, Digest: "dev-" + version, Docs: os.DirFS(dir)})
	case os.Getenv("WORKOS_LSP_INTEGRATION") == "1":
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		var res *fetch.Result
		res, err = fetch.Get(ctx, fetch.Options{Version: version})
		if err == nil {
			c, err = corpus.FromFetch(res)
		}
	default:
		return nil
	}
	if err != nil {
		tb.Fatalf("load the %s corpus: %v", version, err)
	}
	realCorpora[version] = c
	return c
}

func requireReal(t *testing.T, version string) *corpus.Corpus {
	t.Helper()
	c := realCorpus(t, version)
	if c == nil {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 or WORKOS_DOCS_DIR to run against the real docs")
	}
	return c
}

type judged struct {
	line   int
	query  string
	accept []string
}

// loadJudged reads testdata/judged.tsv: query, a tab, acceptable page paths separated by spaces.
func loadJudged(tb testing.TB) []judged {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "judged.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []judged
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, paths, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(paths) == "" {
			tb.Fatalf("judged.tsv:%d: want query<TAB>paths", n)
		}
		out = append(out, judged{n, strings.TrimSpace(q), strings.Fields(paths)})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestJudgedQueries(t *testing.T) {
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := loadJudged(t)
	for _, j := range qs {
		for _, p := range j.accept {
			if _, _, ok := c.Page(p); !ok {
				t.Errorf("judged.tsv:%d: %q is not a page", j.line, p)
			}
		}
	}
	m := evaluate(t, ix, qs)
	t.Logf("judged queries: %d  top-1 %.3f  top-3 %.3f  MRR %.3f  nDCG@10 %.3f", len(qs), m.top1, m.top3, m.mrr, m.ndcg)
	for _, miss := range m.misses {
		t.Logf("  %s", miss)
	}
	if m.top3 < 0.9 {
		t.Errorf("top-3 hit rate %.3f < 0.9", m.top3)
	}
}

type metrics struct {
	top1, top3, mrr, ndcg float64
	misses                []string
}

// evaluate runs the judged queries: top-1 and top-3 hit rates, mean reciprocal rank and mean
// nDCG@10 (over the first 10 results), and a line per query whose first result is not acceptable.
func evaluate(tb testing.TB, ix *Index, qs []judged) metrics {
	var m metrics
	for _, j := range qs {
		res, err := ix.Search(context.Background(), j.query, Options{Limit: 10})
		if err != nil {
			tb.Fatal(err)
		}
		rank := 0
		for i, r := range res {
			if contains(j.accept, r.Page) {
				rank = i + 1
				break
			}
		}
		m.ndcg += ndcgAt10(res, j.accept)
		if rank == 1 {
			m.top1++
		}
		if rank >= 1 && rank <= 3 {
			m.top3++
		}
		if rank > 0 {
			m.mrr += 1 / float64(rank)
		}
		if rank != 1 {
			var got []string
			for i, r := range res {
				if i == 3 {
					break
				}
				got = append(got, fmt.Sprintf("%s %s#%s", r.Kind, r.Page, r.Anchor))
			}
			m.misses = append(m.misses, fmt.Sprintf("rank %d  %q want %v\n      got %s", rank, j.query, j.accept, strings.Join(got, " | ")))
		}
	}
	n := float64(len(qs))
	m.top1, m.top3, m.mrr, m.ndcg = m.top1/n, m.top3/n, m.mrr/n, m.ndcg/n
	sort.Strings(m.misses)
	return m
}

// ndcgAt10 grades a ranked answer as bench/mcpcompare.go does: results are reduced to their pages
// (several sections of one page count once, at the page's best rank), a page in accept gains 1,
// and the ideal ranks every acceptable page first.
func ndcgAt10(res []Result, accept []string) float64 {
	seen := map[string]bool{}
	dcg, rank := 0.0, 0
	for _, r := range res {
		if seen[r.Page] {
			continue
		}
		seen[r.Page] = true
		if rank++; rank > 10 {
			break
		}
		if contains(accept, r.Page) {
			dcg += 1 / math.Log2(float64(rank+1))
		}
	}
	ideal := 0.0
	for i := 1; i <= min(len(accept), 10); i++ {
		ideal += 1 / math.Log2(float64(i+1))
	}
	if ideal == 0 {
		return 0
	}
	return dcg / ideal
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRealCorpusOnDisk(t *testing.T) {
	for _, v := range []string{"0.2.0", "0.1.0"} {
		t.Run(v, func(t *testing.T) {
			c := requireReal(t, v)
			dir := filepath.Join(t.TempDir(), "index", c.Digest)
			start := time.Now()
			ix, err := Open(context.Background(), c, dir)
			if err != nil {
				t.Fatal(err)
			}
			built := time.Since(start)
			ix.Close()
			start = time.Now()
			ix, err = Open(context.Background(), c, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			t.Logf("%s: %d documents, build+write %v, open cached %v (rebuilt=%v), %s on disk",
				v, ix.DocCount(), built.Round(time.Millisecond), time.Since(start).Round(time.Microsecond), ix.Rebuilt(), sizeOf(dir))
			for _, q := range []string{"createUser", "list organization memberships", "dsync.user.created", "SSO"} {
				res, err := ix.Search(context.Background(), q, Options{Limit: 3})
				if err != nil {
					t.Fatal(err)
				}
				if len(res) == 0 {
					t.Errorf("%q: no results", q)
					continue
				}
				t.Logf("%q → %s %s", q, res[0].Kind, res[0].URL)
			}
		})
	}
}

func sizeOf(dir string) string {
	return fmt.Sprintf("%.1f MB", float64(dirSize(dir))/(1<<20))
}

// benchCorpus is the real 0.2.0 corpus when configured, else the fixture.
func benchCorpus(b *testing.B) *corpus.Corpus {
	if c := realCorpus(b, "0.2.0"); c != nil {
		return c
	}
	return corpustest.Corpus(b)
}

func BenchmarkBuild(b *testing.B) {
	c := benchCorpus(b)
	b.Run("memory", func(b *testing.B) {
		for b.Loop() {
			ix, err := Build(context.Background(), c)
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
	b.Run("disk", func(b *testing.B) {
		root := b.TempDir()
		i := 0
		for b.Loop() {
			i++
			ix, err := Open(context.Background(), c, filepath.Join(root, fmt.Sprint(i)))
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
}

func BenchmarkOpenCached(b *testing.B) {
	c := benchCorpus(b)
	dir := filepath.Join(b.TempDir(), "idx")
	ix, err := Open(context.Background(), c, dir)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ReportMetric(float64(dirSize(dir))/(1<<20), "MB-on-disk")
	for b.Loop() {
		ix, err := Open(context.Background(), c, dir)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Rebuilt() {
			b.Fatal("rebuilt")
		}
		ix.Close()
	}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// BenchmarkSearch runs the judged queries round robin and reports p50/p99 latency over all runs,
// and p50-quiet/p99-quiet: the percentiles over queries of each query's fastest run, which is what
// a query costs when other processes do not compete for the CPU.
func BenchmarkSearch(b *testing.B) {
	benchmarkQueries(b, loadJudged(b))
}

// BenchmarkSearchQuestions is BenchmarkSearch over the judged questions (both parts).
func BenchmarkSearchQuestions(b *testing.B) {
	tune, held, fresh := loadQuestions(b)
	benchmarkQueries(b, append(append(tune, held...), fresh...))
}

func benchmarkQueries(b *testing.B, qs []judged) {
	c := benchCorpus(b)
	dir := filepath.Join(b.TempDir(), "idx")
	ix, err := Open(context.Background(), c, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var lat []time.Duration
	fastest := make([]time.Duration, len(qs))
	i := 0
	for b.Loop() {
		k := i % len(qs)
		i++
		start := time.Now()
		if _, err := ix.Search(context.Background(), qs[k].query, Options{Limit: 10}); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		lat = append(lat, d)
		if fastest[k] == 0 || d < fastest[k] {
			fastest[k] = d
		}
	}
	p := func(ds []time.Duration, q float64) float64 {
		ds = append([]time.Duration(nil), ds...)
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[int(float64(len(ds)-1)*q)].Microseconds())
	}
	b.ReportMetric(p(lat, 0.50), "p50-µs")
	b.ReportMetric(p(lat, 0.99), "p99-µs")
	if i >= len(qs) {
		b.ReportMetric(p(fastest, 0.50), "p50-quiet-µs")
		b.ReportMetric(p(fastest, 0.99), "p99-quiet-µs")
	}
}

// loadQuestions reads testdata/questions.tsv: set ("tune", "held" or "fresh"), query, acceptable
// pages.
func loadQuestions(tb testing.TB) (tune, held, fresh []judged) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "questions.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 || strings.TrimSpace(parts[2]) == "" {
			tb.Fatalf("questions.tsv:%d: want set<TAB>query<TAB>paths", n+1)
		}
		j := judged{n + 1, strings.TrimSpace(parts[1]), strings.Fields(parts[2])}
		switch parts[0] {
		case "tune":
			tune = append(tune, j)
		case "held":
			held = append(held, j)
		case "fresh":
			fresh = append(fresh, j)
		default:
			tb.Fatalf("questions.tsv:%d: set %q is not tune, held or fresh", n+1, parts[0])
		}
	}
	return tune, held, fresh
}

// TestJudgedQuestions scores the questions of testdata/questions.tsv. The misses of the tuning
// part are logged; of the held-aside parts only the figures, unless SEARCH_SHOW_HELD=1 (for the
// final report, once tuning is over), so that tuning never looks at them.
func TestJudgedQuestions(t *testing.T) {
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tune, held, fresh := loadQuestions(t)
	if all, aside := len(tune)+len(held)+len(fresh), len(held)+len(fresh); len(fresh) < 30 || all < 60 || 3*aside < all-2 {
		t.Errorf("questions.tsv: %d tuning, %d held-aside and %d fresh questions; want ≥ 60 with a third held aside, and ≥ 30 fresh",
			len(tune), len(held), len(fresh))
	}
	for _, j := range append(append(append([]judged{}, tune...), held...), fresh...) {
		for _, p := range j.accept {
			if _, _, ok := c.Page(p); !ok {
				t.Errorf("questions.tsv:%d: %q is not a page", j.line, p)
			}
		}
	}
	parts := []struct {
		name string
		qs   []judged
		show bool
	}{
		{"tuning part", tune, true},
		{"held (seen)", held, os.Getenv("SEARCH_SHOW_HELD") == "1"},
		{"fresh held", fresh, os.Getenv("SEARCH_SHOW_HELD") == "1"},
	}
	for _, p := range parts {
		m := evaluate(t, ix, p.qs)
		t.Logf("%-12s %3d questions  top-1 %.3f  top-3 %.3f  MRR %.3f  nDCG@10 %.3f", p.name+":", len(p.qs), m.top1, m.top3, m.mrr, m.ndcg)
		if p.show {
			for _, miss := range m.misses {
				t.Logf("  %s %s", p.name, miss)
			}
		}
	}
}

// TestEventNamesFirst: every event of the catalogue, searched by its name (as written, and in
// words: "dsync user created"), comes first as that event.
func TestEventNamesFirst(t *testing.T) {
	c := requireReal(t, "0.2.0")
	ix, err := Build(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	events := c.Symbols().Events()
	miss := map[string]int{}
	for _, ev := range events {
		for form, q := range map[string]string{"name": ev.Name, "words": identifierWords(ev.Name)} {
			res, err := ix.Search(context.Background(), q, Options{Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 || res[0].Kind != KindEvent || res[0].Title != ev.Name {
				miss[form]++
				got := ""
				if len(res) > 0 {
					got = string(res[0].Kind) + " " + res[0].Title
				}
				t.Logf("%s %q: first %s", form, q, got)
			}
		}
	}
	t.Logf("%d events: first by name %d, by name in words %d", len(events), len(events)-miss["name"], len(events)-miss["words"])
	if miss["name"] > 0 {
		t.Errorf("%d event names do not find their event first", miss["name"])
	}
	if 10*miss["words"] > len(events) {
		t.Errorf("%d of %d event names in words do not find their event first", miss["words"], len(events))
	}
}
