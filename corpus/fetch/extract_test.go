package fetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExtractDocsKeepsOnlyOrganizedTree(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	data := tgz(t,
		entry{Name: "pax_global_header", Type: tar.TypeXGlobalHeader},
		file("package/README.md", "readme"),
		entry{Name: "package/.docs/organized/", Type: tar.TypeDir},
		entry{Name: "package/.docs/organized/docs/", Type: tar.TypeDir},
		file("package/.docs/organized/docs/a.mdx", "A"),
		file("./package/.docs/organized/docs/sub//b.md", "BB"),
		file("package/.docs/organized/changelogs/workos-platform.json", "[]"),
		file("package/.docs/other.mdx", "not organized"),
		// Links outside the kept tree are never written, so they are skipped, not refused.
		entry{Name: "package/node_modules/.bin/x", Type: tar.TypeSymlink, Linkname: "../x/cli.js"},
	)
	stats, err := ExtractDocs(bytes.NewReader(data), dest, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"changelogs", "changelogs/workos-platform.json", "docs", "docs/a.mdx", "docs/sub", "docs/sub/b.md"}
	if got := listTree(t, dest); !slices.Equal(got, want) {
		t.Errorf("tree = %q, want %q", got, want)
	}
	if stats.Files != 3 || stats.Bytes != 5 || stats.Skipped != 4 {
		t.Errorf("stats = %+v, want 3 files, 5 bytes, 4 skipped", stats)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "docs", "sub", "b.md")); string(b) != "BB" {
		t.Errorf("b.md = %q", b)
	}
}

func TestExtractDocsRefusesHostileArchives(t *testing.T) {
	const docs = "package/.docs/organized/docs/"
	big := strings.Repeat("x", 2000)
	small := Limits{MaxFileBytes: 1000, MaxTotalBytes: 64 << 10, MaxEntries: 10}
	cases := []struct {
		name    string
		data    []byte
		limits  Limits
		wantErr []string // substrings: the entry name and the reason
	}{
		{"absolute path", tgz(t, file("/etc/evil.mdx", "x")), Limits{}, []string{`"/etc/evil.mdx"`, "absolute path"}},
		{"absolute path under prefix", tgz(t, file("/package/.docs/organized/docs/a.mdx", "x")), Limits{}, []string{"absolute path"}},
		{"dot-dot escape", tgz(t, file(docs+"../../../../../evil.mdx", "x")), Limits{}, []string{`"package/.docs/organized/docs/../../../../../evil.mdx"`, `".."`}},
		{"dot-dot outside kept tree", tgz(t, file("package/../evil", "x")), Limits{}, []string{`".."`}},
		{"backslash", tgz(t, file(docs+`..\..\evil.mdx`, "x")), Limits{}, []string{"backslash"}},
		{"symlink", tgz(t, entry{Name: docs + "link.mdx", Type: tar.TypeSymlink, Linkname: "/etc/passwd"}), Limits{}, []string{`"` + docs + `link.mdx"`, "symbolic link", "/etc/passwd"}},
		{"symlink dir then file through it", tgz(t,
			entry{Name: docs + "d", Type: tar.TypeSymlink, Linkname: "../../../../.."},
			file(docs+"d/evil.mdx", "x")), Limits{}, []string{"symbolic link"}},
		{"hardlink", tgz(t, entry{Name: docs + "hard.mdx", Type: tar.TypeLink, Linkname: "/etc/passwd"}), Limits{}, []string{"hard link"}},
		{"char device", tgz(t, entry{Name: docs + "null", Type: tar.TypeChar}), Limits{}, []string{"character device"}},
		{"block device", tgz(t, entry{Name: docs + "sda", Type: tar.TypeBlock}), Limits{}, []string{"block device"}},
		{"fifo", tgz(t, entry{Name: docs + "pipe", Type: tar.TypeFifo}), Limits{}, []string{"fifo"}},
		{"file too large", tgz(t, file(docs+"big.mdx", big)), small, []string{`"` + docs + `big.mdx"`, "limit per file"}},
		{"archive too large", tgz(t,
			file("package/dist/a.js", strings.Repeat("a", 40<<10)),
			file("package/dist/b.js", strings.Repeat("b", 40<<10))), small, []string{"package/dist/b.js", "limit"}},
		{"too many entries", tgz(t, func() []entry {
			var es []entry
			for i := range 11 {
				es = append(es, file(docs+strings.Repeat("p", i+1)+".mdx", "x"))
			}
			return es
		}()...), small, []string{"more than 10 entries"}},
		{"not gzip", []byte("plain text"), Limits{}, []string{"not a gzip stream"}},
		{"corrupt tar", gzipBytes(t, bytes.Repeat([]byte{0xff}, 1024)), Limits{}, []string{"read tar entry"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dest := filepath.Join(base, "dest")
			_, err := ExtractDocs(bytes.NewReader(tc.data), dest, tc.limits)
			if err == nil {
				t.Fatal("ExtractDocs succeeded; want an error")
			}
			for _, want := range tc.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			assertContained(t, base, dest)
		})
	}
}

// assertContained checks that base holds nothing but dest, and dest holds only directories and
// regular files.
func assertContained(t testing.TB, base, dest string) {
	t.Helper()
	for _, p := range listTree(t, base) {
		if p != "dest" && !strings.HasPrefix(p, "dest/") {
			t.Fatalf("wrote %s outside dest", p)
		}
		fi, err := os.Lstat(filepath.Join(base, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !fi.IsDir() && !fi.Mode().IsRegular() {
			t.Fatalf("%s has mode %v; only files and directories may be written", p, fi.Mode())
		}
	}
}

func FuzzExtractDocs(f *testing.F) {
	const docs = "package/.docs/organized/docs/"
	// Seeds are raw tar streams (gzipped in the target) so the fuzzer can mutate tar structure.
	seeds := [][]entry{
		{file(docs+"a.mdx", "---\ntitle: A\n---\n"), file("package/.docs/organized/changelogs/c.json", "[]")},
		{entry{Name: docs, Type: tar.TypeDir}, file(docs+"x/y.mdx", "y"), file("package/dist/i.js", "js")},
		{file(docs+"../../evil", "x")},
		{entry{Name: docs + "l", Type: tar.TypeSymlink, Linkname: "/tmp"}, file(docs+"l/z.mdx", "z")},
		{entry{Name: docs + "h", Type: tar.TypeLink, Linkname: "package/dist/i.js"}},
		{file("/abs.mdx", "x"), entry{Name: docs + "p", Type: tar.TypeFifo}},
	}
	for _, s := range seeds {
		f.Add(tarBytes(f, s...))
	}
	// One base directory per fuzz process (executions within a process are sequential) keeps each
	// execution to the syscalls of the extraction itself.
	base := f.TempDir()
	dest := filepath.Join(base, "dest")
	var compressed bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&compressed, gzip.BestSpeed)
	f.Fuzz(func(t *testing.T, tarStream []byte) {
		compressed.Reset()
		zw.Reset(&compressed)
		zw.Write(tarStream)
		zw.Close()
		limits := Limits{MaxFileBytes: 1 << 16, MaxTotalBytes: 1 << 20, MaxEntries: 64}
		stats, err := ExtractDocs(bytes.NewReader(compressed.Bytes()), dest, limits)
		if err == nil && (stats.Bytes > limits.MaxTotalBytes || stats.Files > limits.MaxEntries) {
			t.Fatalf("stats %+v exceed limits %+v", stats, limits)
		}
		assertContained(t, base, dest)
		if err := os.RemoveAll(dest); err != nil {
			t.Fatal(err)
		}
	})
}
