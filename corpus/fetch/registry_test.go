package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestResolveRegistry(t *testing.T) {
	cases := []struct {
		name       string
		env        map[string]string
		npmrc      string // written to HOME/.npmrc when non-empty
		want       string
		wantSource string // "npmrc" stands for the npmrc path
	}{
		{name: "default", want: DefaultRegistry, wantSource: "default"},
		{name: "env lower", env: map[string]string{"npm_config_registry": "https://mirror.test/npm"},
			want: "https://mirror.test/npm/", wantSource: "npm_config_registry"},
		{name: "env upper", env: map[string]string{"NPM_CONFIG_REGISTRY": "https://upper.test/"},
			want: "https://upper.test/", wantSource: "NPM_CONFIG_REGISTRY"},
		{name: "env scoped wins", env: map[string]string{"npm_config_registry": "https://a.test/", "npm_config_@workos:registry": "https://scoped.test/"},
			want: "https://scoped.test/", wantSource: "npm_config_@workos:registry"},
		{name: "env beats npmrc", env: map[string]string{"npm_config_registry": "https://env.test/"}, npmrc: "registry=https://rc.test/\n",
			want: "https://env.test/", wantSource: "npm_config_registry"},
		{name: "npmrc plain", npmrc: "; comment\n# comment\nfund=false\n  registry = https://rc.test/repo \n",
			want: "https://rc.test/repo/", wantSource: "npmrc"},
		{name: "npmrc scoped beats plain", npmrc: "@workos:registry=https://scoped.test/\nregistry=https://plain.test/\n",
			want: "https://scoped.test/", wantSource: "npmrc"},
		{name: "npmrc other scope ignored", npmrc: "@other:registry=https://other.test/\n",
			want: DefaultRegistry, wantSource: "default"},
		{name: "npmrc last wins", npmrc: "registry=https://one.test/\nregistry=https://two.test/\n",
			want: "https://two.test/", wantSource: "npmrc"},
		{name: "npmrc quoted", npmrc: `registry="https://quoted.test/"` + "\n",
			want: "https://quoted.test/", wantSource: "npmrc"},
		{name: "npmrc env expansion", env: map[string]string{"MIRROR": "mirror.test"}, npmrc: "registry=https://${MIRROR}/npm/\n",
			want: "https://mirror.test/npm/", wantSource: "npmrc"},
		{name: "npmrc escaped reference stays", npmrc: `registry=https://x.test/\${LITERAL}/` + "\n",
			want: "https://x.test/${LITERAL}/", wantSource: "npmrc"},
		{name: "npmrc CRLF and no registry", npmrc: "fund=false\r\naudit=false\r\n",
			want: DefaultRegistry, wantSource: "default"},
		{name: "npmrc empty value ignored", npmrc: "registry=\n",
			want: DefaultRegistry, wantSource: "default"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			rc := filepath.Join(home, ".npmrc")
			if tc.npmrc != "" {
				if err := os.WriteFile(rc, []byte(tc.npmrc), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, source := ResolveRegistry(envMap(tc.env), home)
			if tc.wantSource == "npmrc" {
				tc.wantSource = rc
			}
			if got != tc.want || source != tc.wantSource {
				t.Errorf("ResolveRegistry = %q from %q, want %q from %q", got, source, tc.want, tc.wantSource)
			}
		})
	}
}

func TestResolveRegistryUserconfigEnv(t *testing.T) {
	rc := filepath.Join(t.TempDir(), "custom-npmrc")
	os.WriteFile(rc, []byte("registry=https://custom.test/\n"), 0o600)
	got, source := ResolveRegistry(envMap(map[string]string{"npm_config_userconfig": rc}), t.TempDir())
	if got != "https://custom.test/" || source != rc {
		t.Errorf("got %q from %q", got, source)
	}
}

func TestTarballURL(t *testing.T) {
	const doc = "https://mirror.test/npm/@workos%2fmcp-docs-server"
	cases := []struct{ tarball, registry, want string }{
		{"https://mirror.test/npm/x.tgz", "https://mirror.test/npm/", "https://mirror.test/npm/x.tgz"},
		{"/npm/@workos/mcp-docs-server/-/x.tgz", "https://mirror.test/npm/", "https://mirror.test/npm/@workos/mcp-docs-server/-/x.tgz"},
		// npm's replace-registry-host=npmjs: public tarball URLs go through the configured registry.
		{"https://registry.npmjs.org/@workos/mcp-docs-server/-/mcp-docs-server-0.2.0.tgz", "https://mirror.test/npm/",
			"https://mirror.test/npm/@workos/mcp-docs-server/-/mcp-docs-server-0.2.0.tgz"},
		{"https://registry.npmjs.org/a.tgz", DefaultRegistry, "https://registry.npmjs.org/a.tgz"},
	}
	for _, tc := range cases {
		got, err := tarballURL(tc.tarball, doc, tc.registry)
		if err != nil || got != tc.want {
			t.Errorf("tarballURL(%q, %q) = %q, %v; want %q", tc.tarball, tc.registry, got, err, tc.want)
		}
	}
	if _, err := tarballURL("file:///etc/passwd", doc, "https://mirror.test/"); err == nil {
		t.Error("file: tarball URL accepted")
	}
	if _, err := packumentURL("ftp://x.test/"); err == nil {
		t.Error("ftp registry accepted")
	}
	if got, _ := packumentURL("https://r.test/a"); got != "https://r.test/a/@workos%2fmcp-docs-server" {
		t.Errorf("packumentURL = %q", got)
	}
}

func TestParseIntegrity(t *testing.T) {
	data := []byte("tarball bytes")
	for _, sri := range []string{
		sri512(data),
		sri256(data),
		"sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA= " + sri512(data),   // strongest supported token is used
		sri256([]byte("other")) + " " + sri512(data) + "?opt", // sha512 outranks a wrong sha256
	} {
		in, err := parseIntegrity(sri)
		if err != nil {
			t.Fatalf("parseIntegrity(%q): %v", sri, err)
		}
		if err := in.verify(data); err != nil {
			t.Errorf("verify with %q: %v", sri, err)
		}
		if err := in.verify([]byte("tampered")); !errors.Is(err, ErrIntegrity) {
			t.Errorf("tampered data with %q: err = %v, want ErrIntegrity", sri, err)
		}
	}
	for sri, want := range map[string]string{
		"":                                  "no dist.integrity",
		"sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=": "sha1 is not trusted",
		"md5-1B2M2Y8AsgTpgAmY7PhCfg==":      "unsupported integrity",
		"sha512-notbase64!!":                "malformed sha512",
		"sha256-AAAA":                       "malformed sha256",
	} {
		if _, err := parseIntegrity(sri); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseIntegrity(%q) error = %v, want it to mention %q", sri, err, want)
		}
	}
}

func TestSemverOrder(t *testing.T) {
	ordered := []string{"0.1.0", "0.2.0-alpha", "0.2.0-alpha.1", "0.2.0-alpha.beta", "0.2.0-beta.2", "0.2.0-beta.11", "0.2.0-rc.1", "0.2.0", "0.10.0", "1.0.0"}
	for i := 0; i+1 < len(ordered); i++ {
		if c := compareVersions(ordered[i], ordered[i+1]); c != -1 {
			t.Errorf("compare(%s, %s) = %d, want -1", ordered[i], ordered[i+1], c)
		}
		if c := compareVersions(ordered[i+1], ordered[i]); c != 1 {
			t.Errorf("compare(%s, %s) = %d, want 1", ordered[i+1], ordered[i], c)
		}
	}
	if compareVersions("1.0.0+build.1", "1.0.0") != 0 {
		t.Error("build metadata must not affect precedence")
	}
	for _, bad := range []string{"", "1", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3-a..b", "../1.2.3", "1.2.3/x", "^1.2.3", "1.2.3+"} {
		if _, ok := parseSemver(bad); ok {
			t.Errorf("parseSemver(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"v0.2.0": "0.2.0", "=0.2.0": "0.2.0", " 0.2.0 ": "0.2.0"} {
		if got, ok := normalizeVersion(in); !ok || got != want {
			t.Errorf("normalizeVersion(%q) = %q, %v", in, got, ok)
		}
	}
}
