// Package latency reports latency samples from benchmarks as percentiles in milliseconds, the one
// way the benchmarks of several packages say them.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Report sorts d and reports its 50th and 99th percentiles as "<name>p50-ms" and "<name>p99-ms"
// (name may be empty); nothing when d is empty.
func Report(b *testing.B, name string, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(Millis(At(d, 0.50)), name+"p50-ms")
	b.ReportMetric(Millis(At(d, 0.99)), name+"p99-ms")
}

// At is the p-th quantile (0 ≤ p ≤ 1) of sorted d, by the nearest rank below.
func At(sorted []time.Duration, p float64) time.Duration {
	return sorted[int(float64(len(sorted)-1)*p)]
}

// Millis is d in milliseconds.
func Millis(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
