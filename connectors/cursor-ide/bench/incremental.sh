#!/usr/bin/env bash
# Benchmark: first sync vs one incremental poll of the Cursor IDE connector's task.
# A global state.vscdb (WAL) with 500 composers and 20,000 bubbles is built once under target/bench-cursor;
# the task syncs it in full, then 10 bubbles are added to one composer and the next poll is timed.
# Usage: connectors/cursor-ide/bench/incremental.sh [composers] [bubbles]   (env: MVN_OFFLINE=-o|"", RUNS=3)
# Target: the incremental poll costs under 5% of the first sync.
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSERS="${1:-500}"
BUBBLES="${2:-20000}"
RUNS="${RUNS:-3}"
MVN_OFFLINE="${MVN_OFFLINE--o}"
CP_FILE="$MODULE/target/bench-classpath.txt"

cd "$MODULE"
mvn -B -q $MVN_OFFLINE test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"
mkdir -p "$MODULE/target/tmp"

for run in $(seq 1 "$RUNS"); do
  # A fresh copy per run: each run appends 10 bubbles, so the base database must not carry earlier runs.
  DATA="$MODULE/target/bench-cursor/run-$run"
  rm -rf "$DATA"
  echo "run $run:"
  java -Xmx1g -Djava.io.tmpdir="$MODULE/target/tmp" -Dlog4j2.level=WARN -cp "$CP" \
    dev.episodic.connect.cursoride.CursorSyncBenchmark "$DATA" "$COMPOSERS" "$BUBBLES"
done
