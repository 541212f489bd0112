package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/workos-lsp/workos-lsp/docquery"
)

// runCmd runs one command in-process against the fixture docs.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("WORKOS_LSP_DOCS", "")
	var out, errOut bytes.Buffer
	args = append(args, "--docs", fixtureDocs, "--cache-dir", t.TempDir())
	code = run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestExamplesCommand(t *testing.T) {
	out, errOut, code := runCmd(t, "examples", "sso")
	if code != 0 || !strings.Contains(out, "# WorkOS code examples: sso") || !strings.Contains(out, "workos.sso.getProfileAndToken") {
		t.Errorf("examples sso: code %d\n%s%s", code, out, errOut)
	}

	out, _, code = runCmd(t, "examples")
	if code != 0 || !strings.Contains(out, "| Area | Examples |") {
		t.Errorf("examples (list): code %d\n%s", code, out)
	}

	// Flags after the query; a language filter that leaves nothing.
	out, _, code = runCmd(t, "examples", "sso", "--lang", "python")
	if code != 0 || !strings.Contains(out, "No code examples match \"sso\" in python") {
		t.Errorf("examples sso --lang python: code %d\n%s", code, out)
	}

	out, _, code = runCmd(t, "examples", "exchange the code", "--lang", "typescript", "--json")
	if code != 0 {
		t.Fatalf("examples --json: code %d", code)
	}
	var got docquery.ExampleSet
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if got.Match != "text" || len(got.Examples) != 1 || got.Examples[0].Page != "sso" || got.Examples[0].Anchor != "callback" ||
		got.Examples[0].Language != "js" || !strings.Contains(got.Examples[0].Code, "getProfileAndToken") {
		t.Errorf("json = %+v", got)
	}

	if _, _, code = runCmd(t, "examples", "--limit", "0"); code != 2 {
		t.Errorf("--limit 0: exit %d, want 2", code)
	}
}
