#!/usr/bin/env bash
# Throughput benchmark of the API-log connector (issue #8).
#
#   connectors/apilog/bench/run.sh [lines] [rounds] [e2e-lines]
#
# 1. Parse-and-emit: one ApiLogSourceTask polls a generated file of <lines> combined lines, then one of <lines>
#    JSON lines, to the end (every line becomes a SourceRecord), timed in the same run against a plain Java
#    BufferedReader.readLine loop and `wc -l` on the same file; heap in use after GC is printed at 25/50/75/100 %.
#    Rates are given per wall-clock second and per CPU second (the machine may be shared: CPU rates are the
#    stable figure, wall ratios measured in the same run are the fair comparison).
# 2. End to end: the API-log connector and Kafka's FileStreamSourceConnector (connect-file 4.3.1) ingest the
#    same <e2e-lines> combined file through one embedded exactly-once worker, one task each, alternating.
#
# Files are generated once under connectors/apilog/target/bench/ (about 150 and 230 bytes per line).
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${1:-5000000}"
ROUNDS="${2:-3}"
E2E_LINES="${3:-1000000}"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
BENCH_DIR="$(pwd)/target/bench"
mkdir -p "$BENCH_DIR"
echo "### parse and emit ($LINES lines, $ROUNDS rounds)"
java -Xmx1g -Dlog4j2.level=WARN -cp "$CP" dev.episodic.connect.apilog.bench.ParseBenchmark "$BENCH_DIR" "$LINES" "$ROUNDS" 2>&1 \
  | grep -v -E ' INFO |^SLF4J'
echo "### end to end ($E2E_LINES lines, 2 rounds)"
java -Xmx2g -Djava.io.tmpdir="$(pwd)/target/tmp" -cp "$CP" dev.episodic.connect.apilog.bench.EndToEndBenchmark \
  "$BENCH_DIR" "$E2E_LINES" 2 2>&1 | grep -E '^(==|round)'
