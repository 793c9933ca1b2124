using System.Buffers.Binary;
using System.Text;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// Makes the published ISNet graph run at any input size that is a multiple of 64. The export fixed the
/// input at 1024×1024 and wrote every upsampling as a Resize to a constant size (the size its target had
/// at 1024); every one of them doubles (or, for the side outputs, multiplies by 4 to 64) its input. This
/// rewrites each Resize to that constant factor instead, makes the input's and outputs' height and width
/// symbolic, and drops the stored intermediate shapes, so ONNX Runtime infers them for the size given.
/// The weights are untouched. ISNet at 1024×1024 took 6–17 s on the shared two-core development machine; a head-and-shoulders frame
/// needs no more than ~450 pixels of matte. Works on the bytes of the ONNX protobuf, without a schema:
/// only the handful of fields on the path to a Resize are read.
/// </summary>
internal static class ResizableOnnxGraph
{
    // onnx.proto field numbers on the way.
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int AttributeTensor = 5;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    public static byte[] Rewrite(byte[] model)
    {
        var output = new MemoryStream(model.Length);
        foreach (var field in Fields(model))
        {
            if (field.Number == ModelGraph && field.WireType == 2)
            {
                WriteBytes(output, ModelGraph, RewriteGraph(field.Payload(model)));
            }
            else
            {
                output.Write(model.AsSpan(field.Start, field.End - field.Start));
            }
        }

        return output.ToArray();
    }

    private static byte[] RewriteGraph(ReadOnlySpan<byte> graphSpan)
    {
        var graph = graphSpan.ToArray();
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var constants = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var producers = new Dictionary<string, (string Op, List<string> Inputs)>(StringComparer.Ordinal);
        foreach (var field in Fields(graph))
        {
            if (field.Number == GraphValueInfo)
            {
                var (name, dims) = ReadValueInfo(field.Payload(graph));
                shapes[name] = dims;
            }
            else if (field.Number == GraphNode)
            {
                var node = ReadNode(field.Payload(graph));
                foreach (var produced in node.Outputs)
                {
                    producers[produced] = (node.Op, node.Inputs);
                }

                if (node.Op == "Constant" && node.Int64Value is { } value)
                {
                    constants[node.Outputs[0]] = value;
                }
            }
        }

        var result = new MemoryStream(graph.Length);
        var added = new MemoryStream();
        var resizes = 0;
        foreach (var field in Fields(graph))
        {
            var payload = field.Payload(graph);
            switch (field.Number)
            {
                case GraphValueInfo:
                    continue;
                case GraphInput or GraphOutput:
                    WriteBytes(result, field.Number, SymbolicSpatialDims(payload));
                    continue;
                case GraphNode when ReadNode(payload) is { Op: "Resize" } resize:
                    var scalesName = $"resizable_scales_{resizes++}";
                    var factors = ScaleOf(resize, shapes, constants, producers);
                    WriteBytes(added, GraphInitializer, FloatTensor(scalesName, [1f, 1f, factors.Height, factors.Width]));
                    WriteBytes(result, GraphNode, WithScales(payload, resize.Inputs[0], scalesName));
                    continue;
                default:
                    result.Write(graph.AsSpan(field.Start, field.End - field.Start));
                    continue;
            }
        }

        if (resizes == 0)
        {
            throw new InvalidDataException("The matting model has no Resize to make scalable: not the expected ISNet export.");
        }

        added.WriteTo(result);
        return result.ToArray();
    }

    /// <summary>The factor a Resize applied at 1024: its constant target size over its input's stored size.</summary>
    private static (float Height, float Width) ScaleOf(
        Node resize, Dictionary<string, long[]> shapes, Dictionary<string, long[]> constants, Dictionary<string, (string Op, List<string> Inputs)> producers)
    {
        // sizes = Concat(Slice(Shape(x)) → [N, C], Constant → [H, W])
        if (resize.Inputs.Count < 4 || !producers.TryGetValue(resize.Inputs[3], out var sizes) || sizes.Op != "Concat"
            || !constants.TryGetValue(sizes.Inputs[^1], out var target) || target.Length != 2
            || !shapes.TryGetValue(resize.Inputs[0], out var input) || input.Length != 4 || input[2] <= 0 || input[3] <= 0)
        {
            throw new InvalidDataException("A Resize of the matting model is not sized as in the ISNet export.");
        }

        return (target[0] / (float)input[2], target[1] / (float)input[3]);
    }

    private static byte[] WithScales(ReadOnlySpan<byte> nodeSpan, string data, string scales)
    {
        var node = nodeSpan.ToArray();
        var output = new MemoryStream(node.Length + 32);
        var inputsWritten = false;
        foreach (var field in Fields(node))
        {
            if (field.Number == NodeInput)
            {
                if (!inputsWritten)
                {
                    // Resize(X, roi, scales, sizes): scales given, sizes left out.
                    foreach (var input in new[] { data, "", scales })
                    {
                        WriteBytes(output, NodeInput, Encoding.UTF8.GetBytes(input));
                    }

                    inputsWritten = true;
                }

                continue;
            }

            output.Write(node.AsSpan(field.Start, field.End - field.Start));
        }

        return output.ToArray();
    }

    /// <summary>A value info (graph input or output) whose third and fourth dimensions are named, not fixed.</summary>
    private static byte[] SymbolicSpatialDims(ReadOnlySpan<byte> valueInfo) =>
        Nested(valueInfo, [ValueInfoType, TypeTensor, TensorTypeShape], shape =>
        {
            var output = new MemoryStream();
            var index = 0;
            var bytes = shape.ToArray();
            foreach (var field in Fields(bytes))
            {
                if (field.Number == ShapeDim && index is 2 or 3)
                {
                    var dim = new MemoryStream();
                    WriteBytes(dim, DimParam, Encoding.UTF8.GetBytes(index == 2 ? "height" : "width"));
                    WriteBytes(output, ShapeDim, dim.ToArray());
                }
                else
                {
                    output.Write(bytes.AsSpan(field.Start, field.End - field.Start));
                }

                index += field.Number == ShapeDim ? 1 : 0;
            }

            return output.ToArray();
        });

    private delegate byte[] Transform(ReadOnlySpan<byte> payload);

    private static byte[] Nested(ReadOnlySpan<byte> messageSpan, int[] path, Transform transform)
    {
        if (path.Length == 0)
        {
            return transform(messageSpan);
        }

        var message = messageSpan.ToArray();
        var output = new MemoryStream(message.Length);
        foreach (var field in Fields(message))
        {
            if (field.Number == path[0] && field.WireType == 2)
            {
                WriteBytes(output, field.Number, Nested(field.Payload(message), path[1..], transform));
            }
            else
            {
                output.Write(message.AsSpan(field.Start, field.End - field.Start));
            }
        }

        return output.ToArray();
    }

    private static (string Name, long[] Dims) ReadValueInfo(ReadOnlySpan<byte> valueInfoSpan)
    {
        var valueInfo = valueInfoSpan.ToArray();
        var name = "";
        var dims = new List<long>();
        foreach (var field in Fields(valueInfo))
        {
            if (field.Number == ValueInfoName)
            {
                name = Encoding.UTF8.GetString(field.Payload(valueInfo));
            }
            else if (field.Number == ValueInfoType)
            {
                var shape = Descend(field.Payload(valueInfo).ToArray(), TypeTensor, TensorTypeShape);
                if (shape is null)
                {
                    continue;
                }

                foreach (var dim in Fields(shape).Where(f => f.Number == ShapeDim))
                {
                    var dimBytes = dim.Payload(shape).ToArray();
                    var value = Fields(dimBytes).FirstOrDefault(f => f.Number == DimValue && f.WireType == 0);
                    dims.Add(value.End > 0 ? (long)ReadVarint(dimBytes, value.PayloadStart, out _) : -1);
                }
            }
        }

        return (name, [.. dims]);
    }

    private static byte[]? Descend(byte[] message, params int[] path)
    {
        var current = message;
        foreach (var number in path)
        {
            var field = Fields(current).FirstOrDefault(f => f.Number == number && f.WireType == 2);
            if (field.End == 0)
            {
                return null;
            }

            current = field.Payload(current).ToArray();
        }

        return current;
    }

    private sealed record Node(string Op, List<string> Inputs, List<string> Outputs, long[]? Int64Value);

    private static Node ReadNode(ReadOnlySpan<byte> nodeSpan)
    {
        var node = nodeSpan.ToArray();
        var op = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        long[]? value = null;
        foreach (var field in Fields(node))
        {
            switch (field.Number)
            {
                case NodeInput:
                    inputs.Add(Encoding.UTF8.GetString(field.Payload(node)));
                    break;
                case NodeOutput:
                    outputs.Add(Encoding.UTF8.GetString(field.Payload(node)));
                    break;
                case NodeOpType:
                    op = Encoding.UTF8.GetString(field.Payload(node));
                    break;
                case NodeAttribute:
                    value ??= Int64Tensor(field.Payload(node).ToArray());
                    break;
            }
        }

        return new Node(op, inputs, outputs, value);
    }

    /// <summary>The int64 values of a Constant's tensor attribute (raw little-endian data), if that is what it holds.</summary>
    private static long[]? Int64Tensor(byte[] attribute)
    {
        var tensor = Descend(attribute, AttributeTensor);
        if (tensor is null)
        {
            return null;
        }

        var type = Fields(tensor).FirstOrDefault(f => f.Number == TensorDataType && f.WireType == 0);
        var raw = Fields(tensor).FirstOrDefault(f => f.Number == TensorRawData && f.WireType == 2);
        // TensorProto.DataType 7 = INT64.
        if (type.End == 0 || ReadVarint(tensor, type.PayloadStart, out _) != 7 || raw.End == 0)
        {
            return null;
        }

        var data = raw.Payload(tensor);
        var values = new long[data.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]);
        }

        return values;
    }

    private static byte[] FloatTensor(string name, float[] values)
    {
        var tensor = new MemoryStream();
        WriteVarint(tensor, (TensorDims << 3) | 0);
        WriteVarint(tensor, (ulong)values.Length);
        // TensorProto.DataType 1 = FLOAT.
        WriteVarint(tensor, (TensorDataType << 3) | 0);
        WriteVarint(tensor, 1);
        WriteBytes(tensor, TensorName, Encoding.UTF8.GetBytes(name));
        var raw = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(4 * i), values[i]);
        }

        WriteBytes(tensor, TensorRawData, raw);
        return tensor.ToArray();
    }

    private readonly record struct Field(int Number, int WireType, int Start, int PayloadStart, int End)
    {
        public ReadOnlySpan<byte> Payload(byte[] message) => message.AsSpan(PayloadStart, End - PayloadStart);
    }

    private static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            var key = ReadVarint(message, position, out position);
            var wireType = (int)(key & 7);
            var payloadStart = position;
            switch (wireType)
            {
                case 0:
                    ReadVarint(message, position, out position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, position, out payloadStart);
                    position = payloadStart + length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wireType} in the matting model.");
            }

            if (position > message.Length)
            {
                throw new InvalidDataException("The matting model is truncated.");
            }

            yield return new Field((int)(key >> 3), wireType, start, payloadStart, position);
        }
    }

    private static ulong ReadVarint(byte[] data, int position, out int next)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                next = position;
                return value;
            }

            shift += 7;
        }
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private static void WriteBytes(Stream stream, int number, ReadOnlySpan<byte> payload)
    {
        WriteVarint(stream, ((ulong)number << 3) | 2);
        WriteVarint(stream, (ulong)payload.Length);
        stream.Write(payload);
    }
}
