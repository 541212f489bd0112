package fetch

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

const (
	// PackageName is the npm package that ships the WorkOS docs.
	PackageName = "@workos/mcp-docs-server"
	// DefaultRegistry is used when neither the environment nor ~/.npmrc names a registry.
	DefaultRegistry = "https://registry.npmjs.org/"

	packageScope  = "@workos"
	publicNpmHost = "https://registry.npmjs.org/"
)

// ResolveRegistry finds the npm registry the way npm would for PackageName, in this order:
//
//  1. the environment: npm_config_@workos:registry, npm_config_registry, NPM_CONFIG_REGISTRY;
//  2. the user config file (npm_config_userconfig / NPM_CONFIG_USERCONFIG, else homeDir/.npmrc):
//     a scoped "@workos:registry=" line wins over a plain "registry=" line;
//  3. DefaultRegistry.
//
// The environment comes first because it is how a single invocation (or CI) overrides the user's
// config. getenv nil means os.Getenv. The result always ends in "/"; source says where it came from
// (an environment variable name, a file path, or "default") so errors can point at it.
func ResolveRegistry(getenv func(string) string, homeDir string) (registry, source string) {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, key := range []string{"npm_config_" + packageScope + ":registry", "npm_config_registry", "NPM_CONFIG_REGISTRY"} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return withTrailingSlash(v), key
		}
	}
	path := firstNonEmpty(getenv("npm_config_userconfig"), getenv("NPM_CONFIG_USERCONFIG"))
	if path == "" && homeDir != "" {
		path = filepath.Join(homeDir, ".npmrc")
	}
	if path != "" {
		// A missing or unreadable npmrc simply contributes nothing, as with npm.
		if data, err := os.ReadFile(path); err == nil {
			if v := parseNpmrcRegistry(string(data), getenv); v != "" {
				return withTrailingSlash(v), path
			}
		}
	}
	return DefaultRegistry, "default"
}

// parseNpmrcRegistry returns the registry an npmrc (ini syntax) sets for the @workos scope: the last
// "@workos:registry" value if any, else the last "registry" value, else "". ${VAR} references are
// expanded as npm does.
func parseNpmrcRegistry(content string, getenv func(string) string) string {
	var plain, scoped string
	for line := range strings.Lines(content) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' || line[0] == '[' {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key = expandEnv(strings.TrimSpace(key), getenv)
		value = expandEnv(unquoteIni(strings.TrimSpace(value)), getenv)
		switch key {
		case "registry":
			plain = value
		case packageScope + ":registry":
			scoped = value
		}
	}
	return firstNonEmpty(scoped, plain)
}

// unquoteIni strips the quotes npm's ini parser accepts around values.
func unquoteIni(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		if u, err := strconv.Unquote(v); err == nil {
			return u
		}
		return v[1 : len(v)-1]
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v[1 : len(v)-1]
	}
	return v
}

var envReference = regexp.MustCompile(`(\\*)\$\{([^${}]+)\}`)

// expandEnv replaces ${NAME} with the variable's value; a backslash-escaped \${NAME} stays literal.
func expandEnv(s string, getenv func(string) string) string {
	return envReference.ReplaceAllStringFunc(s, func(m string) string {
		sub := envReference.FindStringSubmatch(m)
		slashes, name := sub[1], sub[2]
		if len(slashes)%2 == 1 {
			return slashes[1:] + "${" + name + "}"
		}
		return slashes + getenv(name)
	})
}

// packumentURL joins the registry base (which may carry a path, as on Artifactory) and the escaped
// package name.
func packumentURL(registry string) (string, error) {
	u, err := url.Parse(registry)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("registry %q is not an http(s) URL", registry)
	}
	return withTrailingSlash(registry) + strings.Replace(PackageName, "/", "%2f", 1), nil
}

// tarballURL resolves dist.tarball against the packument URL and, like npm's default
// replace-registry-host=npmjs, points tarballs on the public registry at the configured one, so a
// mirror that only rewrites metadata still works behind a firewall.
func tarballURL(tarball, packument, registry string) (string, error) {
	base, err := url.Parse(packument)
	if err != nil {
		return "", err
	}
	ref, err := url.Parse(tarball)
	if err != nil {
		return "", fmt.Errorf("dist.tarball %q: %w", tarball, err)
	}
	resolved := base.ResolveReference(ref).String()
	if rest, ok := strings.CutPrefix(resolved, publicNpmHost); ok && withTrailingSlash(registry) != publicNpmHost {
		resolved = withTrailingSlash(registry) + rest
	}
	if u, _ := url.Parse(resolved); u == nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("dist.tarball %q is not an http(s) URL", tarball)
	}
	return resolved, nil
}

func withTrailingSlash(s string) string {
	if strings.HasSuffix(s, "/") {
		return s
	}
	return s + "/"
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
