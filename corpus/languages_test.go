package corpus

import "testing"

func TestLanguageTable(t *testing.T) {
	seen := map[Language]bool{}
	for _, l := range Languages {
		seen[l.ID] = true
		names := append([]string{string(l.ID), l.Name, l.Fence}, l.Aliases...)
		names = append(names, l.LSPIDs...)
		for _, f := range l.FenceTags {
			names = append(append(names, f.Tag), f.Spellings...)
		}
		for _, n := range names {
			if got, ok := ParseLanguage(n); !ok || got != l.ID {
				t.Errorf("ParseLanguage(%q) = %q, %v; want %q", n, got, ok, l.ID)
			}
		}
		for _, id := range l.LSPIDs {
			if got, ok := LanguageOfLSPID(id); !ok || got != l.ID {
				t.Errorf("LanguageOfLSPID(%q) = %q", id, got)
			}
		}
		for _, e := range l.Extensions {
			if got, ok := LanguageOfPath("src/app/file" + e); !ok || got != l.ID {
				t.Errorf("LanguageOfPath(%q) = %q", e, got)
			}
		}
	}
	for _, l := range ReferenceLanguages {
		if !seen[l] {
			t.Errorf("%s is not in the table", l)
		}
	}
}

func TestLanguageNames(t *testing.T) {
	parse := map[string]Language{"bash": Curl, "Shell": Curl, "shellscript": Curl, "http": Curl, "TypeScript": JS,
		"typescriptreact": JS, "tsx": JS, "node": JS, "golang": Go, "py": Python, "rb": Ruby, "C#": DotNet, ".NET": DotNet,
		"csharp": DotNet, " java ": Java, "cURL": Curl}
	for in, want := range parse {
		if got, ok := ParseLanguage(in); !ok || got != want {
			t.Errorf("ParseLanguage(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "kotlin", "yaml", "text", "c"} {
		if got, ok := ParseLanguage(in); ok {
			t.Errorf("ParseLanguage(%q) = %q", in, got)
		}
	}
	paths := map[string]Language{"a/b.TSX": JS, "x.mts": JS, "main.go": Go, "types.pyi": Python, "C:\\proj\\A.cs": DotNet,
		"req.http": Curl, "Gemfile.rb": Ruby}
	for in, want := range paths {
		if got, ok := LanguageOfPath(in); !ok || got != want {
			t.Errorf("LanguageOfPath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"README.md", "Makefile", "go.mod", "a.kt", ".gitignore"} {
		if got, ok := LanguageOfPath(in); ok {
			t.Errorf("LanguageOfPath(%q) = %q", in, got)
		}
	}
	if JS.DisplayName() != "Node" || DotNet.DisplayName() != ".NET" || Curl.DisplayName() != "cURL" || Language("json").DisplayName() != "json" {
		t.Error("DisplayName")
	}
	if JS.CodeFence() != "ts" || DotNet.CodeFence() != "csharp" || Curl.CodeFence() != "http" || Go.CodeFence() != "go" {
		t.Error("CodeFence")
	}
	family := map[string]string{"tsx": "js", "JavaScript": "js", "node": "js", "sh": "curl", "bash": "curl", "console": "curl",
		"cs": "dotnet", "c#": "dotnet", "python3": "python", "yml": "yaml", "env": "text", "plaintext": "text", "kotlin": "kotlin"}
	for in, want := range family {
		if got := FenceFamily(in); got != want {
			t.Errorf("FenceFamily(%q) = %q, want %q", in, got, want)
		}
	}
}
