package sdkcall

import (
	"slices"
	"sort"
)

// Incremental analysis (issue 12: keystroke → completion on 20,000-line files). An edit re-lexes
// only the damaged region: the lexer restarts at the last checkpoint before the edit (the kept
// tokens are copied), and once it reaches a checkpoint of the old run after the edit in the same
// state, the old run's tokens from there on are copied with their offsets and indices shifted. The
// collector then re-reads only the blocks of tokens whose readers looked at the re-lexed tokens;
// the other blocks' records are kept (shifted). The result is identical to Analyze of the new
// text; property_test.go checks that on random edits.
//
// Copying and shifting is linear in the tokens, but a tight loop over arrays: the lexing and
// collecting it replaces cost ten times more. A persistent (rope) token store would make it
// sublinear at the price of an indirection on every token read of every question.

// checkpointEvery is the spacing of checkpoints in bytes: an edit re-lexes about twice this. (A
// variable for the tests, which set it low to rejoin often.)
var checkpointEvery = 512

const (
	// syncMargin keeps checkpoints this far from an edit: the lexer looks a few bytes ahead of a
	// token (string prefixes, operators) and at the byte before a line (=begin).
	syncMargin = 8
	// blockTokens is how many tokens the collector records as one block: an edit re-reads one or
	// two (a few microseconds), and copies the others' records.
	blockTokens = 256
)

// checkpoint is the lexer's state at the start of a line where no literal, comment, heredoc or
// interpolation is open: what lexing from there needs, and what a new run must match to rejoin
// the old one.
type checkpoint struct {
	off              int32 // the line's first byte
	ntok, ncom, nval int32 // the tokens, comments and values before it
	stack, depth     int32 // its open brackets: cpStacks[stack : stack+depth]
}

func (lx *lexer) checkpoint() {
	lx.cps = append(lx.cps, checkpoint{off: int32(lx.i), ntok: int32(lx.count()), ncom: int32(len(lx.comments)),
		nval: int32(len(lx.vals)), stack: int32(len(lx.cpStacks)), depth: int32(len(lx.stack))})
	lx.cpStacks = append(lx.cpStacks, lx.stack...)
	lx.lastCP = lx.i
}

// lineStart is called at the start of a line with no literal open: a checkpoint, and during a
// relex the chance to rejoin the old run.
func (lx *lexer) lineStart() {
	if lx.sync != nil && lx.resynced() {
		lx.synced = true
		return
	}
	if lx.i-lx.lastCP >= checkpointEvery {
		lx.checkpoint()
	}
}

// resync is what a relex after an edit compares its state with.
type resync struct {
	old   *analysis
	toks  *tokens // old's tokens (flattened, when the relex could not start where old's did)
	delta int     // len(new text) - len(old text)
	kept  int32   // tokens kept from the old run before the restart
	// pivot: the tokens before it are the old run's at the same index (kept, and the re-lexed ones
	// before the edit); once computed, pivotDone.
	pivot     int32
	pivotDone bool
	// baseRefs: old's tail, read from base, refers to the tokens before old's pivot by their own
	// indices and to the others moved, by a different distance than old's own tokens.
	baseRefs bool
	tail     int // where the unchanged tail starts in the old text
	// prefix is how many bytes before the edit both texts share.
	prefix int
	next   int // the old checkpoint to try next (once synced: the one rejoined)
	// Once synced: the old run's first token that is copied, and how far the copies moved.
	rejoin, dTok int32
	// strict: the open brackets must match too (after repair gave up).
	strict bool
	// fixed are the stacks of this run at the old checkpoints from next on that repair passed
	// (their brackets at stacks[s : s+e]).
	fixed  []span
	stacks []int32
}

// resynced reports whether the relex has reached the state of the old run at one of its
// checkpoints in the unchanged tail, so that the old run's tokens from there on are this run's.
// Outside an interpolation the open brackets decide no token's extent or kind, only the pairing
// (parent links and partners), which repair recomputes; so unless strict, the brackets need not
// match. (Checkpoints sit where no interpolation or heredoc is open, where they would matter.)
func (lx *lexer) resynced() bool {
	s := lx.sync
	cps := s.old.cps
	for s.next < len(cps) && (int(cps[s.next].off) < s.tail+syncMargin || int(cps[s.next].off)+s.delta < lx.i) {
		s.next++
	}
	if s.next >= len(cps) || int(cps[s.next].off)+s.delta != lx.i {
		return false
	}
	cp := cps[s.next]
	n := lx.count()
	if (n == 0) != (cp.ntok == 0) {
		return false
	}
	// The previous token decides between a regex and a division, a symbol and a colon.
	if n > 0 {
		a, b := lx.tok(n-1), s.toks.at(int(cp.ntok)-1)
		if a.kind() != b.kind() || lx.src[a.s:a.e] != s.old.src[b.s:b.e] {
			return false
		}
	}
	if !s.strict {
		return true
	}
	if int(cp.depth) != len(lx.stack) {
		return false
	}
	for l, o := range s.old.cpStacks[cp.stack : cp.stack+cp.depth] {
		if lx.newIndex(o, int32(n)-cp.ntok, cp.ntok) != lx.stack[l] {
			return false
		}
	}
	return true
}

// newIndex is this run's index of the old run's open bracket o, when the relex rejoined the old
// run at old token rejoin and the tokens from there moved by dTok; -1 when o has none. It must be
// the index the moved tail refers to o by (tokens.moved): o itself before the relex's restart, o
// moved from there on, and then the same bracket of the unchanged text.
func (lx *lexer) newIndex(o, dTok, rejoin int32) int32 {
	s := lx.sync
	if o < s.kept {
		return o
	}
	// With baseRefs, this list's tail would read old's references to o as old's do: its own index
	// before old's pivot, moved after it. (The pivot of the new list is the lesser.)
	before := s.baseRefs && o < s.toks.pivot
	if o < lx.pivot() {
		if s.baseRefs && !before && dTok != 0 {
			return -1
		}
		return o
	}
	k := o + dTok
	if before {
		return -1
	}
	if o >= rejoin {
		return k
	}
	at := s.toks.at(int(o)).s
	if int(at) >= s.tail {
		at += int32(s.delta)
	} else if int(at) >= s.prefix {
		return -1 // its text was replaced
	}
	if k < 0 || int(k) >= lx.count() || lx.tok(int(k)).s != at {
		return -1
	}
	return k
}

// pivot is where the tokens of this run and the old one part: the tokens before the edit that
// both runs lexed alike. (Called once the relex has passed the edit.)
func (lx *lexer) pivot() int32 {
	s := lx.sync
	if s.pivotDone {
		return s.pivot
	}
	p := s.kept
	for int(p) < lx.count() && int(p) < s.toks.len() {
		a, b := lx.tok(int(p)), s.toks.at(int(p))
		if int(a.e) > s.prefix || a.s != b.s || a.e != b.e || a.pf&^pfParent != b.pf&^pfParent {
			break
		}
		p++
	}
	s.pivot, s.pivotDone = p, true
	return p
}

// repair gives the old run's tokens after the checkpoint the relex rejoined the pairing of this
// run's open brackets: one pass over tokens, no lexing, replaying the lexer's bracket rules with
// this run's stack and the old run's side by side until the two stacks hold the same brackets (an
// unclosed "(" typed in a block: at the block's end). The tokens it passes become this run's own,
// and the rejoin point moves past them. It reports false at an interpolating literal while the
// stacks differ: there the lexer's rules depend on frames a pass over tokens does not see.
func (lx *lexer) repair() bool {
	s := lx.sync
	old := s.old
	cp := old.cps[s.next]
	dTok := int32(lx.count()) - cp.ntok
	dVal := int32(len(lx.vals)) - cp.nval
	delta := int32(s.delta)
	ostack := slices.Clone(old.cpStacks[cp.stack : cp.stack+cp.depth])
	oldOpen := func(o int32) byte { return old.src[s.toks.at(int(o)).s] }
	newOpen := func(k int32) byte { return lx.src[lx.tok(int(k)).s] }
	c := s.next // the next old checkpoint whose stack is recorded
	j, end := cp.ntok, int32(s.toks.len())
	for ; !lx.sameStacks(ostack, dTok, cp.ntok); j++ {
		if j < end && lx.statementLine(s.toks.at(int(j)), delta) {
			// As the lexer did at this line in both runs, and before a checkpoint at the line's start.
			lx.stack, ostack = lx.stack[:0], ostack[:0]
		}
		for ; c < len(old.cps) && old.cps[c].ntok <= j; c++ {
			s.fixed = append(s.fixed, s.fixedStacks(lx.stack))
		}
		if j == end {
			break
		}
		t := s.toks.at(int(j))
		k := j + dTok
		t.s, t.e = t.s+delta, t.e+delta
		switch t.kind() {
		case tkString, tkSymbol:
			if t.kind() == tkString && t.interp() {
				return false
			}
			t.match += dVal
		case tkPunct:
			if t.e-t.s == 1 {
				t.match = -1
				switch b := lx.src[t.s]; b {
				case '(', '[', '{':
					lx.toks = append(lx.toks, lx.enclosed(t))
					lx.stack = append(lx.stack, k)
					ostack = append(ostack, j)
					continue
				case ')', ']', '}':
					if d, ok := popTo(ostack, opener(b), oldOpen); ok {
						ostack = ostack[:d]
					}
					if d, ok := popTo(lx.stack, opener(b), newOpen); ok {
						t.match = lx.stack[d]
						lx.setMatch(lx.stack[d], k)
						lx.stack = lx.stack[:d]
					}
				}
			}
		}
		lx.toks = append(lx.toks, lx.enclosed(t))
	}
	// Unless the pass ran to the end (this run's brackets still open stay unmatched), the brackets
	// still open are the old run's: their partners are its, moved.
	for l, o := range ostack {
		if j == end && !lx.sameStacks(ostack, dTok, cp.ntok) {
			break
		}
		m := s.toks.at(int(o)).match
		if m >= 0 {
			m += dTok
		}
		lx.setMatch(lx.stack[l], m)
	}
	s.rejoin, s.dTok = j, dTok
	return true
}

// statementLine reports whether old token t, moved by delta, starts a line with a statement word
// (lexTable.statementWords), where the lexer closes the open brackets.
func (lx *lexer) statementLine(t token, delta int32) bool {
	return lx.t.statementWords != nil && t.nl() && t.kind() == tkIdent && lx.t.statementWords[lx.src[t.s+delta:t.e+delta]]
}

// enclosed is t with the innermost open bracket as its parent.
func (lx *lexer) enclosed(t token) token {
	t.pf &^= pfParent
	if n := len(lx.stack); n > 0 {
		t.pf |= uint32(lx.stack[n-1]) + 1
	}
	return t
}

// sameStacks reports whether the old run's open brackets (old indices) are this run's.
func (lx *lexer) sameStacks(old []int32, dTok, rejoin int32) bool {
	if len(old) != len(lx.stack) {
		return false
	}
	for l, o := range old {
		if lx.newIndex(o, dTok, rejoin) != lx.stack[l] {
			return false
		}
	}
	return true
}

// fixedStacks records a checkpoint's stack of this run, for spliceTail.
func (s *resync) fixedStacks(stack []int32) span {
	st := int32(len(s.stacks))
	s.stacks = append(s.stacks, stack...)
	return span{st, int32(len(stack))}
}

func opener(c byte) byte {
	switch c {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

// popTo is the lexer's rule for a closing bracket outside an interpolation: the depth of the
// matching opener if it is among the top four of stack.
func popTo(stack []int32, open byte, char func(int32) byte) (int, bool) {
	for d := len(stack) - 1; d >= 0 && d >= len(stack)-4; d-- {
		if char(stack[d]) == open {
			return d, true
		}
	}
	return 0, false
}

// relexStats, when set (by tests), is told of every relex whether it restarted after the start of
// the text and rejoined the old run.
var relexStats func(restarted, rejoined bool)

// repairStats, when set (by tests), is told of every repair how many checkpoints it passed and
// whether it gave up.
var repairStats func(passed int, ok bool)

// maxRelex bounds how far before an edit a relex starts when it starts where the previous
// version's did (so that the tokens stay in two pieces of one array, see tokens).
const maxRelex = 16 << 10

// relex lexes text, which is old's text with the bytes between its first prefix and its last
// suffix bytes replaced. It reports false when it cannot do better than lexing all of text.
func relex(d *dialect, old *analysis, text string, prefix, suffix int) (*lexer, bool) {
	if d.lex.openTags && hasOpenTag(old.src) != hasOpenTag(text) {
		return nil, false // PHP: the whole file changes between HTML and code
	}
	strict, flat := false, false
	for {
		lx, fail := relexFrom(d, old, text, prefix, suffix, strict, flat)
		switch fail {
		case gaveUp:
			strict = true
		case misread:
			flat = true
		default:
			return lx, true
		}
	}
}

// Why a relex did not produce a version.
const (
	gaveUp  = 1 + iota // repair met an interpolating literal: rejoin only with the same brackets
	misread            // the old list's tail would misread the tokens before its own edit: read from a flat copy
)

// relexFrom is relex, with the open brackets part of the state that rejoins the old run when
// strict, and from a flat copy of old's tokens when flat.
func relexFrom(d *dialect, old *analysis, text string, prefix, suffix int, strict, flat bool) (*lexer, int) {
	lx := &lexer{t: &d.lex, src: text}
	lx.sync = &resync{old: old, toks: &old.toks, delta: len(text) - len(old.src), tail: len(old.src) - suffix, prefix: prefix, strict: strict}
	k, compose := -1, false
	if ts := &old.toks; !ts.flat() {
		// An edited version: start where it started, or from a flat copy of its tokens.
		from := 0
		if old.keptCP >= 0 {
			from = int(old.cps[old.keptCP].off)
		}
		if (old.keptCP < 0 || from+syncMargin <= prefix) && prefix-from <= maxRelex && !flat {
			k, compose = old.keptCP, true
			// Its tail refers to the tokens before its pivot by their own indices, to the others
			// moved: where those differ, only some of its tokens may be this run's.
			lx.sync.baseRefs = ts.tailAt < ts.n && ts.tailAt != ts.tail
		} else {
			flat := flatTokens(ts.slice(make([]token, 0, ts.len()), 0, ts.len()))
			lx.sync.toks = &flat
		}
	}
	if !compose {
		k = sort.Search(len(old.cps), func(k int) bool { return int(old.cps[k].off)+syncMargin > prefix }) - 1
	}
	lx.restart = k
	lx.prev = lx.sync.toks
	lx.toks = make([]token, 0, 256)
	if k >= 0 {
		cp := old.cps[k]
		lx.i, lx.lastCP, lx.nl = int(cp.off), int(cp.off), true
		lx.off = int(cp.ntok)
		// Capacities equal to lengths: the first append copies, the old run is never written.
		lx.comments = old.comments[:cp.ncom:cp.ncom]
		lx.vals = old.vals[:cp.nval:cp.nval]
		lx.cps = old.cps[: k+1 : k+1]
		lx.cpStacks = old.cpStacks[: cp.stack+cp.depth : cp.stack+cp.depth]
		lx.stack = slices.Clone(old.cpStacks[cp.stack : cp.stack+cp.depth])
		for _, o := range lx.stack {
			lx.setMatch(o, -1) // closed, if at all, after the restart
		}
		lx.sync.kept = cp.ntok
	}
	lx.run()
	if lx.synced {
		ok := lx.repair()
		if repairStats != nil {
			repairStats(len(lx.sync.fixed), ok)
		}
		if !ok {
			return nil, gaveUp
		}
		if s := lx.sync; s.baseRefs && s.rejoin < s.toks.pivot {
			return nil, misread // rejoined before old's own pivot
		}
		lx.spliceTail()
	}
	if relexStats != nil {
		relexStats(k >= 0, lx.synced)
	}
	return lx, 0
}

// spliceTail appends the old run's comments, values and checkpoints from the checkpoint the relex
// rejoined it at, shifted to the new text (the checkpoints repair passed with this run's stacks).
func (lx *lexer) spliceTail() {
	s := lx.sync
	old := s.old
	cp := old.cps[s.next]
	delta := int32(s.delta)
	dTok := s.dTok
	dCom := int32(len(lx.comments)) - cp.ncom
	dVal := int32(len(lx.vals)) - cp.nval
	pivot := lx.pivot()
	moved := func(k int32) int32 {
		if k >= pivot {
			return k + dTok
		}
		return k
	}
	lx.comments = slices.Grow(lx.comments, len(old.comments)-int(cp.ncom))
	for _, c := range old.comments[cp.ncom:] {
		lx.comments = append(lx.comments, comment{c.s + delta, c.e + delta, c.line})
	}
	lx.vals = slices.Grow(lx.vals, len(old.vals)-int(cp.nval))
	for _, v := range old.vals[cp.nval:] {
		lx.vals = append(lx.vals, span{v.s + delta, v.e + delta})
	}
	for n, c := range old.cps[s.next:] {
		st := int32(len(lx.cpStacks))
		if n < len(s.fixed) {
			f := s.fixed[n]
			lx.cpStacks = append(lx.cpStacks, s.stacks[f.s:f.s+f.e]...)
			c.depth = f.e
		} else {
			for _, o := range old.cpStacks[c.stack : c.stack+c.depth] {
				lx.cpStacks = append(lx.cpStacks, moved(o))
			}
		}
		lx.cps = append(lx.cps, checkpoint{off: c.off + delta, ntok: c.ntok + dTok, ncom: c.ncom + dCom, nval: c.nval + dVal, stack: st, depth: c.depth})
	}
	lx.i = len(lx.src)
}

// list is the new version's token list: the kept tokens and the tail of the old list's base
// array, around this run's tokens (and the rest of the old list's own tokens, moved).
func (lx *lexer) list() tokens {
	s := lx.sync
	old := s.toks
	ts := tokens{base: old.base, kept: int32(lx.off), fixes: lx.fixes, mid: lx.toks}
	if !old.flat() {
		ts.kept = old.kept // the relex started at old's kept tokens
	}
	if !lx.synced {
		ts.tailAt, ts.tail = ts.kept+int32(len(ts.mid)), int32(len(ts.base))
		ts.n = ts.tailAt
		ts.pivot = ts.n // no tail refers to any token
		return ts.compact()
	}
	delta, dVal := int32(s.delta), int32(len(lx.vals))-int32(len(s.old.vals))
	dTok, pivot := s.dTok, lx.pivot()
	ts.pivot = pivot
	if s.baseRefs {
		ts.pivot = min(pivot, old.pivot)
	}
	switch r := s.rejoin; {
	case old.flat():
		ts.tail, ts.delta, ts.dVal = r, delta, dVal
	case r >= old.tailAt: // in old's tail
		ts.tail, ts.delta, ts.dVal = r-old.tailAt+old.tail, old.delta+delta, old.dVal+dVal
	default: // in old's own tokens
		ts.mid = shiftTokens(ts.mid, old.mid[r-old.kept:], delta, dTok, dVal, pivot)
		ts.tail, ts.delta, ts.dVal = old.tail, old.delta+delta, old.dVal+dVal
	}
	ts.tailAt = ts.kept + int32(len(ts.mid))
	ts.n = ts.tailAt + int32(len(ts.base)) - ts.tail
	return ts.compact()
}

// shiftTokens appends the tokens of tail to dst, moved by delta bytes and dTok tokens; references
// to tokens before pivot (enclosing brackets opened before the edit) stay, values move by dVal.
func shiftTokens(dst, tail []token, delta, dTok, dVal, pivot int32) []token {
	n := len(dst)
	dst = slices.Grow(dst, len(tail))[:n+len(tail)]
	out := dst[n:]
	for i, t := range tail {
		t.s += delta
		t.e += delta
		if t.pf&pfParent > uint32(pivot) {
			t.pf += uint32(dTok)
		}
		if k := t.kind(); k == tkPunct {
			if t.match >= pivot {
				t.match += dTok
			}
		} else if k == tkString || k == tkSymbol {
			t.match += dVal
		}
		out[i] = t
	}
	return dst
}

// block is what the collector read for blockTokens consecutive tokens: where its records start in
// each list, and the hull of the tokens its readers looked at.
type block struct {
	start, lo, hi                               int32
	imports, binds, defs, exports, locals, pkgs int32
	marks                                       int32 // SDK uses it saw without an import (markUses)
}

func (c *collector) openBlock(i int) {
	a, o := c.a, &c.base
	a.blocks = append(a.blocks, block{start: int32(i), imports: o.imports + int32(len(a.importList)), binds: o.binds + int32(len(a.bindList)),
		defs: o.defs + int32(len(a.defs)), exports: o.exports + int32(len(a.exports)), locals: o.locals + int32(len(a.locals)),
		pkgs: o.pkgs + int32(len(a.pkgs))})
	c.lo, c.hi = i, i
}

func (c *collector) closeBlock(end int) {
	b := &c.a.blocks[len(c.a.blocks)-1]
	b.lo, b.hi = int32(min(c.lo, int(b.start))), int32(max(c.hi, end-1))
}

// export records an explicit export.
func (c *collector) export(e exportRec) {
	c.see(int(e.tok))
	c.a.exports = append(c.a.exports, e)
}

// Edited is the analysis of text, which is f.Text with the bytes after its first prefix and before
// its last suffix bytes replaced: an editor's change. It equals Analyze(f.Lang, text); the work is
// that of the changed lines and a copy of the rest. The caller vouches for prefix and suffix (see
// EditSpan); f is not modified.
func (f *File) Edited(text string, prefix, suffix int) *File {
	if f == nil || f.d == nil || f.d.shell || f.a == nil {
		return Analyze(f.Lang, text)
	}
	n := min(len(f.Text), len(text))
	prefix = max(0, min(prefix, n))
	suffix = max(0, min(suffix, n-prefix))
	old := f.a
	lx, ok := relex(f.d, old, text, prefix, suffix)
	if !ok {
		return Analyze(f.Lang, text)
	}
	g := &File{Lang: f.Lang, Text: text, a: &analysis{src: text}, d: f.d}
	g.a.setLexed(lx)
	g.a.toks, g.a.keptCP = lx.list(), lx.restart
	rejoin, dTok := int32(old.toks.len()), int32(lx.count()-old.toks.len())
	if lx.synced {
		rejoin, dTok = lx.sync.rejoin, lx.sync.dTok
	}
	c := collector{f: g, a: g.a, d: f.d, src: text, toks: &g.a.toks}
	c.recollect(old, lx.sync.kept, rejoin, dTok)
	g.a.finish()
	return g
}

// EditSpan is how many bytes old and new share at their start and, after those, at their end.
// (A whole-document change of a big file is compared 64 bytes at a time.)
func EditSpan(old, new string) (prefix, suffix int) {
	const chunk = 64
	n := min(len(old), len(new))
	for prefix+chunk <= n && old[prefix:prefix+chunk] == new[prefix:prefix+chunk] {
		prefix += chunk
	}
	for prefix < n && old[prefix] == new[prefix] {
		prefix++
	}
	for suffix+chunk <= n-prefix && old[len(old)-suffix-chunk:len(old)-suffix] == new[len(new)-suffix-chunk:len(new)-suffix] {
		suffix += chunk
	}
	for suffix < n-prefix && old[len(old)-1-suffix] == new[len(new)-1-suffix] {
		suffix++
	}
	return prefix, suffix
}

// recollect collects the new tokens from old's records: the old tokens [kept, rejoin) were
// re-lexed, those after moved by dTok. The blocks whose readers looked at a re-lexed token are read
// again (with the re-lexed tokens); the others' records are copied, moved.
func (c *collector) recollect(old *analysis, kept, rejoin, dTok int32) {
	from, to := kept, rejoin // old tokens
	first, last := len(old.blocks), -1
	for b, ob := range old.blocks {
		if ob.lo < rejoin && ob.hi >= kept {
			first, last = min(first, b), b
		}
	}
	if last >= 0 {
		from, to = min(from, old.blocks[first].start), max(to, old.blockEnd(last))
	}
	// Whole blocks are kept: before the one holding from, and from the one after to-1.
	before := sort.Search(len(old.blocks), func(b int) bool { return old.blocks[b].start > from }) - 1
	if before < 0 || from == int32(old.toks.len()) {
		before++
	}
	after := sort.Search(len(old.blocks), func(b int) bool { return old.blocks[b].start >= to })
	from = old.counts(before).start
	if after < len(old.blocks) {
		to = old.blocks[after].start
	} else {
		to = int32(old.toks.len())
	}
	at, end := old.counts(before), old.counts(after)
	// The blocks are read again into lists of their own, which the new lists are made of.
	frag := &analysis{src: c.a.src, toks: c.a.toks, vals: c.a.vals, comments: c.a.comments}
	rc := collector{f: c.f, a: frag, d: c.d, src: c.src, toks: c.toks, base: at}
	rc.run(int(from), int(to+dTok))
	a := c.a
	if dTok == 0 && frag.sameRecords(old, at, end) {
		// The common keystroke: within a word, with the same records. Nothing moved: share them.
		a.importList, a.bindList, a.defs, a.exports, a.locals, a.pkgs = old.importList, old.bindList, old.defs, old.exports, old.locals, old.pkgs
		if slices.Equal(frag.blocks, old.blocks[before:after]) {
			a.blocks = old.blocks
		} else {
			a.blocks = slices.Concat(old.blocks[:before], frag.blocks, old.blocks[after:])
		}
		return
	}
	a.importList = slices.Concat(old.importList[:at.imports], frag.importList, make([]importRef, 0, len(old.importList)-int(end.imports)))
	a.bindList = slices.Concat(old.bindList[:at.binds], frag.bindList, make([]binding, 0, len(old.bindList)-int(end.binds)))
	a.defs = slices.Concat(old.defs[:at.defs], frag.defs, make([]defn, 0, len(old.defs)-int(end.defs)))
	a.exports = slices.Concat(old.exports[:at.exports], frag.exports)
	a.locals = slices.Concat(old.locals[:at.locals], frag.locals)
	a.pkgs = slices.Concat(old.pkgs[:at.pkgs], frag.pkgs)
	a.blocks = slices.Concat(old.blocks[:before], frag.blocks, make([]block, 0, len(old.blocks)-after))

	moved := func(k int32) int32 { return k + dTok }
	dImp := int32(len(a.importList)) - end.imports
	d := block{imports: dImp, binds: int32(len(a.bindList)) - end.binds, defs: int32(len(a.defs)) - end.defs,
		exports: int32(len(a.exports)) - end.exports, locals: int32(len(a.locals)) - end.locals, pkgs: int32(len(a.pkgs)) - end.pkgs}
	for _, b := range old.blocks[after:] {
		b.start, b.lo, b.hi = b.start+dTok, b.lo+dTok, b.hi+dTok
		b.imports, b.binds, b.defs, b.exports, b.locals, b.pkgs = b.imports+d.imports, b.binds+d.binds, b.defs+d.defs,
			b.exports+d.exports, b.locals+d.locals, b.pkgs+d.pkgs
		a.blocks = append(a.blocks, b)
	}
	for _, r := range old.importList[end.imports:] {
		r.pos = moved(r.pos)
		a.importList = append(a.importList, r)
	}
	for _, b := range old.bindList[end.binds:] {
		b.pos, b.tok = moved(b.pos), moved(b.tok)
		if b.kind == bindDestr {
			b.member = moved(b.member)
		}
		a.bindList = append(a.bindList, b)
	}
	for _, df := range old.defs[end.defs:] {
		df.name = moved(df.name)
		if df.kw >= 0 {
			df.kw = moved(df.kw)
		}
		if df.recv >= 0 {
			df.recv = moved(df.recv)
		}
		a.defs = append(a.defs, df)
	}
	for _, e := range old.exports[end.exports:] {
		if e.tok >= 0 {
			e.tok = moved(e.tok)
		}
		if e.imp >= 0 {
			e.imp += dImp
		}
		a.exports = append(a.exports, e)
	}
	for _, k := range old.locals[end.locals:] {
		a.locals = append(a.locals, moved(k))
	}
	a.pkgs = append(a.pkgs, old.pkgs[end.pkgs:]...)
}

// sameRecords reports whether the lists of a (the blocks read again) are old's records from at to
// end.
func (a *analysis) sameRecords(old *analysis, at, end block) bool {
	return slices.Equal(a.importList, old.importList[at.imports:end.imports]) &&
		slices.Equal(a.bindList, old.bindList[at.binds:end.binds]) &&
		slices.Equal(a.defs, old.defs[at.defs:end.defs]) &&
		slices.Equal(a.exports, old.exports[at.exports:end.exports]) &&
		slices.Equal(a.locals, old.locals[at.locals:end.locals]) &&
		slices.Equal(a.pkgs, old.pkgs[at.pkgs:end.pkgs])
}

// blockEnd is the token after block b.
func (a *analysis) blockEnd(b int) int32 {
	if b+1 < len(a.blocks) {
		return a.blocks[b+1].start
	}
	return int32(a.toks.len())
}

// counts is where block b's records start in each list (past the end: the lists' lengths).
func (a *analysis) counts(b int) block {
	if b < len(a.blocks) {
		return a.blocks[b]
	}
	return block{start: int32(a.toks.len()), imports: int32(len(a.importList)), binds: int32(len(a.bindList)), defs: int32(len(a.defs)),
		exports: int32(len(a.exports)), locals: int32(len(a.locals)), pkgs: int32(len(a.pkgs))}
}
