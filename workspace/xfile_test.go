package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// The fixture projects in testdata/xfile are small applications of each SDK family: the WorkOS
// client created in one module and reached from others (imports, aliases, barrels, packages,
// injected fields, accessors), next to look-alikes from other libraries and the app's own code.
// Markers in comments say what a question at a word must answer:
//
//	@hover(word, call <id>)        a call of the SDK operation <id>
//	@hover(word, forwards <id>)    a project function that only forwards to <id>
//	@hover(word, module <module>)  a module receiver
//	@hover(word, option <id> <key>) an option of <id>
//	@hover(word, none)             nothing
//	@complete(., +label !label …)  completion after the last "." before the marker offers +labels
//	                               and not !labels
//
// word is found on the marker's line, before the comment; word#2 is its second occurrence.

var markerRE = regexp.MustCompile(`@(hover|complete)\(([^,()]+),\s*([^()]*)\)`)

type xmarker struct {
	file, line, kind, word, want string
	offset                       int
}

func xfileMarkers(t *testing.T, dir string) []xmarker {
	t.Helper()
	var out []xmarker
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || languageOfPath(p) == "" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := string(b)
		lineStart := 0
		for _, line := range strings.SplitAfter(text, "\n") {
			for _, m := range markerRE.FindAllStringSubmatchIndex(line, -1) {
				kind, word, want := line[m[2]:m[3]], strings.TrimSpace(line[m[4]:m[5]]), strings.TrimSpace(line[m[6]:m[7]])
				code := line[:commentStart(line)]
				nth := 1
				if w, n, ok := strings.Cut(word, "#"); ok {
					word = w
					fmt.Sscan(n, &nth)
				}
				off := -1
				if kind == "complete" {
					if k := strings.LastIndex(code, word); k >= 0 {
						off = k + len(word)
					}
				} else {
					from := 0
					for n := 0; n < nth; n++ {
						k := wordIndex(code[from:], word)
						if k < 0 {
							from = -1
							break
						}
						off, from = from+k, from+k+len(word)
					}
					if from < 0 {
						off = -1
					}
				}
				rel, _ := filepath.Rel(dir, p)
				if off < 0 {
					t.Fatalf("%s: marker %s(%s): word not on the line %q", rel, kind, word, line)
				}
				out = append(out, xmarker{file: rel, line: strings.TrimSpace(code), kind: kind, word: word, want: want, offset: lineStart + off})
			}
			lineStart += len(line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// commentStart is where a line's marker comment starts (// or #).
func commentStart(line string) int {
	k := strings.Index(line, "@hover(")
	if j := strings.Index(line, "@complete("); j >= 0 && (k < 0 || j < k) {
		k = j
	}
	if k < 0 {
		return len(line)
	}
	c := strings.LastIndex(line[:k], "//")
	if h := strings.LastIndex(line[:k], "# "); h > c {
		c = h
	}
	if c < 0 {
		return k
	}
	return c
}

// wordIndex finds word as a whole identifier in s.
func wordIndex(s, word string) int {
	isIdent := func(c byte) bool {
		return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for from := 0; ; {
		k := strings.Index(s[from:], word)
		if k < 0 {
			return -1
		}
		k += from
		if (k == 0 || !isIdent(s[k-1]) || !isIdent(word[0])) && (k+len(word) >= len(s) || !isIdent(s[k+len(word)]) || !isIdent(word[len(word)-1])) {
			return k
		}
		from = k + 1
	}
}

// eachFixtureProject runs fn on each txtar project of testdata/xfile, extracted and scanned.
func eachFixtureProject(t *testing.T, fn func(t *testing.T, dir string, snap *Snapshot)) {
	t.Helper()
	archives, _ := filepath.Glob("testdata/xfile/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no fixture projects")
	}
	for _, a := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(a), ".txtar"), func(t *testing.T) {
			b, err := os.ReadFile(a)
			if err != nil {
				t.Fatal(err)
			}
			dir := extract(t, string(b))
			w, err := ScanFolders(context.Background(), []string{dir}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Shutdown()
			fn(t, dir, w.Snapshot())
		})
	}
}

func TestCrossFileFixtures(t *testing.T) {
	ix := sdkcall.NewIndex(corpustest.Corpus(t).Symbols())
	total := 0
	eachFixtureProject(t, func(t *testing.T, dir string, snap *Snapshot) {
		src := NewSources(nil, nil)
		markers := xfileMarkers(t, dir)
		total += len(markers)
		for _, m := range markers {
			f := src.File(snap, filepath.Join(dir, m.file))
			if f == nil {
				t.Errorf("%s: not in the workspace", m.file)
				continue
			}
			got := answer(f, ix, m)
			if !matches(got, m) {
				t.Errorf("%s: %s(%s) on %q\n  want %s\n  got  %s", m.file, m.kind, m.word, m.line, m.want, got)
			}
		}
	})
	t.Logf("%d markers", total)
}

// answer describes what the question gets, in the markers' terms.
func answer(f *sdkcall.File, ix *sdkcall.Index, m xmarker) string {
	if m.kind == "complete" {
		cc, ok := f.Complete(ix, m.offset)
		if !ok {
			return "nothing"
		}
		var labels []string
		for _, it := range cc.Items {
			labels = append(labels, it.Label)
		}
		return strings.Join(labels, " ")
	}
	tg, ok := f.At(ix, m.offset)
	if !ok {
		return "none"
	}
	switch tg.Kind {
	case sdkcall.TargetCall:
		ids := ""
		for _, e := range tg.Entries {
			ids += " " + e.ID
		}
		if tg.Forwards != "" {
			return "forwards" + ids
		}
		return "call" + ids
	case sdkcall.TargetModule:
		return "module " + tg.Module
	case sdkcall.TargetOption:
		return fmt.Sprintf("option %s %s", tg.Entries[0].ID, tg.Option.Key)
	}
	return fmt.Sprintf("kind %d", tg.Kind)
}

func matches(got string, m xmarker) bool {
	if m.kind == "complete" {
		labels := strings.Fields(got)
		for _, w := range strings.Fields(m.want) {
			switch {
			case strings.HasPrefix(w, "+") && !slices.Contains(labels, w[1:]):
				return false
			case strings.HasPrefix(w, "!") && slices.Contains(labels, w[1:]):
				return false
			}
		}
		return true
	}
	return got == m.want || strings.HasPrefix(got, m.want+" ")
}

// TestCrossFileNeedsWorkspace is the control: the same files analysed alone, without their
// project, answer none of the positive markers in files that import no SDK themselves.
func TestCrossFileNeedsWorkspace(t *testing.T) {
	ix := sdkcall.NewIndex(corpustest.Corpus(t).Symbols())
	archives, _ := filepath.Glob("testdata/xfile/*.txtar")
	positive, alone := 0, 0
	for _, a := range archives {
		b, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		dir := extract(t, string(b))
		for _, m := range xfileMarkers(t, dir) {
			if m.want == "none" || m.kind != "hover" {
				continue
			}
			text, _ := os.ReadFile(filepath.Join(dir, m.file))
			f := sdkcall.Analyze(languageOfPath(m.file), string(text))
			if f.UsesWorkOS() {
				continue
			}
			positive++
			if matches(answer(f, ix, m), m) {
				alone++
				t.Errorf("%s: %s answers %s without its project", m.file, m.line, m.want)
			}
		}
	}
	if positive < 20 {
		t.Fatalf("only %d positive markers in files without an SDK import", positive)
	}
	t.Logf("%d positive markers in files without an SDK import; %d answered alone", positive, alone)
}
