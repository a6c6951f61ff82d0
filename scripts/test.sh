#!/usr/bin/env bash
# Runs every test of InfoRadio. Installs first the Debian packages the tests use (needs root or sudo).
# Prints "N passed, N failed, N skipped" last and exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(espeak-ng sox opus-tools libopus0 mosquitto mosquitto-clients ffmpeg chromium alsa-utils)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The tests start mosquitto themselves where they need it; the packaged service is not wanted on port 1883.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mosquitto 2>/dev/null; then systemctl stop mosquitto || true; fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build InfoRadio.sln -c Release -nologo -v quiet
status=0
dotnet test InfoRadio.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$failed" -gt 0 ]; then
  # Named again at the end, where a CI log's tail shows them, with the first line of each failure's message.
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    tr '\n' ' ' < "$trx" | sed 's/<UnitTestResult /\n<UnitTestResult /g' | grep '^<UnitTestResult [^>]*outcome="Failed"' \
      | sed 's/^<UnitTestResult [^>]*testName="\([^"]*\)"[^>]*>\(.*<Message>\([^<]\{0,300\}\)\)\{0,1\}.*/  \1: \3/' | cut -c1-400 || true
  done
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then echo "no test results found"; status=1; fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
