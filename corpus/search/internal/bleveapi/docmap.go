package bleveapi

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// docMapper turns a document into its index fields the way bleve's IndexMappingImpl.MapDocument
// does, for the mappings this module has: one static default document mapping whose properties
// are text fields (any analyzer, stored or not, with or without term vectors), no composite _all
// field, documents that are structs of strings and string slices named by their json tags.
//
// Why not MapDocument: it also maps geo points and shapes, and calling it links bleve's geo
// packages (s2 and the geojson shapes, about 0.4 MB of the release binary) that this module never
// uses. The walk here follows MapDocument's for what it supports, so the fields are the same, in
// the same order, with the same array positions, options and analyzers (TestSameAsBleveRoot
// compares indexes built both ways); a mapping or a document it does not support is an error,
// never a silently different document.
type docMapper struct {
	props map[string][]textField // by property name

	mu    sync.Mutex
	types map[reflect.Type][]structField
}

// textField is one field a property is indexed as.
type textField struct {
	name     string
	options  index.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// structField is a field of a document struct and the property it is read as.
type structField struct {
	index int
	prop  string
}

func newDocMapper(m mapping.IndexMapping) (*docMapper, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok {
		return nil, fmt.Errorf("mapping %T is not supported", m)
	}
	dm := im.DefaultMapping
	switch {
	case len(im.TypeMapping) > 0:
		return nil, errors.New("type mappings are not supported")
	case dm == nil || !dm.Enabled:
		return nil, errors.New("a disabled default mapping is not supported")
	case dm.Dynamic:
		return nil, errors.New("a dynamic default mapping is not supported")
	case len(dm.Fields) > 0:
		return nil, errors.New("fields on the document itself are not supported")
	case dm.StructTagKey != "" && dm.StructTagKey != "json":
		return nil, fmt.Errorf("struct tag key %q is not supported", dm.StructTagKey)
	}
	if all, ok := dm.Properties["_all"]; !ok || all.Enabled {
		return nil, errors.New("a composite _all field is not supported (disable its mapping)")
	}
	dmap := &docMapper{props: map[string][]textField{}, types: map[reflect.Type][]structField{}}
	for name, p := range dm.Properties {
		if name == "_all" || !p.Enabled {
			continue
		}
		// A property's Dynamic flag only matters for objects under it, which are not supported.
		if len(p.Properties) > 0 || p.Nested {
			return nil, fmt.Errorf("property %q: sub-documents are not supported", name)
		}
		var fields []textField
		for _, fm := range p.Fields {
			if fm.Type != "text" {
				return nil, fmt.Errorf("property %q: %s fields are not supported", name, fm.Type)
			}
			// The analyzer as bleve picks it: the field's, else the closest document mapping's
			// default, else the index's default.
			an := fm.Analyzer
			if an == "" {
				an = p.DefaultAnalyzer
			}
			if an == "" {
				an = dm.DefaultAnalyzer
			}
			if an == "" {
				an = im.DefaultAnalyzer
			}
			a := im.AnalyzerNamed(an)
			if a == nil {
				return nil, fmt.Errorf("property %q: no analyzer named %q", name, an)
			}
			fname := name
			if fm.Name != "" {
				fname = fm.Name
			}
			fields = append(fields, textField{name: fname, options: fm.Options(), analyzer: a})
		}
		dmap.props[name] = fields
	}
	return dmap, nil
}

// structFields are t's fields that name a property, in declaration order (as bleve walks them):
// named by the json tag's name, or by the Go name without one; "-" is skipped. A field that names
// a property must be a string or a string slice.
func (dm *docMapper) structFields(t reflect.Type) ([]structField, error) {
	dm.mu.Lock()
	defer dm.mu.Unlock()
	if fs, ok := dm.types[t]; ok {
		return fs, nil
	}
	var fs []structField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous || !f.IsExported() {
			return nil, fmt.Errorf("%s: embedded or unexported field %s is not supported", t, f.Name)
		}
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		if _, mapped := dm.props[name]; !mapped {
			continue
		}
		switch {
		case f.Type.Kind() == reflect.String,
			f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
		default:
			return nil, fmt.Errorf("%s.%s: a %s property is not supported", t, f.Name, f.Type)
		}
		fs = append(fs, structField{index: i, prop: name})
	}
	dm.types[t] = fs
	return fs, nil
}

// mapDocument adds data's fields to doc. data is a struct or a pointer to one.
func (dm *docMapper) mapDocument(doc *document.Document, data interface{}) error {
	v := reflect.ValueOf(data)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return fmt.Errorf("a %T document is not supported", data)
	}
	fs, err := dm.structFields(v.Type())
	if err != nil {
		return err
	}
	add := func(prop, value string, positions []uint64) {
		for _, f := range dm.props[prop] {
			doc.AddField(document.NewTextFieldCustom(f.name, positions, []byte(value), f.options, f.analyzer))
		}
	}
	for _, f := range fs {
		fv := v.Field(f.index)
		if fv.Kind() == reflect.String {
			// bleve indexes empty strings too (it ignores omitempty): a field with no terms.
			add(f.prop, fv.String(), []uint64{})
			continue
		}
		for i := 0; i < fv.Len(); i++ {
			add(f.prop, fv.Index(i).String(), []uint64{uint64(i)})
		}
	}
	doc.SetIndexed()
	return nil
}

// MapDocument adds data's fields to doc as Batch.Index does (for comparing with bleve's
// IndexMappingImpl.MapDocument in tests).
func MapDocument(m mapping.IndexMapping, doc *document.Document, data interface{}) error {
	dm, err := newDocMapper(m)
	if err != nil {
		return err
	}
	return dm.mapDocument(doc, data)
}
