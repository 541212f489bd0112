package sdkcall

import (
	"github.com/workos-lsp/workos-lsp/corpus"
)

// A dialect is everything the engine (lexer, collector, resolver, options, completion, signature,
// diagnostics) knows about one language: tables where a table can say it, small hooks where it
// cannot. Each language declares its dialect in its own file (lang_js.go, lang_go.go, …) and
// registers it; the engine asks the dialect and never compares languages. See README.md for adding a
// language.
type dialect struct {
	lang corpus.Language
	// shell: the language is a curl/HTTP script, read by scanning lines for API paths (curl.go)
	// instead of lexing code.
	shell bool

	lex lexTable

	// Names the file binds.
	//
	// keywords maps a word to the statement reader it starts (imports, definitions); a reader that
	// returns false lets declares look at the word too. kwByFirst holds them by first byte (built by
	// register): the collector asks for every identifier, and most first bytes start no keyword.
	keywords  map[string]func(c *collector, i int) bool
	kwByFirst [256][]keywordReader
	// declares reads what an identifier that is not a keyword may declare: a typed name, an
	// annotation, a method definition, a struct field (nil: nothing).
	declares func(c *collector, i int)
	// stringUse reads a string literal that may load the SDK (JS require('…'), Ruby require '…').
	stringUse func(c *collector, i int)
	// Assignments: multiAssign binds every name of `a, b := …`; destructuring reads `{ a, b } = …`;
	// kwargsInParens means `=` inside parentheses passes a keyword argument (Python), not an
	// assignment; annotations declares `name: Type = …`, after one of declKeywords or at a line start
	// when declKeywords is set (TS), anywhere otherwise (Python); arrowFunctions marks
	// `const f = (…) => …` and `= function` as local definitions; varSigil is the byte every variable
	// starts with ('$' in PHP), so `Type $name` declares and `Type name` does not.
	multiAssign, destructuring, kwargsInParens, annotations, arrowFunctions bool
	declKeywords                                                            map[string]bool
	varSigil                                                                byte

	// Member chains.
	//
	// seps are the separators between a receiver and its member beyond ".", "?." and "&."
	// (sepArrow "->" "?->", sepColons "::", sepBackslash "\").
	seps sepMask
	// nonNull: a postfix `!` (TS non-null assertion) may stand before a separator.
	nonNull bool
	// newMember is the member that constructs (Ruby `.new`).
	newMember string
	// parenless: methods are called without parentheses (Ruby `list_users limit: 5`).
	parenless bool
	// composite: `T{…}` constructs a T (Go composite literals always; C# object initializers after
	// new).
	composite compositeRule
	// loaders are calls that evaluate to a package: JS require("…") and import("…").
	loaders map[string]bool
	// specifier evaluates a package written as a string in a loader call.
	specifier func(spec string) value

	// Names of the SDK.
	//
	// sdkName is what the bare word WorkOS is: the client class (JS, Java), the SDK namespace (Ruby,
	// PHP, Python, C#), or nothing known (Go, where it is not an SDK name).
	sdkName vkind
	// moduleClasses: a capitalised name that is a module is the module's class (UserManagement,
	// UserManagementService); not in JS and Go, where modules are lower-case members or packages.
	moduleClasses bool
	// moduleSuffixes are endings of module class names that are not part of the module
	// (Java's UserManagementApi).
	moduleSuffixes []string
	// nsClientClass and nsClient are the SDK namespace's members that are the client class (Ruby
	// WorkOS::Client) and a client instance (Python workos.client).
	nsClientClass, nsClient string
	// moduleSelf reports whether a member of a module is the module again (Go usermanagement.Client,
	// usermanagement.NewClient(…)).
	moduleSelf func(name string) bool
	// qualifiedSDK is the separator of qualified names that start at the SDK's namespace whatever
	// the bare name was imported as (PHP WorkOS\SSO, \WorkOS\SSO).
	qualifiedSDK string
	// evalImport evaluates an imported name.
	evalImport func(r *resolver, imp importRef) value
	// typesBeforeNames: declarations are written `Type name` (Java, C#), so a bare capitalised name
	// before a name may be an SDK type.
	typesBeforeNames bool
	// optionsNamedAfterCalls: the SDK names a call's options class after the call
	// (ListDirectoryUsersOptions) even where the docs spell the type differently.
	optionsNamedAfterCalls bool
	// notMethods are member names that are never calls to report as unknown (Ruby new, PHP ::class).
	notMethods map[string]bool

	// Options.
	//
	// kwargSep follows a keyword argument's name in a call (Python "=", Ruby/PHP/C# ":"; "" none);
	// namedArgs: the keywords name the call's parameters themselves (C#), not its options.
	kwargSep  string
	namedArgs bool
	// literal is the syntax of the key-value literal passed as options (JS/Ruby `{ key: … }`,
	// Python `{"key": …}`, PHP `['key' => …]`); literal.open 0: none.
	literal literalRule
	// typedLiteral recognises a literal whose type names the options: Go `CreateUserOpts{…}`, C#
	// `new CreateUserOptions { … }`.
	typedLiteral func(r *resolver, open int) (container, bool)
	// labels: a key written `email:` has no space before its colon (Ruby); hashRockets: `:email =>`
	// and `'email' =>` keys too (Ruby); shorthand: `{ email }` names email (JS).
	labels, hashRockets, shorthand bool
	// keyQuote is the quote completion writes around string keys.
	keyQuote byte

	// Across files and functions.
	//
	// fnShape finds a definition's body and return type (defs.go: braceShape, indentShape).
	fnShape func(r *resolver, d defn) fnShape
	// lambdas: function expressions (`(…) => …`, `function (…) {…}`); objectLiterals: `{ a, b: c }`
	// is an object whose keys are members (JS); indentBlocks: blocks are indented lines (Python,
	// Ruby); wordOr: `or` joins alternatives (Python, Ruby).
	lambdas, objectLiterals, indentBlocks, wordOr bool
	// exportOf is what the file exports under a name beyond its top-level names (JS export forms,
	// CommonJS), and moduleExports what loading it gives when that is not its namespace (CommonJS
	// module.exports); nil: the top-level names are the exports.
	exportOf      func(r *resolver, name string) (value, bool)
	moduleExports func(r *resolver) (value, bool)
	// exported tells whether other files can name a top-level name (nil: every name).
	exported func(name string) bool

	// Completion.
	//
	// lineEndsChain: a newline outside brackets ends a member chain (Python),
	// so `client.module.` on one line offers nothing on the next; JS, Go and Ruby chains go on.
	lineEndsChain bool
	// namespaceModules: the SDK namespace offers module classes after its separator (Ruby
	// WorkOS::, PHP WorkOS\); JS and Python namespaces export clients and functions.
	namespaceModules bool
	// classNamesFrom is the language whose SDK spells the module classes as this one does (PHP,
	// Python and JS name them as Ruby does: WorkOS\UserManagement), or "".
	classNamesFrom corpus.Language
}

// lexTable is what the lexer needs of a language, flattened into fields and byte tables so that the
// hot loops read a field instead of asking.
type lexTable struct {
	// cls is byteClass with only this language's comment, string and sigil starts (built by
	// register from the fields below).
	cls [256]uint8
	// slashComments: // and /* */; hashComments: # to the end of the line (not `#[` when
	// hashAttributes); blockBegin: Ruby =begin … =end.
	slashComments, hashComments, hashAttributes, blockBegin bool
	// strings consumes a string-like literal starting at lx.i if there is one; stringStarts are the
	// bytes that may start one (identifier bytes when stringPrefixes).
	strings        func(lx *lexer) bool
	stringStarts   string
	stringPrefixes bool // Python r"", f"": an identifier may be a string prefix
	// openTags: code sits between <?php and ?> (PHP).
	openTags bool
	// Sigils: dollarAlways ($ starts an identifier: JS), dollarVars ($x: PHP, Ruby), atVars (@x,
	// @@x: Ruby; @x: C#), atClassVars (@@x), hashPrivate (#x: JS); dollarInIdent ($ inside names:
	// JS); predicates (valid?, save!: Ruby).
	dollarAlways, dollarVars, atVars, atClassVars, hashPrivate, dollarInIdent, predicates bool
	// symbols: :name is a symbol (Ruby).
	symbols bool
	// Interpolation inside double-quoted strings: hashInterp "#{…}" (Ruby), dollarInterp "$x"
	// (PHP: the value is not a plain literal); stringLines: strings end at a line break (C#).
	hashInterp, dollarInterp, stringLines bool
	// operators beyond the common ones: "&." (Ruby), "?->" (PHP), "<-" (Go), ":=" (Go, Python).
	safeNav, nullsafeArrow, chanArrow, walrus bool
	// lineJoin: a backslash right before a line break joins the two lines into one (Python,
	// Ruby), so the break does not end a chain or a statement.
	lineJoin bool
	// statementWords start a line only as a statement, never inside brackets (Python's def,
	// return, import…): a line starting with one closes the brackets left open above it, so that a
	// "(" just typed leaves the rest of the function, not the rest of the file, inside it.
	statementWords map[string]bool
}

type sepMask uint8

const (
	sepArrow     sepMask = 1 << iota // -> and ?->
	sepColons                        // ::
	sepBackslash                     // \
)

type compositeRule uint8

const (
	compositeNone     compositeRule = iota
	compositeAlways                 // Go: T{…}
	compositeAfterNew               // C#: new T { … }
)

type literalRule struct {
	open    byte   // '{' or '['; 0: none
	sep     string // what follows a key
	strKeys bool   // keys are string literals
}

var dialects = map[corpus.Language]*dialect{}

// register adds a language's dialect and derives its lookup tables.
func register(d *dialect) *dialect {
	t := &d.lex
	for c := range 256 {
		t.cls[c] = byteClass[c] &^ (clsComment | clsString | clsSigil)
	}
	if t.slashComments {
		t.cls['/'] |= clsComment
	}
	if t.hashComments {
		t.cls['#'] |= clsComment
	}
	if t.blockBegin {
		t.cls['='] |= clsComment
	}
	for i := range len(t.stringStarts) {
		t.cls[t.stringStarts[i]] |= clsString
	}
	if t.stringPrefixes {
		for c := range 256 {
			if byteClass[c]&clsIdentStart != 0 {
				t.cls[c] |= clsString
			}
		}
	}
	if t.dollarAlways || t.dollarVars {
		t.cls['$'] |= clsSigil
	}
	if t.atVars {
		t.cls['@'] |= clsSigil
	}
	if t.hashPrivate {
		t.cls['#'] |= clsSigil
	}
	for w, read := range d.keywords {
		d.kwByFirst[w[0]] = append(d.kwByFirst[w[0]], keywordReader{w, read})
	}
	dialects[d.lang] = d
	return d
}

// dialectOf is the language's dialect, or nil for languages sdkcall does not read.
func dialectOf(lang corpus.Language) *dialect { return dialects[lang] }

type keywordReader struct {
	word string
	read func(c *collector, i int) bool
}

// keyword is the statement reader the word w starts, or nil.
func (d *dialect) keyword(w string) func(c *collector, i int) bool {
	for _, k := range d.kwByFirst[w[0]] {
		if k.word == w {
			return k.read
		}
	}
	return nil
}
