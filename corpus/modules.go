package corpus

import (
	"sort"
	"strings"
)

// NormalizeModule maps the many spellings of one SDK module to one name: userManagement,
// user_management, UserManagement, usermanagement, $userManagement and UserManagementService all
// become "usermanagement". Only the last member of a chain counts (workos.userManagement).
func NormalizeModule(receiver string) string {
	r := receiver
	if i, n := lastSeparator(r); i >= 0 {
		r = r[i+n:]
	}
	r = strings.TrimPrefix(strings.TrimSpace(r), "$")
	if i := strings.LastIndexByte(r, '\\'); i >= 0 { // PHP namespaces: WorkOS\UserManagement
		r = r[i+1:]
	}
	r = strings.ToLower(strings.ReplaceAll(r, "_", ""))
	if r != "service" {
		r = strings.TrimSuffix(r, "service")
	}
	return r
}

// assignModules gives every method entry its Module. Receivers that name the same operation (same id
// on the same page) in different SDKs are one module, so the docs' `$ds->listUsers()` (PHP) joins
// directorySync; the most common spelling names the group. It returns every spelling's module.
func assignModules(entries []*Entry) map[string]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		root := find(p)
		parent[x] = root
		return root
	}
	union := func(a, b string) {
		ra, rb := find(a), find(b)
		if ra != rb {
			parent[rb] = ra
		}
	}
	count := map[string]int{}
	type opKey struct{ id, page string }
	firstOf := map[opKey]string{}
	for _, e := range entries {
		if e.Kind != KindMethod {
			continue
		}
		m := NormalizeModule(e.Receiver)
		count[m]++
		find(m)
		if e.ID == "" || e.Page == nil {
			continue
		}
		k := opKey{e.ID, e.Page.Path}
		if first, ok := firstOf[k]; ok {
			union(first, m)
		} else {
			firstOf[k] = m
		}
	}
	canonical := map[string]string{}
	members := map[string][]string{}
	for m := range count {
		members[find(m)] = append(members[find(m)], m)
	}
	for root, ms := range members {
		sort.Slice(ms, func(i, j int) bool {
			if count[ms[i]] != count[ms[j]] {
				return count[ms[i]] > count[ms[j]]
			}
			if len(ms[i]) != len(ms[j]) {
				return len(ms[i]) > len(ms[j])
			}
			return ms[i] < ms[j]
		})
		canonical[root] = ms[0]
	}
	aliases := make(map[string]string, len(count))
	for m := range count {
		aliases[m] = canonical[find(m)]
	}
	for _, e := range entries {
		if e.Kind == KindMethod {
			e.Module = aliases[NormalizeModule(e.Receiver)]
		}
	}
	return aliases
}
