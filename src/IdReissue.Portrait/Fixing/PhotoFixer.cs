using System.Diagnostics;
using System.Globalization;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Measures;
using IdReissue.Portrait.Reasons;
using IdReissue.Portrait.Specifications;

namespace IdReissue.Portrait.Fixing;

/// <summary>
/// 一键生成合格证件照: turns an ordinary photo of one person into the specification's photo, or says why
/// only a new photo will do. Only the frame (rotation to level the eyes, crop, scale), the background
/// (matted with ISNet and replaced by white) and, when that is what stands between the photo and the
/// check, one global exposure curve change; the face's pixels are resampled, never edited. The result is
/// then checked by <see cref="PortraitEngine"/> exactly as an uploaded photo is, and only a passing result
/// is handed out: whatever the check still finds (eyes closed, a smile with teeth, a turned head, glare…)
/// is the refusal, in the check's own words.
/// Thread-safe; at most as many fixes run at once as the machine has cores (together 80–270 MB more while the
/// matting network runs), the rest wait, so memory stays bounded however many requests arrive.
/// </summary>
public sealed class PhotoFixer : IDisposable
{
    /// <summary>A face narrower than this (in the photo's own pixels) would have to be enlarged to reach the
    /// specification's head width, inventing detail the camera did not record.</summary>
    public const int MinFaceWidthPx = 150;

    /// <summary>Rows above and below the photo's frame that are rendered and matted too, so that the frame can
    /// be moved up or down to where the matte puts the top of the hair.</summary>
    private const int FrameMargin = 30;

    private const int MatteWidth = 320;

    /// <summary>What a global exposure curve may cure.</summary>
    private static readonly HashSet<string> ExposureCodes = new(StringComparer.Ordinal) { PhotoReasons.Underexposed.Code, PhotoReasons.Overexposed.Code, PhotoReasons.LowContrast.Code };

    private readonly PortraitEngine _engine;
    private readonly IsNetMatting _matting;
    private readonly SemaphoreSlim _slots;

    public PhotoFixer(PortraitEngine engine, string modelDirectory, int? concurrency = null)
    {
        _engine = engine;
        _matting = new IsNetMatting(Path.Combine(modelDirectory, IsNetMatting.ModelFile));
        var slots = concurrency ?? Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
        // Warm-up: the first run of a session plans its memory; a real photo should not pay for that.
        _matting.Matte(new RgbImage(64, 64, new byte[64 * 64 * 3]));
    }

    public SpecificationCatalog Specifications => _engine.Specifications;

    /// <summary>True when the matting model is in <paramref name="modelDirectory"/> (it is fetched with the face models).</summary>
    public static bool IsAvailable(string modelDirectory) => File.Exists(Path.Combine(modelDirectory, IsNetMatting.ModelFile));

    public PhotoFix Fix(ReadOnlySpan<byte> file, string specId)
    {
        var spec = Find(specId);
        _slots.Wait();
        try
        {
            return FixNow(file, spec);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task<PhotoFix> FixAsync(byte[] file, string specId, CancellationToken cancellationToken)
    {
        var spec = Find(specId);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return FixNow(file, spec);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _matting.Dispose();
        _slots.Dispose();
    }

    private PhotoSpecification Find(string specId) =>
        _engine.Specifications.Find(specId) ?? throw new ArgumentException($"Unknown photo specification '{specId}'.", nameof(specId));

    private PhotoFix FixNow(ReadOnlySpan<byte> file, PhotoSpecification spec)
    {
        var started = Stopwatch.GetTimestamp();
        PhotoFix Outcome(string verdict, IReadOnlyList<Reason> reasons, IReadOnlyList<string>? changes = null, byte[]? photo = null, PortraitResult? check = null) =>
            new(spec.Id, verdict, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), changes ?? [], reasons, photo, check);

        var decoded = PhotoDecoder.Decode(file);
        if (decoded.Photo is not { } photo)
        {
            return Outcome("error", [PhotoReasons.UnreadableImage.With(null, null, decoded.Problem!)]);
        }

        var faces = _engine.FindFaces(photo.Image);
        if (faces.Count == 0)
        {
            return Outcome("refused", [PhotoReasons.NoFace.With(0, "1", PhotoReasonSituation.PhotoCheck)]);
        }

        var counted = PortraitEngine.CountFaces(faces);
        if (counted > 1)
        {
            return Outcome("refused", [PhotoReasons.MultipleFaces.With(counted, "1", PhotoReasonSituation.PhotoCheck)]);
        }

        var analysed = new FaceGeometry(_engine.LocateLandmarks(photo.Image, PortraitEngine.MainFace(faces)));
        var faceWidth = analysed.FaceWidth / photo.Scale;
        if (faceWidth < MinFaceWidthPx)
        {
            return Outcome("refused", [PhotoReasons.LowResolution.With(Math.Round(faceWidth), $">={MinFaceWidthPx}",
                string.Create(CultureInfo.InvariantCulture, $"照片中人脸只有约{faceWidth:0}像素宽（至少需要{MinFaceWidthPx}像素），放大到证件照尺寸会模糊失真，请靠近镜头或用更高像素重新拍摄。"))]);
        }

        var layout = new Layout(spec);
        // The photo at enough detail for the face to be shrunk (not enlarged) to the specification's width.
        var source = photo.Image;
        var needed = (float)(layout.FaceWidth * 1.05 / faceWidth);
        if (photo.Scale < needed && PhotoDecoder.DecodeScaled(file, needed) is { } detailed)
        {
            source = detailed;
        }

        var toSource = source.Width / (float)photo.Image.Width;
        var geometry = new FaceGeometry([.. analysed.Points.Select(p => new PointF(p.X * toSource, p.Y * toSource))]);
        var transform = layout.Place(geometry, null);
        var frame = transform.Render(source, layout.Width, layout.FrameHeight);

        // The landmarks again, on the frame itself: at the size the check will see, they place the face to
        // the pixel where those of a reduced whole photo are a few pixels off.
        var frameFaces = _engine.FindFaces(frame);
        if (frameFaces.Count > 0)
        {
            var onFrame = _engine.LocateLandmarks(frame, PortraitEngine.MainFace(frameFaces));
            geometry = new FaceGeometry([.. onFrame.Select(p => transform.ToPhoto(p.X, p.Y))]);
        }

        var matted = Matted(null);
        if (layout.FaceWidthToFit(matted.HairTop, matted.Transform.ToFrame(geometry.EyeLine).Y, layout.FaceWidth) is { } smaller)
        {
            // Hair too tall for the frame at the usual head size (a bun): the head is made smaller, within the standard's
            // width, so that the margin above the hair holds; a head it cannot fit at any allowed width is refused by the check.
            matted = Matted(smaller);
        }

        (transform, frame, var matte, _, var window) = matted;

        // The head placed at faceWidth (or the usual width), the frame rendered and matted, and where the hair's top falls in
        // it; when the hair is farther from the eyes than the first guess allowed for, the frame moves and is matted again.
        MattedFrame Matted(double? faceWidth)
        {
            var first = MattedAt(layout.Place(geometry, null, faceWidth));
            return first.Window.Shift == 0 ? first : MattedAt(layout.Place(geometry, first.Transform.FrameAnchor.Y - first.Window.Shift, faceWidth));
        }

        MattedFrame MattedAt(FrameTransform placed)
        {
            var rendered = placed.Render(source, layout.Width, layout.FrameHeight);
            var alpha = Matte(rendered);
            var eyes = placed.ToFrame(geometry.EyeLine);
            var top = layout.HairTop(alpha, eyes, geometry.FaceWidth / (float)placed.Scale);
            return new MattedFrame(placed, rendered, alpha, top, layout.Window(top, eyes.Y));
        }

        var outline = FaceOutline(geometry).Select(transform.ToFrame).ToArray();
        var composed = WhiteBackdrop.Composite(frame, matte, outline);
        var output = Crop(composed, window.Top, layout.Height);
        var changes = Changes(photo, spec, transform, source, window.Top);
        var encoded = JpegWriter.EncodeWithin(output, (long)(spec.FileSizeKb.Max * 1024 * 0.95));
        var check = _engine.Check(encoded, spec);
        if (!check.Passed && check.Reasons.Any(r => ExposureCodes.Contains(r.Code)) && ExposureCurve.For(check, spec) is { } curve)
        {
            var adjusted = JpegWriter.EncodeWithin(curve.Apply(output), (long)(spec.FileSizeKb.Max * 1024 * 0.95));
            var recheck = _engine.Check(adjusted, spec);
            if (recheck.Reasons.Count < check.Reasons.Count)
            {
                (encoded, check) = (adjusted, recheck);
                changes.Add("exposure_adjusted");
            }
        }

        return check.Passed
            ? Outcome("fixed", [], changes, encoded, check)
            : Outcome("refused", check.Reasons, changes, null, check);
    }

    /// <summary>The frame resampled to the network's size (a multiple of 64 each way), matted, and the matte
    /// resampled back to the frame.</summary>
    private float[] Matte(RgbImage frame)
    {
        var scale = frame.Width / (double)MatteWidth;
        var height = (int)Math.Round(frame.Height / scale / 64) * 64;
        var small = new FrameTransform(new PointF((float)(0.5 * (scale - 1)), (float)(0.5 * (scale - 1))), new PointF(0, 0), scale, 0).Render(frame, MatteWidth, height);
        var matte = _matting.Matte(small);
        var output = new float[frame.Width * frame.Height];
        for (var y = 0; y < frame.Height; y++)
        {
            var sy = Math.Clamp((y + 0.5f) / scale - 0.5f, 0, height - 1.001f);
            var y0 = (int)sy;
            var fy = (float)(sy - y0);
            for (var x = 0; x < frame.Width; x++)
            {
                var sx = Math.Clamp((x + 0.5f) / scale - 0.5f, 0, MatteWidth - 1.001f);
                var x0 = (int)sx;
                var fx = (float)(sx - x0);
                var i = y0 * MatteWidth + x0;
                var top = matte[i] + (matte[i + 1] - matte[i]) * fx;
                var bottom = matte[i + MatteWidth] + (matte[i + MatteWidth + 1] - matte[i + MatteWidth]) * fx;
                output[y * frame.Width + x] = top + (bottom - top) * fy;
            }
        }

        return output;
    }

    /// <summary>Jaw line then brows, right to left: the part of the face whose pixels must stay as taken.</summary>
    private static PointF[] FaceOutline(FaceGeometry geometry) =>
        [.. Enumerable.Range(0, 17).Select(i => geometry.Points[i]), .. Enumerable.Range(17, 10).Reverse().Select(i => geometry.Points[i])];

    private static RgbImage Crop(RgbImage image, int top, int height)
    {
        var rowBytes = image.Width * 3;
        var pixels = new byte[rowBytes * height];
        Array.Copy(image.Pixels, top * rowBytes, pixels, 0, pixels.Length);
        return new RgbImage(image.Width, height, pixels);
    }

    private static List<string> Changes(DecodedPhoto photo, PhotoSpecification spec, FrameTransform transform, RgbImage source, int top)
    {
        var changes = new List<string> { "background_replaced" };
        var corner = transform.ToPhoto(0, top);
        var photoScale = transform.Scale * photo.Width / source.Width;
        if (photo.Width != spec.WidthPx || photo.Height != spec.HeightPx || Math.Abs(corner.X) > 1 || Math.Abs(corner.Y) > 1)
        {
            changes.Add("cropped");
        }

        if (Math.Abs(photoScale - 1) > 0.01)
        {
            changes.Add("scaled");
        }

        if (Math.Abs(transform.AngleRadians) > 0.2 * Math.PI / 180)
        {
            changes.Add("levelled");
        }

        return changes;
    }

    /// <summary>A frame of the photo as placed, its matte, the row where the hair's top falls and the output window in it.</summary>
    private readonly record struct MattedFrame(FrameTransform Transform, RgbImage Frame, float[] Matte, int HairTop, (int Top, int Shift) Window);

    /// <summary>The specification's geometry as targets inside its limits, and the frame (with margins) they are placed in.</summary>
    private sealed class Layout(PhotoSpecification spec)
    {
        public int Width => spec.WidthPx;

        public int Height => spec.HeightPx;

        public int FrameHeight => spec.HeightPx + 2 * FrameMargin;

        /// <summary>Landmark face width aimed at: 60 % of the way up the allowed range, where the development
        /// set's correctly framed photos (GA 461's 207-pixel head, hair included) measure.</summary>
        public double FaceWidth => spec.FaceWidthPx.Min + 0.6 * (spec.FaceWidthPx.Max - spec.FaceWidthPx.Min);

        private double HairMargin => (spec.HairTopMarginPx.Min + spec.HairTopMarginPx.Max) / 2;

        /// <summary>The lowest the eye line may sit in the output, with a few pixels to spare.</summary>
        private double LowestEyeRow => spec.HeightPx - spec.EyeLineFromBottomMinPx - 6;

        /// <summary>Eyes level, centred, at the target width (<see cref="FaceWidth"/> unless a smaller one is asked); the eye
        /// row guessed from a typical head (hair top 0.92 face widths above the eyes) until the matte tells.</summary>
        public FrameTransform Place(FaceGeometry face, double? eyeRow, double? faceWidth = null)
        {
            var width = faceWidth ?? FaceWidth;
            var row = eyeRow ?? FrameMargin + Math.Min(HairMargin + 0.92 * width, LowestEyeRow);
            return new FrameTransform(face.EyeLine, new PointF(Width / 2f, (float)row), face.FaceWidth / width, face.RollDegrees * Math.PI / 180);
        }

        /// <summary>
        /// A face width, smaller than <paramref name="width"/> but within the standard's, at which hair as tall as this (a bun)
        /// fits with the margin above it and the eyes no lower than allowed; null when it fits already or no allowed width
        /// makes it fit. A matte reaching the frame's top row (<paramref name="hairTop"/> 0) hides how tall the hair is, so a
        /// frame margin more is allowed for.
        /// </summary>
        public double? FaceWidthToFit(int hairTop, double eyeRow, double width)
        {
            var height = eyeRow - hairTop + (hairTop == 0 ? FrameMargin : 0);
            if (hairTop > 0 && height + HairMargin <= LowestEyeRow)
            {
                return null;
            }

            var smaller = width * (LowestEyeRow - HairMargin) / height;
            return smaller < width && smaller >= spec.FaceWidthPx.Min + 2 ? smaller : null;
        }

        /// <summary>The first frame row, from the top, where a tenth of the head's columns are mostly person.</summary>
        public int HairTop(float[] matte, PointF eyes, float faceWidth)
        {
            var left = Math.Max(0, (int)(eyes.X - faceWidth * 0.4));
            var right = Math.Min(Width, (int)(eyes.X + faceWidth * 0.4));
            var needed = Math.Max(3, (right - left) / 10);
            for (var y = 0; y < eyes.Y; y++)
            {
                var person = 0;
                for (var x = left; x < right; x++)
                {
                    person += matte[y * Width + x] > 0.5f ? 1 : 0;
                }

                if (person >= needed)
                {
                    return y;
                }
            }

            return (int)eyes.Y;
        }

        /// <summary>Where the output's rows start in the frame, and how far the frame itself must move when
        /// that is outside its margins (positive: the face must go up, negative: down).</summary>
        public (int Top, int Shift) Window(int hairTop, double eyeRow)
        {
            var top = hairTop - HairMargin;
            // Tall hair may be cut by the upper edge: the eye line's minimum height matters more.
            top = Math.Max(top, eyeRow - LowestEyeRow);
            var rounded = (int)Math.Round(top);
            // A matte reaching the frame's top row means the hair may go on above it.
            var shift = rounded < 0 || (hairTop == 0 && rounded < FrameMargin) ? rounded - FrameMargin : rounded > 2 * FrameMargin ? rounded - FrameMargin : 0;
            return (Math.Clamp(rounded, 0, 2 * FrameMargin), shift);
        }
    }
}
