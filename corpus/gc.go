package corpus

import (
	"runtime/debug"
	"sync"
)

// parseGCPercent is the GOGC a parse runs at. A parse allocates about eleven times the heap the
// parsed corpus keeps (74 MB against 6.5 MB for the docs 0.2.0: YAML node trees, goldmark trees,
// strings built and dropped), starting from a heap of a few MB, so at the default 100 the collector
// ran about ten times per parse and took a quarter of its CPU (user+sys over 22 parses: 4.0 s at
// GOGC=100, 3.0 s at 400). The parse is on a cold start's way to the first hover; the heap it may grow
// to meanwhile (five times what is live, some 30 MB) is well under what the index build takes after it.
const parseGCPercent = 400

var (
	gcMu    sync.Mutex
	gcUsers int // parses running now
	gcSaved int // the GOGC before the first of them
)

// relaxGC raises GOGC to parseGCPercent until the returned function is called; concurrent parses
// share one raise, and the last to end restores the setting found before the first. A GOGC that is
// off or already higher is left alone.
func relaxGC() (restore func()) {
	gcMu.Lock()
	defer gcMu.Unlock()
	if gcUsers == 0 {
		gcSaved = debug.SetGCPercent(parseGCPercent)
		if gcSaved < 0 || gcSaved > parseGCPercent {
			debug.SetGCPercent(gcSaved)
		}
	}
	gcUsers++
	return func() {
		gcMu.Lock()
		defer gcMu.Unlock()
		if gcUsers--; gcUsers == 0 {
			debug.SetGCPercent(gcSaved)
		}
	}
}
