package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/workos-lsp/workos-lsp/sdkcall"
	"github.com/workos-lsp/workos-lsp/workspace"
)

// errFindings makes check exit with 1 after printing its findings (and nothing else).
var errFindings = errors.New("findings")

// runCheck reports the WorkOS diagnostics of a whole project, as the editor shows them file by
// file: deprecated calls, unknown methods with their likely fix. For CI: exit 1 when there are
// findings, SARIF for code-scanning uploads.
func runCheck(e env, args []string) error {
	fs, d := docsCommand("check", e)
	format := fs.String("format", "text", "output format: text, json or sarif")
	maxFiles := fs.Int("max-files", 0, "cap on the source files read per folder (default 30000)")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return fmt.Errorf("%w: --format must be text, json or sarif", errUsage)
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	for i, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return fmt.Errorf("%w: %s is not a folder", errUsage, dir)
		}
		dirs[i] = abs
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	w, err := workspace.ScanFolders(e.ctx, dirs, workspace.Options{
		MaxFiles: *maxFiles,
		Logf:     func(f string, a ...any) { fmt.Fprintf(e.stderr, "workos-lsp: "+f+"\n", a...) },
	})
	if err != nil {
		return err
	}
	defer w.Shutdown()
	snap := w.Snapshot()
	findings, err := workspace.Check(e.ctx, workspace.NewSources(nil, nil), snap, sdkcall.NewIndex(set.Corpus.Symbols()))
	if err != nil {
		return err
	}
	rel := func(p string) string {
		for _, dir := range dirs {
			if r, err := filepath.Rel(dir, p); err == nil && filepath.IsLocal(r) {
				return filepath.ToSlash(r)
			}
		}
		return p
	}
	switch *format {
	case "json":
		err = writeCheckJSON(e.stdout, findings, rel)
	case "sarif":
		err = writeSARIF(e.stdout, findings, rel, serverVersion())
	default:
		for _, f := range findings {
			fmt.Fprintf(e.stdout, "%s:%d:%d: %s: %s [%s]\n", rel(f.Path), f.Line, f.Col, severityName(f.Severity), f.Message, f.Code)
		}
		fmt.Fprintf(e.stderr, "workos-lsp: %s in %s of WorkOS projects (%s scanned, docs %s)\n",
			plural(len(findings), "finding"), plural(len(snap.SDKFiles()), "file"), plural(snap.Len(), "source file"), set.Version())
	}
	if err != nil {
		return err
	}
	if len(findings) > 0 {
		return errFindings
	}
	return nil
}

func severityName(s sdkcall.Severity) string {
	switch s {
	case sdkcall.SeverityError:
		return "error"
	case sdkcall.SeverityWarning:
		return "warning"
	case sdkcall.SeverityInformation:
		return "info"
	}
	return "hint"
}

type checkFinding struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	EndLine  int      `json:"endLine"`
	EndCol   int      `json:"endColumn"`
	Severity string   `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Docs     string   `json:"docs,omitempty"`
	Fixes    []string `json:"fixes,omitempty"`
}

func writeCheckJSON(w io.Writer, findings []workspace.Finding, rel func(string) string) error {
	out := make([]checkFinding, 0, len(findings))
	for _, f := range findings {
		c := checkFinding{Path: rel(f.Path), Line: f.Line, Column: f.Col, EndLine: f.EndLine, EndCol: f.EndCol,
			Severity: severityName(f.Severity), Code: f.Code, Message: f.Message, Docs: f.Href}
		for _, fx := range f.Fixes {
			c.Fixes = append(c.Fixes, fx.Title)
		}
		out = append(out, c)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeSARIF writes SARIF 2.1.0, the format code-scanning services read. Columns count Unicode
// code points, as the run says.
func writeSARIF(w io.Writer, findings []workspace.Finding, rel func(string) string, toolVersion string) error {
	type obj = map[string]any
	rules := []obj{}
	seen := map[string]bool{}
	results := make([]obj, 0, len(findings))
	for _, f := range findings {
		if !seen[f.Code] {
			seen[f.Code] = true
			rule := obj{"id": f.Code, "shortDescription": obj{"text": ruleText(f.Code)}}
			rules = append(rules, rule)
		}
		level := "warning"
		switch f.Severity {
		case sdkcall.SeverityError:
			level = "error"
		case sdkcall.SeverityInformation, sdkcall.SeverityHint:
			level = "note"
		}
		r := obj{
			"ruleId":  f.Code,
			"level":   level,
			"message": obj{"text": f.Message},
			"locations": []obj{{"physicalLocation": obj{
				"artifactLocation": obj{"uri": rel(f.Path)},
				"region":           obj{"startLine": f.Line, "startColumn": f.Col, "endLine": f.EndLine, "endColumn": f.EndCol},
			}}},
		}
		if f.Href != "" {
			r["properties"] = obj{"docs": f.Href}
		}
		results = append(results, r)
	}
	doc := obj{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []obj{{
			"tool": obj{"driver": obj{
				"name": "workos-lsp", "version": toolVersion, "informationUri": "https://www.npmjs.com/package/@workos/mcp-docs-server",
				"rules": rules,
			}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func ruleText(code string) string {
	switch code {
	case "deprecated":
		return "Call of a deprecated WorkOS SDK method"
	case "unknown-method":
		return "Method the WorkOS SDK does not have"
	}
	return "WorkOS SDK usage"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
