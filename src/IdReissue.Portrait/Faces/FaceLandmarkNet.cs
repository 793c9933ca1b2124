using System.Numerics;
using System.Text.Json;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Faces;

/// <summary>
/// The 68-point face landmark network of face-api.js (MIT), run from its own TFJS weights: four dense
/// blocks of depthwise-separable 3×3 convolutions (32, 64, 128, 256 channels; 112 → 7 px), a 7×7
/// average pool and a fully connected layer to 68 (x, y) pairs in [0, 1] of the square input crop.
/// The forward pass is ours, over spans and <see cref="Vector{T}"/>, with no per-pixel allocation.
/// </summary>
public sealed class FaceLandmarkNet : IDisposable
{
    private const int InputSize = 112;
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly Dictionary<string, float[]> _weights;

    // Every pass needs the same sequence of intermediate buffers (7.6 MB in all): each thread keeps its
    // own and reuses them, so a check allocates almost nothing and the GC stays out of the latency.
    private readonly ThreadLocal<Arena> _arena = new(() => new Arena());

    public FaceLandmarkNet(string manifestPath, string weightsPath)
    {
        _weights = LoadTfjsWeights(manifestPath, weightsPath);
    }

    public void Dispose() => _arena.Dispose();

    /// <summary>68 points in image pixels for the square crop (left, top, side).</summary>
    public PointF[] Predict(RgbImage image, float left, float top, float side)
    {
        var arena = _arena.Value!;
        arena.Reset();
        var input = arena.Take(InputSize * InputSize * 3);
        Resampler.SquareToTensor(image, left, top, side, InputSize, input, 1f, 0f);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (input[i] - MeanRgb[i % 3]) / 255f;
        }

        var x = DenseBlock(arena, input, InputSize, 3, "dense0", first: true, out var size);
        x = DenseBlock(arena, x, size, 32, "dense1", first: false, out size);
        x = DenseBlock(arena, x, size, 64, "dense2", first: false, out size);
        x = DenseBlock(arena, x, size, 128, "dense3", first: false, out size);

        // 7×7 average pool, stride 2, valid: one 256-vector from the 7×7 map.
        var pooled = arena.Take(256);
        for (var p = 0; p < size * size; p++)
        {
            for (var c = 0; c < 256; c++)
            {
                pooled[c] += x[p * 256 + c];
            }
        }

        for (var c = 0; c < 256; c++)
        {
            pooled[c] /= size * size;
        }

        var output = arena.Take(136);
        _weights["fc/bias"].CopyTo(output, 0);
        PointwiseAccumulate(pooled, 1, 256, _weights["fc/weights"], 136, output);
        var points = new PointF[68];
        for (var i = 0; i < 68; i++)
        {
            points[i] = new PointF(left + output[2 * i] * side, top + output[2 * i + 1] * side);
        }

        return points;
    }

    private float[] DenseBlock(Arena arena, float[] input, int size, int channels, string name, bool first, out int outSize)
    {
        outSize = (size + 1) / 2;
        var outChannels = _weights[$"{name}/conv0/bias"].Length;
        var out1 = first
            ? Conv3x3(arena, input, size, channels, _weights[$"{name}/conv0/filters"], outChannels, stride: 2)
            : SeparableConv(arena, input, size, channels, name + "/conv0", outChannels, stride: 2);
        if (first)
        {
            AddBias(out1, _weights[$"{name}/conv0/bias"]);
        }

        Relu(out1);
        var out2 = SeparableConv(arena, out1, outSize, outChannels, name + "/conv1", outChannels, stride: 1);
        var sum = Copy(arena, out1);
        AddInPlace(sum, out2);
        var out3 = SeparableConv(arena, Relu(Copy(arena, sum)), outSize, outChannels, name + "/conv2", outChannels, stride: 1);
        AddInPlace(sum, out3);
        var out4 = SeparableConv(arena, Relu(Copy(arena, sum)), outSize, outChannels, name + "/conv3", outChannels, stride: 1);
        AddInPlace(sum, out4);
        return Relu(sum);
    }

    private static float[] Copy(Arena arena, float[] source)
    {
        var copy = arena.Take(source.Length);
        source.CopyTo(copy, 0);
        return copy;
    }

    /// <summary>TensorFlow "same" padding: the extra row/column goes after.</summary>
    private static int PadBefore(int size, int stride)
    {
        var outSize = (size + stride - 1) / stride;
        return Math.Max((outSize - 1) * stride + 3 - size, 0) / 2;
    }

    private static float[] Conv3x3(Arena arena, float[] input, int size, int channels, float[] filters, int outChannels, int stride)
    {
        var outSize = (size + stride - 1) / stride;
        var pad = PadBefore(size, stride);
        var output = arena.Take(outSize * outSize * outChannels);
        for (var oy = 0; oy < outSize; oy++)
        {
            for (var ox = 0; ox < outSize; ox++)
            {
                var o = output.AsSpan((oy * outSize + ox) * outChannels, outChannels);
                for (var ky = 0; ky < 3; ky++)
                {
                    var iy = oy * stride + ky - pad;
                    if ((uint)iy >= (uint)size)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < 3; kx++)
                    {
                        var ix = ox * stride + kx - pad;
                        if ((uint)ix >= (uint)size)
                        {
                            continue;
                        }

                        for (var c = 0; c < channels; c++)
                        {
                            Scale(filters.AsSpan(((ky * 3 + kx) * channels + c) * outChannels, outChannels), input[(iy * size + ix) * channels + c], o);
                        }
                    }
                }
            }
        }

        return output;
    }

    private float[] SeparableConv(Arena arena, float[] input, int size, int channels, string name, int outChannels, int stride)
    {
        var depthwise = _weights[name + "/depthwise_filter"];
        var outSize = (size + stride - 1) / stride;
        var pad = PadBefore(size, stride);
        var mid = arena.Take(outSize * outSize * channels);
        for (var oy = 0; oy < outSize; oy++)
        {
            for (var ox = 0; ox < outSize; ox++)
            {
                var o = mid.AsSpan((oy * outSize + ox) * channels, channels);
                for (var ky = 0; ky < 3; ky++)
                {
                    var iy = oy * stride + ky - pad;
                    if ((uint)iy >= (uint)size)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < 3; kx++)
                    {
                        var ix = ox * stride + kx - pad;
                        if ((uint)ix >= (uint)size)
                        {
                            continue;
                        }

                        MultiplyAdd(input.AsSpan((iy * size + ix) * channels, channels), depthwise.AsSpan((ky * 3 + kx) * channels, channels), o);
                    }
                }
            }
        }

        var output = arena.Take(outSize * outSize * outChannels);
        var bias = _weights[name + "/bias"];
        for (var p = 0; p < outSize * outSize; p++)
        {
            bias.CopyTo(output, p * outChannels);
        }

        PointwiseAccumulate(mid, outSize * outSize, channels, _weights[name + "/pointwise_filter"], outChannels, output);
        return output;
    }

    /// <summary>output[p, oc] += Σ input[p, ic] · weights[ic, oc] — a matrix product, vectorised over oc.</summary>
    private static void PointwiseAccumulate(float[] input, int positions, int channels, float[] weights, int outChannels, float[] output)
    {
        var width = Vector<float>.Count;
        var vectorised = Vector.IsHardwareAccelerated && outChannels % width == 0 && channels % 4 == 0;
        for (var p = 0; p < positions; p++)
        {
            var o = output.AsSpan(p * outChannels, outChannels);
            var inRow = input.AsSpan(p * channels, channels);
            if (!vectorised)
            {
                for (var ic = 0; ic < channels; ic++)
                {
                    if (inRow[ic] != 0f)
                    {
                        Scale(weights.AsSpan(ic * outChannels, outChannels), inRow[ic], o);
                    }
                }

                continue;
            }

            // Four input channels per pass: the output row is loaded and stored a quarter as often.
            for (var ic = 0; ic < channels; ic += 4)
            {
                var v0 = new Vector<float>(inRow[ic]);
                var v1 = new Vector<float>(inRow[ic + 1]);
                var v2 = new Vector<float>(inRow[ic + 2]);
                var v3 = new Vector<float>(inRow[ic + 3]);
                var w0 = weights.AsSpan(ic * outChannels, outChannels);
                var w1 = weights.AsSpan((ic + 1) * outChannels, outChannels);
                var w2 = weights.AsSpan((ic + 2) * outChannels, outChannels);
                var w3 = weights.AsSpan((ic + 3) * outChannels, outChannels);
                for (var oc = 0; oc < outChannels; oc += width)
                {
                    var sum = new Vector<float>(o[oc..])
                        + new Vector<float>(w0[oc..]) * v0 + new Vector<float>(w1[oc..]) * v1
                        + new Vector<float>(w2[oc..]) * v2 + new Vector<float>(w3[oc..]) * v3;
                    sum.CopyTo(o[oc..]);
                }
            }
        }
    }

    private static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(sum[i..]) + new Vector<float>(a[i..]) * new Vector<float>(b[i..])).CopyTo(sum[i..]);
            }
        }

        for (; i < a.Length; i++)
        {
            sum[i] += a[i] * b[i];
        }
    }

    private static void Scale(ReadOnlySpan<float> row, float value, Span<float> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var v = new Vector<float>(value);
            for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(sum[i..]) + new Vector<float>(row[i..]) * v).CopyTo(sum[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            sum[i] += row[i] * value;
        }
    }

    private static void AddBias(float[] data, float[] bias)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] += bias[i % bias.Length];
        }
    }

    private static float[] Relu(float[] data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Math.Max(0f, data[i]);
        }

        return data;
    }

    private static void AddInPlace(float[] sum, float[] b)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += b[i];
        }
    }

    /// <summary>Buffers handed out in the same order on every pass, zeroed, and kept for the next pass.</summary>
    private sealed class Arena
    {
        private readonly List<float[]> _buffers = [];
        private int _next;

        public void Reset() => _next = 0;

        public float[] Take(int length)
        {
            if (_next == _buffers.Count)
            {
                _buffers.Add(new float[length]);
            }
            else if (_buffers[_next].Length != length)
            {
                _buffers[_next] = new float[length];
            }
            else
            {
                Array.Clear(_buffers[_next]);
            }

            return _buffers[_next++];
        }
    }

    /// <summary>Reads a TFJS weights manifest and its binary shard; uint8-quantised weights are dequantised.</summary>
    private static Dictionary<string, float[]> LoadTfjsWeights(string manifestPath, string weightsPath)
    {
        var bytes = File.ReadAllBytes(weightsPath);
        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var weights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var group in manifest.RootElement.EnumerateArray())
        {
            foreach (var entry in group.GetProperty("weights").EnumerateArray())
            {
                var count = entry.GetProperty("shape").EnumerateArray().Aggregate(1, (n, d) => n * d.GetInt32());
                var values = new float[count];
                if (entry.TryGetProperty("quantization", out var q))
                {
                    if (q.GetProperty("dtype").GetString() != "uint8")
                    {
                        throw new InvalidDataException("Only uint8 quantisation is supported.");
                    }

                    var scale = q.GetProperty("scale").GetSingle();
                    var min = q.GetProperty("min").GetSingle();
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = bytes[offset + i] * scale + min;
                    }

                    offset += count;
                }
                else
                {
                    Buffer.BlockCopy(bytes, offset, values, 0, count * 4);
                    offset += count * 4;
                }

                weights[entry.GetProperty("name").GetString()!] = values;
            }
        }

        if (offset != bytes.Length)
        {
            throw new InvalidDataException($"The weights file has {bytes.Length} bytes; the manifest describes {offset}.");
        }

        return weights;
    }
}
