// Package sdkcall recognises WorkOS SDK usage in user source code: which files use an SDK, which
// member chain is under the cursor, what it resolves to in the symbol table, what can be completed
// there, which call's arguments the cursor is in, and what deserves a diagnostic. Everything here is a
// pure function of (language, text, byte offset, index): no LSP types, no I/O, safe for concurrent use.
// What each language looks like is declared in its own file (lang_*.go); README.md tells how the
// engine asks it and how to add a language.
package sdkcall

import "github.com/workos-lsp/workos-lsp/corpus"

// File is one analysed version of a document. Analyse once per version, then ask many questions
// (At, Complete, Signature, Diagnostics, Links) from any number of goroutines: a File is read-only
// after Analyze, and its tokens and names share Text's bytes (strings are immutable, so no copy is
// made). All offsets are byte offsets into Text; offsets outside it simply answer nothing.
type File struct {
	Lang corpus.Language
	Text string
	// tokens (with comment spans and string values), imports, bindings, local definitions.
	a *analysis
	d *dialect // nil for languages sdkcall does not read
	// env is the project around the file and project tells that the project depends on a WorkOS
	// SDK (InProject).
	env     Env
	project bool
}

// TargetKind says what the cursor is on.
type TargetKind int

const (
	TargetCall      TargetKind = iota + 1 // a method or function call resolved to entries
	TargetModule                          // a module receiver (workos.userManagement)
	TargetOption                          // an option key inside a call's options object/kwargs/opts struct
	TargetType                            // an SDK object type (User, usermanagement.User)
	TargetEvent                           // an event name in a string literal ("dsync.user.created")
	TargetEndpoint                        // an HTTP path of the API (/user_management/users) in shell/http files
	TargetAmbiguous                       // a bare method name with unknown receiver that is not unique
)

// Target is what sits under the cursor.
type Target struct {
	Kind TargetKind
	// Start, End is the byte range of the word under the cursor: the identifier, the event name
	// inside its quotes, or the API path.
	Start, End int
	// Entries: TargetCall the resolved entries (usually one; several when the docs list the same call
	// more than once); TargetAmbiguous the candidates (different operations); TargetOption the call
	// (first) whose option this is; TargetType the type entries; TargetEndpoint the curl entries, best
	// match first. Empty for TargetModule and TargetEvent.
	Entries []*corpus.Entry
	Module  string        // TargetModule: the module ("usermanagement"), for Symbols.Methods
	Option  *corpus.Param // TargetOption: the parameter or options property; points into Entries[0]
	// OptionPath: TargetOption inside an option's value, the keys leading to it (["event", "actor"]
	// for `type` in createEvent(org, { actor: { type } })); nil for a call's own options.
	OptionPath []string
	Event      *corpus.Event // TargetEvent
	// Forwards: TargetCall on a function of the project that only forwards to the SDK call of the
	// same name, that call as the function writes it ("workos.userManagement.createUser").
	Forwards string
}

// CompletionContext is what may be written at the cursor.
type CompletionContext struct {
	Start, End int // byte range the chosen item replaces (the partial word, may be empty)
	Items      []Item
}

// ItemKind classifies completion items.
type ItemKind int

const (
	ItemMethod ItemKind = iota + 1
	ItemFunction
	ItemModule
	ItemOption
	ItemEvent
)

// Item is one completion candidate.
type Item struct {
	Label    string
	Kind     ItemKind
	Detail   string // one line: the signature or the type
	Insert   string // text to insert (may equal Label)
	SortKey  string // required options first, then by name
	Entry    *corpus.Entry
	Param    *corpus.Param
	Event    *corpus.Event
	Required bool
}

// SignatureContext is the call whose argument list holds the cursor.
type SignatureContext struct {
	Entry *corpus.Entry
	// ActiveParam is an index into Entry.Parameters: the argument position (commas at depth zero),
	// or the parameter a keyword argument names. It may be ≥ len(Entry.Parameters) when the code
	// passes more arguments than the docs list.
	ActiveParam int
	// ActiveOption is the key being written inside an options object, kwargs or opts struct literal:
	// a property of Entry.Parameters[ActiveParam].
	ActiveOption string
}

// Severity of a diagnostic.
type Severity int

const (
	SeverityError Severity = iota + 1
	SeverityWarning
	SeverityInformation
	SeverityHint
)

// Diagnostic is a problem in user code.
type Diagnostic struct {
	Start, End int
	Severity   Severity
	Message    string
	Code       string // "deprecated", "unknown-method"
	Href       string // docs page explaining it
	Deprecated bool
	Fixes      []Fix
}

// Fix replaces [Start,End) with NewText.
type Fix struct {
	Title      string
	Start, End int
	NewText    string
}

// Link is a recognised SDK call, type, event or endpoint with its docs URL.
type Link struct {
	Start, End int
	URL        string
	Entry      *corpus.Entry // nil for events
}
