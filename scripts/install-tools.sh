#!/usr/bin/env bash
# Installs the programs ChatBridge uses beside the JDK: ffmpeg and ffprobe, which read videos and
# convert audio for transcription (Debian package ffmpeg). Does nothing when they are present.
# Run it (do not source it) before the tests; it needs root or sudo only when something is missing.
set -euo pipefail

if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
    exit 0
fi

echo "ffmpeg is not installed; installing it from the Debian packages." >&2
sudo_prefix=""
if [ "$(id -u)" -ne 0 ]; then
    sudo_prefix="sudo"
fi
$sudo_prefix apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_prefix apt-get install -y -qq ffmpeg >/dev/null
command -v ffmpeg >/dev/null 2>&1 || { echo "ffmpeg could not be installed; video tests will be skipped." >&2; exit 1; }
