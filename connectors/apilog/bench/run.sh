#!/usr/bin/env bash
# Throughput benchmark of the API-log connector (issue #8).
#
#   connectors/apilog/bench/run.sh [lines=5000000] [rounds=3] [e2e-lines=1000000]
#
# 1. Parse and emit, per file (<lines> combined lines, then <lines> JSON lines), in the same JVM and round:
#    `wc -l`, a plain Java BufferedReader.readLine loop, a fresh ApiLogSourceTask polled to the end of the file
#    (every line becomes a SourceRecord, exactly what the task hands to Connect), and the readLine loop again. Rates
#    per wall-clock second and per CPU second (the task reads ahead on a second thread, so the per-task CPU figure
#    is the process's CPU, GC included), and bytes allocated per line; ratios against the mean of the two readLine
#    runs of the same round. Then the combined file once more with include.payload=false.
# 2. Heap in use after a full GC at 25/50/75/100 % of each file, for a 1,000,000-line file and the <lines> file:
#    flat in file size when the numbers do not grow with the file.
# 3. Stages: where a line's time goes on one thread (find, parse, build the event, build the SourceRecord), per
#    format, best of 3 passes over the 1,000,000-line files.
# 4. Bounds: against the same round's readLine loop, the envelope floor (readLine plus the event and record of each
#    line, values cut at fixed places: nothing a task does to a line costs less) and the task's own per-line work
#    without the read-ahead, each on one thread and on two threads taking half the file each (the best two cores
#    can do with no handoff).
# 5. End to end: the API-log connector and Kafka's FileStreamSourceConnector (connect-file 4.3.1) ingest the same
#    <e2e-lines> combined file through one embedded exactly-once worker, one task each, alternating.
#
# The machine load (uptime) is printed before each part. Files are generated once under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${1:-5000000}"
ROUNDS="${2:-3}"
E2E_LINES="${3:-1000000}"
echo "### command: connectors/apilog/bench/run.sh $LINES $ROUNDS $E2E_LINES ($(nproc) cores, $(java -version 2>&1 | head -1))"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
BENCH_DIR="$(pwd)/target/bench"
mkdir -p "$BENCH_DIR"
parse() {
  # shellcheck disable=SC2086
  java -Xmx1g -Dlog4j2.level=WARN ${JAVA_BENCH_FLAGS:-} -cp "$CP" dev.episodic.connect.apilog.bench.ParseBenchmark \
    "$BENCH_DIR" "$1" "$2" 2>&1 \
    | grep -v -E ' INFO |^SLF4J'
}
if [ "$LINES" != "1000000" ]; then
  echo "### heap reference: 1000000 lines, 1 round ($(uptime))"
  parse 1000000 1
fi
echo "### parse and emit: $LINES lines, $ROUNDS rounds ($(uptime))"
parse "$LINES" "$ROUNDS"
echo "### parse and emit, include.payload=false: $LINES combined lines, $ROUNDS rounds ($(uptime))"
JAVA_BENCH_FLAGS="-Dbench.only=combined -Dbench.payload=false" parse "$LINES" "$ROUNDS"
echo "### stages: 1000000 lines per format ($(uptime))"
for format in combined json; do
  java -Xmx1g -cp "$CP" dev.episodic.connect.apilog.StageBenchmark "$BENCH_DIR/$format-1000000.log" "$format" 3 2>&1 \
    | grep -E '^(==|  )'
done
echo "### bounds: $LINES combined lines, $ROUNDS rounds ($(uptime))"
java -Xmx1g -cp "$CP" dev.episodic.connect.apilog.BoundsBenchmark "$BENCH_DIR/combined-$LINES.log" "$LINES" "$ROUNDS" 2>&1 \
  | grep -E '^(==|round|  )'
echo "### end to end: $E2E_LINES lines, 2 rounds ($(uptime))"
java -Xmx2g -Djava.io.tmpdir="$(pwd)/target/tmp" -cp "$CP" dev.episodic.connect.apilog.bench.EndToEndBenchmark \
  "$BENCH_DIR" "$E2E_LINES" 2 2>&1 | grep -E '^(==|round)'
echo "### done ($(uptime))"
