#!/usr/bin/env bash
# Sourced by the other scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if new enough, then every JDK under /usr/lib/jvm (newest first),
# then the java on PATH. Fails with a message naming what it found when none fits.

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_jdk() {
    local candidate major
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidates+=("${candidate%/}")
    done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! JAVA_HOME=$(find_jdk); then
    echo "No JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/* and the javac on PATH)." >&2
    echo "Install one, for example Temurin 21 or 25, and set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v mvn >/dev/null 2>&1; then
    echo "Maven (mvn) is not installed; installing it from the Debian packages." >&2
    apt-get update -qq && apt-get install -y -qq maven >/dev/null
fi
