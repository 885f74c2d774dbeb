package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
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
// requires) of an element in its framework's catalog and in mappings.
//
// An element id that is already a token (a letter or "_" first, then
// letters, digits, ".", "-" and "_": "ac-2.1", "transparency") is the
// OSCAL id as it is, so that a framework imported from an OSCAL catalog
// exports the catalog's own ids. Any other id is written
//
//	<prefix>-<token>
//
// The prefix is the first character of each hyphen-separated part of the
// framework id ("ai-verify" → "av", "nist-ai-rmf" → "nar"), with "f" in
// front when that would not start with a letter ("800-53" → "f85"). The
// token is the element id in lower case, with letters, digits, ".", "-"
// and "_" kept and every run of other characters (spaces included) turned
// into one "-" ("GOVERN 1.1" → "nar-govern-1.1", "1.2.3" → "av-1.2.3");
// an id with none of the kept characters is written in hex ("x" followed
// by its UTF-8 bytes). Such an element's own id is kept in an "id" prop
// in Namespace.
//
// Ids that the link stage accepts (their slugs differ) practically never
// share an OSCAL id; Catalog and MappingCollection check it all the same
// and fail, naming both elements, rather than write a catalog with a
// repeated id. Frameworks may share a prefix: a mapping refers to each
// catalog separately.
func OSCALID(fw *model.Framework, e *model.Element) string {
	if isToken(e.ID) {
		return e.ID
	}
	return oscalPrefix(fw.ID) + "-" + oscalToken(e.ID)
}

// isToken reports whether id is an OSCAL token (an NCName, as OSCALID
// describes it).
func isToken(id string) bool {
	for i, r := range id {
		letter := unicode.IsLetter(r) || r == '_'
		if !letter && (i == 0 || !(unicode.IsNumber(r) || r == '.' || r == '-')) {
			return false
		}
	}
	return id != ""
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
	ID    string      `json:"id,omitempty"`
	Name  string      `json:"name"`
	NS    string      `json:"ns,omitempty"`
	Title string      `json:"title,omitempty"`
	Props []oscalProp `json:"props,omitempty"`
	Prose string      `json:"prose,omitempty"`
	Parts []oscalPart `json:"parts,omitempty"`
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
