package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"package.json":  `{"dependencies": {"@workos-inc/node": "7.0.0"}}`,
		"lib/workos.ts": "import { WorkOS } from '@workos-inc/node';\nexport const workos = new WorkOS('k');\n",
		// The typo is in a file that imports no SDK: found through lib/workos.ts.
		"app/route.ts": "import { workos } from '../lib/workos';\n\nexport const f = () => workos.userManagement.createUsr({ email: 'é' });\n",
		// Another library's client with the same method name stays silent.
		"app/other.ts": "import { api } from './api';\nexport const g = () => api.userManagement.createUsr();\n",
		"app/api.ts":   "export const api = { userManagement: { createUsr() {} } };\n",
	})
	out, errOut, code := runCLI(t, "check", dir)
	if code != 1 || strings.TrimSpace(out) != "app/route.ts:3:46: warning: Unknown method createUsr on userManagement; did you mean createUser? [unknown-method]" {
		t.Fatalf("check: code %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "1 finding in 4 files of WorkOS projects (4 source files scanned") {
		t.Errorf("summary: %s", errOut)
	}

	out, _, code = runCLI(t, "check", "--format", "sarif", dir)
	var sarif struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if code != 1 || json.Unmarshal([]byte(out), &sarif) != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 {
		t.Fatalf("sarif: code %d\n%s", code, out)
	}
	r := sarif.Runs[0].Results[0]
	if loc := r.Locations[0].PhysicalLocation; r.RuleID != "unknown-method" || loc.ArtifactLocation.URI != "app/route.ts" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 46 {
		t.Errorf("sarif result %+v", r)
	}

	clean := writeFiles(t, map[string]string{"lib/workos.ts": "import { WorkOS } from '@workos-inc/node';\nnew WorkOS('k').userManagement.createUser({});\n"})
	out, _, code = runCLI(t, "check", "--format", "json", clean)
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("clean project: code %d, %s", code, out)
	}
	if _, errOut, code := runCLI(t, "check", "--format", "xml", clean); code != 2 || !strings.Contains(errOut, "--format") {
		t.Errorf("bad format: code %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "check", filepath.Join(clean, "nope")); code != 2 || !strings.Contains(errOut, "not a folder") {
		t.Errorf("missing folder: code %d, %s", code, errOut)
	}
}
