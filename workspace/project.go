package workspace

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
)

// Project is a directory with one or more manifests: a package, a module, an app.
type Project struct {
	Root      string
	Manifests []*Manifest // sorted by path
	// Languages are the languages whose manifests are here.
	Languages []corpus.Language
	// SDKs are the languages whose WorkOS SDK these manifests depend on; SDKDeps say which package.
	SDKs    []corpus.Language
	SDKDeps []SDKDep
	// Parent is the root of the nearest enclosing project ("" for none): the monorepo root of a
	// workspace package, the go.work of a module, the settings.gradle of a subproject.
	Parent string
}

// Has tells whether the project has a manifest of the language.
func (p *Project) Has(lang corpus.Language) bool { return slices.Contains(p.Languages, lang) }

// DependsOn tells whether the project's own manifests depend on the language's WorkOS SDK.
func (p *Project) DependsOn(lang corpus.Language) bool { return slices.Contains(p.SDKs, lang) }

// manifestOf returns the project's first manifest of a kind.
func (p *Project) manifestOf(kind ManifestKind) *Manifest {
	for _, m := range p.Manifests {
		if m.Kind == kind {
			return m
		}
	}
	return nil
}

// buildProjects groups the manifests by project root and links each project to its parent.
func buildProjects(manifests pmap[*Manifest]) map[string]*Project {
	projects := map[string]*Project{}
	manifests.each(func(_ string, m *Manifest) bool {
		if !m.definesProject() {
			return true
		}
		p := projects[m.Root]
		if p == nil {
			p = &Project{Root: m.Root}
			projects[m.Root] = p
		}
		p.Manifests = append(p.Manifests, m)
		return true
	})
	for _, p := range projects {
		slices.SortFunc(p.Manifests, func(a, b *Manifest) int { return cmp.Compare(a.Path, b.Path) })
		for _, m := range p.Manifests {
			if !slices.Contains(p.Languages, m.Lang) {
				p.Languages = append(p.Languages, m.Lang)
			}
			for _, d := range m.SDKDeps {
				p.SDKDeps = append(p.SDKDeps, d)
				if !slices.Contains(p.SDKs, d.Lang) {
					p.SDKs = append(p.SDKs, d.Lang)
				}
			}
		}
		slices.Sort(p.Languages)
		slices.Sort(p.SDKs)
		for dir := filepath.Dir(p.Root); ; dir = filepath.Dir(dir) {
			if _, ok := projects[dir]; ok {
				p.Parent = dir
				break
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	return projects
}

func sortDeps(deps []SDKDep) {
	slices.SortFunc(deps, func(a, b SDKDep) int { return cmp.Compare(a.Name, b.Name) })
}

// sortPrefixes puts the longest namespace prefix first, as composer tries them.
func sortPrefixes(p []prefixDirs) {
	slices.SortFunc(p, func(a, b prefixDirs) int {
		if c := cmp.Compare(len(b.prefix), len(a.prefix)); c != 0 {
			return c
		}
		return strings.Compare(a.prefix, b.prefix)
	})
}
