package fetch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLocalDocsDetectsLayouts(t *testing.T) {
	base := t.TempDir()
	organized := map[string]string{
		"docs/sso/index.mdx":              "---\ntitle: SSO\n---\n",
		"docs/reference/authkit/user.mdx": "---\ntitle: User\n---\n",
		"changelogs/workos-platform.json": "[]",
	}
	layouts := map[string]string{ // name → prefix of organized/ inside it
		"npm-extract": "package/.docs/organized/",
		"package":     ".docs/organized/",
		"dotdocs":     "organized/",
		"organized":   "",
	}
	for name, prefix := range layouts {
		files := map[string]string{}
		for p, body := range organized {
			files[prefix+p] = body
		}
		writeFiles(t, filepath.Join(base, name), files)
	}
	writeFiles(t, filepath.Join(base, "bare"), map[string]string{"a.mdx": "A", "sub/b.mdx": "B"})

	var digest string
	for name, prefix := range layouts {
		t.Run(name, func(t *testing.T) {
			res, err := LocalDocs(filepath.Join(base, name))
			if err != nil {
				t.Fatal(err)
			}
			wantRoot := filepath.Join(base, name, filepath.FromSlash(strings.TrimSuffix(prefix, "/")))
			if res.Version != LocalVersion || res.Dir != wantRoot || res.DocsDir != filepath.Join(wantRoot, "docs") ||
				res.ChangelogDir != filepath.Join(wantRoot, "changelogs") || res.FromCache || res.Integrity != "" {
				t.Errorf("result = %+v, want root %s", res, wantRoot)
			}
			// The same content has the same digest whatever folder it sits in.
			if digest == "" {
				digest = res.Digest
			} else if res.Digest != digest {
				t.Errorf("digest %s differs from %s for identical content", res.Digest, digest)
			}
		})
	}

	t.Run("docs folder itself", func(t *testing.T) {
		docs := filepath.Join(base, "organized", "docs")
		res, err := LocalDocs(docs)
		if err != nil {
			t.Fatal(err)
		}
		if res.DocsDir != docs || res.Dir != filepath.Join(base, "organized") || res.ChangelogDir == "" || res.Digest != digest {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("bare folder of pages", func(t *testing.T) {
		res, err := LocalDocs(filepath.Join(base, "bare"))
		if err != nil {
			t.Fatal(err)
		}
		if res.DocsDir != filepath.Join(base, "bare") || res.Dir != res.DocsDir || res.ChangelogDir != "" {
			t.Errorf("result = %+v", res)
		}
	})
	t.Run("via Get", func(t *testing.T) {
		res, err := Get(context.Background(), Options{DocsDir: filepath.Join(base, "package"), Offline: true})
		if err != nil || res.Digest != digest {
			t.Errorf("Get = %+v, %v", res, err)
		}
	})
}

func TestLocalDocsRejectsFoldersWithoutPages(t *testing.T) {
	base := t.TempDir()
	writeFiles(t, base, map[string]string{"docs/readme.txt": "not mdx", ".git/x.mdx": "hidden"})
	_, err := LocalDocs(base)
	if err == nil || !strings.Contains(err.Error(), "no .mdx pages") {
		t.Errorf("err = %v", err)
	}
	if _, err := LocalDocs(filepath.Join(base, "missing")); err == nil {
		t.Error("missing folder accepted")
	}
	if _, err := LocalDocs(filepath.Join(base, "docs", "readme.txt")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file accepted: %v", err)
	}
}

func TestLocalDigestTracksContent(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"docs/a.mdx": "A", "docs/b.mdx": "B"})
	digest := func() string {
		t.Helper()
		res, err := LocalDocs(dir)
		if err != nil {
			t.Fatal(err)
		}
		return res.Digest
	}
	d0 := digest()
	if d0 != digest() {
		t.Fatal("digest is not stable")
	}
	os.WriteFile(filepath.Join(dir, "docs", ".DS_Store"), []byte("junk"), 0o644)
	if digest() != d0 {
		t.Error("hidden files changed the digest")
	}
	os.WriteFile(filepath.Join(dir, "docs", "b.mdx"), []byte("B2"), 0o644)
	d1 := digest()
	if d1 == d0 {
		t.Error("edit did not change the digest")
	}
	os.Rename(filepath.Join(dir, "docs", "b.mdx"), filepath.Join(dir, "docs", "c.mdx"))
	if d2 := digest(); d2 == d1 {
		t.Error("rename did not change the digest")
	}
	// Moving bytes between a name and a content must not collide ("a"+"bc" vs "ab"+"c").
	x, y := t.TempDir(), t.TempDir()
	writeFiles(t, x, map[string]string{"a.mdx": "bc"})
	writeFiles(t, y, map[string]string{"a.mdxb": "c", "z.mdx": ""})
	rx, _ := LocalDocs(x)
	ry, _ := LocalDocs(y)
	if rx.Digest == ry.Digest {
		t.Error("framing collision")
	}
}
