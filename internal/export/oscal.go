package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// OSCAL output.
//
// Catalog writes a framework as an OSCAL catalog and MappingCollection a
// crosswalk as an OSCAL 1.2.1 mapping-collection (the control mapping
// model, first released in OSCAL 1.2.0). Both are valid against NIST's
// generated JSON Schemas (oscal_catalog_schema.json and
// oscal_mapping_schema.json, checked by the tests) and follow the
// metaschema constraints the JSON Schemas cannot express:
//
//   - Ids are NCNames (see OSCALID) and unique within a catalog.
//   - Only OSCAL's own names are used without a namespace: the props
//     "label" (the element's original id) and "version", the parts
//     "statement" (controls) and "overview" (groups: OSCAL allows only
//     "overview" and "instruction" there, so a group's statement is its
//     overview), and the mapping relationships, which are exactly
//     model.Relationships. Every other prop and part name (the element's
//     level, its fields, a record's evidence, basis, status and
//     references, a framework's licence) is qualified by Namespace.
//   - Every control has a "statement" part (OSCAL requires one unless the
//     control is withdrawn), without prose when the element has no
//     statement.
//
// Output is deterministic: structs give the keys in the schemas' order,
// no clock is read (dates come from the content, see lastModified) and
// every UUID is a name-based version 5 UUID in UUIDNamespace (see
// oscalUUID), so it is stable across builds and changes only when what it
// names changes.

// OSCALVersion is the OSCAL version both documents conform to.
const OSCALVersion = "1.2.1"

// Namespace qualifies the names of the props and parts this project adds
// to OSCAL's vocabulary (OSCAL's "ns"). It is a naming-system identifier,
// not a page to fetch.
const Namespace = "https://github.com/crosswalk-ssg/crosswalk/ns/oscal"

// UUIDNamespace is the namespace of every UUID crosswalk writes in OSCAL
// documents. It is itself a version 5 UUID: uuid.NewSHA1(uuid.NameSpaceURL,
// []byte("https://github.com/crosswalk-ssg/crosswalk/oscal")). It must
// never change, or every published UUID would.
const UUIDNamespace = "6fc0a921-7605-529b-8a54-0fba181a83c4"

var uuidNamespace = uuid.MustParse(UUIDNamespace)

// oscalUUID returns the version 5 UUID of name in UUIDNamespace. The names
// used are:
//
//	catalog:<framework id>@<framework version>   a catalog
//	party:<publisher>                             a catalog's publisher
//	source:<framework id>@<framework version>     the original publication (catalog back-matter)
//	mapping-collection:<crosswalk id>             a mapping-collection
//	mapping:<crosswalk id>                        its one mapping
//	map:<crosswalk id>:<source id>→<target id>    a record (a repeated pair adds "#2", "#3", …)
//	source-gap-summary:<crosswalk id>             the source's gap summary (target-gap-summary likewise)
//	resource:<framework id>                       a framework's catalog file (mapping back-matter)
//	reference:<crosswalk id>:<n>                  the crosswalk's n-th source (mapping back-matter)
func oscalUUID(name string) string {
	return uuid.NewSHA1(uuidNamespace, []byte(name)).String()
}

// OSCALID returns the OSCAL id (an XML NCName, as OSCAL's token datatype
// requires) of an element in its framework's catalog and in mappings:
//
//	<prefix>-<token>
//
// The prefix is the first character of each hyphen-separated part of the
// framework id ("ai-verify" → "av", "nist-ai-rmf" → "nar"), with "f" in
// front when that would not start with a letter ("800-53" → "f85"). The
// token is the element id in lower case, with letters, digits, ".", "-"
// and "_" kept and every run of other characters (spaces included) turned
// into one "-" ("GOVERN 1.1" → "nar-govern-1.1", "1.2.3" → "av-1.2.3",
// "transparency" → "av-transparency"); an id with none of the kept
// characters is written in hex ("x" followed by its UTF-8 bytes). The
// original id is kept in the control's "label" prop.
//
// Ids that the link stage accepts (their slugs differ) practically never
// share an OSCAL id; Catalog and MappingCollection check it all the same
// and fail, naming both elements, rather than write a catalog with a
// repeated id. Frameworks may share a prefix: a mapping refers to each
// catalog separately.
func OSCALID(fw *model.Framework, e *model.Element) string {
	return oscalPrefix(fw.ID) + "-" + oscalToken(e.ID)
}

func oscalPrefix(fwID string) string {
	var b strings.Builder
	for _, part := range strings.Split(fwID, "-") {
		if r, _ := utf8.DecodeRuneInString(part); r != utf8.RuneError {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	p := b.String()
	if r, _ := utf8.DecodeRuneInString(p); !unicode.IsLetter(r) && r != '_' {
		p = "f" + p
	}
	return p
}

func oscalToken(id string) string {
	var b strings.Builder
	sep := false
	for _, r := range id {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '-' || r == '_' {
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		sep = true
	}
	if b.Len() == 0 {
		return fmt.Sprintf("x%x", id)
	}
	return b.String()
}

// ncName turns a label into a token usable as an OSCAL name or class
// ("process check" → "process-check"), or returns "" when nothing of it
// is left.
func ncName(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '_' {
			if b.Len() == 0 && !unicode.IsLetter(r) && r != '_' {
				b.WriteByte('_')
			}
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		sep = true
	}
	return b.String()
}

// line returns s on one line, without leading or trailing white space, as
// OSCAL's string and markup-line datatypes require.
func line(s string) string { return strings.Join(strings.Fields(s), " ") }

// oscalIDs returns the OSCAL id of every element of fw, checking that no
// id of the catalog (elements' and their statement parts') repeats.
func oscalIDs(fw *model.Framework) (map[*model.Element]string, error) {
	ids := make(map[*model.Element]string, len(fw.Elements))
	owner := map[string]string{}
	claim := func(id, what string) error {
		if prev, ok := owner[id]; ok {
			return fmt.Errorf("OSCAL catalog of framework %q: %s and %s have the same OSCAL id %q; change one of the element ids", fw.ID, prev, what, id)
		}
		owner[id] = what
		return nil
	}
	for _, e := range fw.Elements {
		id := OSCALID(fw, e)
		ids[e] = id
		if err := claim(id, strconv.Quote(e.ID)); err != nil {
			return nil, err
		}
		if err := claim(statementPartID(e, id), "the statement of "+strconv.Quote(e.ID)); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// statementPartID is the id of an element's statement part: "_smt" for a
// control's statement, "_ovw" for a group's overview.
func statementPartID(e *model.Element, id string) string {
	if e.Parent == nil {
		return id + "_ovw"
	}
	return id + "_smt"
}

// unknownDate stands for a date the content does not give: OSCAL requires
// last-modified, and a clock reading would make builds differ.
const unknownDate = "2000-01-01T00:00:00Z"

// contentDate parses a date from the content ("2023-01-26" or an RFC 3339
// date-time) as OSCAL's date-time-with-timezone.
func contentDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			if y := t.UTC().Year(); y < 1900 || y > 2999 { // outside what OSCAL's pattern accepts
				return time.Time{}, false
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func formatDate(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") }

// marshalOSCAL writes v as indented JSON with a final newline. HTML
// characters are not escaped: the texts stay readable ("&", "<").
func marshalOSCAL(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// The OSCAL JSON shapes, with fields in the schemas' order.

type oscalMetadata struct {
	Title              string                  `json:"title"`
	LastModified       string                  `json:"last-modified"`
	Version            string                  `json:"version"`
	OSCALVersion       string                  `json:"oscal-version"`
	Roles              []oscalRole             `json:"roles,omitempty"`
	Parties            []oscalParty            `json:"parties,omitempty"`
	ResponsibleParties []oscalResponsibleParty `json:"responsible-parties,omitempty"`
	Remarks            string                  `json:"remarks,omitempty"`
}

type oscalRole struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type oscalParty struct {
	UUID string `json:"uuid"`
	Type string `json:"type"`
	Name string `json:"name"`
}

type oscalResponsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

type oscalProp struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Class   string `json:"class,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type oscalLink struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

type oscalPart struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Title string `json:"title,omitempty"`
	Prose string `json:"prose,omitempty"`
}

type oscalGroup struct {
	ID       string         `json:"id"`
	Class    string         `json:"class,omitempty"`
	Title    string         `json:"title"`
	Props    []oscalProp    `json:"props,omitempty"`
	Parts    []oscalPart    `json:"parts,omitempty"`
	Controls []oscalControl `json:"controls,omitempty"`
}

type oscalControl struct {
	ID       string         `json:"id"`
	Class    string         `json:"class,omitempty"`
	Title    string         `json:"title"`
	Props    []oscalProp    `json:"props,omitempty"`
	Parts    []oscalPart    `json:"parts,omitempty"`
	Controls []oscalControl `json:"controls,omitempty"`
}

type oscalBackMatter struct {
	Resources []oscalResource `json:"resources"`
}

type oscalResource struct {
	UUID     string         `json:"uuid"`
	Title    string         `json:"title,omitempty"`
	Props    []oscalProp    `json:"props,omitempty"`
	Citation *oscalCitation `json:"citation,omitempty"`
	Rlinks   []oscalRlink   `json:"rlinks,omitempty"`
	Remarks  string         `json:"remarks,omitempty"`
}

type oscalCitation struct {
	Text string `json:"text"`
}

type oscalRlink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
}

type oscalCatalog struct {
	UUID       string           `json:"uuid"`
	Metadata   oscalMetadata    `json:"metadata"`
	Groups     []oscalGroup     `json:"groups,omitempty"`
	BackMatter *oscalBackMatter `json:"back-matter,omitempty"`
}

// Catalog returns a linked framework as an OSCAL catalog in JSON: each
// top-level element is a group (class: what the element is called, e.g.
// "principle"), each deeper element a control nested in its parent. Each
// carries its original id in a "label" prop, its level in a "level" prop,
// its statement verbatim in a part (see the notes at the top of oscal.go) and
// each of its fields as a part titled with the field's label. The
// metadata's last-modified is the framework's published date (or, when it
// has none, 2000-01-01 with a remark saying the date is unknown), its
// version the framework's version; the publisher is a party in the
// "creator" role; a back-matter resource names the original publication,
// its URL and its licence, so that attribution travels with the data.
func Catalog(fw *model.Framework) ([]byte, error) {
	ids, err := oscalIDs(fw)
	if err != nil {
		return nil, err
	}
	md := oscalMetadata{
		Title:        line(fw.Title),
		Version:      line(fw.Version),
		OSCALVersion: OSCALVersion,
	}
	var remarks []string
	remarks = append(remarks, "Generated by crosswalk from the site's content. "+attribution(fw))
	if t, ok := contentDate(fw.Published); ok {
		md.LastModified = formatDate(t)
	} else {
		md.LastModified = unknownDate
		if strings.TrimSpace(fw.Published) == "" {
			remarks = append(remarks, "The framework's publication date is unknown: last-modified ("+unknownDate+") is a placeholder, not a date.")
		} else {
			remarks = append(remarks, fmt.Sprintf("The framework's publication date (%q) is not a date: last-modified (%s) is a placeholder, not a date.", fw.Published, unknownDate))
		}
	}
	md.Remarks = strings.Join(remarks, "\n\n")
	if p := line(fw.Publisher); p != "" {
		party := oscalUUID("party:" + p)
		md.Roles = []oscalRole{{ID: "creator", Title: "Author of the framework"}}
		md.Parties = []oscalParty{{UUID: party, Type: "organization", Name: p}}
		md.ResponsibleParties = []oscalResponsibleParty{{RoleID: "creator", PartyUUIDs: []string{party}}}
	}

	c := oscalCatalog{
		UUID:     oscalUUID("catalog:" + fw.ID + "@" + fw.Version),
		Metadata: md,
	}
	for _, r := range fw.Roots {
		g := oscalGroup{
			ID:    ids[r],
			Class: ncName(r.Kind()),
			Title: line(r.Label()),
			Props: elementProps(r),
			Parts: elementParts(r, ids[r], "overview", false),
		}
		for _, ch := range r.Children {
			g.Controls = append(g.Controls, control(ch, ids))
		}
		c.Groups = append(c.Groups, g)
	}
	src := oscalResource{
		UUID:  oscalUUID("source:" + fw.ID + "@" + fw.Version),
		Title: line(fw.Title + " " + fw.Version),
	}
	if v := line(fw.Version); v != "" {
		src.Props = append(src.Props, oscalProp{Name: "version", Value: v})
	}
	if l := line(fw.License); l != "" {
		src.Props = append(src.Props, oscalProp{Name: "license", NS: Namespace, Value: l})
	}
	src.Citation = &oscalCitation{Text: line(citation(fw))}
	if u := strings.TrimSpace(fw.URL); u != "" && linkable(u) {
		src.Rlinks = []oscalRlink{{Href: u}}
	}
	src.Remarks = strings.TrimSpace(fw.LicenseNote)
	c.BackMatter = &oscalBackMatter{Resources: []oscalResource{src}}
	return marshalOSCAL(struct {
		Catalog oscalCatalog `json:"catalog"`
	}{c})
}

func control(e *model.Element, ids map[*model.Element]string) oscalControl {
	c := oscalControl{
		ID:    ids[e],
		Class: ncName(e.Kind()),
		Title: line(e.Label()),
		Props: elementProps(e),
		Parts: elementParts(e, ids[e], "statement", true),
	}
	for _, ch := range e.Children {
		c.Controls = append(c.Controls, control(ch, ids))
	}
	return c
}

func elementProps(e *model.Element) []oscalProp {
	props := []oscalProp{{Name: "label", Value: line(e.ID)}}
	if l := line(e.Level().Name); l != "" {
		props = append(props, oscalProp{Name: "level", NS: Namespace, Value: l})
	}
	return props
}

// elementParts returns the statement (named name: "statement" or
// "overview") and the fields of an element. always asks for the statement
// part even when the element has no statement.
func elementParts(e *model.Element, id, name string, always bool) []oscalPart {
	var parts []oscalPart
	if e.Statement != "" || always {
		parts = append(parts, oscalPart{ID: statementPartID(e, id), Name: name, Prose: e.Statement})
	}
	for _, f := range e.Fields {
		n := ncName(f.Label)
		if n == "" {
			n = "field"
		}
		parts = append(parts, oscalPart{Name: n, NS: Namespace, Title: line(f.Label), Prose: f.Text})
	}
	return parts
}

// citation names the original publication in one line (its URL is the
// resource's link).
func citation(fw *model.Framework) string {
	s := fw.Title + " " + fw.Version
	if fw.Document != "" {
		s += " (" + fw.Document + ")"
	}
	s += ". " + fw.Publisher
	if fw.Published != "" {
		s += ", " + fw.Published
	}
	return s + "."
}

// attribution says, in Markdown, where a framework's text comes from and
// under which licence.
func attribution(fw *model.Framework) string {
	s := "The framework's text is quoted from " + citation(fw)
	if u := strings.TrimSpace(fw.URL); u != "" && linkable(u) {
		s += " <" + u + ">"
	}
	s += "\n\nLicence: " + fw.License + "."
	if n := strings.TrimSpace(fw.LicenseNote); n != "" {
		s += " " + n
	}
	return s
}

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
	sourceIDs, err := oscalIDs(cw.Source)
	if err != nil {
		return nil, err
	}
	targetIDs, err := oscalIDs(cw.Target)
	if err != nil {
		return nil, err
	}

	// Back matter: the two catalogs, then the crosswalk's sources.
	catalogResource := func(fw *model.Framework) oscalResource {
		r := oscalResource{
			UUID:   oscalUUID("resource:" + fw.ID),
			Title:  line(fw.Title),
			Rlinks: []oscalRlink{{Href: path.Base(CatalogPath(fw)), MediaType: "application/oscal.catalog+json"}},
		}
		if v := line(fw.Version); v != "" {
			r.Props = []oscalProp{{Name: "version", Value: v}}
		}
		return r
	}
	var bm oscalBackMatter
	src := catalogResource(cw.Source)
	tgt := catalogResource(cw.Target)
	bm.Resources = append(bm.Resources, src)
	if tgt.UUID != src.UUID { // a crosswalk within one framework names its catalog once
		bm.Resources = append(bm.Resources, tgt)
	}
	var missing []string
	if cw.MappingMethod == "" {
		missing = append(missing, "mapping_method ("+strings.Join(vocab.MappingMethods, ", ")+")")
	}
	if cw.MatchingRationale == "" {
		missing = append(missing, "matching_rationale ("+strings.Join(vocab.MatchingRationales, ", ")+")")
	}
	if len(missing) > 0 {
		return nil, &Withheld{Reason: "OSCAL requires the provenance's method and matching-rationale, and the crosswalk states no " + strings.Join(missing, " and no ") + " in its front matter"}
	}
	if len(cw.Mappings) == 0 {
		return nil, &Withheld{Reason: "OSCAL requires at least one map, and the crosswalk has no mapping record"}
	}
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
	for i, r := range cw.Sources {
		res := oscalResource{UUID: oscalUUID("reference:" + cw.ID + ":" + strconv.Itoa(i+1)), Title: line(r.Title)}
		if u := strings.TrimSpace(r.URL); u != "" && linkable(u) {
			res.Rlinks = []oscalRlink{{Href: u}}
		}
		bm.Resources = append(bm.Resources, res)
		l := oscalLink{Href: "#" + res.UUID, Rel: "reference", Text: res.Title}
		prov.Links = append(prov.Links, l)
	}

	mp := oscalMapping{
		UUID:           oscalUUID("mapping:" + cw.ID),
		SourceResource: oscalResourceRef{Type: "catalog", Href: "#" + src.UUID},
		TargetResource: oscalResourceRef{Type: "catalog", Href: "#" + tgt.UUID},
	}
	seen := map[string]int{}
	for i, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			return nil, fmt.Errorf("OSCAL mapping-collection of crosswalk %q: record %d (%s → %s) is not linked", cw.ID, i+1, m.SourceID, m.TargetID)
		}
		name := "map:" + cw.ID + ":" + m.SourceID + "→" + m.TargetID
		if seen[name]++; seen[name] > 1 {
			name += "#" + strconv.Itoa(seen[name])
		}
		var props []oscalProp
		add := func(name, value string) {
			if v := line(value); v != "" {
				props = append(props, oscalProp{Name: name, NS: Namespace, Value: v})
			}
		}
		ns, rel := oscalRelationship(cw.Vocabulary, m.Term)
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
		var remarks []string
		for _, t := range []string{m.Rationale, m.Note} {
			if t = strings.TrimSpace(t); t != "" {
				remarks = append(remarks, t)
			}
		}
		mp.Maps = append(mp.Maps, oscalMap{
			UUID:         oscalUUID(name),
			NS:           ns,
			Relationship: rel,
			Sources:      []oscalMappingItem{{Type: "control", IDRef: sourceIDs[m.Source]}},
			Targets:      []oscalMappingItem{{Type: "control", IDRef: targetIDs[m.Target]}},
			Props:        props,
			Remarks:      strings.Join(remarks, "\n\n"),
		})
	}
	for _, nc := range cw.NoCounterparts {
		if nc.Element == nil {
			return nil, fmt.Errorf("OSCAL mapping-collection of crosswalk %q: the no-counterpart record of %s is not linked", cw.ID, nc.ElementID)
		}
		id := sourceIDs[nc.Element]
		if nc.Side == "target" {
			id = targetIDs[nc.Element]
		}
		mp.Props = append(mp.Props, oscalProp{Name: "no-counterpart", NS: Namespace, Value: id, Class: nc.Side, Remarks: strings.TrimSpace(nc.Reason)})
	}
	reach := cw.Reach()
	mp.SourceGapSummary = gapSummary("source-gap-summary:"+cw.ID, cw.Source, sourceIDs, reach)
	mp.TargetGapSummary = gapSummary("target-gap-summary:"+cw.ID, cw.Target, targetIDs, reach)

	md := oscalMetadata{
		Title:        line(cw.Title),
		OSCALVersion: OSCALVersion,
	}
	var last time.Time
	remarks := []string{"Generated by crosswalk from the site's content. last-modified is the crosswalk's publication date."}
	if t, ok := contentDate(cw.Published); ok {
		last = t
	} else {
		for _, fw := range []*model.Framework{cw.Source, cw.Target} {
			if t, ok := contentDate(fw.Published); ok && t.After(last) {
				last = t
			}
		}
		remarks[0] = "Generated by crosswalk from the site's content. The crosswalk records no date of its own: last-modified is the later of the two frameworks' publication dates."
	}
	if last.IsZero() {
		md.LastModified = unknownDate
		remarks = append(remarks, "Neither framework gives a publication date: last-modified ("+unknownDate+") is a placeholder, not a date.")
	} else {
		md.LastModified = formatDate(last)
	}
	remarks = append(remarks, "The version's build metadata (after \"+\") is the start of the SHA-256 of the provenance and the maps: it changes whenever a record does.")
	md.Remarks = strings.Join(remarks, "\n\n")
	fingerprint, err := json.Marshal(struct {
		P oscalProvenance
		M []oscalMap
	}{prov, mp.Maps})
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(fingerprint)
	md.Version = "1.0.0"
	if cw.Status == model.Draft {
		md.Version = "0.1.0-draft"
	}
	md.Version += "+" + hex.EncodeToString(sum[:])[:12]

	return marshalOSCAL(struct {
		MappingCollection oscalMappingCollection `json:"mapping-collection"`
	}{oscalMappingCollection{
		UUID:       oscalUUID("mapping-collection:" + cw.ID),
		Metadata:   md,
		Provenance: prov,
		Mappings:   []oscalMapping{mp},
		BackMatter: &bm,
	}})
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

// Withheld is why a download is not published for a crosswalk.
type Withheld struct{ Reason string }

func (w *Withheld) Error() string { return w.Reason }
