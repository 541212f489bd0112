package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

type startupRun struct {
	Init, FirstHover time.Duration
	// CPU is the server's CPU time (user + system) at the first hover: less at the mercy of other
	// processes on the machine than the wall time.
	CPU   time.Duration
	HWMKB int64
	// SearchReady is spawn → the server's background search index ready, and IndexedHWMKB the peak
	// RSS then; zero when the server indexes before it answers hovers (or had the index cached).
	SearchReady  time.Duration
	IndexedHWMKB int64
}

type startupResult struct {
	Mode             string // "warm" or "cold"
	Runs             []startupRun
	Init, FirstHover time.Duration // medians
	CPU              time.Duration // median
	HWMKB            int64         // median
	SearchReady      time.Duration // median over the runs that had a background index build
	IndexedHWMKB     int64         // median, likewise
}

// runStartup spawns the server repeatedly and times initialize and the first non-empty hover. A cold
// run starts with the parsed snapshot and the search index removed from the cache (the downloaded
// docs stay), so it parses the pages and builds the index; a warm run finds both cached.
func runStartup(cfg *config, env []string, cold bool, log io.Writer) (*startupResult, error) {
	res := &startupResult{Mode: "warm"}
	if cold {
		res.Mode = "cold"
	} else if _, err := startOnce(cfg, env, false); err != nil { // make sure the cache is warm
		return nil, err
	}
	for i := 0; i < cfg.startRepeats; i++ {
		if cold {
			for _, d := range []string{"snapshots", "index"} {
				if err := os.RemoveAll(filepath.Join(cfg.cacheDir, d)); err != nil {
					return nil, err
				}
			}
		}
		run, err := startOnce(cfg, env, cold)
		if err != nil {
			return nil, fmt.Errorf("%s start %d: %w", res.Mode, i+1, err)
		}
		res.Runs = append(res.Runs, run)
	}
	var inits, hovers, cpu []time.Duration
	var hwm []float64
	for _, r := range res.Runs {
		inits = append(inits, r.Init)
		hovers = append(hovers, r.FirstHover)
		cpu = append(cpu, r.CPU)
		hwm = append(hwm, float64(r.HWMKB))
	}
	res.Init, res.FirstHover, res.CPU, res.HWMKB = median(inits), median(hovers), median(cpu), int64(medianF(hwm))
	var ready []time.Duration
	var indexedHWM []float64
	for _, r := range res.Runs {
		if r.SearchReady > 0 {
			ready = append(ready, r.SearchReady)
			indexedHWM = append(indexedHWM, float64(r.IndexedHWMKB))
		}
	}
	if len(ready) > 0 {
		res.SearchReady, res.IndexedHWMKB = median(ready), int64(medianF(indexedHWM))
		fmt.Fprintf(log, "  %s: search index ready %s ms, peak RSS then %.1f MB\n", res.Mode, ms(res.SearchReady), float64(res.IndexedHWMKB)/1024)
	}
	fmt.Fprintf(log, "  %s: initialize %s ms, first hover %s ms (server CPU %s ms), peak RSS %.1f MB (medians of %d)\n",
		res.Mode, ms(res.Init), ms(res.FirstHover), ms(res.CPU), float64(res.HWMKB)/1024, len(res.Runs))
	return res, nil
}

// startOnce times one start. With awaitIndex, a server that builds its search index in the background
// (it begins a progress for it within a second of the first hover) is also timed until the index is
// ready.
func startOnce(cfg *config, env []string, awaitIndex bool) (startupRun, error) {
	var run startupRun
	c, err := startLSP(cfg.bin, cfg.serveArgs(), env)
	if err != nil {
		return run, err
	}
	defer c.kill()
	if run.Init, err = c.initialize(cfg.rootURI()); err != nil {
		return run, err
	}
	text, pos := smallFile()
	uri := cfg.rootURI() + "/startup.ts"
	if err := c.open(uri, "typescript", text); err != nil {
		return run, err
	}
	if run.FirstHover, err = firstHover(c, uri, pos, 2*time.Minute); err != nil {
		return run, err
	}
	if run.CPU, err = procCPU(c.pid); err != nil {
		return run, err
	}
	if run.HWMKB, err = procStatusKB(c.pid, "VmHWM"); err != nil {
		return run, err
	}
	for wait := time.Now().Add(time.Second); awaitIndex && !c.searchBegun.Load() && time.Now().Before(wait); {
		time.Sleep(5 * time.Millisecond) // the begin follows the client's answer to workDoneProgress/create
	}
	if awaitIndex && c.searchBegun.Load() {
		select {
		case <-c.searchReady:
			run.SearchReady = time.Since(c.started)
			if run.IndexedHWMKB, err = procStatusKB(c.pid, "VmHWM"); err != nil {
				return run, err
			}
		case <-time.After(2 * time.Minute):
			return run, fmt.Errorf("search index not ready within 2m; stderr: %s", tail(c.stderr.String(), 800))
		case <-c.done:
			return run, fmt.Errorf("server exited; stderr: %s", tail(c.stderr.String(), 800))
		}
	}
	return run, c.shutdown()
}
