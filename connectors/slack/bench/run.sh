#!/usr/bin/env bash
# API-call benchmark of the Slack connector (issue #7) against the in-process fake Slack.
#
#   connectors/slack/bench/run.sh [channels] [messages] [thread-share] [page-size] [edits-window]
#
# Defaults: 20 channels, 200,000 messages, 5 % of them replies (5 per thread), pages of 200, edits window 24h.
# The messages are back-dated 6 days, so the first pass is a backfill (outside the edits window) and the idle
# rounds after it show the steady cost. Prints calls per 1,000 events against the floor (history pages plus one
# conversations.replies call per thread) and the calls of an idle round per channel.
set -euo pipefail
cd "$(dirname "$0")/.."
CHANNELS="${1:-20}"
MESSAGES="${2:-200000}"
SHARE="${3:-0.05}"
PAGE="${4:-200}"
WINDOW="${5:-24h}"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
mkdir -p target/tmp
java -Xmx2g -Djava.io.tmpdir="$(pwd)/target/tmp" -cp "$CP" dev.episodic.connect.slack.SlackApiBenchmark \
  "$CHANNELS" "$MESSAGES" "$SHARE" "$PAGE" "$WINDOW" 2>&1 | grep -v -E ' INFO |^SLF4J'
