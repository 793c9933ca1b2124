using System.Diagnostics;
using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Reasons;

namespace IdReissue.Portrait.Verification;

/// <summary>
/// Face verification (实人认证 / 人证比对): the largest face of each photo is found with the portrait
/// engine's detector and landmarks, aligned and embedded; two templates compare by cosine similarity
/// judged by <see cref="FaceMatchPolicy"/>. A photo with no face, or with a second face at least half as
/// wide as the main one (two people side by side), has no template: which face was meant is unknown.
/// Thread-safe, like the engine; the recognition model loads once.
/// </summary>
public sealed class FaceMatcher : IDisposable
{
    public const string ModelFile = "face_recognition_fr_feature.onnx";
    private const string ModelId = "fr_feature-v1";
    private const float SecondFaceShare = 0.5f;

    private readonly PortraitEngine _engine;
    private readonly FaceEmbeddingNet _net;

    public FaceMatcher(PortraitEngine engine, string modelDirectory, FaceMatchPolicy? policy = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _net = new FaceEmbeddingNet(Path.Combine(modelDirectory, ModelFile));
        Policy = policy ?? FaceMatchPolicy.Default;
        var blank = new RgbImage(FaceAlignment.Size, FaceAlignment.Size, new byte[FaceAlignment.Size * FaceAlignment.Size * 3]);
        _net.Embed(blank, FaceAlignment.FivePoints(Enumerable.Repeat(new PointF(56, 56), 68).ToArray()));
    }

    public FaceMatchPolicy Policy { get; }

    /// <summary>The engine whose detector and landmarks locate the faces.</summary>
    public PortraitEngine Engine => _engine;

    /// <summary>The template of the photo's face, or the reasons there is none.</summary>
    public FaceExtraction Extract(ReadOnlySpan<byte> file)
    {
        var started = Stopwatch.GetTimestamp();
        var decoded = PhotoDecoder.Decode(file);
        if (decoded.Photo is not { } photo)
        {
            return Fail(PhotoReasons.UnreadableImage.With(null, null, decoded.Problem!));
        }

        var face = _engine.LocateMainFace(photo.Image, SecondFaceShare);
        if (face is null)
        {
            return Fail(PhotoReasons.NoFace.With(0, "1", PhotoReasonSituation.Comparison));
        }

        if (face.FaceCount > 1)
        {
            return Fail(PhotoReasons.MultipleFaces.With(face.FaceCount, "1", PhotoReasonSituation.Comparison));
        }

        var vector = _net.Embed(photo.Image, FaceAlignment.FivePoints(face.Landmarks));
        return new FaceExtraction(new FaceTemplate(ModelId, vector), [], Elapsed()) { Landmarks = face.Landmarks, ImageWidth = photo.Width, ImageHeight = photo.Height };

        FaceExtraction Fail(Reason reason) => new(null, [reason], Elapsed());
        double Elapsed() => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
    }

    /// <summary>The template of a face already located in a decoded image (a camera frame), without decoding it again.</summary>
    public FaceTemplate Embed(RgbImage image, PointF[] landmarks) =>
        new(ModelId, _net.Embed(image, FaceAlignment.FivePoints(landmarks)));

    /// <summary>
    /// Both photos' templates, the second made on another thread meanwhile (the engine and the networks are
    /// thread-safe): a single comparison takes about one photo's time where two cores are free.
    /// </summary>
    public (FaceExtraction A, FaceExtraction B) ExtractBoth(byte[] photoA, byte[] photoB)
    {
        var b = Task.Run(() => Extract(photoB));
        var a = Extract(photoA);
        return (a, b.GetAwaiter().GetResult());
    }

    /// <summary>Compares two templates under the policy.</summary>
    public (double Similarity, FaceMatch Match) Compare(FaceTemplate a, FaceTemplate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        var similarity = a.SimilarityTo(b);
        return (similarity, Policy.Judge(similarity));
    }

    public void Dispose() => _net.Dispose();
}
