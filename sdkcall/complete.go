package sdkcall

import (
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Complete says what may be written at offset: a module's methods after a receiver that resolves to
// it, the modules after the client variable, the options not yet written inside an options object,
// kwargs or opts struct literal, or event names inside a string where an event is expected.
func (f *File) Complete(s *corpus.Symbols, offset int) (CompletionContext, bool) {
	if !f.ready(s, offset) || f.Lang == corpus.Curl || f.a.inComment(offset) {
		return CompletionContext{}, false
	}
	r := f.resolver(s)
	toks := f.a.toks
	// The token that starts before the cursor.
	k := sort.Search(len(toks), func(k int) bool { return int(toks[k].s) >= offset }) - 1
	start, end, prev := offset, offset, f.a.lastBefore(offset)
	if k >= 0 {
		t := toks[k]
		switch {
		case t.kind == tkString && (offset < int(t.e) || offset == int(t.e) && r.valueEnd(k) == int(t.e)):
			// Inside a string (an unterminated one extends to its end).
			if vs, _ := f.a.value(k); offset < vs {
				return CompletionContext{}, false
			}
			return r.completeEvent(k, offset)
		case t.kind == tkIdent && offset <= int(t.e):
			start, end, prev = int(t.s), int(t.e), k-1
		case offset < int(t.e):
			return CompletionContext{}, false // inside a number or an operator
		}
	}
	if prev < 0 {
		return CompletionContext{}, false
	}
	var items []Item
	if r.isSep(prev) {
		items = r.completeMember(prev)
	} else {
		items = r.completeOptions(prev, k)
	}
	if len(items) == 0 {
		return CompletionContext{}, false
	}
	return CompletionContext{Start: start, End: end, Items: items}, true
}

// valueEnd is where token k's value ends.
func (r *resolver) valueEnd(k int) int {
	_, ve := r.a.value(k)
	return ve
}

// completeMember lists what may follow the receiver that ends before the separator at sep.
func (r *resolver) completeMember(sep int) []Item {
	start := r.chainStart(sep + 1)
	if start > sep {
		return nil
	}
	recv, _ := r.evalExpr(start, sep)
	switch recv.kind {
	case vModule:
		return r.methodItems(recv.module)
	case vClient:
		var items []Item
		for _, m := range r.s.Modules(r.lang) {
			label := strings.TrimLeft(r.s.ModuleSpelling(r.lang, m), "$")
			items = append(items, Item{Label: label, Kind: ItemModule, Detail: r.moduleDetail(m), Insert: label, SortKey: label})
		}
		return items
	case vNamespace:
		var items []Item
		for _, m := range r.s.Modules(r.lang) {
			if r.lang == corpus.Python || r.lang == corpus.JS {
				break // their namespaces export clients and functions, not module classes
			}
			label := r.classSpelling(m)
			items = append(items, Item{Label: label, Kind: ItemModule, Detail: r.moduleDetail(m), Insert: label, SortKey: label})
		}
		for _, e := range r.s.Functions(r.lang) {
			n := callName(e)
			items = append(items, Item{Label: n, Kind: ItemFunction, Detail: e.Signature(), Insert: n, SortKey: n, Entry: e})
		}
		return items
	case vBuilder:
		e := recv.entries[0]
		if recv.param < 0 || recv.param >= len(e.Parameters) {
			return nil
		}
		written := map[string]bool{}
		for j := start; j < sep; j++ {
			if r.kind(j) == tkIdent && r.isSep(j-1) && r.is(j+1, "(") {
				written[r.text(j)] = true
			}
		}
		return optionItems(e, e.Parameters[recv.param].Properties, written, "")
	}
	return nil
}

func (r *resolver) methodItems(module string) []Item {
	var items []Item
	seen := map[string]bool{}
	for _, e := range r.s.Methods(r.lang, module) {
		n := callName(e)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		items = append(items, Item{Label: n, Kind: ItemMethod, Detail: e.Signature(), Insert: n, SortKey: n, Entry: e})
	}
	return items
}

// callName is the name code calls an entry by. Titles in the docs sometimes carry stray spaces
// ("user_management. get_invitation()"); a name that is not an identifier falls back to the key.
func callName(e *corpus.Entry) string {
	n := strings.TrimSpace(e.Name)
	if n == "" || strings.ContainsAny(n, " .()") {
		n = strings.TrimSpace(e.Key)
	}
	return n
}

func (r *resolver) moduleDetail(m string) string {
	return "WorkOS " + m + " module"
}

// classSpelling is how a module's class is written after the SDK namespace (WorkOS::UserManagement,
// WorkOS\DirectorySync, WorkOS.UserManagementService).
func (r *resolver) classSpelling(m string) string {
	sp := strings.TrimLeft(r.s.ModuleSpelling(r.lang, m), "$")
	if r.lang == corpus.PHP || r.lang == corpus.Python || r.lang == corpus.JS {
		if rb := r.s.ModuleSpelling(corpus.Ruby, m); rb != m || len(r.s.Methods(corpus.Ruby, m)) > 0 {
			sp = rb
		}
	}
	if sp != "" && sp[0] >= 'a' && sp[0] <= 'z' {
		sp = strings.ToUpper(sp[:1]) + sp[1:]
	}
	return sp
}

// completeOptions lists the options not yet written when the cursor is at a key position of an
// options container; prev is the token before the partial word and partial its token (or another).
func (r *resolver) completeOptions(prev, partial int) []Item {
	open := -1
	switch {
	case r.is(prev, "(") || r.is(prev, "{"):
		open = prev
	case r.is(prev, ","):
		open = int(r.toks[prev].parent)
	case r.lang == corpus.Ruby && r.kind(prev) == tkIdent:
	default:
		return nil
	}
	c, ok := r.containerOf(open)
	if !ok {
		if c, ok = r.rubyCommandContainer(prev); !ok {
			return nil
		}
		open = int(r.toks[prev].parent) // keys of a command call sit beside it, at the statement's level
	}
	close := len(r.toks)
	if open >= 0 && r.toks[open].match >= 0 {
		close = int(r.toks[open].match)
	}
	written := map[string]bool{}
	from := open + 1
	if c.open < 0 { // a command call: its arguments
		from, close = c.from, c.to
	}
	for j := from; j < close && j < len(r.toks); j++ {
		if j == partial || r.toks[j].parent != int32(open) || r.kind(j) != tkIdent {
			continue
		}
		if !(j-1 == open || r.is(j-1, ",") || c.open < 0 && r.kind(j-1) == tkIdent) {
			continue
		}
		if r.is(j+1, c.sep) || r.lang == corpus.JS && (r.is(j+1, ",") || r.is(j+1, "}")) {
			written[r.text(j)] = true
		}
	}
	insertSep := c.sep + " "
	if c.sep == "=" {
		insertSep = "="
		if r.lang == corpus.DotNet {
			insertSep = " = "
		}
	}
	var items []Item
	seen := map[string]bool{}
	for _, e := range c.entries {
		var opts []corpus.Param
		switch {
		case c.param >= 0 && c.param < len(e.Parameters):
			opts = e.Parameters[c.param].Properties
		case r.lang == corpus.DotNet && r.is(open, "("):
			opts = e.Parameters // C# named arguments name the parameters themselves
		default:
			opts = optionsOf(e)
		}
		for _, it := range optionItems(e, opts, written, insertSep) {
			if !seen[it.Label] {
				seen[it.Label] = true
				items = append(items, it)
			}
		}
	}
	return items
}

// optionItems turns options into completion items, required first. Param points into the entry when
// the option is one of its parameters or properties.
func optionItems(e *corpus.Entry, opts []corpus.Param, written map[string]bool, insertSep string) []Item {
	var items []Item
	for i := range opts {
		p := opts[i]
		if p.Key == "" || written[p.Key] {
			continue
		}
		ptr := findOption(e, p.Key)
		if ptr == nil {
			ptr = &opts[i]
		}
		sk := "1_" + p.Key
		if !p.Optional {
			sk = "0_" + p.Key
		}
		items = append(items, Item{Label: p.Key, Kind: ItemOption, Detail: p.Type, Insert: p.Key + insertSep,
			SortKey: sk, Entry: e, Param: ptr, Required: !p.Optional})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].SortKey < items[j].SortKey })
	return items
}

// completeEvent offers event names inside the string token k when an event is expected there.
func (r *resolver) completeEvent(k, offset int) (CompletionContext, bool) {
	t := r.toks[k]
	vs, ve := r.a.value(k)
	if t.interp || offset > ve || offset < vs {
		return CompletionContext{}, false
	}
	prefix := string(r.src[vs:offset])
	ctx := r.eventContext(k)
	if !ctx && !r.eventPrefix(prefix) {
		return CompletionContext{}, false
	}
	var items []Item
	for _, ev := range r.s.Events() {
		if !strings.HasPrefix(ev.Name, prefix) {
			continue
		}
		items = append(items, Item{Label: ev.Name, Kind: ItemEvent, Detail: "event", Insert: ev.Name, SortKey: ev.Name, Event: ev})
	}
	if len(items) == 0 {
		return CompletionContext{}, false
	}
	return CompletionContext{Start: vs, End: ve, Items: items}, true
}

// eventPrefix reports whether a string's text so far looks like the start of an event name: it
// contains a dot and prefixes an event, or it is 3+ characters of an event's first segment.
func (r *resolver) eventPrefix(prefix string) bool {
	if prefix == "" || strings.ContainsAny(prefix, " \t\n/\\") {
		return false
	}
	for _, ev := range r.s.Events() {
		if !strings.HasPrefix(ev.Name, prefix) {
			continue
		}
		if strings.Contains(prefix, ".") || len(prefix) >= 3 {
			return true
		}
	}
	return false
}

// eventContext reports whether the string at k sits where code compares or lists event names:
// `event.event === "…"`, `case "…"`, `when "…"`, `{ event: "…" }`, `events: ["…"]`.
func (r *resolver) eventContext(k int) bool {
	switch r.text(k - 1) {
	case "case", "when":
		return true
	case "===", "==", "!==", "!=", ":", "=", "=>", "(", ",", "[", "in":
	default:
		return false
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if r.kind(j) == tkIdent || r.kind(j) == tkString || r.kind(j) == tkSymbol {
			vs, ve := r.a.value(j)
			w := string(r.src[vs:ve])
			if containsFold(w, "event") || w == "type" {
				return true
			}
		}
	}
	return false
}
