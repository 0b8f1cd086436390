#!/usr/bin/env bash
# Deploys every module to a local file repository with the release profile (Javadoc jars), as a
# release to Maven Central would, and checks the layout with tools/CheckDeploy.java: POM metadata,
# sources and Javadoc jars, checksums, the BOM, nothing unpublished. Signatures are left out: the
# release machine signs. Runs package and deploy:deploy only, so nothing is installed.
# Usage: tools/check-deploy.sh [REPO_DIR]   (default: a new temporary directory)
set -euo pipefail
repo="$(realpath -m "${1:-$(mktemp -d)}")"
if [[ -e "$repo" && -n "$(ls -A "$repo")" ]]; then
  echo "check-deploy: $repo is not empty; give a new or empty directory (an earlier deploy's files would be checked too)."
  exit 2
fi
cd "$(dirname "$0")/.."
log="$(mktemp)"
echo "deploying to $repo (log: $log)"
if ! mvn -B -Prelease -DskipTests package deploy:deploy -DaltDeploymentRepository="staging::file:$repo" >"$log" 2>&1; then
  tail -n 40 "$log"; echo "check-deploy: the deploy failed (log: $log)"; exit 1
fi
java tools/CheckDeploy.java "$repo"
