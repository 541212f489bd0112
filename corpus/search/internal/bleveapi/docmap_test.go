package bleveapi

import (
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A mapping or a document the mapper does not support is an error, never a different document.
func TestDocMapperRefuses(t *testing.T) {
	static := func() (*mapping.IndexMappingImpl, *mapping.DocumentMapping) {
		im := mapping.NewIndexMapping()
		dm := mapping.NewDocumentStaticMapping()
		dm.AddFieldMappingsAt("a", mapping.NewTextFieldMapping())
		dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
		im.DefaultMapping = dm
		return im, dm
	}
	im, _ := static()
	if _, err := newDocMapper(im); err != nil {
		t.Fatalf("a static text mapping: %v", err)
	}
	for name, change := range map[string]func(*mapping.IndexMappingImpl, *mapping.DocumentMapping){
		"dynamic": func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) { dm.Dynamic = true },
		"_all":    func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) { delete(dm.Properties, "_all") },
		"number": func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) {
			dm.AddFieldMappingsAt("n", mapping.NewNumericFieldMapping())
		},
		"geo": func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) {
			dm.AddFieldMappingsAt("g", mapping.NewGeoPointFieldMapping())
		},
		"types": func(im *mapping.IndexMappingImpl, _ *mapping.DocumentMapping) {
			im.AddDocumentMapping("t", mapping.NewDocumentMapping())
		},
		"subdoc": func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) {
			sub := mapping.NewDocumentMapping()
			sub.AddFieldMappingsAt("x", mapping.NewTextFieldMapping())
			dm.AddSubDocumentMapping("s", sub)
		},
		"struct tag": func(_ *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) { dm.StructTagKey = "yaml" },
	} {
		im, dm := static()
		change(im, dm)
		if _, err := newDocMapper(im); err == nil {
			t.Errorf("%s: no error", name)
		}
	}

	// Unmapped fields of any type, "-" and pointers are fine; a field without a tag is named by Go.
	type ok struct {
		A    string
		Skip string `json:"-"`
		N    int    `json:"n"`
	}
	im, _ = static()
	for name, data := range map[string]interface{}{
		"map": map[string]interface{}{"a": "x"},
		"number": struct {
			A int `json:"a"`
		}{1},
		"nested": struct {
			A []struct{ B string } `json:"a"`
		}{},
		"string": "x",
		"embedded": struct {
			ok
		}{},
	} {
		if err := MapDocument(im, document.NewDocument("d"), data); err == nil {
			t.Errorf("%s document: no error", name)
		}
	}
	d := document.NewDocument("d")
	if err := MapDocument(im, d, &ok{A: "x", N: 1}); err != nil {
		t.Fatal(err)
	}
	if len(d.Fields) != 0 { // "A" is not the property "a"
		t.Errorf("fields %v", d.Fields)
	}
}
