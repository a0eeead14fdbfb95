#!/usr/bin/env bash
# Builds every module and runs all tests against the local fakes (no network needed beyond
# Maven Central for the first download of dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/find-jdk.sh
# ffmpeg reads videos and audio tracks.
bash scripts/install-tools.sh || echo "Continuing without ffmpeg: the video tests will be skipped." >&2
exec mvn -B -ntp verify "$@"
