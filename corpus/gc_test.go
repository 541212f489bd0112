package corpus

import (
	"runtime/debug"
	"sync"
	"testing"
)

// TestRelaxGCRestores checks that overlapping parses leave GOGC as they found it, whichever ends
// last, and that a GOGC that is off stays off.
func TestRelaxGCRestores(t *testing.T) {
	orig := debug.SetGCPercent(100)
	defer debug.SetGCPercent(orig)

	a := relaxGC()
	if got := debug.SetGCPercent(parseGCPercent); got != parseGCPercent {
		t.Fatalf("GOGC during a parse = %d, want %d", got, parseGCPercent)
	}
	b := relaxGC()
	a()
	if got := debug.SetGCPercent(parseGCPercent); got != parseGCPercent {
		t.Fatalf("GOGC after the first of two parses ended = %d, want %d", got, parseGCPercent)
	}
	b()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after both parses = %d, want 100", got)
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { relaxGC()() })
	}
	wg.Wait()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after concurrent parses = %d, want 100", got)
	}

	debug.SetGCPercent(-1)
	relaxGC()()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("GOGC=off became %d", got)
	}
}
