#!/usr/bin/env bash
# Benchmark: git extraction engine vs `git log --numstat --all` on a >=10,000-commit repository.
# Usage: connectors/filesystem/bench/git-extract.sh [commits]   (env: THREADS, RENAMES, MVN_OFFLINE=-o|"")
# The repository is generated once with git fast-import and cached in target/bench-repo.
set -euo pipefail

MODULE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMITS="${1:-10000}"
THREADS="${THREADS:-2}"
RENAMES="${RENAMES:-false}"
MVN_OFFLINE="${MVN_OFFLINE--o}"
REPO="$MODULE/target/bench-repo"
CP_FILE="$MODULE/target/bench-classpath.txt"

cd "$MODULE"
mvn -B -q $MVN_OFFLINE test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"

if [[ ! -f "$REPO/.bench-$COMMITS" ]]; then
  echo "generating $COMMITS-commit repository in $REPO ..."
  rm -rf "$REPO"
  git init -q -b main "$REPO"
  java -cp "$CP" dev.episodic.connect.filesystem.git.BenchRepoGenerator "$COMMITS" \
    | git -C "$REPO" fast-import --quiet
  # A clone-like state: one repacked pack plus a commit-graph, as after `git gc`.
  git -C "$REPO" gc -q
  touch "$REPO/.bench-$COMMITS"
fi

count=$(git -C "$REPO" rev-list --all --count)
renames_flag=$([[ "$RENAMES" == "true" ]] && echo "-M" || echo "--no-renames")

best_git=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  git -C "$REPO" log --numstat --all "$renames_flag" --diff-merges=first-parent > /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [[ -z "$best_git" || "$ms" -lt "$best_git" ]]; then best_git=$ms; fi
done
# Plain `git log --numstat --all` (no merge diffs) as the brief's literal reference, best of 3.
best_plain=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  git -C "$REPO" log --numstat --all > /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [[ -z "$best_plain" || "$ms" -lt "$best_plain" ]]; then best_plain=$ms; fi
done

ours_out=$(java -Xmx1g -cp "$CP" dev.episodic.connect.filesystem.git.GitExtractBenchmark "$REPO" 3 "$THREADS" "$RENAMES")
echo "$ours_out"
best_ours=$(echo "$ours_out" | sed -n 's/^best_ms=//p')

echo "commits=$count threads=$THREADS renames=$RENAMES"
echo "git_log_numstat_all_ms=$best_plain  (git log --numstat --all)"
echo "git_log_numstat_first_parent_ms=$best_git  (git log --numstat --all $renames_flag --diff-merges=first-parent: same work as ours)"
echo "ours_ms=$best_ours"
awk -v g="$best_plain" -v o="$best_ours" 'BEGIN { printf "ratio=%.2f  (git_log_numstat_all / ours; target >= 0.5)\n", g / o }'
awk -v g="$best_git" -v o="$best_ours" 'BEGIN { printf "ratio_same_work=%.2f  (first-parent merge diffs included)\n", g / o }'
