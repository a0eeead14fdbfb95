#!/usr/bin/env bash
# Measures start time, idle memory and reply latency of the packaged jar against the local
# fakes (see deploy/src/test/java/io/chatbridge/deploy/ReplyLatencyBenchmark.java).
# Prints a Markdown table; takes about 13 minutes, since each answer completes after the
# one-second Telegram pacing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/find-jdk.sh
mvn -B -ntp -q -pl deploy -am verify -DskipTests=false -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ReplyLatencyBenchmark -Dfailsafe.failIfNoSpecifiedTests=false "$@"
cat deploy/target/benchmark.md
