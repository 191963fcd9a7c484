#!/usr/bin/env bash
# Seek benchmark of the stream reader (issue #10).
#
#   client/bench/run.sh [events] [streams] [partitions] [rounds] [batch-bytes]   (defaults 1000000 100 8 15 16384)
#
# Starts one embedded KRaft broker, writes <events> events of <streams> streams on <partitions> partitions with a
# transactional producer (lz4, batch.size as Connect leaves it unless given, commit markers, every 20th transaction
# first aborted), then, per round and for another
# stream each time, times read(stream, after=N-10, limit=10) (cold: a new reader; warm: a reused reader on a stream it
# has not read) against a plain read_committed consumer scanning the stream's partition from the start for the same
# ten events, and checks all three found the same offsets. Fetches = consumer polls that returned records or moved
# the position. Before any timing a throwaway reader makes 2,000 reads and every partition is scanned once, so that the JIT has
# compiled the consumer's fetch path (a long-lived reader's state); round "warm" warms it further and is not counted;
# the summary is the median of the other rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
mkdir -p target/tmp
java -Xmx1g -Djava.io.tmpdir="$(pwd)/target/tmp" -cp "$CP" dev.episodic.client.bench.ReaderBenchmark "$@" 2>&1 \
  | grep -E '^(==|round| *warm| *[0-9]+ )'
