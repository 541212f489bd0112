package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// The issue 10 targets, on a generated 10,000-file TypeScript monorepo with a 50,000-file
// node_modules, 2 cores: initial scan ≤ 3 s, a saved change re-summarised with its dependants
// ≤ 5 ms, model memory ≤ 40 MB.
//
//	go test ./workspace -run '^$' -bench . -benchtime 3x

const (
	benchSourceFiles = 10000
	benchNodeModules = 50000
	benchPackages    = 40
)

var (
	benchOnce sync.Once
	benchRoot string
	benchErr  error
)

// monorepo generates the benchmark workspace once per process, in a temporary directory that
// TestMain removes.
func monorepo(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchRoot, benchErr = os.MkdirTemp("", "workspace-bench-")
		if benchErr == nil {
			benchErr = generateMonorepo(benchRoot)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchRoot
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// generateMonorepo writes apps/web (a Next.js app whose src/lib/workos.ts is imported by half its
// 2,000 files through the "@/*" alias), 40 packages of 200 files in nested folders importing each
// other by package name and relative paths, tsconfig paths with extends, and a node_modules of
// 50,000 files in nested packages.
func generateMonorepo(root string) error {
	write := func(rel, content string) error {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(content), 0o644)
	}
	files := map[string]string{
		"package.json":               `{"name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"], "devDependencies": {"typescript": "^5.6.0"}}`,
		"tsconfig.base.json":         "{\n  // shared options\n  \"compilerOptions\": {\"strict\": true, \"paths\": {\"@acme/*\": [\"packages/*/src\"]},},\n}\n",
		".gitignore":                 "node_modules/\n.next/\ncoverage/\n*.log\n",
		"apps/web/package.json":      `{"name": "web", "dependencies": {"@workos-inc/node": "^7.30.0", "next": "15.0.0", "react": "19.0.0"}}`,
		"apps/web/tsconfig.json":     `{"extends": "../../tsconfig.base.json", "compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"], "@acme/*": ["../../packages/*/src"]}}}`,
		"apps/web/src/lib/workos.ts": "import { WorkOS } from '@workos-inc/node';\n\nexport const workos = new WorkOS(process.env.WORKOS_API_KEY);\n\nexport function getWorkOS() {\n  return workos;\n}\n",
	}
	for rel, content := range files {
		if err := write(rel, content); err != nil {
			return err
		}
	}
	n := 1
	body := strings.Repeat("  const value = compute(input, options);\n  if (!value) { return null; }\n", 12)
	for i := 0; n < 2000; i++ {
		rel := fmt.Sprintf("apps/web/src/app/section%d/route%d/page.tsx", i%20, i)
		imports := "import React from 'react';\nimport { Button } from '@acme/p" + fmt.Sprint(i%benchPackages) + "';\n"
		if i%2 == 0 {
			imports += "import { workos } from '@/lib/workos';\n"
		}
		if i > 0 {
			imports += fmt.Sprintf("import { helper } from '../../section%d/route%d/page';\n", (i-1)%20, i-1)
		}
		content := imports + "\nexport default async function Page%d(input: string, options: object) {\n" + body + "  return <Button />;\n}\n"
		if err := write(rel, fmt.Sprintf(content, i)); err != nil {
			return err
		}
		n++
	}
	for p := 0; p < benchPackages; p++ {
		pkg := fmt.Sprintf("packages/p%d", p)
		if err := write(pkg+"/package.json", fmt.Sprintf(`{"name": "@acme/p%d", "main": "dist/index.js", "types": "dist/index.d.ts", "dependencies": {"react": "19.0.0"}}`, p)); err != nil {
			return err
		}
		if err := write(pkg+"/src/index.ts", "export * from './components/button';\nexport * from './util';\n"); err != nil {
			return err
		}
		if err := write(pkg+"/src/util.ts", "export function helper(x: string) { return x; }\n"); err != nil {
			return err
		}
		for f := 0; f < 197; f++ {
			rel := fmt.Sprintf("%s/src/components/group%d/sub%d/component%d.tsx", pkg, f%7, f%3, f)
			content := "import React from 'react';\nimport { helper } from '../../../util';\n" +
				fmt.Sprintf("import { Other } from '@acme/p%d';\n\nexport function Component%d(input: string, options: object) {\n", (p+1)%benchPackages, f) + body + "}\n"
			if err := write(rel, content); err != nil {
				return err
			}
		}
		if err := write(pkg+"/src/components/button.tsx", "export function Button() { return null; }\n"); err != nil {
			return err
		}
	}
	for i := 0; i < benchNodeModules; i++ {
		rel := fmt.Sprintf("node_modules/pkg%d/lib/sub%d/file%d.js", i/100, i%10, i)
		if err := write(rel, "module.exports = function () { return 1; };\n"); err != nil {
			return err
		}
	}
	return nil
}

func trivialSummary(corpus.Language, string, []byte) Summary { return Summary{} }

func BenchmarkScan(b *testing.B) {
	root := monorepo(b)
	for _, bc := range []struct {
		name string
		sum  Summarizer
	}{{"trivial", trivialSummary}, {"imports", testSummarize}, {"sdkcall", Summarize}} {
		b.Run(bc.name, func(b *testing.B) {
			var files int
			for b.Loop() {
				w := New(context.Background(), Options{Summarize: bc.sum})
				w.SetFolders([]string{root})
				if err := w.Wait(context.Background()); err != nil {
					b.Fatal(err)
				}
				files = w.Snapshot().Len()
				w.Shutdown()
			}
			if files != benchSourceFiles {
				b.Fatalf("indexed %d files, want %d", files, benchSourceFiles)
			}
			b.ReportMetric(float64(files), "files")
		})
	}
}

// BenchmarkModelMemory reports the heap the model of the 10,000 files holds after a scan with the
// server's summarizer (sdkcall outlines).
func BenchmarkModelMemory(b *testing.B) {
	root := monorepo(b)
	var heap float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		w := New(context.Background(), Options{Summarize: Summarize})
		w.SetFolders([]string{root})
		if err := w.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapInuse-before.HeapInuse) / (1 << 20)
		runtime.KeepAlive(w.Snapshot())
		w.Shutdown()
	}
	b.ReportMetric(heap, "heapMB")
}

// BenchmarkSavedChange: lib/workos.ts is saved; the model re-summarises it and finds its 1,000
// importers.
func BenchmarkSavedChange(b *testing.B) {
	root := monorepo(b)
	w := New(context.Background(), Options{Summarize: Summarize})
	defer w.Shutdown()
	w.SetFolders([]string{root})
	if err := w.Wait(context.Background()); err != nil {
		b.Fatal(err)
	}
	client := filepath.Join(root, "apps/web/src/lib/workos.ts")
	original, _ := os.ReadFile(client)
	defer os.WriteFile(client, original, 0o644)
	var dependants int
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(client, fmt.Appendf(nil, "%s\nexport const version = %d;\n", original, i), 0o644); err != nil {
			b.Fatal(err)
		}
		ch := w.Refresh(client)
		dependants = len(ch.Dependants)
	}
	if dependants != 1000 {
		b.Fatalf("%d dependants, want the 1,000 importers", dependants)
	}
	b.ReportMetric(float64(dependants), "dependants")
}
