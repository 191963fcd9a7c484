#!/usr/bin/env bash
# Benchmark: file-change scanner on a root of N files (default 100,000) against `find` on the same tree.
# Usage: connectors/filesystem/bench/file-scan.sh [files] [edits]   (env: RUNS=5, MVN_OFFLINE=-o|"")
# Prints: no-change rescan time (best of RUNS, warm JVM) vs `find ROOT -type f -printf '%T@ %s %p\n'` (best of
# RUNS), the rescan time after EDITS edits, and the largest offset value in bytes. The tree is generated once and
# cached in target/bench-files-N.
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILES="${1:-100000}"
EDITS="${2:-1000}"
RUNS="${RUNS:-5}"
MVN_OFFLINE="${MVN_OFFLINE--o}"
ROOT="$MODULE/target/bench-files-$FILES"
CP_FILE="$MODULE/target/bench-classpath.txt"

cd "$MODULE"
mvn -B -q $MVN_OFFLINE test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"
MAIN=dev.episodic.connect.filesystem.files.FileScanBenchmark

# Regenerate each run: the edit step changes files, and a fresh tree keeps runs comparable.
rm -rf "$ROOT"
echo "generating $FILES files in $ROOT ..."
java -cp "$CP" "$MAIN" generate "$ROOT" "$FILES"

best_find=""
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  find "$ROOT" -type f -printf '%T@ %s %p\n' > /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [[ -z "$best_find" || "$ms" -lt "$best_find" ]]; then best_find=$ms; fi
done

ours=$(java -Xmx1g -cp "$CP" "$MAIN" scan "$ROOT" "$RUNS" "$EDITS")
echo "$ours"
best_ours=$(echo "$ours" | sed -n 's/^rescan_best_ms=//p')
echo "find_printf_best_ms=$best_find  (find ROOT -type f -printf '%T@ %s %p\\n', best of $RUNS)"
awk -v f="$best_find" -v o="$best_ours" 'BEGIN { printf "ratio=%.2f  (no-change rescan / find; target <= 3)\n", o / (f > 0 ? f : 1) }'
