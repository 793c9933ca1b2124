using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        for (var i = 0; i + 2 < input.Length; i += 3)
        {
            input[i] = (input[i] - MeanRgb[0]) / 255f;
            input[i + 1] = (input[i + 1] - MeanRgb[1]) / 255f;
            input[i + 2] = (input[i + 2] - MeanRgb[2]) / 255f;
        }

        var x = DenseBlock(arena, input, InputSize, 3, "dense0", first: true, out var size);
        x = DenseBlock(arena, x, size, 32, "dense1", first: false, out size);
        x = DenseBlock(arena, x, size, 64, "dense2", first: false, out size);
        x = DenseBlock(arena, x, size, 128, "dense3", first: false, out size);

        // 7×7 average pool, stride 2, valid: one 256-vector from the 7×7 map.
        var pooled = arena.Take(256);
        Array.Clear(pooled);
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
            ? Conv3x3(arena, input, size, channels, _weights[$"{name}/conv0/filters"], _weights[$"{name}/conv0/bias"], stride: 2)
            : SeparableConv(arena, input, size, channels, name + "/conv0", outChannels, stride: 2);
        Relu(out1);
        var out2 = SeparableConv(arena, out1, outSize, outChannels, name + "/conv1", outChannels, stride: 1);
        var sum = Sum(arena, out1, out2);
        var out3 = SeparableConv(arena, ReluOf(arena, sum), outSize, outChannels, name + "/conv2", outChannels, stride: 1);
        AddInPlace(sum, out3);
        var out4 = SeparableConv(arena, ReluOf(arena, sum), outSize, outChannels, name + "/conv3", outChannels, stride: 1);
        AddInPlace(sum, out4);
        return Relu(sum);
    }

    /// <summary>TensorFlow "same" padding: the extra row/column goes after.</summary>
    private static int PadBefore(int size, int stride)
    {
        var outSize = (size + stride - 1) / stride;
        return Math.Max((outSize - 1) * stride + 3 - size, 0) / 2;
    }

    /// <summary>The first, full 3×3 convolution (3 input channels), bias included: each output vector is summed in a
    /// register over the 27 taps and written once.</summary>
    private static float[] Conv3x3(Arena arena, float[] input, int size, int channels, float[] filters, float[] bias, int stride)
    {
        var outChannels = bias.Length;
        var outSize = (size + stride - 1) / stride;
        var pad = PadBefore(size, stride);
        var output = arena.Take(outSize * outSize * outChannels);
        var width = Vector<float>.Count;
        if (!Vector.IsHardwareAccelerated || outChannels % width != 0)
        {
            throw new NotSupportedException($"The landmark network needs output channels in whole vectors of {width}.");
        }

        if (outChannels == 4 * width && input.Length >= size * size * channels && filters.Length >= 9 * channels * outChannels)
        {
            Conv3x3FourVectors(input, size, channels, filters, bias, stride, pad, output, outSize);
            return output;
        }

        for (var oy = 0; oy < outSize; oy++)
        {
            for (var ox = 0; ox < outSize; ox++)
            {
                var o = output.AsSpan((oy * outSize + ox) * outChannels, outChannels);
                for (var oc = 0; oc < outChannels; oc += width)
                {
                    var sum = new Vector<float>(bias.AsSpan(oc));
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

                            var pixel = input.AsSpan((iy * size + ix) * channels, channels);
                            var tap = (ky * 3 + kx) * channels;
                            for (var c = 0; c < channels; c++)
                            {
                                sum = Vector.MultiplyAddEstimate(new Vector<float>(filters.AsSpan((tap + c) * outChannels + oc)), new Vector<float>(pixel[c]), sum);
                            }
                        }
                    }

                    sum.CopyTo(o[oc..]);
                }
            }
        }

        return output;
    }

    /// <summary>
    /// <see cref="Conv3x3"/> for four vectors of output channels held in registers across the taps, so each input
    /// value is broadcast once rather than once a vector; every output is summed in the same order as there.
    /// The caller has checked the buffer lengths.
    /// </summary>
    private static void Conv3x3FourVectors(float[] input, int size, int channels, float[] filters, float[] bias, int stride, int pad, float[] output, int outSize)
    {
        var width = (nuint)Vector<float>.Count;
        ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(filters);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(output);
        var outChannels = (nuint)(4 * Vector<float>.Count);
        var b0 = new Vector<float>(bias.AsSpan(0));
        var b1 = new Vector<float>(bias.AsSpan((int)width));
        var b2 = new Vector<float>(bias.AsSpan((int)(2 * width)));
        var b3 = new Vector<float>(bias.AsSpan((int)(3 * width)));
        for (var oy = 0; oy < outSize; oy++)
        {
            for (var ox = 0; ox < outSize; ox++)
            {
                var (s0, s1, s2, s3) = (b0, b1, b2, b3);
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

                        var at = (nuint)((iy * size + ix) * channels);
                        var tap = (nuint)((ky * 3 + kx) * channels) * outChannels;
                        for (nuint c = 0; c < (nuint)channels; c++, tap += outChannels)
                        {
                            var v = new Vector<float>(Unsafe.Add(ref inputs, at + c));
                            s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref weights, tap), v, s0);
                            s1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref weights, tap + width), v, s1);
                            s2 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref weights, tap + 2 * width), v, s2);
                            s3 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref weights, tap + 3 * width), v, s3);
                        }
                    }
                }

                var o = (nuint)(oy * outSize + ox) * outChannels;
                s0.StoreUnsafe(ref outputs, o);
                s1.StoreUnsafe(ref outputs, o + width);
                s2.StoreUnsafe(ref outputs, o + 2 * width);
                s3.StoreUnsafe(ref outputs, o + 3 * width);
            }
        }
    }

    private float[] SeparableConv(Arena arena, float[] input, int size, int channels, string name, int outChannels, int stride)
    {
        var depthwise = _weights[name + "/depthwise_filter"];
        var outSize = (size + stride - 1) / stride;
        var pad = PadBefore(size, stride);
        var mid = arena.Take(outSize * outSize * channels);
        Depthwise(input, size, channels, depthwise, stride, pad, mid, outSize);
        var output = arena.Take(outSize * outSize * outChannels);
        var bias = _weights[name + "/bias"];
        for (var p = 0; p < outSize * outSize; p++)
        {
            bias.CopyTo(output, p * outChannels);
        }

        PointwiseAccumulate(mid, outSize * outSize, channels, _weights[name + "/pointwise_filter"], outChannels, output);
        return output;
    }

    /// <summary>
    /// The depthwise 3×3 step: each channel vector is summed in a register over the taps and written once, so the
    /// output needs no clearing and the nine taps cost nine fused multiply-adds rather than nine loads and stores.
    /// </summary>
    private static void Depthwise(float[] input, int size, int channels, float[] filter, int stride, int pad, float[] output, int outSize)
    {
        var width = Vector<float>.Count;
        if (!Vector.IsHardwareAccelerated || channels % width != 0)
        {
            throw new NotSupportedException($"The landmark network needs channels in whole vectors of {width}.");
        }

        if (input.Length < size * size * channels || filter.Length < 9 * channels || output.Length < outSize * outSize * channels)
        {
            throw new ArgumentException("Depthwise buffers are smaller than their shapes.");
        }

        ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
        ref var filters = ref MemoryMarshal.GetArrayDataReference(filter);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(output);
        var step = (nuint)width;
        var row = (nuint)(size * channels);
        var pixel = (nuint)channels;
        for (var oy = 0; oy < outSize; oy++)
        {
            var y0 = oy * stride - pad;
            var kyFrom = Math.Max(0, -y0);
            var kyTo = Math.Min(3, size - y0);
            for (var ox = 0; ox < outSize; ox++)
            {
                var x0 = ox * stride - pad;
                var kxFrom = Math.Max(0, -x0);
                var kxTo = Math.Min(3, size - x0);
                var o = (nuint)((oy * outSize + ox) * channels);
                if (kyFrom == 0 && kyTo == 3 && kxFrom == 0 && kxTo == 3)
                {
                    var r0 = (nuint)((y0 * size + x0) * channels);
                    var r1 = r0 + row;
                    var r2 = r1 + row;
                    for (nuint c = 0; c < pixel; c += step)
                    {
                        var sum = Vector<float>.Zero;
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r0 + c), Vector.LoadUnsafe(ref filters, c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r0 + pixel + c), Vector.LoadUnsafe(ref filters, pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r0 + 2 * pixel + c), Vector.LoadUnsafe(ref filters, 2 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r1 + c), Vector.LoadUnsafe(ref filters, 3 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r1 + pixel + c), Vector.LoadUnsafe(ref filters, 4 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r1 + 2 * pixel + c), Vector.LoadUnsafe(ref filters, 5 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r2 + c), Vector.LoadUnsafe(ref filters, 6 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r2 + pixel + c), Vector.LoadUnsafe(ref filters, 7 * pixel + c), sum);
                        sum = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref inputs, r2 + 2 * pixel + c), Vector.LoadUnsafe(ref filters, 8 * pixel + c), sum);
                        sum.StoreUnsafe(ref outputs, o + c);
                    }

                    continue;
                }

                for (nuint c = 0; c < pixel; c += step)
                {
                    var sum = Vector<float>.Zero;
                    for (var ky = kyFrom; ky < kyTo; ky++)
                    {
                        var at = (nuint)(((y0 + ky) * size + x0) * channels) + c;
                        for (var kx = kxFrom; kx < kxTo; kx++)
                        {
                            sum = Vector.MultiplyAddEstimate(
                                Vector.LoadUnsafe(ref inputs, at + (nuint)(kx * channels)),
                                Vector.LoadUnsafe(ref filters, (nuint)((ky * 3 + kx) * channels) + c),
                                sum);
                        }
                    }

                    sum.StoreUnsafe(ref outputs, o + c);
                }
            }
        }
    }

    /// <summary>output[p, oc] += Σ input[p, ic] · weights[ic, oc] — a matrix product, vectorised over oc.</summary>
    private static void PointwiseAccumulate(float[] input, int positions, int channels, float[] weights, int outChannels, float[] output)
    {
        if (input.Length < positions * channels || weights.Length < channels * outChannels || output.Length < positions * outChannels)
        {
            throw new ArgumentException("Pointwise buffers are smaller than their shapes.");
        }

        var width = Vector<float>.Count;
        var tiled = Vector.IsHardwareAccelerated && outChannels % (2 * width) == 0;
        var p = 0;
        if (tiled)
        {
            for (; p + TilePositions <= positions; p += TilePositions)
            {
                PointwiseTile(input, p, channels, weights, outChannels, output);
            }
        }

        for (; p < positions; p++)
        {
            var o = output.AsSpan(p * outChannels, outChannels);
            var inRow = input.AsSpan(p * channels, channels);
            for (var ic = 0; ic < channels; ic++)
            {
                if (inRow[ic] != 0f)
                {
                    Scale(weights.AsSpan(ic * outChannels, outChannels), inRow[ic], o);
                }
            }
        }
    }

    private const int TilePositions = 4;

    /// <summary>
    /// Four positions × two vectors of output channels held in registers over the whole input-channel loop, so each
    /// weight vector loaded serves four positions and each output is loaded and stored once: the pointwise products
    /// were bound by loads, not arithmetic, when every position walked the weights on its own. The caller has checked
    /// the buffer lengths, which is what makes the unchecked reads safe.
    /// </summary>
    private static void PointwiseTile(float[] input, int p, int channels, float[] weights, int outChannels, float[] output)
    {
        var width = (nuint)Vector<float>.Count;
        ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
        ref var weight = ref MemoryMarshal.GetArrayDataReference(weights);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(output);
        var rowIn = (nuint)channels;
        var rowOut = (nuint)outChannels;
        var in0 = (nuint)(p * channels);
        for (nuint oc = 0; oc < rowOut; oc += 2 * width)
        {
            var o0 = (nuint)(p * outChannels) + oc;
            var a00 = Vector.LoadUnsafe(ref outputs, o0);
            var a01 = Vector.LoadUnsafe(ref outputs, o0 + width);
            var a10 = Vector.LoadUnsafe(ref outputs, o0 + rowOut);
            var a11 = Vector.LoadUnsafe(ref outputs, o0 + rowOut + width);
            var a20 = Vector.LoadUnsafe(ref outputs, o0 + 2 * rowOut);
            var a21 = Vector.LoadUnsafe(ref outputs, o0 + 2 * rowOut + width);
            var a30 = Vector.LoadUnsafe(ref outputs, o0 + 3 * rowOut);
            var a31 = Vector.LoadUnsafe(ref outputs, o0 + 3 * rowOut + width);
            var w = oc;
            for (nuint ic = 0; ic < rowIn; ic++, w += rowOut)
            {
                var w0 = Vector.LoadUnsafe(ref weight, w);
                var w1 = Vector.LoadUnsafe(ref weight, w + width);
                var b0 = new Vector<float>(Unsafe.Add(ref inputs, in0 + ic));
                var b1 = new Vector<float>(Unsafe.Add(ref inputs, in0 + rowIn + ic));
                var b2 = new Vector<float>(Unsafe.Add(ref inputs, in0 + 2 * rowIn + ic));
                var b3 = new Vector<float>(Unsafe.Add(ref inputs, in0 + 3 * rowIn + ic));
                a00 = Vector.MultiplyAddEstimate(w0, b0, a00);
                a01 = Vector.MultiplyAddEstimate(w1, b0, a01);
                a10 = Vector.MultiplyAddEstimate(w0, b1, a10);
                a11 = Vector.MultiplyAddEstimate(w1, b1, a11);
                a20 = Vector.MultiplyAddEstimate(w0, b2, a20);
                a21 = Vector.MultiplyAddEstimate(w1, b2, a21);
                a30 = Vector.MultiplyAddEstimate(w0, b3, a30);
                a31 = Vector.MultiplyAddEstimate(w1, b3, a31);
            }

            a00.StoreUnsafe(ref outputs, o0);
            a01.StoreUnsafe(ref outputs, o0 + width);
            a10.StoreUnsafe(ref outputs, o0 + rowOut);
            a11.StoreUnsafe(ref outputs, o0 + rowOut + width);
            a20.StoreUnsafe(ref outputs, o0 + 2 * rowOut);
            a21.StoreUnsafe(ref outputs, o0 + 2 * rowOut + width);
            a30.StoreUnsafe(ref outputs, o0 + 3 * rowOut);
            a31.StoreUnsafe(ref outputs, o0 + 3 * rowOut + width);
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

    private static float[] Relu(float[] data)
    {
        Relu(data, data);
        return data;
    }

    private static float[] ReluOf(Arena arena, float[] source)
    {
        var result = arena.Take(source.Length);
        Relu(source, result);
        return result;
    }

    private static void Relu(ReadOnlySpan<float> source, Span<float> result)
    {
        if (result.Length < source.Length)
        {
            throw new ArgumentException("The result is shorter than the source.", nameof(result));
        }

        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(result);
        var i = 0;
        for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Max(Vector.LoadUnsafe(ref from, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < source.Length; i++)
        {
            result[i] = Math.Max(0f, source[i]);
        }
    }

    private static float[] Sum(Arena arena, float[] a, float[] b)
    {
        var sum = arena.Take(a.Length);
        Add(a, b, sum);
        return sum;
    }

    private static void AddInPlace(float[] sum, float[] b) => Add(sum, b, sum);

    private static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum)
    {
        if (b.Length < a.Length || sum.Length < a.Length)
        {
            throw new ArgumentException("The operands are shorter than the first.", nameof(b));
        }

        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        ref var to = ref MemoryMarshal.GetReference(sum);
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (Vector.LoadUnsafe(ref x, (nuint)i) + Vector.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        }

        for (; i < a.Length; i++)
        {
            sum[i] = a[i] + b[i];
        }
    }

    /// <summary>
    /// Buffers handed out in the same order on every pass and kept for the next one. They are not cleared: every
    /// step writes each element of the buffer it takes before anything reads it (clearing 7.6 MB a pass cost more
    /// than the arithmetic of some layers).
    /// </summary>
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
