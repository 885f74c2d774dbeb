# crosswalk — build the default site, test, benchmark.
GO      ?= go
BIN     := bin/crosswalk
FUZZTIME ?= 30s

.PHONY: all site build check test race vet golden bench bench-compare bench-growth bench-serve cover content clean fuzz

all: test site

## site: build the default site (content/, templates/, static/) into public/;
## BASE_URL=https://you.github.io/repo/ adds canonical links, sitemap.xml,
## robots.txt and 404.html (the Pages workflow passes it)
BASE_URL ?=
site: build
	./$(BIN) build -source . -dest public $(if $(BASE_URL),-base-url "$(BASE_URL)")

## build: compile the crosswalk binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/crosswalk

## check: check the default site without writing anything
check: build
	./$(BIN) check -source .

## test: vet, then every test with the race detector, slow ones included
## (CROSSWALK_SLOW_TESTS=1, see internal/testenv; a plain go test ./...
## skips them), then the memory bound of a large build (without -race,
## which multiplies memory), then the tools module's tests (scripts/:
## the converter reproduces content/ from ../shared/data)
test: vet
	CROSSWALK_SLOW_TESTS=1 $(GO) test -race -count=1 ./...
	CROSSWALK_SLOW_TESTS=1 $(GO) test -count=1 -run TestBuildScaleMemory ./internal/build/
	cd scripts && $(GO) test -count=1 ./...

## fuzz: run every fuzz target for FUZZTIME each (default 30s; scripts/fuzz-one.sh, which runs
## once more a run Go's fuzz coordinator ends at its deadline with no failing input, go.dev/issue/75804)
## (package:function), found by grep so that a new one is not missed, as GOLDEN_PKGS are
FUZZ_TARGETS = $(shell grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+' cmd internal serve scaffold | sed -E 's#^(.*)/[^/]+_test\.go:func #\1:#' | sort -u)
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		scripts/fuzz-one.sh "$(GO)" "$${t%%:*}" "$${t##*:}" "$(FUZZTIME)" || exit 1; \
	done

vet:
	$(GO) vet ./...
	cd scripts && $(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

## e2e-deps: install the browser tests' npm packages (axe-core, pinned in
## package-lock.json) into node_modules/; skipped when node_modules is newer
## than the lock file. The tests also need Chromium (.ci/run installs it).
.PHONY: e2e-deps
e2e-deps:
	@if [ node_modules/.package-lock.json -nt package-lock.json ] && [ -f node_modules/axe-core/axe.min.js ]; then \
		echo "e2e-deps: node_modules is up to date"; \
	else \
		npm ci --no-audit --no-fund; \
	fi

## golden: rewrite every golden file from the current output (review the
## diff!): the packages whose tests have an -update flag, found by grep so
## that a new one is not missed
GOLDEN_PKGS = $(sort $(dir $(shell grep -rl --include='*_test.go' 'flag.Bool."update"' cmd internal serve scaffold)))
golden:
	$(GO) test $(addprefix ./,$(GOLDEN_PKGS)) -count=1 -update

## bench: build benchmarks (default site and a synthetic large site), with memory
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./internal/build/ | tee bench.out

## bench-compare: crosswalk vs Hugo vs the goldmark floor on the harness's 10,000-element tree corpus (hyperfine, paired: a rebuild, then into an empty folder; needs hugo, hyperfine)
bench-compare:
	scripts/bench-compare.sh compare 10000

## bench-serve: crosswalk serve on the 10,000-element tree corpus: file write to page served after an edit (median of 10)
bench-serve:
	scripts/bench-compare.sh serve 10000

## bench-growth: crosswalk on flat 1k/2k/4k and tree 1k/5k/10k/50k corpora: output bytes, wall time, peak RSS
bench-growth:
	scripts/bench-compare.sh growth

## cover: test coverage report
cover:
	$(GO) test -coverprofile=cover.out ./... && $(GO) tool cover -func=cover.out | tail -1

## content: re-convert content/ from ../shared/data (only needed when the data changes):
## the frameworks, pages and the official crosswalk's metadata, then its
## records with crosswalk import, as a publisher brings a mapping table
OFFICIAL_CSV := ../shared/data/crosswalk-nist-ai-rmf-ai-verify-official.csv
content: build
	cd scripts && $(GO) run ./convert-shared-data -data ../../shared/data -out ../content
	./$(BIN) import -source . -from $(OFFICIAL_CSV) -source-framework nist-ai-rmf -target-framework ai-verify \
		-columns source_id=nist_ai_rmf,target_id=ai_verify -into content/crosswalks/nist-ai-rmf--ai-verify.md

clean:
	rm -rf bin public .public.crosswalk-spare bench.out cover.out
