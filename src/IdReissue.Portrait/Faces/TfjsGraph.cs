using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IdReissue.Portrait.Faces;

/// <summary>
/// A small TFJS graph-model runner for single-image (batch 1, NHWC) convolutional classifiers: it reads a
/// model.json (topology + weightsManifest) and its .bin, resolves the graph from the output back to the
/// placeholder, and compiles it into a fixed list of steps with buffer sizes known at load. Only the ops the
/// presentation-attack graphs use are implemented (_FusedConv2D with BiasAdd[/Relu], MaxPool, Relu, Mul/Add/AddV2
/// with a per-channel constant, Reshape, _FusedMatMul with BiasAdd[/Relu], Sigmoid, Softmax, Identity); anything
/// else fails at load rather than giving a wrong number at run time.
/// </summary>
public sealed class TfjsGraph : IDisposable
{
    private readonly List<Step> _steps = [];

    // Each thread keeps its own buffers (one per step, sizes fixed at load), so a pass allocates nothing.
    private readonly ThreadLocal<float[][]> _buffers;

    private TfjsGraph(string modelPath)
    {
        using var model = JsonDocument.Parse(File.ReadAllBytes(modelPath));
        var root = model.RootElement;
        var weights = LoadWeights(root.GetProperty("weightsManifest"), Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var node in root.GetProperty("modelTopology").GetProperty("node").EnumerateArray())
        {
            nodes[node.GetProperty("name").GetString()!] = node.Clone();
        }

        var outputName = root.GetProperty("signature").GetProperty("outputs").EnumerateObject().First().Value.GetProperty("name").GetString()!;
        var shapes = new Dictionary<string, (int Index, int[] Shape)>(StringComparer.Ordinal);
        var (index, shape) = Compile(StripPort(outputName), nodes, weights, shapes);
        OutputIndex = index;
        OutputShape = shape;
        var sizes = _steps.Select(s => s.Length).ToArray();
        _buffers = new ThreadLocal<float[][]>(() => sizes.Select(n => new float[n]).ToArray());
    }

    /// <summary>The input's shape without the batch: height, width, channels.</summary>
    public int[] InputShape { get; private set; } = [];

    /// <summary>The output's shape without the batch.</summary>
    public int[] OutputShape { get; }

    private int OutputIndex { get; }

    public int InputLength => InputShape.Aggregate(1, (n, d) => n * d);

    public int OutputLength => OutputShape.Aggregate(1, (n, d) => n * d);

    public static TfjsGraph Load(string modelPath) => new(modelPath);

    public void Dispose() => _buffers.Dispose();

    /// <summary>Runs the graph on one NHWC input (batch 1) and writes the output.</summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != InputLength || output.Length < OutputLength)
        {
            throw new ArgumentException($"The graph takes {InputLength} inputs and gives {OutputLength} outputs.");
        }

        var buffers = _buffers.Value!;
        input.CopyTo(buffers[0]);
        for (var i = 1; i < _steps.Count; i++)
        {
            _steps[i].Run(buffers);
        }

        buffers[OutputIndex].AsSpan(0, OutputLength).CopyTo(output);
    }

    private void Add(Step step)
    {
        step.Self = _steps.Count;
        _steps.Add(step);
    }

    private static string StripPort(string name) => name.Split(':')[0];

    private (int Index, int[] Shape) Compile(string name, Dictionary<string, JsonElement> nodes, Dictionary<string, (float[] Data, int[] Shape)> weights, Dictionary<string, (int Index, int[] Shape)> done)
    {
        if (done.TryGetValue(name, out var known))
        {
            return known;
        }

        var node = nodes[name];
        var op = node.GetProperty("op").GetString()!;
        var inputs = node.TryGetProperty("input", out var list) ? list.EnumerateArray().Select(i => StripPort(i.GetString()!)).ToArray() : [];
        (int, int[]) Input(int i) => Compile(inputs[i], nodes, weights, done);
        (float[] Data, int[] Shape) Constant(int i) => weights.TryGetValue(inputs[i], out var w) ? w : throw new NotSupportedException($"{name}: input {inputs[i]} is not a constant.");

        (int, int[]) result;
        switch (op)
        {
            case "Placeholder":
            {
                if (_steps.Count != 0)
                {
                    throw new NotSupportedException("The graph must have one input.");
                }

                var dims = node.GetProperty("attr").GetProperty("shape").GetProperty("shape").GetProperty("dim").EnumerateArray().Select(d => int.Parse(d.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                InputShape = dims[1..];
                Add(new InputStep(InputShape.Aggregate(1, (n, d) => n * d)));
                result = (0, InputShape);
                break;
            }

            case "Identity":
                result = Input(0);
                break;
            case "Reshape":
            {
                // The graphs only flatten; the data are already in NHWC row order.
                var (from, fromShape) = Input(0);
                result = (from, [fromShape.Aggregate(1, (n, d) => n * d)]);
                break;
            }

            case "_FusedConv2D":
            {
                var (from, s) = Input(0);
                var filter = Constant(1);
                var bias = Constant(2);
                var attr = node.GetProperty("attr");
                CheckFused(attr, name, out var relu);
                CheckOnes(attr, "dilations", name);
                var strides = Ints(attr, "strides");
                var same = Text(attr, "padding") == "SAME";
                var conv = new ConvStep(from, s[0], s[1], s[2], filter.Data, filter.Shape, bias.Data, strides[1], strides[2], same, relu);
                Add(conv);
                result = (_steps.Count - 1, [conv.OutHeight, conv.OutWidth, conv.OutChannels]);
                break;
            }

            case "MaxPool":
            {
                var (from, s) = Input(0);
                var attr = node.GetProperty("attr");
                if (Text(attr, "padding") != "VALID")
                {
                    throw new NotSupportedException($"{name}: only VALID max pooling is implemented.");
                }

                var k = Ints(attr, "ksize");
                var st = Ints(attr, "strides");
                var pool = new MaxPoolStep(from, s[0], s[1], s[2], k[1], k[2], st[1], st[2]);
                Add(pool);
                result = (_steps.Count - 1, [pool.OutHeight, pool.OutWidth, s[2]]);
                break;
            }

            case "Relu":
            case "Sigmoid":
            case "Softmax":
            {
                var (from, s) = Input(0);
                Add(new UnaryStep(from, s.Aggregate(1, (n, d) => n * d), s[^1], op));
                result = (_steps.Count - 1, s);
                break;
            }

            case "Mul":
            case "Add":
            case "AddV2":
            {
                // Folded batch normalisation: a tensor times / plus a per-channel constant.
                var (from, s) = Input(0);
                var constant = Constant(1);
                if (constant.Data.Length != s[^1])
                {
                    throw new NotSupportedException($"{name}: only a per-channel constant is implemented.");
                }

                Add(new ChannelStep(from, s.Aggregate(1, (n, d) => n * d), constant.Data, op == "Mul"));
                result = (_steps.Count - 1, s);
                break;
            }

            case "_FusedMatMul":
            {
                var (from, s) = Input(0);
                var w = Constant(1);
                var bias = Constant(2);
                var attr = node.GetProperty("attr");
                CheckFused(attr, name, out var relu);
                if (attr.TryGetProperty("transpose_a", out var ta) && ta.GetProperty("b").GetBoolean()
                    || attr.TryGetProperty("transpose_b", out var tb) && tb.GetProperty("b").GetBoolean())
                {
                    throw new NotSupportedException($"{name}: transposed products are not implemented.");
                }

                if (w.Shape.Length != 2 || w.Shape[0] != s[^1])
                {
                    throw new InvalidDataException($"{name}: weights {string.Join('x', w.Shape)} do not fit the input {s[^1]}.");
                }

                Add(new MatMulStep(from, w.Data, w.Shape[0], w.Shape[1], bias.Data, relu));
                result = (_steps.Count - 1, [w.Shape[1]]);
                break;
            }

            default:
                throw new NotSupportedException($"{name}: the op {op} is not implemented.");
        }

        done[name] = result;
        return result;
    }

    private static string Text(JsonElement attr, string key) => Encoding.ASCII.GetString(Convert.FromBase64String(attr.GetProperty(key).GetProperty("s").GetString()!));

    private static int[] Ints(JsonElement attr, string key) =>
        attr.GetProperty(key).GetProperty("list").GetProperty("i").EnumerateArray().Select(i => int.Parse(i.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static void CheckOnes(JsonElement attr, string key, string name)
    {
        if (attr.TryGetProperty(key, out _) && Ints(attr, key).Any(v => v != 1))
        {
            throw new NotSupportedException($"{name}: {key} other than 1 are not implemented.");
        }
    }

    private static void CheckFused(JsonElement attr, string name, out bool relu)
    {
        var fused = attr.GetProperty("fused_ops").GetProperty("list").GetProperty("s").EnumerateArray()
            .Select(s => Encoding.ASCII.GetString(Convert.FromBase64String(s.GetString()!))).ToArray();
        relu = fused.Length == 2 && fused[1] == "Relu";
        if (fused.Length == 0 || fused[0] != "BiasAdd" || fused.Length > 2 || fused.Length == 2 && !relu)
        {
            throw new NotSupportedException($"{name}: fused ops {string.Join(',', fused)} are not implemented.");
        }
    }

    /// <summary>The weights as TFJS decodes them: float32, int32, float16 or uint8/uint16 quantised (q·scale + min).</summary>
    private static Dictionary<string, (float[] Data, int[] Shape)> LoadWeights(JsonElement manifest, string directory)
    {
        var weights = new Dictionary<string, (float[], int[])>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var bytes = group.GetProperty("paths").EnumerateArray().SelectMany(p => File.ReadAllBytes(Path.Combine(directory, p.GetString()!))).ToArray();
            var offset = 0;
            foreach (var entry in group.GetProperty("weights").EnumerateArray())
            {
                var shape = entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (n, d) => n * d);
                var values = new float[count];
                var dtype = entry.GetProperty("dtype").GetString();
                var stored = entry.TryGetProperty("quantization", out var q) ? q.GetProperty("dtype").GetString() : dtype;
                var span = bytes.AsSpan(offset);
                switch (stored)
                {
                    case "float32":
                        MemoryMarshal.Cast<byte, float>(span[..(count * 4)]).CopyTo(values);
                        offset += count * 4;
                        break;
                    case "int32":
                        var ints = MemoryMarshal.Cast<byte, int>(span[..(count * 4)]);
                        for (var i = 0; i < count; i++)
                        {
                            values[i] = ints[i];
                        }

                        offset += count * 4;
                        break;
                    case "float16":
                        var halves = MemoryMarshal.Cast<byte, Half>(span[..(count * 2)]);
                        for (var i = 0; i < count; i++)
                        {
                            values[i] = (float)halves[i];
                        }

                        offset += count * 2;
                        break;
                    case "uint8":
                    case "uint16":
                        var scale = q.GetProperty("scale").GetSingle();
                        var min = q.GetProperty("min").GetSingle();
                        var wide = stored == "uint16";
                        for (var i = 0; i < count; i++)
                        {
                            values[i] = (wide ? BitConverter.ToUInt16(span[(2 * i)..]) : span[i]) * scale + min;
                        }

                        offset += count * (wide ? 2 : 1);
                        break;
                    default:
                        throw new NotSupportedException($"Weight {entry.GetProperty("name").GetString()}: storage {stored} is not implemented.");
                }

                weights[entry.GetProperty("name").GetString()!] = (values, shape);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"The weights files have {bytes.Length} bytes; the manifest describes {offset}.");
            }
        }

        return weights;
    }

    private abstract class Step
    {
        public abstract int Length { get; }

        /// <summary>The index of this step's own buffer.</summary>
        public int Self { get; set; }

        public abstract void Run(float[][] buffers);
    }

    private sealed class InputStep(int length) : Step
    {
        public override int Length => length;

        public override void Run(float[][] buffers)
        {
        }
    }

    /// <summary>
    /// A 2-D convolution (HWIO filter) with bias and optional ReLU. SAME padding is done by copying the input into a
    /// zero-bordered buffer (TensorFlow puts the odd extra row/column after), so the inner loops never test bounds.
    /// Four output positions × two vectors of output channels are summed in registers over all taps: each weight
    /// vector loaded serves four positions, which keeps the loop on arithmetic rather than loads (six positions
    /// measured slower: the JIT spills registers).
    /// </summary>
    private sealed class ConvStep : Step
    {
        private const int Tile = 4;
        private readonly int _from;
        private readonly int _padded;
        private readonly int _inH;
        private readonly int _inW;
        private readonly int _c;
        private readonly int _kh;
        private readonly int _kw;
        private readonly int _sy;
        private readonly int _sx;
        private readonly int _padTop;
        private readonly int _padLeft;
        private readonly int _ph;
        private readonly int _pw;
        private readonly float[] _filter;
        private readonly float[] _bias;
        private readonly bool _relu;

        public ConvStep(int from, int h, int w, int c, float[] filter, int[] filterShape, float[] bias, int sy, int sx, bool same, bool relu)
        {
            if (filterShape.Length != 4 || filterShape[2] != c || bias.Length != filterShape[3])
            {
                throw new InvalidDataException($"A {string.Join('x', filterShape)} filter does not fit {c} input channels.");
            }

            (_from, _inH, _inW, _c, _kh, _kw, _sy, _sx, _filter, _bias, _relu) = (from, h, w, c, filterShape[0], filterShape[1], sy, sx, filter, bias, relu);
            OutChannels = filterShape[3];
            if (same)
            {
                OutHeight = (h + sy - 1) / sy;
                OutWidth = (w + sx - 1) / sx;
                var padH = Math.Max((OutHeight - 1) * sy + _kh - h, 0);
                var padW = Math.Max((OutWidth - 1) * sx + _kw - w, 0);
                (_padTop, _padLeft, _ph, _pw) = (padH / 2, padW / 2, h + padH, w + padW);
            }
            else
            {
                OutHeight = (h - _kh) / sy + 1;
                OutWidth = (w - _kw) / sx + 1;
                (_ph, _pw) = (h, w);
            }

            // The padded copy lives in this step's buffer, after the output.
            _padded = same ? OutHeight * OutWidth * OutChannels : -1;
        }

        public int OutHeight { get; }

        public int OutWidth { get; }

        public int OutChannels { get; }

        public override int Length => OutHeight * OutWidth * OutChannels + (_padded >= 0 ? _ph * _pw * _c : 0);

        public override void Run(float[][] buffers)
        {
            var output = buffers[Self];
            var input = buffers[_from];
            var inputOffset = 0;
            if (_padded >= 0)
            {
                var padded = output.AsSpan(_padded, _ph * _pw * _c);
                padded.Clear();
                for (var y = 0; y < _inH; y++)
                {
                    input.AsSpan(y * _inW * _c, _inW * _c).CopyTo(padded[(((y + _padTop) * _pw + _padLeft) * _c)..]);
                }

                input = output;
                inputOffset = _padded;
            }

            Convolve(input, inputOffset, output);
            if (_relu)
            {
                Activations.Relu(output.AsSpan(0, OutHeight * OutWidth * OutChannels));
            }
        }

        private void Convolve(float[] input, int inputOffset, float[] output)
        {
            var oc = OutChannels;
            var width = Vector<float>.Count;
            var block = Vector.IsHardwareAccelerated && oc % (2 * width) == 0 ? 2 * width : Vector.IsHardwareAccelerated && oc % width == 0 ? width : 0;
            for (var oy = 0; oy < OutHeight; oy++)
            {
                var ox = 0;
                if (block != 0)
                {
                    for (; ox + Tile <= OutWidth; ox += Tile)
                    {
                        for (var o = 0; o < oc; o += block)
                        {
                            if (block == 2 * width)
                            {
                                TileTwo(input, inputOffset, oy, ox, o, output);
                            }
                            else
                            {
                                TileOne(input, inputOffset, oy, ox, o, output);
                            }
                        }
                    }
                }

                for (; ox < OutWidth; ox++)
                {
                    if (block != 0)
                    {
                        for (var o = 0; o < oc; o += width)
                        {
                            OnePosition(input, inputOffset, oy, ox, o, output);
                        }
                    }
                    else
                    {
                        Single(input, inputOffset, oy, ox, output);
                    }
                }
            }
        }

        private void TileTwo(float[] input, int inputOffset, int oy, int ox, int o, float[] output)
        {
            var width = (nuint)Vector<float>.Count;
            ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
            ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
            var a00 = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_bias), (nuint)o);
            var a01 = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_bias), (nuint)o + width);
            var (a10, a11, a20, a21, a30, a31) = (a00, a01, a00, a01, a00, a01);
            var c = (nuint)_c;
            var oc = (nuint)OutChannels;
            var step = (nuint)(_sx * _c);
            for (var ky = 0; ky < _kh; ky++)
            {
                var rowStart = (nuint)(inputOffset + (((oy * _sy) + ky) * _pw + ox * _sx) * _c);
                var w = (nuint)(ky * _kw * _c) * oc + (nuint)o;
                for (var kx = 0; kx < _kw; kx++)
                {
                    var p = rowStart + (nuint)(kx * _c);
                    for (nuint ic = 0; ic < c; ic++, w += oc)
                    {
                        var w0 = Vector.LoadUnsafe(ref filter, w);
                        var w1 = Vector.LoadUnsafe(ref filter, w + width);
                        var b0 = new Vector<float>(Unsafe.Add(ref inputs, p + ic));
                        var b1 = new Vector<float>(Unsafe.Add(ref inputs, p + step + ic));
                        var b2 = new Vector<float>(Unsafe.Add(ref inputs, p + 2 * step + ic));
                        var b3 = new Vector<float>(Unsafe.Add(ref inputs, p + 3 * step + ic));
                        a00 = Vector.FusedMultiplyAdd(w0, b0, a00);
                        a01 = Vector.FusedMultiplyAdd(w1, b0, a01);
                        a10 = Vector.FusedMultiplyAdd(w0, b1, a10);
                        a11 = Vector.FusedMultiplyAdd(w1, b1, a11);
                        a20 = Vector.FusedMultiplyAdd(w0, b2, a20);
                        a21 = Vector.FusedMultiplyAdd(w1, b2, a21);
                        a30 = Vector.FusedMultiplyAdd(w0, b3, a30);
                        a31 = Vector.FusedMultiplyAdd(w1, b3, a31);
                    }
                }
            }

            ref var outputs = ref MemoryMarshal.GetArrayDataReference(output);
            var at = (nuint)((oy * OutWidth + ox) * OutChannels + o);
            a00.StoreUnsafe(ref outputs, at);
            a01.StoreUnsafe(ref outputs, at + width);
            a10.StoreUnsafe(ref outputs, at + oc);
            a11.StoreUnsafe(ref outputs, at + oc + width);
            a20.StoreUnsafe(ref outputs, at + 2 * oc);
            a21.StoreUnsafe(ref outputs, at + 2 * oc + width);
            a30.StoreUnsafe(ref outputs, at + 3 * oc);
            a31.StoreUnsafe(ref outputs, at + 3 * oc + width);
        }

        private void TileOne(float[] input, int inputOffset, int oy, int ox, int o, float[] output)
        {
            ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
            ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
            var a0 = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_bias), (nuint)o);
            var (a1, a2, a3) = (a0, a0, a0);
            var c = (nuint)_c;
            var oc = (nuint)OutChannels;
            var step = (nuint)(_sx * _c);
            for (var ky = 0; ky < _kh; ky++)
            {
                var rowStart = (nuint)(inputOffset + (((oy * _sy) + ky) * _pw + ox * _sx) * _c);
                var w = (nuint)(ky * _kw * _c) * oc + (nuint)o;
                for (var kx = 0; kx < _kw; kx++)
                {
                    var p = rowStart + (nuint)(kx * _c);
                    for (nuint ic = 0; ic < c; ic++, w += oc)
                    {
                        var w0 = Vector.LoadUnsafe(ref filter, w);
                        a0 = Vector.FusedMultiplyAdd(w0, new Vector<float>(Unsafe.Add(ref inputs, p + ic)), a0);
                        a1 = Vector.FusedMultiplyAdd(w0, new Vector<float>(Unsafe.Add(ref inputs, p + step + ic)), a1);
                        a2 = Vector.FusedMultiplyAdd(w0, new Vector<float>(Unsafe.Add(ref inputs, p + 2 * step + ic)), a2);
                        a3 = Vector.FusedMultiplyAdd(w0, new Vector<float>(Unsafe.Add(ref inputs, p + 3 * step + ic)), a3);
                    }
                }
            }

            ref var outputs = ref MemoryMarshal.GetArrayDataReference(output);
            var at = (nuint)((oy * OutWidth + ox) * OutChannels + o);
            a0.StoreUnsafe(ref outputs, at);
            a1.StoreUnsafe(ref outputs, at + oc);
            a2.StoreUnsafe(ref outputs, at + 2 * oc);
            a3.StoreUnsafe(ref outputs, at + 3 * oc);
        }

        /// <summary>One output position, one vector of channels: the row's remainder when the width is not a whole number of tiles.</summary>
        private void OnePosition(float[] input, int inputOffset, int oy, int ox, int o, float[] output)
        {
            ref var inputs = ref MemoryMarshal.GetArrayDataReference(input);
            ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
            var a = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_bias), (nuint)o);
            var c = (nuint)_c;
            var oc = (nuint)OutChannels;
            for (var ky = 0; ky < _kh; ky++)
            {
                var rowStart = (nuint)(inputOffset + (((oy * _sy) + ky) * _pw + ox * _sx) * _c);
                var w = (nuint)(ky * _kw * _c) * oc + (nuint)o;
                for (var kx = 0; kx < _kw; kx++)
                {
                    var p = rowStart + (nuint)(kx * _c);
                    for (nuint ic = 0; ic < c; ic++, w += oc)
                    {
                        a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref filter, w), new Vector<float>(Unsafe.Add(ref inputs, p + ic)), a);
                    }
                }
            }

            a.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output), (nuint)((oy * OutWidth + ox) * OutChannels + o));
        }

        /// <summary>One output position, all channels, in plain loops: without hardware vectors, or when the channels are not whole vectors.</summary>
        private void Single(float[] input, int inputOffset, int oy, int ox, float[] output)
        {
            var oc = OutChannels;
            var o = output.AsSpan((oy * OutWidth + ox) * oc, oc);
            _bias.CopyTo(o);
            for (var ky = 0; ky < _kh; ky++)
            {
                for (var kx = 0; kx < _kw; kx++)
                {
                    var p = inputOffset + ((oy * _sy + ky) * _pw + ox * _sx + kx) * _c;
                    for (var ic = 0; ic < _c; ic++)
                    {
                        var v = input[p + ic];
                        var w = _filter.AsSpan(((ky * _kw + kx) * _c + ic) * oc, oc);
                        for (var j = 0; j < oc; j++)
                        {
                            o[j] = MathF.FusedMultiplyAdd(w[j], v, o[j]);
                        }
                    }
                }
            }
        }
    }

    private sealed class MaxPoolStep(int from, int h, int w, int c, int kh, int kw, int sy, int sx) : Step
    {
        public int OutHeight { get; } = (h - kh) / sy + 1;

        public int OutWidth { get; } = (w - kw) / sx + 1;

        public override int Length => OutHeight * OutWidth * c;

        public override void Run(float[][] buffers)
        {
            var input = buffers[from].AsSpan();
            var output = buffers[Self].AsSpan(0, Length);
            for (var oy = 0; oy < OutHeight; oy++)
            {
                for (var ox = 0; ox < OutWidth; ox++)
                {
                    var o = output.Slice((oy * OutWidth + ox) * c, c);
                    input.Slice(((oy * sy) * w + ox * sx) * c, c).CopyTo(o);
                    for (var ky = 0; ky < kh; ky++)
                    {
                        for (var kx = 0; kx < kw; kx++)
                        {
                            Activations.MaxInto(input.Slice(((oy * sy + ky) * w + ox * sx + kx) * c, c), o);
                        }
                    }
                }
            }
        }
    }

    private sealed class UnaryStep(int from, int length, int lastAxis, string op) : Step
    {
        public override int Length => length;

        public override void Run(float[][] buffers)
        {
            var output = buffers[Self].AsSpan(0, length);
            buffers[from].AsSpan(0, length).CopyTo(output);
            switch (op)
            {
                case "Relu":
                    Activations.Relu(output);
                    break;
                case "Sigmoid":
                    for (var i = 0; i < output.Length; i++)
                    {
                        output[i] = 1f / (1f + MathF.Exp(-output[i]));
                    }

                    break;
                default:
                    for (var start = 0; start < length; start += lastAxis)
                    {
                        Activations.Softmax(output.Slice(start, lastAxis));
                    }

                    break;
            }
        }
    }

    private sealed class ChannelStep(int from, int length, float[] constant, bool multiply) : Step
    {
        public override int Length => length;

        public override void Run(float[][] buffers)
        {
            var input = buffers[from].AsSpan(0, length);
            var output = buffers[Self].AsSpan(0, length);
            var c = constant.Length;
            for (var p = 0; p < length; p += c)
            {
                var i = input.Slice(p, c);
                var o = output.Slice(p, c);
                for (var j = 0; j < c; j++)
                {
                    o[j] = multiply ? i[j] * constant[j] : i[j] + constant[j];
                }
            }
        }
    }

    private sealed class MatMulStep(int from, float[] weights, int rows, int columns, float[] bias, bool relu) : Step
    {
        public override int Length => columns;

        public override void Run(float[][] buffers)
        {
            var input = buffers[from].AsSpan(0, rows);
            var output = buffers[Self].AsSpan(0, columns);
            bias.CopyTo(output);
            for (var r = 0; r < rows; r++)
            {
                if (input[r] != 0f)
                {
                    Activations.AddScaled(weights.AsSpan(r * columns, columns), input[r], output);
                }
            }

            if (relu)
            {
                Activations.Relu(output);
            }
        }
    }
}

/// <summary>Element-wise kernels of <see cref="TfjsGraph"/>, over spans and <see cref="Vector{T}"/>.</summary>
internal static class Activations
{
    public static void Relu(Span<float> data)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= data.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Max(new Vector<float>(data[i..]), Vector<float>.Zero).CopyTo(data[i..]);
            }
        }

        for (; i < data.Length; i++)
        {
            data[i] = Math.Max(0f, data[i]);
        }
    }

    public static void MaxInto(ReadOnlySpan<float> source, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= source.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Max(new Vector<float>(source[i..]), new Vector<float>(target[i..])).CopyTo(target[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = Math.Max(source[i], target[i]);
        }
    }

    public static void AddScaled(ReadOnlySpan<float> row, float value, Span<float> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var v = new Vector<float>(value);
            for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.FusedMultiplyAdd(new Vector<float>(row[i..]), v, new Vector<float>(sum[i..])).CopyTo(sum[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            sum[i] = MathF.FusedMultiplyAdd(row[i], value, sum[i]);
        }
    }

    /// <summary>As TFJS does it: exp(x − max) over the sum of those.</summary>
    public static void Softmax(Span<float> data)
    {
        var max = float.NegativeInfinity;
        foreach (var v in data)
        {
            max = Math.Max(max, v);
        }

        var sum = 0f;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = MathF.Exp(data[i] - max);
            sum += data[i];
        }

        for (var i = 0; i < data.Length; i++)
        {
            data[i] /= sum;
        }
    }
}
