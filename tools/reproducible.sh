#!/usr/bin/env bash
# Builds every jar twice from clean (tests skipped; with the release profile's Javadoc jars too
# when RELEASE=1) and compares their SHA-256: a reproducible build gives the same bytes for the
# same commit (project.build.outputTimestamp in pom.xml). Exit 1, naming the jars, when they differ.
# Leaves the second build's target/ directories in place.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=()
[[ "${RELEASE:-0}" == 1 ]] && profile=(-Prelease)
work="$(mktemp -d)"
for round in 1 2; do
  if ! mvn -B -q clean package -DskipTests ${profile[@]+"${profile[@]}"} >"$work/build-$round.log" 2>&1; then
    tail -n 40 "$work/build-$round.log"; echo "reproducible: build $round failed"; exit 1
  fi
  find . -path ./examples -prune -o -path '*/target/*.jar' -print | LC_ALL=C sort | xargs sha256sum >"$work/sha-$round.txt"
done
count="$(wc -l <"$work/sha-1.txt")"
if ! diff -u "$work/sha-1.txt" "$work/sha-2.txt"; then
  echo "reproducible: the jars above differ between two builds of the same sources"; exit 1
fi
echo "reproducible: $count jars, the same SHA-256 in two clean builds"
