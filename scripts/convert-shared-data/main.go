// Command convert-shared-data is a one-off converter that turns the research data in
// ../shared/data into the Markdown content of the default site, following
// docs/content-model.md. Run it from the repository root:
//
//	go run ./scripts/convert-shared-data -data ../shared/data -out content
//
// It writes:
//
//	content/frameworks/nist-ai-rmf/_index.md            the NIST AI RMF 1.0 framework
//	content/frameworks/nist-ai-rmf/<n>-<function>.md    one file per function, with its categories and subcategories
//	content/frameworks/ai-verify/_index.md              the AI Verify Testing Framework (2023)
//	content/frameworks/ai-verify/<NN>-<principle>.md    one file per principle (and Organisational Considerations)
//	content/crosswalks/nist-ai-rmf--ai-verify.md        the official crosswalk's metadata and prose, without
//	                                                    records: `crosswalk import` adds them from the CSV
//	                                                    (make content runs both)
//	content/media-centre/press-releases/2023-10-13-....md  the press release of 13 October 2023
//
// The hand-written pages under content/ (home page, annexes, attribution) are not touched.
//
// Framework statements are quoted verbatim. After writing, the converter reads every generated
// file back, decodes its front matter with yaml.v3 and checks that it equals what was meant to
// be written and that every statement and labelled text equals the source string byte for byte.
// It also checks the counts and the crosswalk's references into both frameworks, and stops
// with an error if anything disagrees. Running it twice gives identical files.
//
// The site never reads ../shared at build time: content/ is the checked-in result.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dataDir := flag.String("data", "../shared/data", "folder with the source data (YAML and the press release)")
	outDir := flag.String("out", "content", "the site's content folder to write into")
	flag.Parse()

	if err := run(*dataDir, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "convert-shared-data:", err)
		os.Exit(1)
	}
}

// run loads the three data files and the press release, checks them, and writes and
// re-verifies every generated file.
func run(dataDir, outDir string) error {
	nist, err := loadNIST(dataDir)
	if err != nil {
		return err
	}
	av, err := loadAIVerify(dataDir)
	if err != nil {
		return err
	}
	cw, err := loadCrosswalk(dataDir) // the superseded draft: only its known facts are used
	if err != nil {
		return err
	}
	official, err := loadOfficial(dataDir)
	if err != nil {
		return err
	}

	w := &writer{out: outDir}

	if err := writeNIST(w, nist); err != nil {
		return err
	}
	if err := writeAIVerify(w, av, cw); err != nil {
		return err
	}
	if err := writeOfficial(w, dataDir, official, av, nist); err != nil {
		return err
	}
	if err := writePressRelease(w, dataDir); err != nil {
		return err
	}

	for _, line := range w.report {
		fmt.Println(line)
	}
	fmt.Printf("OK: %d files written and verified\n", len(w.written))
	return nil
}
