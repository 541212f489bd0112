package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/docquery"
)

func TestChangelogCommand(t *testing.T) {
	out, errOut, code := runCmd(t, "changelog")
	if code != 0 || !strings.Contains(out, "# workos-platform changelog") || !strings.Contains(out, "## Fixture feature two") {
		t.Errorf("changelog: code %d\n%s%s", code, out, errOut)
	}

	out, _, code = runCmd(t, "changelog", "workos-platform", "--json")
	if code != 0 {
		t.Fatalf("--json: code %d", code)
	}
	var cl docquery.Changelog
	if err := json.Unmarshal([]byte(out), &cl); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if cl.Package != "workos-platform" || len(cl.Items) != 2 || cl.Items[0].Title != "Fixture feature two" ||
		cl.Items[0].Date != "2026-02-01" || cl.Items[0].URL != "https://workos.com/changelog/fixture-two" {
		t.Errorf("json = %+v", cl)
	}

	out, errOut, code = runCmd(t, "changelog", "@workos/python")
	if code != 1 || out != "" || !strings.Contains(errOut, "workos-platform") || !strings.Contains(errOut, "https://github.com/workos/workos-python/releases") {
		t.Errorf("unknown package: code %d\nstdout %s\nstderr %s", code, out, errOut)
	}

	if _, _, code = runCmd(t, "changelog", "a", "b"); code != 2 {
		t.Errorf("two packages: exit %d, want 2", code)
	}
}
