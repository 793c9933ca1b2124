using System.Diagnostics;
using System.Globalization;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Measures;
using IdReissue.Portrait.Reasons;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait;

/// <summary>
/// 证件人像检测: checks a photo against a photo specification and lists every rule it breaks, each with
/// the measured value, the limit and a sentence a citizen understands. Models load once, in the
/// constructor, which also runs them once so the first real photo is not slowed by warm-up. Check is
/// thread-safe: the ONNX session is, and the landmark network and measures keep no state between calls.
/// </summary>
public sealed class PortraitEngine : IDisposable
{
    private const float DetectionThreshold = 0.6f;

    /// <summary>A face at least this share of a photo's long side is a portrait's; smaller ones are faces in a scene.</summary>
    private const float PortraitFaceShare = 0.2f;
    private const float CountedFaceThreshold = 0.75f;

    private readonly BlazeFaceDetector _detector;
    private readonly FaceLandmarkNet _landmarks;

    public PortraitEngine(string modelDirectory, SpecificationCatalog specifications)
    {
        Specifications = specifications;
        _detector = new BlazeFaceDetector(Path.Combine(modelDirectory, "face_detection_front_128x128_barracuda.onnx"));
        _landmarks = new FaceLandmarkNet(
            Path.Combine(modelDirectory, "face_landmark_68_model-weights_manifest.json"),
            Path.Combine(modelDirectory, "face_landmark_68_model.bin"));
        var blank = new RgbImage(128, 128, new byte[128 * 128 * 3]);
        _detector.Detect(blank);
        _landmarks.Predict(blank, 0, 0, 128);
    }

    /// <summary>How many faces a capture shows (for face verification: it must be exactly one); null when it is not an image.</summary>
    public int? CountFaces(ReadOnlySpan<byte> file)
    {
        var decoded = PhotoDecoder.DecodeForOneCheck(file);
        if (decoded.Photo is not { } photo)
        {
            return null;
        }

        return CountFaces(FindFaces(photo.Image));
    }

    /// <summary>
    /// Whether the image is a portrait (a face of at least a fifth of its long side, found in one pass), as a document's
    /// scan must not be; null when it is not an image.
    /// </summary>
    public bool? ShowsAPortrait(ReadOnlySpan<byte> file)
    {
        if (PhotoDecoder.DecodeForOneCheck(file).Photo is not { } photo)
        {
            return null;
        }

        var longSide = Math.Max(photo.Image.Width, photo.Image.Height);
        return _detector.Detect(photo.Image, DetectionThreshold).Any(f => f.Width >= longSide * PortraitFaceShare);
    }

    /// <summary>
    /// One pass over the whole photo finds a portrait's face. Only when it finds none, or only a face too
    /// small to be a portrait's (under a fifth of the photo's long side), are smaller faces looked for in
    /// tiles: a framed ID photo never pays for that search, a couple or group photo does.
    /// </summary>
    internal IReadOnlyList<FaceDetection> FindFaces(RgbImage image, bool smallFacesToo = true)
    {
        var faces = _detector.Detect(image, DetectionThreshold);
        var longSide = Math.Max(image.Width, image.Height);
        return faces.Count > 0 && (!smallFacesToo || faces.Max(f => f.Width) >= longSide * PortraitFaceShare) ? faces : _detector.DetectTiled(image, DetectionThreshold);
    }

    public SpecificationCatalog Specifications { get; }

    /// <summary>
    /// The main face of a photo with its 68 landmarks, and how many faces count beside it: those at least
    /// <paramref name="minShareOfMain"/> of the main face's width (a quarter for a portrait, where anyone
    /// behind the applicant counts; more for comparing press or phone photos, where a face far in the
    /// background is not a second subject).
    /// </summary>
    public LocatedFace? LocateMainFace(RgbImage image, float minShareOfMain = 0.25f) => LocateMainFace(image, minShareOfMain, smallFacesToo: true);

    /// <summary>
    /// As <see cref="LocateMainFace(RgbImage, float)"/>; with <paramref name="smallFacesToo"/> false, tiles are
    /// searched only when one pass finds no face at all: a selfie camera's frames show the applicant large, and
    /// a liveness clip of dozens of frames cannot pay for a tiled search in each.
    /// </summary>
    /// <summary>
    /// The face of a frame that follows one where <paramref name="previous"/> was located: its box moved and
    /// scaled with the previous landmarks, without running the detector (a camera's face moves little between
    /// frames). <paramref name="previousLandmarks"/> are those the box was found with, <paramref name="latest"/> the
    /// last frame's. The face count carries over from the detection.
    /// </summary>
    public LocatedFace Track(RgbImage image, LocatedFace previous, PointF[] latest)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(latest);
        var d = previous.Detection;
        var (fromX, fromY, fromSize) = Extent(previous.Landmarks);
        var (toX, toY, toSize) = Extent(latest);
        var scale = fromSize > 0 ? toSize / fromSize : 1;
        var moved = d with { CenterX = toX + ((d.CenterX - fromX) * scale), CenterY = toY + ((d.CenterY - fromY) * scale), Width = d.Width * scale, Height = d.Height * scale };
        return new LocatedFace(moved, LocateLandmarks(image, moved), previous.FaceCount);

        static (float X, float Y, float Size) Extent(PointF[] p)
        {
            float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
            foreach (var q in p)
            {
                (minX, minY, maxX, maxY) = (Math.Min(minX, q.X), Math.Min(minY, q.Y), Math.Max(maxX, q.X), Math.Max(maxY, q.Y));
            }

            return ((minX + maxX) / 2, (minY + maxY) / 2, Math.Max(maxX - minX, maxY - minY));
        }
    }

    public LocatedFace? LocateMainFace(RgbImage image, float minShareOfMain, bool smallFacesToo)
    {
        var faces = FindFaces(image, smallFacesToo);
        if (faces.Count == 0)
        {
            return null;
        }

        var main = faces.OrderByDescending(f => f.Width * f.Score).First();
        var count = 1 + faces.Count(f => f != main && f.Score >= CountedFaceThreshold && f.Width >= main.Width * minShareOfMain);
        return new LocatedFace(main, LocateLandmarks(image, main), count);
    }

    public PortraitResult Check(ReadOnlySpan<byte> file, string specId) =>
        Check(file, Specifications.Find(specId) ?? throw new ArgumentException($"Unknown photo specification '{specId}'.", nameof(specId)));

    /// <summary>Checks against a specification that need not be in the catalogue (calibration tries limits this way).</summary>
    public PortraitResult Check(ReadOnlySpan<byte> file, PhotoSpecification spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var started = Stopwatch.GetTimestamp();
        var reasons = new List<Reason>();
        var measures = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["fileSizeKb"] = Round(file.Length / 1024.0) };

        var decoded = PhotoDecoder.DecodeForOneCheck(file);
        if (decoded.Photo is not { } photo)
        {
            reasons.Add(PhotoReasons.UnreadableImage.With(null, null, decoded.Problem!));
            return Finish("error");
        }

        CheckFile(spec, photo, file.Length, reasons, measures);
        var faces = FindFaces(photo.Image);
        var counted = CountFaces(faces);
        measures["faceCount"] = counted;
        if (faces.Count == 0)
        {
            reasons.Add(PhotoReasons.NoFace.With(0, "1", PhotoReasonSituation.PhotoCheck));
            return Finish("fail");
        }

        if (counted > 1)
        {
            reasons.Add(PhotoReasons.MultipleFaces.With(counted, "1", PhotoReasonSituation.PhotoCheck));
        }

        var face = MainFace(faces);
        measures["faceScore"] = Round(face.Score);
        var geometry = new FaceGeometry(LocateLandmarks(photo.Image, face));
        new PhotoMeasurement(spec, photo, geometry, reasons, measures).Run();
        return Finish(reasons.Count == 0 ? "pass" : "fail");

        PortraitResult Finish(string verdict) =>
            new(spec.Id, verdict, Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds), reasons, measures);
    }

    public void Dispose()
    {
        _detector.Dispose();
        _landmarks.Dispose();
    }

    /// <summary>The main face, plus every other confident face at least a quarter its width: people in
    /// the background of a selfie count, a much smaller false detection (a pattern) does not.</summary>
    internal static int CountFaces(IReadOnlyList<FaceDetection> faces)
    {
        if (faces.Count == 0)
        {
            return 0;
        }

        var main = MainFace(faces);
        return 1 + faces.Count(f => f != main && f.Score >= CountedFaceThreshold && f.Width >= main.Width * 0.25f);
    }

    /// <summary>The portrait's face among those found: the largest, weighed by confidence.</summary>
    internal static FaceDetection MainFace(IReadOnlyList<FaceDetection> faces) => faces.OrderByDescending(f => f.Width * f.Score).First();

    /// <summary>
    /// Landmarks from one crop placed where the network expects the face: the detector's box widened
    /// by a tenth and moved down by 8 % of its width, which on the development set matches the frame
    /// a second pass around the landmarks themselves would choose (so one pass of ~8 ms suffices).
    /// </summary>
    internal PointF[] LocateLandmarks(RgbImage image, FaceDetection face)
    {
        var side = Math.Max(face.Width, face.Height) * 1.1f;
        var centreY = face.CenterY + face.Width * 0.08f;
        return _landmarks.Predict(image, face.CenterX - side / 2, centreY - side * 0.55f, side);
    }

    private static void CheckFile(PhotoSpecification spec, DecodedPhoto photo, int bytes, List<Reason> reasons, SortedDictionary<string, double> measures)
    {
        measures["widthPx"] = photo.Width;
        measures["heightPx"] = photo.Height;
        if (photo.Format != spec.Format)
        {
            reasons.Add(PhotoReasons.WrongFormat.With(null, spec.Format, $"照片格式为{photo.Format.ToUpperInvariant()}，应为{spec.Format.ToUpperInvariant()}格式，请重新导出后上传。"));
        }
        else if (photo.EncodedComponents == 4)
        {
            reasons.Add(PhotoReasons.WrongFormat.With(4, "3", "照片是CMYK印刷色彩模式，应为24位RGB彩色照片，请转换为RGB后重新导出。"));
        }

        if (photo.Width != spec.WidthPx || photo.Height != spec.HeightPx)
        {
            reasons.Add(PhotoReasons.WrongDimensions.With(photo.Width != spec.WidthPx ? photo.Width : photo.Height, $"{spec.WidthPx}x{spec.HeightPx}",
                string.Create(CultureInfo.InvariantCulture, $"照片尺寸为{photo.Width}×{photo.Height}像素，应为{spec.WidthPx}×{spec.HeightPx}像素（宽×高），请按标准裁剪。")));
        }

        var kb = bytes / 1024.0;
        if (kb > spec.FileSizeKb.Max)
        {
            reasons.Add(PhotoReasons.FileTooLarge.With(Round(kb), $"<={spec.FileSizeKb.Max}", $"照片文件{kb:0}KB，超过{spec.FileSizeKb.Max}KB，请按制证标准压缩后上传。"));
        }
        else if (kb < spec.FileSizeKb.Min)
        {
            reasons.Add(PhotoReasons.FileTooSmall.With(Round(kb), $">={spec.FileSizeKb.Min}", $"照片文件只有{kb:0}KB，压缩过度，请上传更清晰的原图。"));
        }

        if (photo.Greyscale)
        {
            reasons.Add(PhotoReasons.NotColour.With(0, "colour", PhotoReasonSituation.PhotoCheck));
        }

        if (photo.HasAlpha)
        {
            measures["hasAlpha"] = 1;
        }

        if (photo.Animated)
        {
            measures["animated"] = 1;
        }
    }

    private static double Round(double value) => Math.Round(value, 2);
}
