#!/usr/bin/env node
// Reference outputs for PresentationAttackNet (tests/IdReissue.Portrait.Tests/PresentationAttackNetTests.cs):
// runs human's antispoof and liveness TFJS graph models with @tensorflow/tfjs@4 (pure JavaScript CPU backend)
// on face crops made exactly as @vladmandic/human@3.3.6 makes them (src/face/facemeshutil.ts cutAndResize:
// tf.image.cropAndResize of the square box to 256×256, ÷255; src/face/antispoof.ts and liveness.ts:
// tf.image.resizeBilinear to the model's input, alignCorners false).
//
// usage: node scripts/pad-reference.js MODEL_DIR FACE... > reference.json
//   FACE = RAW.rgb:WIDTH:HEIGHT:LEFT:TOP:RIGHT:BOTTOM   (8-bit RGB rows, no padding; the crop box in pixels)
// needs: npm install @tensorflow/tfjs@4 in a folder on NODE_PATH (or next to this script).
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

function loadModel(jsonPath) {
  const model = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const dir = path.dirname(jsonPath);
  const specs = [];
  const buffers = [];
  for (const group of model.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: model.modelTopology, weightSpecs: specs, weightData, format: model.format,
    generatedBy: model.generatedBy, convertedBy: model.convertedBy, signature: model.signature,
  }));
}

async function main() {
  const [modelDir, ...faces] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const antispoof = await loadModel(path.join(modelDir, 'antispoof.json'));
  const liveness = await loadModel(path.join(modelDir, 'liveness.json'));
  const results = [];
  for (const face of faces) {
    const [file, w, h, left, top, right, bottom] = face.split(':').map((v, i) => (i === 0 ? v : Number(v)));
    const pixels = fs.readFileSync(file);
    const image = tf.tensor4d(Float32Array.from(pixels), [1, h, w, 3], 'float32');
    const crop = tf.image.cropAndResize(image, [[top / h, left / w, bottom / h, right / w]], [0], [256, 256]);
    const norm = tf.div(crop, tf.scalar(255));
    const in128 = tf.image.resizeBilinear(norm, [128, 128], false);
    const in32 = tf.image.resizeBilinear(norm, [32, 32], false);
    const real = await antispoof.execute(in128).data();
    const live = await liveness.execute(in32).data();
    results.push({
      file: path.basename(file), width: w, height: h, box: [left, top, right, bottom],
      real: real[0], live: Array.from(live),
      input128: Array.from(await in128.data()), input32: Array.from(await in32.data()),
    });
    tf.dispose([image, crop, norm, in128, in32]);
  }
  process.stdout.write(JSON.stringify({ tfjs: tf.version.tfjs, backend: tf.getBackend(), faces: results }));
}

main();
