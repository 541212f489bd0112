package fetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/workos-lsp/workos-lsp/internal/testfiles"
)

// entry is one tar entry for test archives; Type defaults to a regular file.
type entry struct {
	Name     string
	Body     string
	Type     byte
	Linkname string
}

func file(name, body string) entry { return entry{Name: name, Body: body} }

// tarBytes builds an uncompressed tar stream.
func tarBytes(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.Name, Mode: 0o644, Typeflag: e.Type, Linkname: e.Linkname, Format: tar.FormatPAX}
		if hdr.Typeflag == 0 {
			hdr.Typeflag = tar.TypeReg
		}
		if hdr.Typeflag == tar.TypeXGlobalHeader { // as git archive writes
			hdr = &tar.Header{Name: e.Name, Typeflag: e.Type, PAXRecords: map[string]string{"comment": "abc"}}
		}
		if hdr.Typeflag == tar.TypeReg {
			hdr.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatalf("tar header %q: %v", e.Name, err)
		}
		if hdr.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte(e.Body)); err != nil {
				t.Fatalf("tar body %q: %v", e.Name, err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tgz(t testing.TB, entries ...entry) []byte { return gzipBytes(t, tarBytes(t, entries...)) }

// docsTarball is a tiny stand-in for the npm package: two pages, a changelog and the server code.
func docsTarball(t testing.TB, marker string) []byte {
	return tgz(t,
		file("package/package.json", `{"name":"@workos/mcp-docs-server"}`),
		file("package/dist/index.js", "console.log(1)"),
		file("package/.docs/organized/docs/sso/index.mdx", "---\ntitle: SSO "+marker+"\n---\n# SSO\n"),
		file("package/.docs/organized/docs/reference/authkit/user.mdx", "---\ntitle: User\n---\n"),
		file("package/.docs/organized/changelogs/workos-platform.json", "[]"),
	)
}

func sri512(data []byte) string {
	sum := sha512.Sum512(data)
	return "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
}

func sri256(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// listTree returns every path under dir (slash-separated, relative), sorted.
func listTree(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func writeFiles(t testing.TB, root string, files map[string]string) { testfiles.Write(t, root, files) }
