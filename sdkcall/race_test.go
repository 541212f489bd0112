//go:build race

package sdkcall

const raceEnabled = true
