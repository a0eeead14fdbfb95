#!/usr/bin/env bash
# Builds the distribution jar when it is missing or older than the sources, then runs it.
# Arguments go to the jar; with none it runs the bot (`run`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source scripts/find-jdk.sh
# ffmpeg reads videos and audio tracks.
bash scripts/install-tools.sh || echo "Continuing without ffmpeg: videos will be refused with a message." >&2

jar=deploy/target/chatbridge.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./deploy/target -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) -newer "$jar" -print -quit)" ]; then
    mvn -B -ntp -q -DskipTests package
fi
if [ $# -eq 0 ]; then
    set -- run
fi
exec "$JAVA_HOME/bin/java" -jar "$jar" "$@"
