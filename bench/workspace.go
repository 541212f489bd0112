package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// The workspace part: the project model's scan, memory and saved-change figures on the generated
// 10,000-file TypeScript monorepo with a 50,000-file node_modules that workspace/bench_test.go
// writes. They are go test benchmarks of the workspace package (the model is pure Go, and the
// generator lives beside it), run here so that one command reports every target.

type workspaceResult struct {
	Scan        time.Duration // a 10,000-file folder scanned and summarised with the server's summarizer
	HeapMB      float64       // the model's heap after the scan
	SavedChange time.Duration // lib/workos.ts saved: re-read, re-summarised, its 1,000 importers found
	Files       int
	Dependants  int
}

func runWorkspace(ctx context.Context, cfg *config) (*workspaceResult, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "./workspace", "-run", "^$",
		"-bench", "Scan/sdkcall|ModelMemory|SavedChange", "-benchtime", "3x")
	cmd.Dir = cfg.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench ./workspace: %v\n%s", err, out)
	}
	return parseWorkspaceBench(out)
}

// parseWorkspaceBench reads the benchmark lines: name, iterations, then value-unit pairs.
func parseWorkspaceBench(out []byte) (*workspaceResult, error) {
	r := &workspaceResult{}
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		metrics := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				metrics[f[i+1]] = v
			}
		}
		name := f[0][:strings.LastIndexByte(f[0], '-')]
		switch name {
		case "BenchmarkScan/sdkcall":
			r.Scan, r.Files = time.Duration(metrics["ns/op"]), int(metrics["files"])
		case "BenchmarkModelMemory":
			r.HeapMB = metrics["heapMB"]
		case "BenchmarkSavedChange":
			r.SavedChange, r.Dependants = time.Duration(metrics["ns/op"]), int(metrics["dependants"])
		default:
			continue
		}
		seen++
	}
	if seen != 3 {
		return nil, fmt.Errorf("workspace benchmarks: read %d of 3 results from:\n%s", seen, out)
	}
	return r, nil
}
