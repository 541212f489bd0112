package workspace

import (
	"hash/maphash"
	"slices"
)

// pmap is a persistent string-keyed map: a new version copies the shard table (64 pointers) and only
// the shards it writes, so a snapshot made by one file change shares every other record with the
// previous snapshot and costs microseconds, not a copy of a 10,000-entry map.
type pmap[V any] struct {
	shards *[pmapShards]map[string]V
	n      int
}

const pmapShards = 64

var pmapSeed = maphash.MakeSeed()

func pmapShard(k string) int { return int(maphash.String(pmapSeed, k) % pmapShards) }

func (m pmap[V]) get(k string) (V, bool) {
	var zero V
	if m.shards == nil {
		return zero, false
	}
	v, ok := m.shards[pmapShard(k)][k]
	return v, ok
}

func (m pmap[V]) len() int { return m.n }

// each calls f for every entry in no particular order until f returns false.
func (m pmap[V]) each(f func(string, V) bool) {
	if m.shards == nil {
		return
	}
	for _, sh := range m.shards {
		for k, v := range sh {
			if !f(k, v) {
				return
			}
		}
	}
}

// pmapTxn builds the next version of a pmap; the base version is never modified.
type pmapTxn[V any] struct {
	shards [pmapShards]map[string]V
	owned  [pmapShards]bool
	n      int
}

func (m pmap[V]) txn() *pmapTxn[V] {
	t := &pmapTxn[V]{n: m.n}
	if m.shards != nil {
		t.shards = *m.shards
	}
	return t
}

func (t *pmapTxn[V]) own(i int) map[string]V {
	if !t.owned[i] {
		sh := make(map[string]V, len(t.shards[i])+1)
		for k, v := range t.shards[i] {
			sh[k] = v
		}
		t.shards[i] = sh
		t.owned[i] = true
	}
	return t.shards[i]
}

func (t *pmapTxn[V]) get(k string) (V, bool) {
	v, ok := t.shards[pmapShard(k)][k]
	return v, ok
}

func (t *pmapTxn[V]) set(k string, v V) {
	sh := t.own(pmapShard(k))
	if _, ok := sh[k]; !ok {
		t.n++
	}
	sh[k] = v
}

func (t *pmapTxn[V]) delete(k string) {
	i := pmapShard(k)
	if _, ok := t.shards[i][k]; !ok {
		return
	}
	delete(t.own(i), k)
	t.n--
}

func (t *pmapTxn[V]) commit() pmap[V] {
	shards := t.shards
	return pmap[V]{shards: &shards, n: t.n}
}

// multiIndex maps a key to a sorted set of paths (import key → importers, dir → files,
// namespace → files), persistent like pmap.
type multiIndex struct{ m pmap[[]string] }

func (x multiIndex) get(k string) []string {
	v, _ := x.m.get(k)
	return v
}

// multiTxn collects additions and removals and applies them once per key at commit, so a scan
// batch that adds 500 importers of "react" copies that key's list once, not 500 times.
type multiTxn struct {
	base    multiIndex
	add     map[string][]string
	removed map[string]map[string]bool
}

func (x multiIndex) txn() *multiTxn {
	return &multiTxn{base: x, add: map[string][]string{}, removed: map[string]map[string]bool{}}
}

func (t *multiTxn) insert(k, path string) {
	if r := t.removed[k]; r[path] {
		delete(r, path)
	}
	t.add[k] = append(t.add[k], path)
}

func (t *multiTxn) remove(k, path string) {
	if adds := t.add[k]; len(adds) > 0 {
		t.add[k] = slices.DeleteFunc(adds, func(p string) bool { return p == path })
	}
	if t.removed[k] == nil {
		t.removed[k] = map[string]bool{}
	}
	t.removed[k][path] = true
}

func (t *multiTxn) commit() multiIndex {
	if len(t.add) == 0 && len(t.removed) == 0 {
		return t.base
	}
	mt := t.base.m.txn()
	touched := map[string]bool{}
	for k := range t.add {
		touched[k] = true
	}
	for k := range t.removed {
		touched[k] = true
	}
	for k := range touched {
		old, _ := mt.get(k)
		rm := t.removed[k]
		next := make([]string, 0, len(old)+len(t.add[k]))
		for _, p := range old {
			if !rm[p] {
				next = append(next, p)
			}
		}
		next = append(next, t.add[k]...)
		slices.Sort(next)
		next = slices.Compact(next)
		if len(next) == 0 {
			mt.delete(k)
		} else {
			mt.set(k, slices.Clip(next))
		}
	}
	return multiIndex{m: mt.commit()}
}
