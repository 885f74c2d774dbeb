package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// The OSCAL mapping-collection of a crosswalk (see the notes at the top of
// oscal.go). MappingCollection assembles the document from its parts,
// which follow it here in the document's order: metadata, provenance, the
// mapping (its maps, its no-counterpart props, its gap summaries) and
// back-matter.

type oscalMappingCollection struct {
	UUID       string           `json:"uuid"`
	Metadata   oscalMetadata    `json:"metadata"`
	Provenance oscalProvenance  `json:"provenance"`
	Mappings   []oscalMapping   `json:"mappings"`
	BackMatter *oscalBackMatter `json:"back-matter,omitempty"`
}

type oscalProvenance struct {
	Method             string      `json:"method"`
	MatchingRationale  string      `json:"matching-rationale"`
	Status             string      `json:"status"`
	MappingDescription string      `json:"mapping-description"`
	Links              []oscalLink `json:"links,omitempty"`
	Remarks            string      `json:"remarks,omitempty"`
}

type oscalMapping struct {
	UUID             string           `json:"uuid"`
	SourceResource   oscalResourceRef `json:"source-resource"`
	TargetResource   oscalResourceRef `json:"target-resource"`
	Maps             []oscalMap       `json:"maps"`
	Props            []oscalProp      `json:"props,omitempty"`
	SourceGapSummary *oscalGapSummary `json:"source-gap-summary,omitempty"`
	TargetGapSummary *oscalGapSummary `json:"target-gap-summary,omitempty"`
}

type oscalResourceRef struct {
	Type string `json:"type"`
	Href string `json:"href"`
}

type oscalMap struct {
	UUID         string             `json:"uuid"`
	NS           string             `json:"ns,omitempty"`
	Relationship string             `json:"relationship"`
	Sources      []oscalMappingItem `json:"sources"`
	Targets      []oscalMappingItem `json:"targets"`
	Props        []oscalProp        `json:"props,omitempty"`
	Remarks      string             `json:"remarks,omitempty"`
}

type oscalMappingItem struct {
	Type  string `json:"type"`
	IDRef string `json:"id-ref"`
}

type oscalGapSummary struct {
	UUID             string                `json:"uuid"`
	UnmappedControls []oscalSelectControls `json:"unmapped-controls"`
}

type oscalSelectControls struct {
	WithIDs []string `json:"with-ids"`
}

// MappingCollection returns a linked crosswalk as an OSCAL 1.2.1
// mapping-collection in JSON: one mapping from the source framework's
// catalog to the target's, with one map per mapping record in file order
// (its relationship, the OSCAL ids of its source and target, its
// rationale and note as remarks, and its evidence, basis, status,
// as-published text and references as props), its no-counterpart records
// as props of the mapping, and a gap summary per side listing the
// elements model.Crosswalk.Reach does not reach (as the crosswalk page's
// gaps; a side without gaps has no summary, as OSCAL requires a non-empty
// list). The two catalogs are back-matter resources whose links name
// their files beside the mapping file in downloads/; the crosswalk's
// sources are resources too, linked from the provenance.
//
// A map carries only the relationship the record states (see
// oscalRelationship): a set-theory value only where the record gives one,
// or gives a declared term that means one; a declared term without an
// OSCAL meaning in its vocabulary's namespace; and a record that states
// none as vocab.UnstatedOSCAL in vocab.Namespace. The mapping-description
// says so.
//
// The provenance's method and matching-rationale are the crosswalk's
// mapping_method and matching_rationale. OSCAL requires both and allows
// only its own values, so a crosswalk that does not state them is not
// published in OSCAL (a *Withheld error says why), and neither is one
// without a mapping record (OSCAL requires a map). The status is "draft"
// for a draft crosswalk and "complete" for an official one.
//
// last-modified is the crosswalk's published date, else the later of the
// two frameworks' published dates (2000-01-01 when none has one, with a
// remark). The version is "0.1.0-draft" for a draft crosswalk and "1.0.0"
// for an official one, followed by SemVer build metadata "+<12 hex
// digits>": the start of the SHA-256 of the provenance and maps, so that
// any change to a record changes the version, and nothing else does.
func MappingCollection(cw *model.Crosswalk) ([]byte, error) {
	if cw.Source == nil || cw.Target == nil {
		return nil, fmt.Errorf("OSCAL mapping-collection of crosswalk %q: its frameworks are not linked", cw.ID)
	}
	// Repeated OSCAL ids are checked before what OSCAL requires: they are
	// an error in the content that fails the build, where a *Withheld only
	// withholds this one download.
	ids, err := crosswalkOSCALIDs(cw)
	if err != nil {
		return nil, err
	}
	if err := oscalWithheld(cw); err != nil {
		return nil, err
	}
	references := referenceResources(cw)
	prov := mappingProvenance(cw, references)
	mp, err := mapping(cw, ids)
	if err != nil {
		return nil, err
	}
	// The metadata comes first in the document but is made last: its
	// version is a fingerprint of the provenance and the maps.
	md, err := mappingMetadata(cw, prov, mp.Maps)
	if err != nil {
		return nil, err
	}
	return marshalOSCAL(struct {
		MappingCollection oscalMappingCollection `json:"mapping-collection"`
	}{oscalMappingCollection{
		UUID:       oscalUUID("mapping-collection:" + cw.ID),
		Metadata:   md,
		Provenance: prov,
		Mappings:   []oscalMapping{mp},
		BackMatter: &oscalBackMatter{Resources: append(catalogResources(cw), references...)},
	}})
}

// crosswalkIDs are the OSCAL ids of the elements of a crosswalk's two
// frameworks, each as in its own catalog.
type crosswalkIDs struct{ source, target map[*model.Element]string }

// crosswalkOSCALIDs returns the OSCAL ids of both frameworks' elements,
// failing as Catalog would when a catalog's ids repeat: a mapping that
// names such an id would name two controls.
func crosswalkOSCALIDs(cw *model.Crosswalk) (crosswalkIDs, error) {
	source, err := oscalIDs(cw.Source)
	if err != nil {
		return crosswalkIDs{}, err
	}
	target, err := oscalIDs(cw.Target)
	if err != nil {
		return crosswalkIDs{}, err
	}
	return crosswalkIDs{source: source, target: target}, nil
}

// oscalWithheld returns a *Withheld when the crosswalk lacks what OSCAL
// requires of a mapping-collection and only its authors can supply: the
// provenance's method and matching-rationale (OSCAL allows only its own
// values, so none can be made up), and at least one map. It returns nil
// when the crosswalk can be published in OSCAL.
func oscalWithheld(cw *model.Crosswalk) error {
	var missing []string
	if cw.MappingMethod == "" {
		missing = append(missing, "mapping_method ("+strings.Join(vocab.MappingMethods, ", ")+")")
	}
	if cw.MatchingRationale == "" {
		missing = append(missing, "matching_rationale ("+strings.Join(vocab.MatchingRationales, ", ")+")")
	}
	if len(missing) > 0 {
		return &Withheld{Reason: "OSCAL requires the provenance's method and matching-rationale, and the crosswalk states no " + strings.Join(missing, " and no ") + " in its front matter"}
	}
	if len(cw.Mappings) == 0 {
		return &Withheld{Reason: "OSCAL requires at least one map, and the crosswalk has no mapping record"}
	}
	return nil
}

// Withheld is why a download is not published for a crosswalk.
type Withheld struct{ Reason string }

func (w *Withheld) Error() string { return w.Reason }

// Metadata.

// mappingMetadata describes the mapping-collection: the crosswalk's
// title, its last-modified date (see mappingLastModified) and a version
// that changes with the provenance and maps (see mappingVersion), with
// remarks saying where each comes from.
func mappingMetadata(cw *model.Crosswalk, prov oscalProvenance, maps []oscalMap) (oscalMetadata, error) {
	lastModified, remarks := mappingLastModified(cw)
	version, err := mappingVersion(cw, prov, maps)
	if err != nil {
		return oscalMetadata{}, err
	}
	remarks = append(remarks, "The version's build metadata (after \"+\") is the start of the SHA-256 of the provenance and the maps: it changes whenever a record does.")
	return oscalMetadata{
		Title:        line(cw.Title),
		LastModified: lastModified,
		Version:      version,
		OSCALVersion: OSCALVersion,
		Remarks:      strings.Join(remarks, "\n\n"),
	}, nil
}

// mappingLastModified returns the crosswalk's published date, else the
// later of its two frameworks' published dates, else unknownDate (OSCAL
// requires a date, and a clock reading would make builds differ), with
// the remarks that say which it is.
func mappingLastModified(cw *model.Crosswalk) (string, []string) {
	if t, ok := contentDate(cw.Published); ok {
		return formatDate(t), []string{"Generated by crosswalk from the site's content. last-modified is the crosswalk's publication date."}
	}
	remarks := []string{"Generated by crosswalk from the site's content. The crosswalk records no date of its own: last-modified is the later of the two frameworks' publication dates."}
	var last time.Time
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		if t, ok := contentDate(fw.Published); ok && t.After(last) {
			last = t
		}
	}
	if last.IsZero() {
		return unknownDate, append(remarks, "Neither framework gives a publication date: last-modified ("+unknownDate+") is a placeholder, not a date.")
	}
	return formatDate(last), remarks
}

// mappingVersion is "0.1.0-draft" for a draft crosswalk and "1.0.0" for
// an official one, with SemVer build metadata: the first 12 hex digits of
// the SHA-256 of the provenance and maps, so that any change to a record
// changes the version, and nothing else does.
func mappingVersion(cw *model.Crosswalk, prov oscalProvenance, maps []oscalMap) (string, error) {
	fingerprint, err := json.Marshal(struct {
		P oscalProvenance
		M []oscalMap
	}{prov, maps})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(fingerprint)
	version := "1.0.0"
	if cw.Status == model.Draft {
		version = "0.1.0-draft"
	}
	return version + "+" + hex.EncodeToString(sum[:])[:12], nil
}

// Provenance.

// mappingProvenance is how the records were made: the crosswalk's
// mapping_method and matching_rationale, its status ("draft" or
// "complete"), the mapping-description and a link to each of the
// crosswalk's sources, which are back-matter resources (references).
func mappingProvenance(cw *model.Crosswalk, references []oscalResource) oscalProvenance {
	prov := oscalProvenance{
		Method:             cw.MappingMethod,
		MatchingRationale:  cw.MatchingRationale,
		Status:             "complete",
		MappingDescription: mappingDescription(cw),
		Remarks:            line(cw.ProvenanceNote),
	}
	if cw.Status == model.Draft {
		prov.Status = "draft"
	}
	for _, res := range references {
		prov.Links = append(prov.Links, oscalLink{Href: "#" + res.UUID, Rel: "reference", Text: res.Title})
	}
	return prov
}

// mappingDescription is the crosswalk's provenance in Markdown: its
// direction, method, status and sources.
func mappingDescription(cw *model.Crosswalk) string {
	var paras []string
	head := cw.Title + " (crosswalk " + cw.ID + "): records from " + cw.Source.Title + " " + cw.Source.Version + " to " + cw.Target.Title + " " + cw.Target.Version + "."
	if d := strings.TrimSpace(cw.Direction); d != "" {
		head += " " + d
	}
	paras = append(paras, head)
	if m := strings.TrimSpace(cw.Method); m != "" {
		paras = append(paras, "Method: "+m)
	}
	status := "Status: " + string(cw.Status) + "."
	if s := strings.TrimSpace(cw.StatusStatement); s != "" {
		status += " " + s
	}
	paras = append(paras, status)
	if len(cw.Sources) > 0 {
		var b strings.Builder
		b.WriteString("Sources:\n")
		for _, r := range cw.Sources {
			b.WriteString("\n- " + line(r.Title))
			if u := strings.TrimSpace(r.URL); u != "" && linkable(u) {
				b.WriteString(" <" + u + ">")
			}
		}
		paras = append(paras, b.String())
	}
	if g := strings.TrimSpace(cw.Granularity); g != "" {
		paras = append(paras, "Granularity: "+g)
	}
	paras = append(paras, relationshipsDescription(cw.Vocabulary))
	if len(cw.NoCounterparts) > 0 {
		paras = append(paras, "The mapping's props named no-counterpart (namespace "+Namespace+") are elements the crosswalk records as having no counterpart in the other framework: the value is the element's OSCAL id, the class its side (source or target), the remarks the reason.")
	}
	paras = append(paras, "The gap summaries list the elements no map reaches: not named by a map, not within an element a map names, and containing none. Each map's remarks are the record's rationale and note; its props in the namespace "+Namespace+" are the record's evidence, basis, status, as-published text and references.")
	return strings.Join(paras, "\n\n")
}

// relationshipsDescription says, for the mapping-description, what the
// maps' relationships are and what was done where the source states none.
func relationshipsDescription(v *vocab.Vocabulary) string {
	unstated := "\"" + vocab.UnstatedOSCAL + "\" in the namespace " + vocab.Namespace + ": " + vocab.UnstatedExplanation +
		" OSCAL requires a relationship on every map, and each of its own values is a set-theory claim, so none of them is given."
	switch {
	case !v.Stated:
		return "The source states no relationship type for any record, so every map's relationship is " + unstated
	case v.Name == vocab.DeclaredName:
		var terms []string
		for _, t := range v.Terms {
			d := "\"" + t.ID + "\" (" + line(t.Definition) + ")"
			if t.OSCAL != "" {
				d += ", carried as OSCAL's \"" + t.OSCAL + "\" with the declared term in the prop named relationship"
			} else {
				d += ", carried as itself in the namespace " + v.Namespace
			}
			terms = append(terms, d)
		}
		return "The crosswalk declares its own relationship terms, read \"source TERM target\": " + strings.Join(terms, "; ") +
			". A record that states none has the relationship " + unstated
	}
	return "Each map is one record, read \"source RELATIONSHIP target\", with OSCAL's set-theory relationship as the record states it. A record that states none has the relationship " + unstated
}

// The mapping.

// mapping is the crosswalk's one mapping, from the source catalog to the
// target's: a map per record, the no-counterpart records as props, and a
// gap summary per side that has gaps.
func mapping(cw *model.Crosswalk, ids crosswalkIDs) (oscalMapping, error) {
	maps, err := recordMaps(cw, ids)
	if err != nil {
		return oscalMapping{}, err
	}
	noCounterparts, err := noCounterpartProps(cw, ids)
	if err != nil {
		return oscalMapping{}, err
	}
	reach := cw.Reach()
	return oscalMapping{
		UUID:             oscalUUID("mapping:" + cw.ID),
		SourceResource:   oscalResourceRef{Type: "catalog", Href: "#" + catalogResourceUUID(cw.Source)},
		TargetResource:   oscalResourceRef{Type: "catalog", Href: "#" + catalogResourceUUID(cw.Target)},
		Maps:             maps,
		Props:            noCounterparts,
		SourceGapSummary: gapSummary("source-gap-summary:"+cw.ID, cw.Source, ids.source, reach),
		TargetGapSummary: gapSummary("target-gap-summary:"+cw.ID, cw.Target, ids.target, reach),
	}, nil
}

// recordMaps returns a map per mapping record, in file order. Each map's
// UUID is named by the crosswalk and the record's pair of ids; a pair
// that repeats (which the link stage reports, but a crosswalk built
// without it may have) adds "#2", "#3", … so that UUIDs stay unique.
func recordMaps(cw *model.Crosswalk, ids crosswalkIDs) ([]oscalMap, error) {
	var maps []oscalMap
	seen := map[string]int{}
	for i, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			return nil, fmt.Errorf("OSCAL mapping-collection of crosswalk %q: record %d (%s → %s) is not linked", cw.ID, i+1, m.SourceID, m.TargetID)
		}
		name := "map:" + cw.ID + ":" + m.SourceID + "→" + m.TargetID
		if seen[name]++; seen[name] > 1 {
			name += "#" + strconv.Itoa(seen[name])
		}
		maps = append(maps, recordMap(cw.Vocabulary, m, oscalUUID(name), ids))
	}
	return maps, nil
}

// recordMap is one record: "source RELATIONSHIP target" between one
// control of each catalog, the relationship as oscalRelationship carries
// it, the record's other values as props and its rationale and note as
// remarks.
func recordMap(v *vocab.Vocabulary, m *model.Mapping, uuid string, ids crosswalkIDs) oscalMap {
	ns, rel := oscalRelationship(v, m.Term)
	return oscalMap{
		UUID:         uuid,
		NS:           ns,
		Relationship: rel,
		Sources:      []oscalMappingItem{{Type: "control", IDRef: ids.source[m.Source]}},
		Targets:      []oscalMappingItem{{Type: "control", IDRef: ids.target[m.Target]}},
		Props:        recordProps(m, rel),
		Remarks:      recordRemarks(m),
	}
}

// recordProps are a record's values that OSCAL has no field for, each in
// Namespace and omitted when empty: the declared term when the map
// carries it as an OSCAL value instead (rel), then the evidence, basis,
// status, as-published text and each reference.
func recordProps(m *model.Mapping, rel string) []oscalProp {
	var props []oscalProp
	add := func(name, value string) {
		if v := line(value); v != "" {
			props = append(props, oscalProp{Name: name, NS: Namespace, Value: v})
		}
	}
	if m.Term != nil && rel != m.Term.ID {
		add("relationship", m.Term.ID) // the term as declared, where OSCAL carries its meaning
	}
	add("evidence", m.Evidence)
	add("basis", m.Basis)
	add("status", string(m.Status))
	add("as-published", m.AsPublished)
	for _, r := range m.References {
		add("reference", r)
	}
	return props
}

// recordRemarks are a record's rationale and note, as Markdown paragraphs.
func recordRemarks(m *model.Mapping) string {
	var remarks []string
	for _, t := range []string{m.Rationale, m.Note} {
		if t = strings.TrimSpace(t); t != "" {
			remarks = append(remarks, t)
		}
	}
	return strings.Join(remarks, "\n\n")
}

// noCounterpartProps are the crosswalk's no-counterpart records, as props
// of the mapping (OSCAL has no place for a claim that nothing maps): the
// element's OSCAL id in its side's catalog, the side as the class and the
// reason as the remarks.
func noCounterpartProps(cw *model.Crosswalk, ids crosswalkIDs) ([]oscalProp, error) {
	var props []oscalProp
	for _, nc := range cw.NoCounterparts {
		if nc.Element == nil {
			return nil, fmt.Errorf("OSCAL mapping-collection of crosswalk %q: the no-counterpart record of %s is not linked", cw.ID, nc.ElementID)
		}
		id := ids.source[nc.Element]
		if nc.Side == "target" {
			id = ids.target[nc.Element]
		}
		props = append(props, oscalProp{Name: "no-counterpart", NS: Namespace, Value: id, Class: nc.Side, Remarks: strings.TrimSpace(nc.Reason)})
	}
	return props, nil
}

// gapSummary lists the elements of fw that no record reaches, in catalog
// order, or returns nil when there are none.
func gapSummary(name string, fw *model.Framework, ids map[*model.Element]string, reach map[*model.Element]model.Reach) *oscalGapSummary {
	var unmapped []string
	var walk func([]*model.Element)
	walk = func(es []*model.Element) {
		for _, e := range es {
			if reach[e] == model.NotReached {
				unmapped = append(unmapped, ids[e])
			}
			walk(e.Children)
		}
	}
	walk(fw.Roots)
	if len(unmapped) == 0 {
		return nil
	}
	return &oscalGapSummary{UUID: oscalUUID(name), UnmappedControls: []oscalSelectControls{{WithIDs: unmapped}}}
}

// oscalRelationship returns the namespace ("" for OSCAL's own) and token
// a map carries for a record's term: the OSCAL value a term means; the
// term itself in its vocabulary's namespace when it means none; and
// vocab.UnstatedOSCAL in vocab.Namespace when the record states none.
func oscalRelationship(v *vocab.Vocabulary, t *vocab.Term) (ns, rel string) {
	switch {
	case t == nil:
		return vocab.Namespace, vocab.UnstatedOSCAL
	case t.OSCAL != "":
		return "", t.OSCAL
	}
	return v.Namespace, t.ID
}

// Back-matter.

// catalogResources are the two catalogs the mapping relates, source
// first, each linked by its file name beside the mapping file in the
// downloads. A crosswalk within one framework names its catalog once.
func catalogResources(cw *model.Crosswalk) []oscalResource {
	src, tgt := catalogResource(cw.Source), catalogResource(cw.Target)
	if tgt.UUID == src.UUID {
		return []oscalResource{src}
	}
	return []oscalResource{src, tgt}
}

func catalogResource(fw *model.Framework) oscalResource {
	r := oscalResource{
		UUID:   catalogResourceUUID(fw),
		Title:  line(fw.Title),
		Rlinks: []oscalRlink{{Href: path.Base(layout.CatalogDownload(fw.ID)), MediaType: "application/oscal.catalog+json"}},
	}
	if v := line(fw.Version); v != "" {
		r.Props = []oscalProp{{Name: "version", Value: v}}
	}
	return r
}

// catalogResourceUUID names a framework's catalog in a mapping's
// back-matter, where the mapping's source and target resources point.
func catalogResourceUUID(fw *model.Framework) string { return oscalUUID("resource:" + fw.ID) }

// referenceResources are the crosswalk's sources, in order, each with its
// URL when it has a linkable one; the provenance links to them.
func referenceResources(cw *model.Crosswalk) []oscalResource {
	var refs []oscalResource
	for i, r := range cw.Sources {
		res := oscalResource{UUID: oscalUUID("reference:" + cw.ID + ":" + strconv.Itoa(i+1)), Title: line(r.Title)}
		if u := strings.TrimSpace(r.URL); u != "" && linkable(u) {
			res.Rlinks = []oscalRlink{{Href: u}}
		}
		refs = append(refs, res)
	}
	return refs
}
