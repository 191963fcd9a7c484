#!/usr/bin/env bash
# Quota benchmark of the GitHub connector against the fake GitHub (50 repositories x every resource):
# requests spent by a full sync per resource against the floor ceil(items / page size), and the quota spent by
# an idle poll round of all streams. Usage: connectors/github/bench/quota-benchmark.sh [repositories]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q test -Dtest=QuotaBenchmarkTest -Dbench.repos="${1:-50}"
cat target/github-quota-benchmark.txt
