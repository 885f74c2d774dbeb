#!/bin/sh
# bench-compare.sh: crosswalk against Hugo and the goldmark floor on the
# same Markdown, with the harness in ../shared/bench (see its README), and
# the growth of crosswalk's output, time and memory with the corpus.
#
#   scripts/bench-compare.sh compare [N]    crosswalk vs Hugo vs floor on the
#                                           N-element tree corpus (10000),
#                                           hyperfine, paired, 5 runs, each
#                                           into its last output (a rebuild);
#                                           then crosswalk vs Hugo into an
#                                           empty folder (a CI build), 3 runs
#   scripts/bench-compare.sh growth         flat 1k/2k/4k and tree 1k/5k/10k/50k:
#                                           output bytes, wall time, peak RSS
#   scripts/bench-compare.sh serve [N]      crosswalk serve on the N-element
#                                           tree corpus (10000): one element's
#                                           file written → its page served
#                                           with the edit, 10 edits, median;
#                                           back to back, then 1.5 s apart
#
# The harness's 50,000-element tree has 250,000 records in one crosswalk
# file of 32 MB, over the 10 MB a content file may be by default
# (docs/robustness.md): growth builds with -max-file-mb 64.
#
# Needs python3, hyperfine, hugo (Debian's) and GNU time (/usr/bin/time)
# (serve needs only python3 and Go).
# Everything it makes goes to a temporary folder ($BENCH_DIR to keep it).
# The machine is 2 cores and shared: read medians and ratios.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
harness=${BENCH_HARNESS:-$repo/../shared/bench}
dir=${BENCH_DIR:-$(mktemp -d)}
bin=$dir/crosswalk
mkdir -p "$dir"

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench-compare: $1 is needed ($2)" >&2; exit 1; }; }
need python3 "to make the corpora"
[ -x /usr/bin/time ] || { echo "bench-compare: GNU time (/usr/bin/time) is needed: apt-get install -y time" >&2; exit 1; }
[ -f "$harness/synth.py" ] || { echo "bench-compare: no harness at $harness (set BENCH_HARNESS)" >&2; exit 1; }

(cd "$repo" && go build -o "$bin" ./cmd/crosswalk)

# corpus N LAYOUT: the N-element corpus in $dir/cN, as a crosswalk site in
# $dir/LAYOUT-N (made once).
corpus() {
	[ -d "$dir/c$1" ] || python3 "$harness/synth.py" "$1" "$dir/c$1" >/dev/null
	[ -d "$dir/$2-$1" ] || python3 "$harness/to_crosswalk.py" "$dir/c$1/plain" "$dir/$2-$1" --layout "$2" >/dev/null
}

# measure NAME COMMAND...: wall seconds and peak RSS of one run.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>&1
	read -r wall rss <"$dir/time"
	echo "$name $wall $((rss / 1024))"
}

case ${1:-compare} in
compare)
	n=${2:-10000}
	need hyperfine "apt-get install -y hyperfine"
	need hugo "apt-get install -y hugo"
	corpus "$n" tree
	(cd "$harness/mdlimit" && go build -o "$dir/mdlimit" .)
	cw="$bin build -source $dir/tree-$n -dest $dir/out-crosswalk -quiet"
	hugo="hugo -s $dir/c$n/hugo -d $dir/out-hugo --quiet"
	floor="$dir/mdlimit $dir/c$n/plain $dir/out-floor"
	hyperfine -N -w1 -r5 --export-json "$dir/compare.json" -n crosswalk "$cw" -n hugo "$hugo" -n floor "$floor"
	echo
	echo "peak RSS (one run each) and output:"
	for tool in crosswalk hugo floor; do
		case $tool in
		crosswalk) set -- $cw ;;
		hugo) set -- $hugo ;;
		floor) set -- $floor ;;
		esac
		m=$(measure "$tool" "$@")
		echo "$m $(du -sb "$dir/out-$tool" | cut -f1)" | awk '{printf "  %-10s peak RSS %5d MiB, output %6.1f MB\n", $1, $3, $4/1e6}'
	done
	# Into an empty folder, as a CI build is: each run starts from nothing
	# (the output and crosswalk's spare removed, and the disk synced, before
	# it). Making every folder and file is then most of both tools' system
	# time.
	echo
	echo "into an empty folder:"
	empty="sh -c 'rm -rf $dir/out-crosswalk $dir/.out-crosswalk.crosswalk-spare $dir/out-hugo; sync'"
	hyperfine -N -r3 --prepare "$empty" --export-json "$dir/compare-empty.json" -n crosswalk "$cw" -n hugo "$hugo"
	python3 - "$dir/compare.json" "$dir/compare-empty.json" <<'EOF'
import json, sys
cpu = lambda x: x["user"] + x["system"]
for i, (f, what) in enumerate(zip(sys.argv[1:], ["a rebuild, into the last output", "into an empty folder"])):
    r = {x["command"]: x for x in json.load(open(f))["results"]}
    cw, hugo = r["crosswalk"], r["hugo"]
    floor = ", floor %.2f s" % r["floor"]["median"] if "floor" in r else ""
    print("\n%s: medians: crosswalk %.2f s, hugo %.2f s%s" % (what, cw["median"], hugo["median"], floor))
    print("  crosswalk / hugo: wall %.2f×, CPU %.2f× (mean user+system: %.1f s against %.1f s, system %.1f s against %.1f s)" % (
        cw["median"] / hugo["median"], cpu(cw) / cpu(hugo), cpu(cw), cpu(hugo), cw["system"], hugo["system"]))
EOF
	;;
growth)
	echo "corpus      wall s  peak RSS MiB   output MB"
	for spec in flat:1000 flat:2000 flat:4000 tree:1000 tree:5000 tree:10000 tree:50000; do
		layout=${spec%%:*}
		n=${spec#*:}
		corpus "$n" "$layout"
		rm -rf "$dir/out-$layout-$n"
		m=$(measure "$layout-$n" "$bin" build -source "$dir/$layout-$n" -dest "$dir/out-$layout-$n" -quiet -max-file-mb 64)
		echo "$m $(du -sb "$dir/out-$layout-$n" | cut -f1)" | awk '{printf "%-11s %6.1f  %12d  %10.1f\n", $1, $2, $3, $4/1e6}'
		rm -rf "$dir/out-$layout-$n"
	done
	;;
serve)
	n=${2:-10000}
	corpus "$n" tree
	cd "$repo"
	CROSSWALK_BENCH_SITE="$dir/tree-$n" go test ./serve/ -run '^$' -bench 'EditToPage|RebuildAfterEdit' -benchtime 10x -count 1
	echo "the same, with the author pausing 1.5 s after each edit is served (its check then runs when the next comes):"
	CROSSWALK_BENCH_SITE="$dir/tree-$n" CROSSWALK_BENCH_PAUSE=1.5s go test ./serve/ -run '^$' -bench 'EditToPage' -benchtime 10x -count 1
	CROSSWALK_BENCH_SITE="$dir/tree-$n" go test ./internal/build/ -run '^$' -bench 'OpenAfterEdit' -benchtime 10x -count 1
	;;
*)
	echo "usage: $0 compare [N] | growth | serve [N]" >&2
	exit 2
	;;
esac
