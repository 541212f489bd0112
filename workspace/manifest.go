package workspace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/tailscale/hujson"
	"github.com/workos-lsp/workos-lsp/corpus"
	"golang.org/x/mod/modfile"
)

// ManifestKind is the kind of a project manifest or configuration file.
type ManifestKind uint8

const (
	PackageJSON ManifestKind = iota + 1
	TSConfig                 // tsconfig.json, tsconfig.*.json, jsconfig.json: configuration, not a project
	GoMod
	GoWork
	PyProject
	Requirements // requirements*.txt, requirements/*.txt
	Pipfile
	SetupCfg
	SetupPy
	Gemfile
	Gemspec
	ComposerJSON
	PomXML
	Gradle         // build.gradle, build.gradle.kts
	GradleSettings // settings.gradle(.kts): the root of a multi-project build
	VersionCatalog // gradle/libs.versions.toml
	CSProj
	PackagesConfig // NuGet packages.config
)

// Manifest is one parsed manifest. Its parsed content is private: the resolvers read it.
type Manifest struct {
	Path string
	Kind ManifestKind
	Lang corpus.Language
	// Root is the project directory the manifest describes (the parent of gradle/ for a version
	// catalog, of requirements/ for requirements/base.txt).
	Root string
	// SDKDeps are the WorkOS SDKs it depends on.
	SDKDeps []SDKDep
	// Err is set when the manifest could not be parsed; what could be read is still used.
	Err error

	pkg      *packageJSON
	ts       []tsconfigLink // the extends chain, this file first
	gomod    *goModule
	gowork   []string // module directories a go.work uses
	composer *composerAutoload
}

// SDKDep is one dependency on a WorkOS SDK as a manifest declares it.
type SDKDep struct {
	Lang    corpus.Language
	Name    string // "@workos-inc/node", "github.com/workos/workos-go/v4", "workos", "com.workos:workos"…
	Version string // as written, "" when none
}

// definesProject tells whether the manifest makes its directory a project root.
func (m *Manifest) definesProject() bool { return m.Kind != TSConfig }

// manifestKind recognises a manifest by its path.
func manifestKind(path string) (ManifestKind, corpus.Language, bool) {
	name := filepath.Base(path)
	lower := strings.ToLower(name)
	parent := filepath.Base(filepath.Dir(path))
	switch {
	case name == "package.json":
		return PackageJSON, corpus.JS, true
	case lower == "jsconfig.json" || (strings.HasPrefix(lower, "tsconfig") && strings.HasSuffix(lower, ".json")):
		return TSConfig, corpus.JS, true
	case name == "go.mod":
		return GoMod, corpus.Go, true
	case name == "go.work":
		return GoWork, corpus.Go, true
	case name == "pyproject.toml":
		return PyProject, corpus.Python, true
	case strings.HasPrefix(lower, "requirements") && strings.HasSuffix(lower, ".txt"),
		parent == "requirements" && strings.HasSuffix(lower, ".txt"):
		return Requirements, corpus.Python, true
	case name == "Pipfile":
		return Pipfile, corpus.Python, true
	case name == "setup.cfg":
		return SetupCfg, corpus.Python, true
	case name == "setup.py":
		return SetupPy, corpus.Python, true
	case name == "Gemfile":
		return Gemfile, corpus.Ruby, true
	case strings.HasSuffix(name, ".gemspec"):
		return Gemspec, corpus.Ruby, true
	case name == "composer.json":
		return ComposerJSON, corpus.PHP, true
	case name == "pom.xml":
		return PomXML, corpus.Java, true
	case name == "build.gradle" || name == "build.gradle.kts":
		return Gradle, corpus.Java, true
	case name == "settings.gradle" || name == "settings.gradle.kts":
		return GradleSettings, corpus.Java, true
	case name == "libs.versions.toml" && parent == "gradle":
		return VersionCatalog, corpus.Java, true
	case strings.HasSuffix(lower, ".csproj"):
		return CSProj, corpus.DotNet, true
	case lower == "packages.config":
		return PackagesConfig, corpus.DotNet, true
	}
	return 0, "", false
}

// parseManifest parses a manifest's text. fsys is used only to follow a tsconfig's extends.
func parseManifest(path string, data []byte, fsys FS) *Manifest {
	kind, lang, _ := manifestKind(path)
	m := &Manifest{Path: path, Kind: kind, Lang: lang, Root: filepath.Dir(path)}
	var err error
	switch kind {
	case PackageJSON:
		err = m.parsePackageJSON(data)
	case TSConfig:
		m.ts, err = loadTSConfigChain(path, data, fsys)
	case GoMod:
		err = m.parseGoMod(data)
	case GoWork:
		err = m.parseGoWork(data)
	case PyProject:
		err = m.parsePyProject(data)
	case Requirements:
		if filepath.Base(filepath.Dir(path)) == "requirements" {
			m.Root = filepath.Dir(m.Root)
		}
		m.parseRequirements(data)
	case Pipfile:
		err = m.parsePipfile(data)
	case SetupCfg:
		m.parseSetupCfg(data)
	case SetupPy:
		for _, match := range setupPyDep.FindAllSubmatch(data, -1) {
			m.addPython(string(match[1]))
		}
	case Gemfile:
		m.scanRuby(data, gemfileDep)
	case Gemspec:
		m.scanRuby(data, gemspecDep)
	case ComposerJSON:
		err = m.parseComposer(data)
	case PomXML:
		err = m.parsePom(data)
	case Gradle:
		m.parseGradle(data)
	case GradleSettings:
	case VersionCatalog:
		m.Root = filepath.Dir(m.Root)
		err = m.parseVersionCatalog(data)
	case CSProj, PackagesConfig:
		err = m.parseNuGet(data)
	}
	if err != nil {
		m.Err = fmt.Errorf("parse %s: %w", path, err)
	}
	return m
}

// --- JavaScript -----------------------------------------------------------------------------

type packageJSON struct {
	Name                 string            `json:"name"`
	Main                 string            `json:"main"`
	Module               string            `json:"module"`
	Types                string            `json:"types"`
	Typings              string            `json:"typings"`
	Exports              json.RawMessage   `json:"exports"`
	Imports              json.RawMessage   `json:"imports"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
}

func (m *Manifest) parsePackageJSON(data []byte) error {
	var p packageJSON
	if err := json.Unmarshal(data, &p); err != nil {
		// npm refuses a package.json with comments, but editors write them mid-edit: read it leniently.
		std, herr := hujson.Standardize(bytes.Clone(data))
		if herr != nil || json.Unmarshal(std, &p) != nil {
			return err
		}
	}
	m.pkg = &p
	for _, deps := range []map[string]string{p.Dependencies, p.DevDependencies, p.PeerDependencies, p.OptionalDependencies} {
		for name, version := range deps {
			if strings.HasPrefix(name, "@workos-inc/") {
				m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.JS, Name: name, Version: version})
			}
		}
	}
	sortDeps(m.SDKDeps)
	return nil
}

// --- Go -------------------------------------------------------------------------------------

type goModule struct {
	Path     string
	Replaces map[string]string // module path → absolute directory of a local replacement
}

var goSDKModule = regexp.MustCompile(`^github\.com/workos/workos-go(/v[0-9]+)?$`)

func (m *Manifest) parseGoMod(data []byte) error {
	f, err := modfile.Parse(m.Path, data, nil)
	if err != nil {
		// A go.mod mid-edit still names its module: read what the lax parser can.
		if f, err = modfile.ParseLax(m.Path, data, nil); err != nil {
			return err
		}
	}
	mod := &goModule{Replaces: map[string]string{}}
	if f.Module != nil {
		mod.Path = f.Module.Mod.Path
	}
	for _, r := range f.Require {
		if goSDKModule.MatchString(r.Mod.Path) {
			m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Go, Name: r.Mod.Path, Version: r.Mod.Version})
		}
	}
	for _, r := range f.Replace {
		if modfile.IsDirectoryPath(r.New.Path) {
			mod.Replaces[r.Old.Path] = absJoin(m.Root, r.New.Path)
		}
	}
	m.gomod = mod
	return nil
}

func (m *Manifest) parseGoWork(data []byte) error {
	f, err := modfile.ParseWork(m.Path, data, nil)
	if err != nil {
		return err
	}
	for _, u := range f.Use {
		m.gowork = append(m.gowork, absJoin(m.Root, u.Path))
	}
	return nil
}

func absJoin(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	// The common case, "./src/lib/workos", needs no Clean: resolution joins thousands of these
	// while finding a file's dependants.
	rest := strings.TrimPrefix(p, "."+string(filepath.Separator))
	if rest != "" && rest[0] != '.' && !strings.Contains(rest, string(filepath.Separator)+".") &&
		!strings.Contains(rest, string(filepath.Separator)+string(filepath.Separator)) &&
		!strings.HasSuffix(rest, string(filepath.Separator)) {
		return dir + string(filepath.Separator) + rest
	}
	return filepath.Join(dir, p)
}

// --- Python ---------------------------------------------------------------------------------

// pep508Name is the distribution name at the start of a PEP 508 requirement.
var pep508Name = regexp.MustCompile(`^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)`)

var pep503Separators = regexp.MustCompile(`[-_.]+`)

func normalizePythonName(s string) string {
	return strings.ToLower(pep503Separators.ReplaceAllString(s, "-"))
}

// addPython records req when it names the workos distribution (PEP 503 normalised).
func (m *Manifest) addPython(req string) {
	match := pep508Name.FindStringSubmatch(req)
	if match == nil || normalizePythonName(match[1]) != "workos" {
		return
	}
	version := strings.TrimSpace(req[len(match[0]):])
	m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Python, Name: "workos", Version: version})
}

func (m *Manifest) parseRequirements(data []byte) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-") {
			continue
		}
		m.addPython(line)
	}
}

type pyProjectTOML struct {
	Project struct {
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"` // PEP 735; entries may be include tables
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		UV struct {
			DevDependencies []string `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

func (m *Manifest) parsePyProject(data []byte) error {
	var p pyProjectTOML
	if err := toml.Unmarshal(data, &p); err != nil {
		return err
	}
	reqs := append([]string(nil), p.Project.Dependencies...)
	for _, group := range p.Project.OptionalDependencies {
		reqs = append(reqs, group...)
	}
	for _, group := range p.DependencyGroups {
		for _, r := range group {
			if s, ok := r.(string); ok {
				reqs = append(reqs, s)
			}
		}
	}
	reqs = append(reqs, p.Tool.UV.DevDependencies...)
	for _, r := range reqs {
		m.addPython(r)
	}
	poetry := []map[string]any{p.Tool.Poetry.Dependencies, p.Tool.Poetry.DevDependencies}
	for _, g := range p.Tool.Poetry.Group {
		poetry = append(poetry, g.Dependencies)
	}
	for _, deps := range poetry {
		m.addPythonTable(deps)
	}
	sortDeps(m.SDKDeps)
	return nil
}

// addPythonTable reads a Poetry or Pipfile table: name = "version" or name = { version = … }.
func (m *Manifest) addPythonTable(deps map[string]any) {
	for name, spec := range deps {
		if normalizePythonName(name) != "workos" {
			continue
		}
		version := ""
		switch v := spec.(type) {
		case string:
			version = v
		case map[string]any:
			version, _ = v["version"].(string)
		}
		m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Python, Name: "workos", Version: version})
	}
}

func (m *Manifest) parsePipfile(data []byte) error {
	var p struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
	}
	if err := toml.Unmarshal(data, &p); err != nil {
		return err
	}
	m.addPythonTable(p.Packages)
	m.addPythonTable(p.DevPackages)
	return nil
}

// parseSetupCfg reads install_requires and extras_require of a setup.cfg. No INI library in the
// module proxy reads setuptools' dangling-list values the way setuptools does, so this follows
// its rule directly: a key's value continues on the indented lines below it.
func (m *Manifest) parseSetupCfg(data []byte) {
	section, key := "", ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section, key = strings.TrimSpace(line[1:len(line)-1]), ""
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		value := line
		if !indented {
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				k, v, ok = strings.Cut(line, ":")
			}
			if !ok {
				key = ""
				continue
			}
			key, value = strings.TrimSpace(k), strings.TrimSpace(v)
		}
		if (section == "options" && key == "install_requires") || section == "options.extras_require" {
			m.addPython(value)
		}
	}
}

// setupPyDep finds a requirement string naming workos in a setup.py (best effort: setup.py is a
// program, and its install_requires may be computed).
var setupPyDep = regexp.MustCompile(`["'](\s*[Ww][Oo][Rr][Kk][Oo][Ss]\s*(?:[\[<>=!~;@][^"'\n]*)?)["']`)

// --- Ruby -----------------------------------------------------------------------------------

// No Go library parses Gemfile's Ruby DSL; these match the gem's declaration line, which Bundler
// requires to name the gem as a string literal.
var (
	gemfileDep = regexp.MustCompile(`(?m)^\s*gem\s*\(?\s*["']workos["']\s*(?:,\s*["']([^"']*)["'])?`)
	gemspecDep = regexp.MustCompile(`(?m)^\s*\w+\.add_(?:runtime_|development_)?dependency\s*\(?\s*["']workos["']\s*(?:,\s*["']([^"']*)["'])?`)
)

func (m *Manifest) scanRuby(data []byte, re *regexp.Regexp) {
	for _, match := range re.FindAllSubmatch(data, -1) {
		m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Ruby, Name: "workos", Version: string(match[1])})
	}
}

// --- PHP ------------------------------------------------------------------------------------

type composerAutoload struct {
	psr4     []prefixDirs // longest prefix first
	psr0     []prefixDirs
	classmap []string // absolute files or directories
}

type prefixDirs struct {
	prefix string // namespace prefix with trailing backslash, "" for the fallback
	dirs   []string
}

type composerJSON struct {
	Require    map[string]string `json:"require"`
	RequireDev map[string]string `json:"require-dev"`
	Autoload   composerSection   `json:"autoload"`
	AutoloadD  composerSection   `json:"autoload-dev"`
}

type composerSection struct {
	PSR4     map[string]stringOrList `json:"psr-4"`
	PSR0     map[string]stringOrList `json:"psr-0"`
	Classmap []string                `json:"classmap"`
}

// stringOrList is composer's "one path or a list of paths".
type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	err := json.Unmarshal(b, &many)
	*s = many
	return err
}

func (m *Manifest) parseComposer(data []byte) error {
	var c composerJSON
	if err := json.Unmarshal(data, &c); err != nil {
		return err
	}
	for _, deps := range []map[string]string{c.Require, c.RequireDev} {
		for name, version := range deps {
			if strings.HasPrefix(strings.ToLower(name), "workos/workos-php") {
				m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.PHP, Name: name, Version: version})
			}
		}
	}
	sortDeps(m.SDKDeps)
	a := &composerAutoload{}
	for _, sec := range []composerSection{c.Autoload, c.AutoloadD} {
		a.psr4 = appendPrefixes(a.psr4, sec.PSR4, m.Root)
		a.psr0 = appendPrefixes(a.psr0, sec.PSR0, m.Root)
		for _, p := range sec.Classmap {
			a.classmap = append(a.classmap, absJoin(m.Root, p))
		}
	}
	sortPrefixes(a.psr4)
	sortPrefixes(a.psr0)
	m.composer = a
	return nil
}

func appendPrefixes(to []prefixDirs, from map[string]stringOrList, root string) []prefixDirs {
	for prefix, dirs := range from {
		pd := prefixDirs{prefix: prefix}
		for _, d := range dirs {
			pd.dirs = append(pd.dirs, absJoin(root, d))
		}
		to = append(to, pd)
	}
	return to
}

// --- Java -----------------------------------------------------------------------------------

// parsePom finds <dependency> elements with groupId com.workos anywhere in the POM (dependencies,
// dependencyManagement, profiles).
func (m *Manifest) parsePom(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var stack []string
	var group, artifact, version string
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if t.Name.Local == "dependency" {
				group, artifact, version = "", "", ""
			}
		case xml.CharData:
			if len(stack) >= 2 && stack[len(stack)-2] == "dependency" {
				text := strings.TrimSpace(string(t))
				switch stack[len(stack)-1] {
				case "groupId":
					group = text
				case "artifactId":
					artifact = text
				case "version":
					version = text
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			if t.Name.Local == "dependency" && group == "com.workos" {
				m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Java, Name: group + ":" + artifact, Version: version})
			}
		}
	}
}

// No Go library parses Groovy or Kotlin build scripts; Gradle requires a dependency's coordinates
// as a string ("com.workos:workos:4.0.0") or a group: argument, which these match.
var (
	gradleCoordinate = regexp.MustCompile(`["'](com\.workos:[\w.-]+)(?::([^"'\s]+))?["']`)
	gradleGroup      = regexp.MustCompile(`group\s*[:=]\s*["']com\.workos["']\s*,\s*(?:name|module)\s*[:=]\s*["']([\w.-]+)["']`)
	gradleComment    = regexp.MustCompile(`(?m)//.*$|(?s)/\*.*?\*/`)
)

func (m *Manifest) parseGradle(data []byte) {
	data = gradleComment.ReplaceAll(data, nil)
	for _, match := range gradleCoordinate.FindAllSubmatch(data, -1) {
		m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Java, Name: string(match[1]), Version: string(match[2])})
	}
	for _, match := range gradleGroup.FindAllSubmatch(data, -1) {
		m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Java, Name: "com.workos:" + string(match[1])})
	}
}

func (m *Manifest) parseVersionCatalog(data []byte) error {
	var c struct {
		Libraries map[string]any `toml:"libraries"`
	}
	if err := toml.Unmarshal(data, &c); err != nil {
		return err
	}
	for _, lib := range c.Libraries {
		var coordinate string
		switch v := lib.(type) {
		case string:
			coordinate = v
		case map[string]any:
			if mod, ok := v["module"].(string); ok {
				coordinate = mod
			} else if g, _ := v["group"].(string); g != "" {
				name, _ := v["name"].(string)
				coordinate = g + ":" + name
			}
		}
		if strings.HasPrefix(coordinate, "com.workos:") {
			parts := strings.SplitN(coordinate, ":", 3)
			m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.Java, Name: parts[0] + ":" + parts[1]})
		}
	}
	sortDeps(m.SDKDeps)
	return nil
}

// --- C# -------------------------------------------------------------------------------------

// parseNuGet finds WorkOS.net in a project's PackageReference items or a packages.config.
func (m *Manifest) parseNuGet(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		start, ok := tok.(xml.StartElement)
		if !ok || (start.Name.Local != "PackageReference" && start.Name.Local != "package") {
			continue
		}
		var name, version string
		for _, a := range start.Attr {
			switch strings.ToLower(a.Name.Local) {
			case "include", "update", "id":
				name = a.Value
			case "version":
				version = a.Value
			}
		}
		if strings.EqualFold(name, "WorkOS.net") {
			m.SDKDeps = append(m.SDKDeps, SDKDep{Lang: corpus.DotNet, Name: name, Version: version})
		}
	}
}
