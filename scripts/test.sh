#!/usr/bin/env bash
# Runs every test of the project: client (vitest), .NET unit and integration, end-to-end (Chromium) and
# cluster (redis-server, haproxy, several Demo.App processes).
# Installs missing system packages first. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

# npm install rather than npm ci: see Framework/ClientBuild.targets.
[ -f node_modules/.package-lock.json ] || npm install --no-audit --no-fund
npm test

dotnet build Framework.sln -c Release -warnaserror
results=$(mktemp -d)
status=0
for project in tests/RazorFaces.Tests tests/RazorFaces.EndToEnd tests/RazorFaces.Cluster; do
  [ -d "$project" ] || continue
  name=$(basename "$project")
  # The exit code of dotnet test itself decides; the grep only keeps the console short.
  if ! dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" \
      --results-directory "$results" > "$results/$name.log" 2>&1; then
    status=1
  fi
  # Each failed test's name with the first lines of its error message (a CI log is often all there is to go on).
  awk '/^ *Failed [A-Za-z]/ { show = 14 } /^ *Stack Trace:/ { show = 0 }
       show > 0 { print; show--; next }
       /^ *(Passed!|Failed!|Total tests|error)/ { print }' "$results/$name.log" || true
done

# One plain closing line over every .NET test run.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  p=$(echo "$counters" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  t=$(echo "$counters" | grep -o 'total="[0-9]*"' | grep -o '[0-9]*' || echo 0)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${p:-0} - ${f:-0}))
done
echo "dotnet: $passed passed, $failed failed, $skipped skipped"
[ "$passed" -gt 0 ] || { echo "No .NET test ran."; status=1; }
[ "$failed" -eq 0 ] || status=1
exit $status
