// Package testfiles writes small file trees for tests: a project of a few files described by a
// map from slash-separated path to content.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files (path → content) under root, making folders as needed.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Dir writes files under a new temporary folder and returns it.
func Dir(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, files)
	return dir
}
