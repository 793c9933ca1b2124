using IdReissue.Portrait.Imaging;

namespace IdReissue.Portrait.Faces;

/// <summary>
/// Presentation-attack detection with the two small classifiers that @vladmandic/human@3.3.6 (MIT) ships,
/// run by our own <see cref="TfjsGraph"/> from their TFJS files (scripts/fetch-models.sh puts them in .models/):
/// <list type="bullet">
/// <item><c>antispoof.json</c>: three 3×3 convolutions with 2×2 max pools (128 → 14 px), two dense layers, a
/// sigmoid; human reports it as <c>face.real</c>.</item>
/// <item><c>liveness.json</c>: four 3×3 convolutions with folded batch normalisation (32 → 8 px), two dense layers,
/// a 2-way softmax; human reports output 0 as <c>face.live</c>.</item>
/// </list>
/// The input is made as human makes it (src/face/blazeface.ts, facemeshutil.ts, antispoof.ts, liveness.ts): the
/// BlazeFace box enlarged 1.4×, squared on its longer side with corners rounded to whole pixels, cut out and
/// resized to 256×256 by TensorFlow's crop-and-resize (bilinear, align-corners sampling, zero outside the photo),
/// divided by 255, then resized to the model's input by TFJS resizeBilinear without align-corners or half-pixel
/// centres, which at 256 → 128 and 256 → 32 picks every 2nd and 8th sample exactly; so only those samples are
/// computed, with the same arithmetic.
/// </summary>
public sealed class PresentationAttackNet : IDisposable
{
    /// <summary>The detector box is enlarged by this much (human's <c>face.detector.scale</c> default).</summary>
    public const float BoxScale = 1.4f;

    /// <summary>The crop human cuts for its face mesh, from which both models' inputs are resized.</summary>
    public const int CropSize = 256;

    public const string AntispoofFile = "antispoof.json";

    public const string LivenessFile = "liveness.json";

    private readonly TfjsGraph _antispoof;
    private readonly TfjsGraph _liveness;
    private readonly ThreadLocal<float[][]> _inputs;

    private PresentationAttackNet(TfjsGraph antispoof, TfjsGraph liveness)
    {
        _antispoof = antispoof;
        _liveness = liveness;
        if (antispoof.InputShape is not [var a, var a2, 3] || a != a2 || CropSize % a != 0
            || liveness.InputShape is not [var l, var l2, 3] || l != l2 || CropSize % l != 0
            || antispoof.OutputLength != 1 || liveness.OutputLength != 2)
        {
            throw new InvalidDataException("The presentation-attack models do not have the expected square RGB inputs and 1 / 2 outputs.");
        }

        AntispoofSize = a;
        LivenessSize = l;
        _inputs = new ThreadLocal<float[][]>(() => [new float[antispoof.InputLength], new float[liveness.InputLength], new float[2]]);
    }

    /// <summary>128: the antispoof model's input side.</summary>
    public int AntispoofSize { get; }

    /// <summary>32: the liveness model's input side.</summary>
    public int LivenessSize { get; }

    /// <summary>Loads antispoof.json and liveness.json (with their .bin files) from a model directory, e.g. <see cref="ModelLocation.Find"/>.</summary>
    public static PresentationAttackNet Load(string modelDirectory)
    {
        var antispoof = TfjsGraph.Load(Path.Combine(modelDirectory, AntispoofFile));
        try
        {
            return new PresentationAttackNet(antispoof, TfjsGraph.Load(Path.Combine(modelDirectory, LivenessFile)));
        }
        catch
        {
            antispoof.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _antispoof.Dispose();
        _liveness.Dispose();
        _inputs.Dispose();
    }

    /// <summary>Scores the face the detector found (box in the image's pixels, e.g. <see cref="LocatedFace.Detection"/>).</summary>
    public PresentationAttackScores Score(RgbImage image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        return Score(image, CropBox.FromDetection(face.CenterX, face.CenterY, face.Width, face.Height));
    }

    /// <summary>Scores the square crop (human's face box, after enlargement and squaring).</summary>
    public PresentationAttackScores Score(RgbImage image, CropBox box)
    {
        var buffers = _inputs.Value!;
        MakeInput(image, box, AntispoofSize, buffers[0]);
        MakeInput(image, box, LivenessSize, buffers[1]);
        return ScoreInputs(buffers[0], buffers[1]);
    }

    /// <summary>Runs both models on ready inputs (NHWC, RGB in [0, 1]), e.g. tensors written by scripts/pad-reference.js.</summary>
    public PresentationAttackScores ScoreInputs(ReadOnlySpan<float> antispoofInput, ReadOnlySpan<float> livenessInput)
    {
        var output = _inputs.Value![2];
        _antispoof.Run(antispoofInput, output.AsSpan(0, 1));
        var real = output[0];
        _liveness.Run(livenessInput, output);
        return new PresentationAttackScores(real, output[0], output[1]);
    }

    /// <summary>
    /// The model input of side <paramref name="size"/> (128 or 32) for a crop box, as human makes it: the samples at
    /// every (256 / size)-th row and column of TensorFlow's 256×256 crop-and-resize, divided by 255.
    /// </summary>
    public static void MakeInput(RgbImage image, CropBox box, int size, Span<float> input)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (size <= 0 || CropSize % size != 0 || input.Length < size * size * 3)
        {
            throw new ArgumentException($"The input side must divide {CropSize}, and the buffer hold {size}×{size}×3.", nameof(size));
        }

        var h = image.Height;
        var w = image.Width;
        var pixels = image.Pixels;
        var every = CropSize / size;

        // TFJS keeps the normalised box in a float32 tensor and does the sampling arithmetic in doubles.
        double y1 = (float)((double)box.Top / h);
        double x1 = (float)((double)box.Left / w);
        double y2 = (float)((double)box.Bottom / h);
        double x2 = (float)((double)box.Right / w);
        var heightScale = (y2 - y1) * (h - 1) / (CropSize - 1);
        var widthScale = (x2 - x1) * (w - 1) / (CropSize - 1);
        var stride = w * 3;
        for (var r = 0; r < size; r++)
        {
            var row = input.Slice(r * size * 3, size * 3);
            var yInd = y1 * (h - 1) + r * every * heightScale;
            if (yInd < 0 || yInd > h - 1)
            {
                row.Clear();
                continue;
            }

            var top = (int)Math.Floor(yInd);
            var bottom = (int)Math.Ceiling(yInd);
            var yLerp = yInd - top;
            for (var c = 0; c < size; c++)
            {
                var xInd = x1 * (w - 1) + c * every * widthScale;
                var o = row.Slice(c * 3, 3);
                if (xInd < 0 || xInd > w - 1)
                {
                    o.Clear();
                    continue;
                }

                var left = (int)Math.Floor(xInd);
                var right = (int)Math.Ceiling(xInd);
                var xLerp = xInd - left;
                var tl = top * stride + left * 3;
                var tr = top * stride + right * 3;
                var bl = bottom * stride + left * 3;
                var br = bottom * stride + right * 3;
                for (var k = 0; k < 3; k++)
                {
                    double topValue = pixels[tl + k] + (pixels[tr + k] - pixels[tl + k]) * xLerp;
                    double bottomValue = pixels[bl + k] + (pixels[br + k] - pixels[bl + k]) * xLerp;
                    var crop = (float)(topValue + (bottomValue - topValue) * yLerp);
                    o[k] = crop / 255f;
                }
            }
        }
    }
}

/// <summary>
/// The (nearly) square crop the models see, in image pixels: whole numbers, as human rounds them, so the two sides
/// can differ by one pixel. It may reach outside the photo; those samples are zero, as in TensorFlow.
/// </summary>
public readonly record struct CropBox(int Left, int Top, int Right, int Bottom)
{
    /// <summary>human's enlargeBox(1.4) then squarifyBox: the longer side, about the box centre, corners rounded as JavaScript's Math.round.</summary>
    public static CropBox FromDetection(float centerX, float centerY, float width, float height)
    {
        var half = Math.Max(PresentationAttackNet.BoxScale * width, PresentationAttackNet.BoxScale * height) / 2.0;
        var left = (int)Math.Floor(centerX - half + 0.5);
        var top = (int)Math.Floor(centerY - half + 0.5);
        var right = (int)Math.Floor(centerX + half + 0.5);
        var bottom = (int)Math.Floor(centerY + half + 0.5);
        return new CropBox(left, top, right, bottom);
    }
}

/// <summary>
/// The two models' outputs for one face. <see cref="Real"/> is the antispoof sigmoid (human's <c>face.real</c>):
/// near 1 for a real face. <see cref="Live"/> is liveness softmax output 0 (human's <c>face.live</c>), and
/// <see cref="NotLive"/> output 1 (they sum to 1).
/// </summary>
public readonly record struct PresentationAttackScores(float Real, float Live, float NotLive);
