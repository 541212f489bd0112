package sdkcall

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// bigFile generates a realistic file of about n lines using the SDK, with comments, strings and
// aliases, and returns it with a cursor offset on an SDK call near the end.
func bigFile(lang corpus.Language, n int) (string, int) {
	var b strings.Builder
	var head, unit string
	switch lang {
	case corpus.JS:
		head = jsHead + "const um = workos.userManagement;\n"
		unit = "// handler %[1]d: create a user, then list them\nexport async function handler%[1]d(req, res) {\n" +
			"  const { email, firstName } = req.body; const note = 'user %[1]d, \"quoted\" & ${x}';\n" +
			"  const user = await workos.userManagement.createUser({ email, firstName, password: `p-${req.id}` });\n" +
			"  const list = await um.listUsers({ limit: 10 });\n  if (req.event === 'dsync.user.created') { res.json(user.rawAttributes) }\n" +
			"  return res.status(200).json({ user, list, total: list.data.length / 2 });\n}\n"
	case corpus.Go:
		head = goHead
		unit = "// handler%[1]d creates a user.\nfunc handler%[1]d(ctx context.Context, email string) error {\n" +
			"\tnote := `raw %[1]d`\n\tuser, err := usermanagement.CreateUser(ctx, usermanagement.CreateUserOpts{\n\t\tEmail: email,\n\t\tFirstName: \"x\",\n\t})\n" +
			"\tif err != nil {\n\t\treturn fmt.Errorf(\"create %%d: %%w\", %[1]d, err)\n\t}\n\t_, _ = user, note\n" +
			"\tlist, err := directorysync.ListUsers(ctx, directorysync.ListUsersOpts{Directory: \"d\"})\n\t_ = list\n\treturn err\n}\n"
	case corpus.Python:
		head = pyHead
		unit = "# handler %[1]d\ndef handler_%[1]d(email: str):\n    \"\"\"Create a user.\n    It's documented here.\"\"\"\n" +
			"    user = workos_client.user_management.create_user(email=email, first_name=\"x\")\n" +
			"    users = workos_client.user_management.list_users(limit=10)\n" +
			"    if event.event == \"user.created\":\n        print(f\"{user.id} created {len(users.data)}\")\n    return user\n\n"
	}
	b.WriteString(head)
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, unit, i)
	}
	text := b.String()
	var marker string
	switch lang {
	case corpus.JS:
		marker = "createUser("
	case corpus.Go:
		marker = "CreateUser("
	case corpus.Python:
		marker = "create_user("
	}
	return text, strings.LastIndex(text, marker) + 3
}

var benchLangs = []corpus.Language{corpus.JS, corpus.Go, corpus.Python}

func BenchmarkAnalyze5000(b *testing.B) {
	for _, lang := range benchLangs {
		text, _ := bigFile(lang, 5000)
		b.Run(string(lang), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Analyze(lang, text)
			}
		})
	}
}

func BenchmarkQueries5000(b *testing.B) {
	s := testIndex(b)
	for _, lang := range benchLangs {
		text, off := bigFile(lang, 5000)
		f := Analyze(lang, text)
		if tg, ok := f.At(s, off); !ok || tg.Kind != TargetCall {
			b.Fatalf("%s: no call at the benchmark cursor", lang)
		}
		// The cursor inside the options of the last call, and right after its module receiver.
		inOpts := off + 10
		afterDot := off - 4
		b.Run(string(lang)+"/At", func(b *testing.B) {
			for b.Loop() {
				f.At(s, off)
			}
		})
		b.Run(string(lang)+"/Complete", func(b *testing.B) {
			for b.Loop() {
				f.Complete(s, afterDot)
			}
		})
		b.Run(string(lang)+"/Signature", func(b *testing.B) {
			for b.Loop() {
				f.Signature(s, inOpts)
			}
		})
		b.Run(string(lang)+"/Diagnostics", func(b *testing.B) {
			for b.Loop() {
				f.Diagnostics(s)
			}
		})
		b.Run(string(lang)+"/Links", func(b *testing.B) {
			for b.Loop() {
				f.Links(s)
			}
		})
	}
}

// TestPerformanceBudget is a coarse guard against accidental quadratic behaviour: generous limits,
// an order of magnitude above the measured numbers, so it does not flake on slow machines.
func TestPerformanceBudget(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test")
	}
	s := testIndex(t)
	// The fastest of several rounds: the machine may be busy with other work.
	fastest := func(rounds int, fn func()) time.Duration {
		best := time.Duration(1 << 62)
		for range rounds {
			start := time.Now()
			fn()
			best = min(best, time.Since(start))
		}
		return best
	}
	for _, lang := range benchLangs {
		text, off := bigFile(lang, 5000)
		var f *File
		if d := fastest(10, func() { f = Analyze(lang, text) }); d > 20*time.Millisecond {
			t.Errorf("%s: Analyze of 5000 lines took %v", lang, d)
		}
		if d := fastest(20, func() {
			f.At(s, off)
			f.Complete(s, off-4)
			f.Signature(s, off+10)
		}); d > time.Millisecond {
			t.Errorf("%s: At+Complete+Signature took %v", lang, d)
		}
	}
}

// typingSite is where the typing benchmark types: right after the receiver's dot of the middle
// SDK call in the file (`um.|listUsers`, `usermanagement.|CreateUser`, `user_management.|list_users`),
// so completion at the edit lists the module's methods.
func typingSite(lang corpus.Language, text string) int {
	marker := map[corpus.Language]string{corpus.JS: "um.listUsers", corpus.Go: "usermanagement.CreateUser(",
		corpus.Python: "user_management.list_users"}[lang]
	mid := len(text) / 2
	i := strings.Index(text[mid:], marker)
	return mid + i + strings.IndexByte(marker, '.') + 1
}

// BenchmarkTyping is keystroke → completion (issue 12): a one-character edit at a call site (a
// letter typed after the receiver's dot, then deleted again: two keystrokes per round), the
// analysis of the new version, and completion at the edit. p50/p99 are per keystroke. "full"
// analyses each version from scratch, "incremental" edits the previous version's analysis.
func BenchmarkTyping(b *testing.B) {
	s := testIndex(b)
	for _, lines := range []int{5000, 20000} {
		for _, lang := range benchLangs {
			text, _ := bigFile(lang, lines)
			at := typingSite(lang, text)
			typed := text[:at] + "c" + text[at:]
			for _, mode := range []string{"full", "incremental"} {
				b.Run(fmt.Sprintf("%s/%d/%s", lang, lines, mode), func(b *testing.B) {
					f := Analyze(lang, text)
					d := make([]time.Duration, 0, 1024)
					keystroke := func(next string, cursor int) {
						t0 := time.Now()
						if mode == "full" {
							f = Analyze(lang, next)
						} else {
							f = f.Edited(next, at, len(text)-at)
						}
						if _, ok := f.Complete(s, cursor); !ok {
							b.Fatalf("%s: no completion at the edit", lang)
						}
						d = append(d, time.Since(t0))
					}
					for b.Loop() {
						keystroke(typed, at+1)
						keystroke(text, at)
					}
					reportLatency(b, d)
				})
			}
		}
	}
}

// BenchmarkTypingBracket is a "(" typed and deleted again at the typing site: the bracket stays
// open, so every later token may change its parent. JS closes it at the enclosing "}", Go too,
// Python at the next line starting with a statement word (lexTable.statementWords).
func BenchmarkTypingBracket(b *testing.B) {
	for _, lines := range []int{5000, 20000} {
		for _, lang := range benchLangs {
			text, _ := bigFile(lang, lines)
			at := typingSite(lang, text)
			typed := text[:at] + "(" + text[at:]
			b.Run(fmt.Sprintf("%s/%d", lang, lines), func(b *testing.B) {
				f := Analyze(lang, text)
				d := make([]time.Duration, 0, 1024)
				keystroke := func(next string) {
					t0 := time.Now()
					f = f.Edited(next, at, len(text)-at)
					d = append(d, time.Since(t0))
				}
				for b.Loop() {
					keystroke(typed)
					keystroke(text)
				}
				reportLatency(b, d)
			})
		}
	}
}

// reportLatency reports the median and the 99th percentile of d.
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	q := func(p float64) float64 { return float64(d[int(float64(len(d)-1)*p)].Nanoseconds()) / 1e3 }
	b.ReportMetric(q(0.50), "p50-µs")
	b.ReportMetric(q(0.99), "p99-µs")
}
