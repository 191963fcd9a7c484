#!/usr/bin/env bash
# API-call benchmark of the Slack connector (issue #7) against the in-process fake Slack.
#
#   connectors/slack/bench/run.sh [channels] [messages] [thread-share] [page-size] [edits-window] [edits-interval-ms]
#
# Defaults: 20 channels, 200,000 messages, 5 % of them replies (5 per thread), pages of 200, edits window 24h,
# edits-window passes every 300000 ms. The messages are back-dated 6 days, so with the default window the backfill
# lies outside it; pass 7d to put every message inside the window, and 0 as the interval to run edits-window passes
# back to back during the idle measurement. Prints calls per 1,000 events against the floor (history pages plus one
# conversations.replies call per thread), the calls of an idle round per channel, and the largest offset.
set -euo pipefail
cd "$(dirname "$0")/.."
CHANNELS="${1:-20}"
MESSAGES="${2:-200000}"
SHARE="${3:-0.05}"
PAGE="${4:-200}"
WINDOW="${5:-24h}"
INTERVAL="${6:-300000}"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
mkdir -p target/tmp
java -Xmx2g -Djava.io.tmpdir="$(pwd)/target/tmp" -cp "$CP" dev.episodic.connect.slack.SlackApiBenchmark \
  "$CHANNELS" "$MESSAGES" "$SHARE" "$PAGE" "$WINDOW" "$INTERVAL" 2>&1 | grep -v -E ' INFO |^SLF4J'
