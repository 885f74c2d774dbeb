#!/bin/sh
# fuzz-one.sh GO PACKAGE TARGET FUZZTIME: runs one fuzz target (make fuzz).
#
# Go 1.26's fuzz coordinator can report "context deadline exceeded" as a
# failure when -fuzztime ends while a worker is still running an input
# (go.dev/issue/75804, fixed in Go 1.27); it writes no failing input then.
# Such a run, and only such a run, is made once more: a failing input
# written to testdata/fuzz, or any other failure, fails at once.
set -u
go=$1 pkg=$2 fn=$3 fuzztime=$4
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for try in 1 2; do
	echo "fuzz: $fn in ./$pkg for $fuzztime"
	"$go" test "./$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "$fuzztime" >"$log" 2>&1
	rc=$?
	cat "$log"
	[ "$rc" -eq 0 ] && exit 0
	if grep -q 'Failing input written' "$log" || ! grep -q 'context deadline exceeded' "$log"; then
		exit "$rc"
	fi
	[ "$try" -eq 1 ] && echo "fuzz: $fn stopped at its deadline with no failing input (go.dev/issue/75804): once more"
done
exit 1
