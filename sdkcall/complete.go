package sdkcall

import (
	"maps"
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Complete says what may be written at offset: a module's methods after a receiver that resolves to
// it, the modules after the client variable, the options not yet written inside an options object,
// kwargs or opts struct literal, or event names inside a string where an event is expected.
func (f *File) Complete(ix *Index, offset int) (CompletionContext, bool) {
	if !f.ready(ix, offset) || f.d.shell || f.a.inComment(offset) {
		return CompletionContext{}, false
	}
	r := f.resolver(ix)
	toks := f.a.toks
	k := f.a.startsBefore(offset)
	start, end, prev := offset, offset, f.a.lastBefore(offset)
	partial := k
	if n := k + 1; n < toks.len() && int(toks.at(n).s) == offset && toks.at(n).kind() == tkIdent &&
		(k < 0 || offset >= int(toks.at(k).e) && toks.at(k).kind() != tkString) {
		// The cursor at the start of a word: the item replaces that word, as it does from inside it.
		start, end, partial = offset, int(toks.at(n).e), n
	}
	if k >= 0 {
		t := toks.at(k)
		switch {
		case t.kind() == tkString && (offset < int(t.e) || offset == int(t.e) && r.valueEnd(k) == int(t.e)):
			// Inside a string (an unterminated one extends to its end).
			vs, ve := f.a.value(k)
			if offset < vs {
				return CompletionContext{}, false
			}
			if items, ok := r.completeKeyString(k); ok {
				if len(items) == 0 || t.interp() {
					return CompletionContext{}, false
				}
				return CompletionContext{Start: vs, End: ve, Items: items}, true
			}
			return r.completeEvent(k, offset)
		case t.kind() == tkIdent && offset <= int(t.e):
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
		if f.d.lineEndsChain && r.chainEnded(prev, start) {
			return CompletionContext{}, false
		}
		items = r.completeMember(prev)
	} else {
		items = r.completeOptions(prev, partial)
	}
	if len(items) == 0 {
		return CompletionContext{}, false
	}
	return CompletionContext{Start: start, End: end, Items: items}, true
}

// chainEnded tells whether a newline outside brackets lies between the separator sep and the word
// being completed at start; a line break the dialect joins (Python's backslash) does not count.
func (r *resolver) chainEnded(sep, start int) bool {
	t := r.toks.at(sep)
	return t.parent() < 0 && hasLineBreak(r.src[t.e:start], r.d.lex.lineJoin)
}

// hasLineBreak reports whether s holds a line break, not counting one right after a backslash
// when joined.
func hasLineBreak(s string, joined bool) bool {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return false
		}
		if !joined || !strings.HasSuffix(strings.TrimSuffix(s[:i], "\r"), "\\") {
			return true
		}
		s = s[i+1:]
	}
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
		if recv.weak {
			return nil // req.session., db.session.: not worth offering the SDK's methods
		}
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
			if !r.d.namespaceModules {
				break // the namespace exports clients and functions, not module classes
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
		return optionItems(e, ptrs(e.Parameters[recv.param].Properties), written, func(key string) string { return key })
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
	if from := r.d.classNamesFrom; from != "" {
		if sp2 := r.s.ModuleSpelling(from, m); sp2 != m || len(r.s.Methods(from, m)) > 0 {
			sp = sp2
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
	case r.is(prev, "(") || r.is(prev, "{") || r.is(prev, "["):
		open = prev
	case r.is(prev, ","):
		open = int(r.toks.at(prev).parent())
	case r.d.parenless && r.kind(prev) == tkIdent:
	default:
		return nil
	}
	c, ok := r.containerOf(open)
	if !ok {
		if c, ok = r.commandContainer(prev); !ok {
			return nil
		}
	}
	insertSep := c.insert
	if insertSep == "" {
		switch c.sep {
		case "=":
			insertSep = "="
		case "=>":
			insertSep = " => "
		default:
			insertSep = c.sep + " "
		}
	}
	quote := ""
	if c.strKeys {
		quote = string(r.d.keyQuote)
	}
	return r.optionItemsIn(&c, partial, func(key string) string { return quote + key + quote + insertSep })
}

// optionItemsIn lists the options of container c not yet written (the token skip, the key being
// typed, does not count), required first; insert gives each item's text.
func (r *resolver) optionItemsIn(c *container, skip int, insert func(key string) string) []Item {
	written := r.writtenKeys(c, skip)
	positional := r.positionalArgs(c, skip)
	var items []Item
	seen := map[string]bool{}
	for _, e := range c.entries {
		done := written
		if positional > 0 {
			// Parameters already passed by position are not offered as keywords.
			done = maps.Clone(written)
			for i := 0; i < positional && i < len(e.Parameters); i++ {
				if !isOptionsParam(&e.Parameters[i]) {
					done[e.Parameters[i].Key] = true
				}
			}
		}
		for _, it := range optionItems(e, c.keys(e), done, insert) {
			if !seen[it.Label] {
				seen[it.Label] = true
				items = append(items, it)
			}
		}
	}
	return items
}

// positionalArgs counts the arguments before the one at token skip that a call's parentheses hold
// without a keyword (kwargs containers only).
func (r *resolver) positionalArgs(c *container, skip int) int {
	if c.open < 0 || !r.is(c.open, "(") {
		return 0
	}
	n := 0
	level := int32(c.open)
	for j := c.open + 1; j < r.toks.len() && j < skip; j++ {
		if r.toks.at(j).parent() == level && (j == c.open+1 || r.is(j-1, ",")) && !r.is(j, ",") && !r.isKeywordArg(j) &&
			!r.is(j, "*") && !r.is(j, "**") {
			n++
		}
		if r.toks.at(j).parent() == level && r.is(j, ")") {
			break
		}
	}
	return n
}

// writtenKeys collects the keys already written in the container, except at token skip.
func (r *resolver) writtenKeys(c *container, skip int) map[string]bool {
	from, to := c.from, c.to
	if c.open >= 0 {
		from, to = c.open+1, r.toks.len()
		if m := r.toks.at(c.open).match; m > int32(c.open) {
			to = int(m)
		}
	}
	written := map[string]bool{}
	for j := from; j < to && j < r.toks.len(); j++ {
		if j == skip || !r.atKeyPosition(c, j) {
			continue
		}
		if name, ok := r.keyName(c, j); ok {
			written[name] = true
		}
	}
	return written
}

// completeKeyString offers the options of a string-keyed container (PHP array, Python dict) when
// the cursor is inside the string at token k that sits at one of its key positions.
func (r *resolver) completeKeyString(k int) ([]Item, bool) {
	open := int(r.toks.at(k).parent())
	if !(k-1 == open || r.is(k-1, ",")) || open < 0 {
		return nil, false
	}
	if sep, strKeys, ok := r.literalSyntax(open); !ok || !strKeys || !(r.is(k+1, sep) || r.is(k+1, ",") || k+1 == int(r.toks.at(open).match) || k+1 >= r.toks.len()) {
		return nil, false
	}
	c, ok := r.containerOf(open)
	if !ok {
		return nil, false
	}
	return r.optionItemsIn(&c, k, func(key string) string { return key }), true
}

// optionItems turns options into completion items, required first.
func optionItems(e *corpus.Entry, opts []*corpus.Param, written map[string]bool, insert func(key string) string) []Item {
	var items []Item
	for _, p := range opts {
		if p.Key == "" || written[p.Key] {
			continue
		}
		sk := "1_" + p.Key
		if !p.Optional {
			sk = "0_" + p.Key
		}
		items = append(items, Item{Label: p.Key, Kind: ItemOption, Detail: p.Type, Insert: insert(p.Key),
			SortKey: sk, Entry: e, Param: p, Required: !p.Optional})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].SortKey < items[j].SortKey })
	return items
}

// completeEvent offers event names inside the string token k when an event is expected there.
func (r *resolver) completeEvent(k, offset int) (CompletionContext, bool) {
	t := r.toks.at(k)
	vs, ve := r.a.value(k)
	if t.interp() || offset > ve || offset < vs {
		return CompletionContext{}, false
	}
	prefix := r.src[vs:offset]
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
			w := r.src[vs:ve]
			if containsFold(w, "event") || w == "type" {
				return true
			}
		}
	}
	return false
}
