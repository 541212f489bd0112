package main

import (
	"math"
	"slices"
	"time"
)

// latency summarises one set of round-trip samples.
type latency struct {
	N                  int
	P50, P90, P99, Max time.Duration
	Empty              int // answers that carried nothing (null hover, no completion items…)
}

// summarize computes nearest-rank percentiles of d (which it sorts).
func summarize(d []time.Duration) latency {
	if len(d) == 0 {
		return latency{}
	}
	slices.Sort(d)
	return latency{N: len(d), P50: pct(d, 50), P90: pct(d, 90), P99: pct(d, 99), Max: d[len(d)-1]}
}

// pct is the nearest-rank percentile of sorted d.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}

// median of durations (the lower middle for an even count is avoided: the mean of the two middles).
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func medianF(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// medianLatency combines the summaries of several rounds: each percentile is the median of that
// percentile over the rounds; N and Empty are totals.
func medianLatency(rounds []latency) latency {
	var out latency
	var p50, p90, p99, mx []time.Duration
	for _, r := range rounds {
		out.N += r.N
		out.Empty += r.Empty
		p50 = append(p50, r.P50)
		p90 = append(p90, r.P90)
		p99 = append(p99, r.P99)
		mx = append(mx, r.Max)
	}
	out.P50, out.P90, out.P99, out.Max = median(p50), median(p90), median(p99), median(mx)
	return out
}

// ms formats a duration in milliseconds with a precision that suits its size.
func ms(d time.Duration) string {
	v := float64(d) / 1e6
	switch {
	case v == 0:
		return "0"
	case v < 1:
		return trimFloat(v, 3)
	case v < 100:
		return trimFloat(v, 2)
	default:
		return trimFloat(v, 0)
	}
}

func msf(d time.Duration) float64 { return float64(d) / 1e6 }
