using IdReissue.Portrait.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// ISNet (IS-Net, "Highly Accurate Dichotomous Image Segmentation") as published by IMG.LY in
/// @imgly/background-removal-data 1.4.5 (/models/medium; AGPL-3.0 data package, model weights from the
/// DIS project, Apache-2.0), run with ONNX Runtime: an RGB image in, the probability that each pixel is
/// the person (0–1) out. The graph is made resizable on load (<see cref="ResizableOnnxGraph"/>), so a
/// head-and-shoulders frame is matted at about its own size rather than at the export's 1024×1024.
/// One session is shared: ONNX Runtime's Run is thread-safe.
/// </summary>
public sealed class IsNetMatting : IDisposable
{
    public const string ModelFile = "isnet_medium.onnx";

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;

    public IsNetMatting(string modelPath)
    {
        var options = new SessionOptions
        {
            // The fixes running at once are limited to the cores (PhotoFixer); each uses them all when alone.
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            // Activations (~100 MB at 320×448) are returned after each run rather than kept in an arena that
            // only grows: the service holds the model, not the peak of every size it ever matted.
            EnableCpuMemArena = false,
        };
        // Worker threads wait without spinning: on a machine shared with other work, spinning burns the
        // cores the other fix (or the web server) needs.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(ResizableOnnxGraph.Rewrite(File.ReadAllBytes(modelPath)), options);
        _inputName = _session.InputMetadata.Keys.Single();
        _outputName = _session.OutputMetadata.Keys.First();
    }

    /// <summary>The matte of <paramref name="image"/>, whose sides must be multiples of 64 (the network halves
    /// the size six times).</summary>
    public float[] Matte(RgbImage image)
    {
        if (image.Width % 64 != 0 || image.Height % 64 != 0)
        {
            throw new ArgumentException("The matting input's sides must be multiples of 64.", nameof(image));
        }

        var plane = image.Width * image.Height;
        var input = new DenseTensor<float>([1, 3, image.Height, image.Width]);
        var span = input.Buffer.Span;
        var pixels = image.Pixels;
        // IMG.LY's preprocessing: (value − 128) / 256 per channel, planar.
        for (var i = 0; i < plane; i++)
        {
            span[i] = (pixels[3 * i] - 128f) / 256f;
            span[plane + i] = (pixels[3 * i + 1] - 128f) / 256f;
            span[2 * plane + i] = (pixels[3 * i + 2] - 128f) / 256f;
        }

        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, input)], [_outputName]);
        var output = results[0].AsTensor<float>();
        var matte = new float[plane];
        var k = 0;
        foreach (var value in output)
        {
            matte[k++] = Math.Clamp(value, 0f, 1f);
        }

        return matte;
    }

    public void Dispose() => _session.Dispose();
}
