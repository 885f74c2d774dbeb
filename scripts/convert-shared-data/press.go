package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

const pressRel = "media-centre/press-releases/2023-10-13-singapore-and-the-us-to-deepen-cooperation-in-ai.md"

// annexLinks are the press release's links to the annex PDFs, which this site does not
// reproduce, and the site pages that describe the annexes instead.
var annexLinks = [][2]string{
	{"(/files/Press%20Releases%202023/annex%20a.pdf)", "(/annexes/annex-a/)"},
	{"(/files/Press%20Releases%202023/annex%20c.pdf)", "(/annexes/annex-c/)"},
	// Not a link in the original: the release's mention of the crosswalk
	// links to the crosswalk's page, its words unchanged.
	{"joint mapping exercise (“crosswalk”)", "joint mapping exercise (“[crosswalk](/crosswalks/nist-ai-rmf-1-0-ai-verify-2023/)”)"},
}

const editorsNote = "\n\n---\n\n*Editor’s note: on this site, the Annex A and Annex C links point to pages describing " +
	"those annexes, because the annex PDFs are not reproduced here, and the word “crosswalk” in paragraph 3 links to " +
	"the crosswalk’s page.*\n"

// writePressRelease copies the press release with its original front matter (keys, values
// and order as published, below the generated-by comment) and its body verbatim, except
// that the two annex links point to the annex pages and the mention of the crosswalk links
// to its page; an editor's note says so at the end.
func writePressRelease(w *writer, dataDir string) error {
	b, err := os.ReadFile(filepath.Join(dataDir, pressFile))
	if err != nil {
		return err
	}
	fm, body, ok := splitFrontMatter(string(b))
	if !ok {
		return fmt.Errorf("%s: no front matter", pressFile)
	}
	newBody := body
	for _, l := range annexLinks {
		if n := strings.Count(newBody, l[0]); n != 1 {
			return fmt.Errorf("%s: link %s found %d times, want once", pressFile, l[0], n)
		}
		newBody = strings.Replace(newBody, l[0], l[1], 1)
	}
	newBody = strings.TrimRight(newBody, "\n") + editorsNote
	newFM := header(pressFile) + "\n" + fm

	if err := w.writeFile(pressRel, []byte("---\n"+newFM+"---\n"+newBody)); err != nil {
		return err
	}
	return verifyPressRelease(w, fm, body)
}

// verifyPressRelease reads the written press release back and checks that its front matter
// has the original keys, values and order, and that undoing the two link changes and the
// editor's note gives the original body.
func verifyPressRelease(w *writer, origFM, origBody string) error {
	gotFM, gotBody, err := w.readBack(pressRel)
	if err != nil {
		return err
	}
	want, err := keyValues(origFM)
	if err != nil {
		return fmt.Errorf("%s: %w", pressFile, err)
	}
	got, err := keyValues(gotFM)
	if err != nil {
		return fmt.Errorf("%s: %w", pressRel, err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		return fmt.Errorf("%s: front matter differs from the original", pressRel)
	}
	body, ok := strings.CutSuffix(gotBody, editorsNote)
	if !ok {
		return fmt.Errorf("%s: editor's note missing", pressRel)
	}
	for _, l := range annexLinks {
		body = strings.Replace(body, l[1], l[0], 1)
	}
	if body != strings.TrimRight(origBody, "\n") {
		return fmt.Errorf("%s: body differs from the original beyond the annex links", pressRel)
	}
	return nil
}

// keyValues lists a YAML mapping's keys and values, with their tags, in document order.
func keyValues(fm string) ([]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("front matter is not one YAML document")
	}
	var out []string
	for _, n := range doc.Content[0].Content {
		out = append(out, n.Tag+" "+n.Value)
	}
	return out, nil
}
