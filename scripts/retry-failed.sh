#!/usr/bin/env bash
# Runs once more each test method that failed in the given results folder (trx files), each test assembly on its own,
# writing trx files to "$1/retry". Prints the methods it reran. Used by test.sh: on this 2-core box a test that times
# real audio can miss its tolerance when the machine stalls; it counts as failed only if it fails again, and every
# test that needed the second run is listed as flaky in the output.
set -euo pipefail
results="$1"
retry="$results/retry"
rm -rf "$retry"; mkdir -p "$retry"
declare -A filters=()
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  flat=$(tr '\n' ' ' < "$trx")
  ids=$(echo "$flat" | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' | sed -n 's/.* testId="\([^"]*\)".*/\1/p' | sort -u || true)
  for id in $ids; do
    method=$(echo "$flat" | grep -o "<UnitTest [^>]*id=\"$id\">[^<]*<Execution [^>]*/>[^<]*<TestMethod [^>]*>" | head -1 || true)
    dll=$(echo "$method" | sed -n 's/.*<TestMethod [^>]*codeBase="\([^"]*\)".*/\1/p')
    class=$(echo "$method" | sed -n 's/.*<TestMethod [^>]*className="\([^"]*\)".*/\1/p')
    name=$(echo "$method" | sed -n 's/.*<TestMethod [^>]*name="\([^"]*\)".*/\1/p')
    [ -n "$dll" ] && [ -n "$class" ] && [ -n "$name" ] || continue
    entry="FullyQualifiedName~$class.$name"
    case "|${filters[$dll]:-}|" in *"|$entry|"*) ;; *) filters[$dll]="${filters[$dll]:+${filters[$dll]}|}$entry" ;; esac
  done
done
for dll in "${!filters[@]}"; do
  echo "Running again: ${filters[$dll]//|/ }"
  dotnet test "$dll" --filter "${filters[$dll]}" --logger "trx" --logger "console;verbosity=minimal" --results-directory "$retry" || true
done
