package fetch

import (
	"strconv"
	"strings"
)

// semver is a parsed semantic version (semver.org 2.0.0). Only exact versions are supported: npm
// ranges such as "^0.2" are not meaningful for a docs corpus that is cached per version.
type semver struct {
	major, minor, patch uint64
	pre                 []string // prerelease identifiers; empty for a release
}

// parseSemver parses an exact version. It also serves as the gate for using a version string in a
// cache path: a valid version contains only [0-9A-Za-z.+-] and starts with a digit.
func parseSemver(s string) (semver, bool) {
	var v semver
	if s == "" {
		return v, false
	}
	if core, build, ok := strings.Cut(s, "+"); ok {
		if !validIdentifiers(build, false) {
			return v, false
		}
		s = core
	}
	if core, pre, ok := strings.Cut(s, "-"); ok {
		if !validIdentifiers(pre, true) {
			return v, false
		}
		v.pre = strings.Split(pre, ".")
		s = core
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return v, false
	}
	nums := make([]uint64, 3)
	for i, p := range parts {
		if !isNumeric(p) || (len(p) > 1 && p[0] == '0') {
			return v, false
		}
		n, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return v, false
		}
		nums[i] = n
	}
	v.major, v.minor, v.patch = nums[0], nums[1], nums[2]
	return v, true
}

// validIdentifiers checks dot-separated prerelease or build identifiers.
func validIdentifiers(s string, prerelease bool) bool {
	for id := range strings.SplitSeq(s, ".") {
		if id == "" {
			return false
		}
		for _, r := range id {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
				return false
			}
		}
		if prerelease && isNumeric(id) && len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// compareSemver orders versions by semver precedence: -1 if a < b, 0 if equal, +1 if a > b.
func compareSemver(a, b semver) int {
	for _, d := range [][2]uint64{{a.major, b.major}, {a.minor, b.minor}, {a.patch, b.patch}} {
		if d[0] != d[1] {
			if d[0] < d[1] {
				return -1
			}
			return 1
		}
	}
	// A release outranks any of its prereleases.
	switch {
	case len(a.pre) == 0 && len(b.pre) == 0:
		return 0
	case len(a.pre) == 0:
		return 1
	case len(b.pre) == 0:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		if c := compareIdentifier(a.pre[i], b.pre[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(a.pre) < len(b.pre):
		return -1
	case len(a.pre) > len(b.pre):
		return 1
	}
	return 0
}

// compareIdentifier compares prerelease identifiers: numeric ones numerically and below
// alphanumeric ones, which compare in ASCII order.
func compareIdentifier(a, b string) int {
	an, bn := isNumeric(a), isNumeric(b)
	switch {
	case an && bn:
		if len(a) != len(b) { // no leading zeros, so the longer number is larger
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

// compareVersions compares two version strings; invalid versions sort below valid ones.
func compareVersions(a, b string) int {
	va, okA := parseSemver(a)
	vb, okB := parseSemver(b)
	switch {
	case okA && okB:
		return compareSemver(va, vb)
	case okA:
		return 1
	case okB:
		return -1
	}
	return strings.Compare(a, b)
}

// normalizeVersion accepts an exact version as a user would type it ("0.2.0", "v0.2.0", "=0.2.0").
func normalizeVersion(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "=")
	s = strings.TrimPrefix(s, "v")
	_, ok := parseSemver(s)
	return s, ok
}
