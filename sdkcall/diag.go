package sdkcall

import (
	"fmt"
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Diagnostics reports deprecated fields used as members (`.raw_attributes`, `["raw_attributes"]`…)
// and unknown methods called on a module traced to the SDK, with did-you-mean fixes. Files that do
// not use a WorkOS SDK get none; nothing in comments or strings is reported except the index form.
func (f *File) Diagnostics(ix *Index) []Diagnostic {
	if !f.ready(ix, 0) || f.d.shell {
		return nil
	}
	r := f.resolver(ix)
	var out []Diagnostic
	toks := r.toks
	for k := range toks.len() {
		t := toks.at(k)
		switch t.kind() {
		case tkIdent:
			if !r.isSep(k - 1) {
				continue
			}
			name := r.text(k)
			if d, ok := ix.symbols.Deprecated(strings.TrimLeft(name, "$@")); ok {
				out = append(out, deprecation(int(t.s), int(t.e), name, d))
				continue
			}
			if d, ok := r.unknownMethod(k, name); ok {
				out = append(out, d)
			}
		case tkString, tkSymbol:
			if t.interp() || !r.is(k-1, "[") || !r.is(k+1, "]") {
				continue
			}
			vs, ve := r.a.value(k)
			name := r.src[vs:ve]
			if d, ok := ix.symbols.Deprecated(name); ok {
				out = append(out, deprecation(vs, ve, name, d))
			}
		}
	}
	return out
}

func deprecation(start, end int, name string, d corpus.Deprecation) Diagnostic {
	msg := name + " is deprecated"
	if d.Title != "" {
		msg += ": " + d.Title
	}
	href := ""
	if d.Page != nil {
		href = d.URL()
	}
	return Diagnostic{Start: start, End: end, Severity: SeverityWarning, Message: msg, Code: "deprecated",
		Href: href, Deprecated: true}
}

// unknownMethod reports `module.name(` where module is traced to the SDK (not guessed from a name)
// and name is a near miss of one of its documented methods: a typo. Other names are left alone: the
// SDKs have more methods than the docs list (SetAPIKey, listOrganizationRoles, verifyFactor…).
func (r *resolver) unknownMethod(k int, name string) (Diagnostic, bool) {
	called := r.is(k+1, "(") || r.d.parenless && !r.isSep(k+1) && !r.is(k+1, "=") && !r.is(k+1, "::")
	if !called || len(r.s.Named(r.lang, name)) > 0 || !r.mayBeTypo(name) {
		return Diagnostic{}, false // a documented name, or no typo of one (checked first: receivers cost more)
	}
	start := r.chainStart(k)
	if start >= k {
		return Diagnostic{}, false
	}
	recv, _ := r.evalExpr(start, k-1)
	if recv.kind != vModule || recv.guess {
		return Diagnostic{}, false
	}
	v := r.member(recv, name)
	if v.kind != vWk {
		return Diagnostic{}, false
	}
	if r.d.notMethods[name] {
		return Diagnostic{}, false
	}
	var sugg []string
	for _, sg := range r.s.Suggest(r.lang, recv.module, name, 3) {
		if isTypo(name, sg) {
			sugg = append(sugg, sg)
		}
	}
	if len(sugg) == 0 {
		return Diagnostic{}, false
	}
	t := r.toks.at(k)
	d := Diagnostic{Start: int(t.s), End: int(t.e), Severity: SeverityWarning, Code: "unknown-method",
		Href: r.moduleHref(recv.module)}
	d.Message = fmt.Sprintf("Unknown method %s on %s; did you mean %s?", name, r.text(k-2), sugg[0])
	for _, sg := range sugg {
		d.Fixes = append(d.Fixes, Fix{Title: "Change to " + sg, Start: int(t.s), End: int(t.e), NewText: sg})
	}
	return d, true
}

// isTypo reports whether name is a slip of the keyboard away from want: one missing, extra, wrong
// or swapped letter (two for long names), case ignored. Wider gaps are other methods: createUser
// and updateUser are both real.
func isTypo(name, want string) bool {
	return typoDistance(strings.ToLower(name), strings.ToLower(want)) <= typoLimit(want)
}

func typoLimit(want string) int {
	if len(want) >= 12 {
		return 2
	}
	return 1
}

// mayBeTypo reports whether some documented method of the language could be within typo distance of
// name: by the symmetric-deletion property, two words within k edits (a swap counts as one deletion
// on each side) share a word reachable by at most k deletions from each. A cheap necessary test
// before the receiver is evaluated.
func (r *resolver) mayBeTypo(name string) bool {
	if v, ok := r.typos[name]; ok {
		return v
	}
	keys := r.ix.typoKeys
	limit := 1
	if len(name) >= 10 { // within two letters of a 12-letter name
		limit = 2
	}
	found := len(keys) > 0 && anyDeletion([]byte(strings.ToLower(name)), limit, func(d []byte) bool { return keys[string(d)] })
	if r.typos == nil {
		r.typos = map[string]bool{}
	}
	r.typos[name] = found
	return found
}

// anyDeletion reports whether fn holds for w or for a string made by deleting up to k of its strings.
func anyDeletion(w []byte, k int, fn func([]byte) bool) bool {
	if fn(w) {
		return true
	}
	if k == 0 || len(w) == 0 {
		return false
	}
	d := make([]byte, len(w)-1)
	for i := range w {
		copy(d, w[:i])
		copy(d[i:], w[i+1:])
		if anyDeletion(d, k-1, fn) {
			return true
		}
	}
	return false
}

// deletions calls fn with w and every string made by deleting up to k of its bytes (with repeats).
func deletions(w string, k int, fn func(string)) {
	fn(w)
	if k == 0 {
		return
	}
	for i := range len(w) {
		deletions(w[:i]+w[i+1:], k-1, fn)
	}
}

// typoDistance is the optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of adjacent letters each cost one.
func typoDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// moduleHref is the docs page of a module: the deepest folder shared by its methods' pages, when that
// is more than the reference root.
func (r *resolver) moduleHref(module string) string {
	var common []string
	first := true
	for _, e := range r.s.Methods(r.lang, module) {
		p := e.DocPath
		if p == "" || strings.Contains(p, "://") {
			continue
		}
		p, _, _ = strings.Cut(p, "#")
		segs := strings.Split(strings.Trim(p, "/"), "/")
		if first {
			common, first = segs, false
			continue
		}
		n := 0
		for n < len(common) && n < len(segs) && common[n] == segs[n] {
			n++
		}
		common = common[:n]
	}
	if len(common) < 2 {
		return ""
	}
	return corpus.SiteURL + "/" + strings.Join(common, "/")
}

// Links lists every resolved SDK call, object type, event name and endpoint in the file with its
// docs URL, in text order.
func (f *File) Links(ix *Index) []Link {
	if !f.ready(ix, 0) {
		return nil
	}
	if f.d.shell {
		var out []Link
		for _, ep := range f.a.endpoints {
			if es := endpointEntries(ix.symbols, ep); len(es) > 0 {
				out = append(out, Link{Start: ep.s, End: ep.e, URL: es[0].URL(), Entry: es[0]})
			}
		}
		for _, w := range f.a.words {
			if ev, ok := ix.symbols.Event(f.Text[w.s:w.e]); ok {
				out = append(out, Link{Start: int(w.s), End: int(w.e), URL: ev.URL()})
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out
	}
	r := f.resolver(ix)
	var out []Link
	for k := range r.toks.len() {
		t := r.toks.at(k)
		if t.kind() != tkIdent && t.kind() != tkString {
			continue
		}
		if t.kind() == tkIdent && !r.linkCandidate(k) {
			continue
		}
		tg, ok := r.targetAt(k, false)
		if !ok {
			continue
		}
		switch tg.Kind {
		case TargetEvent:
			out = append(out, Link{Start: tg.Start, End: tg.End, URL: tg.Event.URL()})
		case TargetCall, TargetType:
			e := tg.Entries[0]
			if u := e.URL(); u != "" {
				out = append(out, Link{Start: tg.Start, End: tg.End, URL: u, Entry: e})
			}
		}
	}
	return out
}

// linkCandidate cheaply filters identifiers worth resolving for Links: members, and bare names
// that are imported.
func (r *resolver) linkCandidate(k int) bool {
	if r.isSep(k - 1) {
		return true
	}
	word := r.src[r.toks.at(k).s:r.toks.at(k).e]
	if _, imported := r.a.imports[string(word)]; imported {
		return true
	}
	if r.is(k+1, "(") && len(r.bindingsOf(string(word))) > 0 {
		return true // const { createUser } = workos.userManagement; createUser(…)
	}
	return r.d.typesBeforeNames && r.kind(k+1) == tkIdent
}
