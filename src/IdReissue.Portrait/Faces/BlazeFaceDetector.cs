using IdReissue.Portrait.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace IdReissue.Portrait.Faces;

/// <summary>
/// MediaPipe BlazeFace (short-range, 128×128) run with ONNX Runtime: 896 anchors on a 16×16 (2 per
/// cell) and an 8×8 (6 per cell) grid, each with a score, a box and six key points (eyes, nose tip,
/// mouth, ears). The photo is letterboxed to a square, so faces keep their proportions.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    private const int InputSize = 128;
    private static readonly long[] InputShape = [1, InputSize, InputSize, 3];

    // Outputs: scores of the 16×16 layer (512 anchors) and the 8×8 layer (384), then their regressors (16 each).
    private static readonly string[] OutputNames = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"];
    private const int FineAnchors = 512;

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly RunOptions _runOptions = new();
    private readonly (float X, float Y)[] _anchors;

    // The 196 KB input tensor of the previous run on this thread, refilled for the next: one per run would land on
    // the large object heap and bring on full collections.
    [ThreadStatic]
    private static float[]? _input;

    public BlazeFaceDetector(string modelPath)
    {
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        _session = new InferenceSession(modelPath, options);
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _anchors = [.. Anchors(16, 2), .. Anchors(8, 6)];
    }

    /// <summary>Faces with at least <paramref name="minScore"/>, strongest first.</summary>
    public IReadOnlyList<FaceDetection> Detect(RgbImage image, float minScore = 0.5f)
    {
        var side = Math.Max(image.Width, image.Height);
        var candidates = new List<FaceDetection>();
        DetectIn(image, (image.Width - side) / 2f, (image.Height - side) / 2f, side, minScore, candidates);
        return WeightedNonMaximumSuppression(candidates);
    }

    /// <summary>
    /// Faces of any size: the short-range model only sees a face that fills a good part of its 128-pixel
    /// square, so a couple or a group photo, whose faces are a twentieth to a seventh of its width, is also
    /// searched in overlapping squares of its short side and of half of it (a face of 5 % of a 2:1 photo's
    /// width is a fifth of such a square). Costs one network run per square (~1 ms each; 24 for a 2:1 photo).
    /// </summary>
    public IReadOnlyList<FaceDetection> DetectTiled(RgbImage photo, float minScore = 0.5f)
    {
        // The smallest squares are half the short side and the network sees 128 pixels: a copy whose short
        // side is 256 holds all it can see, so each square is sampled 1:1 instead of from the full photo.
        var factor = Math.Min(photo.Width, photo.Height) / (2f * InputSize);
        var image = factor > 1 ? Resampler.Shrink(photo, factor) : photo;
        var scale = factor > 1 ? photo.Width / (float)image.Width : 1f;
        var longSide = Math.Max(image.Width, image.Height);
        var shortSide = Math.Min(image.Width, image.Height);
        var candidates = new List<FaceDetection>();
        DetectIn(image, (image.Width - longSide) / 2f, (image.Height - longSide) / 2f, longSide, minScore, candidates);
        foreach (var tile in new[] { shortSide, shortSide / 2f })
        {
            if (tile < InputSize)
            {
                break;
            }

            var stride = tile / 2;
            for (var top = 0f; top + tile <= image.Height + 0.5f; top += stride)
            {
                for (var left = 0f; left + tile <= image.Width + 0.5f; left += stride)
                {
                    DetectIn(image, left, top, tile, minScore, candidates);
                }
            }
        }

        return [.. WeightedNonMaximumSuppression(candidates).Select(f => Scaled(f, scale))];
    }

    private static FaceDetection Scaled(FaceDetection f, float s)
    {
        PointF P(PointF p) => new(p.X * s, p.Y * s);
        return s == 1f ? f : new FaceDetection(f.Score, f.CenterX * s, f.CenterY * s, f.Width * s, f.Height * s,
            P(f.RightEye), P(f.LeftEye), P(f.NoseTip), P(f.Mouth), P(f.RightEar), P(f.LeftEar));
    }

    private void DetectIn(RgbImage image, float left, float top, float side, float minScore, List<FaceDetection> candidates)
    {
        var input = _input ??= new float[InputSize * InputSize * 3];
        // The network expects channels in [-1, 1].
        Resampler.SquareToTensor(image, left, top, side, InputSize, input, 2f / 255f, -1f);

        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, InputShape);
        using var results = _session.Run(_runOptions, _inputNames, [inputValue], OutputNames);
        var fineScores = results[0].GetTensorDataAsSpan<float>();
        var coarseScores = results[1].GetTensorDataAsSpan<float>();
        var fineBoxes = results[2].GetTensorDataAsSpan<float>();
        var coarseBoxes = results[3].GetTensorDataAsSpan<float>();

        var scale = side / InputSize;
        for (var i = 0; i < _anchors.Length; i++)
        {
            var fine = i < FineAnchors;
            var logit = fine ? fineScores[i] : coarseScores[i - FineAnchors];
            var score = 1f / (1f + MathF.Exp(-Math.Clamp(logit, -80f, 80f)));
            if (score < minScore)
            {
                continue;
            }

            var (ax, ay) = _anchors[i];
            var box = fine ? fineBoxes.Slice(i * 16, 16) : coarseBoxes.Slice((i - FineAnchors) * 16, 16);
            candidates.Add(new FaceDetection(score,
                left + (ax * InputSize + box[0]) * scale, top + (ay * InputSize + box[1]) * scale, box[2] * scale, box[3] * scale,
                KeyPoint(box, 0), KeyPoint(box, 1), KeyPoint(box, 2), KeyPoint(box, 3), KeyPoint(box, 4), KeyPoint(box, 5)));

            PointF KeyPoint(ReadOnlySpan<float> box, int k) =>
                new(left + (ax * InputSize + box[4 + 2 * k]) * scale, top + (ay * InputSize + box[5 + 2 * k]) * scale);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static IEnumerable<(float X, float Y)> Anchors(int grid, int perCell)
    {
        for (var y = 0; y < grid; y++)
        {
            for (var x = 0; x < grid; x++)
            {
                for (var k = 0; k < perCell; k++)
                {
                    yield return ((x + 0.5f) / grid, (y + 0.5f) / grid);
                }
            }
        }
    }

    /// <summary>MediaPipe's blending: overlapping detections of one face are averaged, weighted by score.</summary>
    private static List<FaceDetection> WeightedNonMaximumSuppression(List<FaceDetection> candidates)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var faces = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            // Tiles of different sizes see one face with boxes of different sizes: a box whose centre lies
            // inside the best one is the same face, as in MediaPipe's overlap test.
            var cluster = remaining.Where(c => IntersectionOverUnion(best, c) > 0.3f || Inside(c, best) || Inside(best, c)).ToList();
            remaining.RemoveAll(cluster.Contains);
            var total = cluster.Sum(c => c.Score);
            float Avg(Func<FaceDetection, float> f) => cluster.Sum(c => f(c) * c.Score) / total;
            PointF AvgPoint(Func<FaceDetection, PointF> f) => new(Avg(c => f(c).X), Avg(c => f(c).Y));
            faces.Add(new FaceDetection(best.Score, Avg(c => c.CenterX), Avg(c => c.CenterY), Avg(c => c.Width), Avg(c => c.Height),
                AvgPoint(c => c.RightEye), AvgPoint(c => c.LeftEye), AvgPoint(c => c.NoseTip), AvgPoint(c => c.Mouth),
                AvgPoint(c => c.RightEar), AvgPoint(c => c.LeftEar)));
        }

        return faces;
    }

    private static bool Inside(FaceDetection a, FaceDetection b) =>
        Math.Abs(a.CenterX - b.CenterX) < b.Width / 2 && Math.Abs(a.CenterY - b.CenterY) < b.Height / 2;

    private static float IntersectionOverUnion(FaceDetection a, FaceDetection b)
    {
        var x0 = Math.Max(a.CenterX - a.Width / 2, b.CenterX - b.Width / 2);
        var y0 = Math.Max(a.CenterY - a.Height / 2, b.CenterY - b.Height / 2);
        var x1 = Math.Min(a.CenterX + a.Width / 2, b.CenterX + b.Width / 2);
        var y1 = Math.Min(a.CenterY + a.Height / 2, b.CenterY + b.Height / 2);
        var intersection = Math.Max(0, x1 - x0) * Math.Max(0, y1 - y0);
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
