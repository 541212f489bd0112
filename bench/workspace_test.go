package main

import (
	"testing"
	"time"
)

func TestParseWorkspaceBench(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkScan/sdkcall-2  	       3	1089071112 ns/op	     10000 files
BenchmarkModelMemory-2   	       3	1045639640 ns/op	        24.52 heapMB
BenchmarkSavedChange-2   	       3	   4461689 ns/op	      1000 dependants
PASS
`)
	r, err := parseWorkspaceBench(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.Scan != 1089071112*time.Nanosecond || r.Files != 10000 || r.HeapMB != 24.52 || r.SavedChange != 4461689*time.Nanosecond || r.Dependants != 1000 {
		t.Errorf("parsed %+v", r)
	}
	if _, err := parseWorkspaceBench([]byte("FAIL\n")); err == nil {
		t.Error("no results read as success")
	}
}
