package corpus

import (
	"bytes"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"
)

// splitFrontMatter separates the YAML block between the leading `---` lines from the MDX body.
// A page without front matter is all body.
func splitFrontMatter(src []byte) (front, body []byte, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	rest, ok := cutLine(src, "---")
	if !ok {
		return nil, src, nil
	}
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		next := len(rest) + 1
		if end >= 0 {
			line = rest[off : off+end]
			next = off + end + 1
		}
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], nil
		}
		off = next
	}
	return nil, src, errors.New("front matter has no closing ---")
}

// cutLine reports whether src starts with the line want and returns what follows it.
func cutLine(src []byte, want string) ([]byte, bool) {
	end := bytes.IndexByte(src, '\n')
	if end < 0 {
		return nil, false
	}
	if string(bytes.TrimRight(src[:end], " \t\r")) != want {
		return nil, false
	}
	return src[end+1:], true
}

// rawFront is the front matter as written. Reference entries stay yaml.Nodes so that one malformed
// entry is reported and skipped without losing the rest of the page.
type rawFront struct {
	Title        string               `yaml:"title"`
	Description  yaml.Node            `yaml:"description"`
	Descriptions yaml.Node            `yaml:"descriptions"`
	Reference    map[string]yaml.Node `yaml:"reference"`
}

type rawEntry struct {
	Key           string     `yaml:"key"`
	ID            string     `yaml:"id"`
	URL           string     `yaml:"url"`
	Title         string     `yaml:"title"`
	Type          string     `yaml:"type"`
	PatternBefore string     `yaml:"patternBefore"`
	Description   string     `yaml:"description"`
	Optional      bool       `yaml:"optional"`
	SendsEmail    bool       `yaml:"sendsEmail"`
	Parameters    []rawParam `yaml:"parameters"`
	Returns       []rawParam `yaml:"returns"`
	Properties    []rawParam `yaml:"properties"`
}

// rawParam is either a full parameter or a shorthand string such as "(ctx)" or "(User.id)".
type rawParam struct {
	Shorthand   string
	Key         string     `yaml:"key"`
	Type        string     `yaml:"type"`
	Optional    bool       `yaml:"optional"`
	Unwrap      bool       `yaml:"unwrap"`
	Expanded    bool       `yaml:"expanded"`
	Description string     `yaml:"description"`
	Properties  []rawParam `yaml:"properties"`
}

func (p *rawParam) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		p.Shorthand = n.Value
		return nil
	}
	type plain rawParam
	return n.Decode((*plain)(p))
}

// parseFront decodes front matter; entries that fail to decode become problems, not errors.
func parseFront(front []byte) (rawFront, map[Language][]rawEntry, []string, error) {
	var f rawFront
	if err := yaml.Unmarshal(front, &f); err != nil {
		return f, nil, nil, fmt.Errorf("front matter: %w", err)
	}
	var problems []string
	entries := map[Language][]rawEntry{}
	for lang, node := range f.Reference {
		if node.Kind != yaml.SequenceNode {
			problems = append(problems, fmt.Sprintf("reference.%s is not a list", lang))
			continue
		}
		for i, item := range node.Content {
			var e rawEntry
			if err := item.Decode(&e); err != nil {
				problems = append(problems, fmt.Sprintf("reference.%s[%d] (line %d): %v", lang, i, item.Line, err))
				continue
			}
			entries[Language(lang)] = append(entries[Language(lang)], e)
		}
	}
	return f, entries, problems, nil
}

// flattenDescriptions turns nested `descriptions:` maps into dotted keys: {user: {email: x}} → user.email.
func flattenDescriptions(n *yaml.Node, prefix string, out map[string]string) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if prefix != "" {
			key = prefix + "." + key
		}
		switch v := n.Content[i+1]; v.Kind {
		case yaml.ScalarNode:
			out[key] = v.Value
		case yaml.MappingNode:
			flattenDescriptions(v, key, out)
		}
	}
}
