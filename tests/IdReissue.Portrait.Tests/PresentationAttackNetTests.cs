using IdReissue.Portrait.Faces;
using IdReissue.Portrait.Imaging;
using Xunit.Abstractions;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// Our forward pass of human's antispoof and liveness models (<see cref="PresentationAttackNet"/>) gives what TFJS
/// gives. The reference numbers come from @tensorflow/tfjs 4.22.0 (pure JavaScript CPU backend) running the same
/// model files on crops made as @vladmandic/human@3.3.6 makes them, produced by:
/// <code>
///   # raw RGB of the engine's decoded photo (PhotoDecoder.Decode(...).Photo.Image) written to /tmp/padref/NAME.rgb,
///   # box = CropBox.FromDetection(engine.LocateMainFace(image).Detection ...)
///   cd /tmp/padnode &amp;&amp; npm install @tensorflow/tfjs@4
///   NODE_PATH=/tmp/padnode/node_modules node scripts/pad-reference.js .models \
///     /tmp/padref/df__img13__ok.rgb:358:441:26:68:360:402 /tmp/padref/img26.rgb:534:800:84:104:415:435 \
///     /tmp/padref/img4.rgb:800:553:124:102:474:452 > /tmp/padref/reference.json
/// </code>
/// The inputs are checked by their sum, sum of squares and a few samples (the whole tensors are 49 152 and 3 072
/// numbers), then both models' outputs to 1e-4.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class PresentationAttackNetTests(EngineFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly PresentationAttackNet _net = PresentationAttackNet.Load(ModelLocation.Find());

    private static readonly Reference[] References =
    [
        new Reference("portrait-dev-set/df__img13__ok.jpg", 358, 441, new CropBox(26, 68, 360, 402),
            Real: 0.8969513773918152, Live: 0.9562470316886902, NotLive: 0.04375304654240608,
            Sum128: 37106.45501650126, Squares128: 31692.339646754044, Sum32: 2344.0588512061513,
            Samples128: [1, 1, 0], Samples32: [1, 0.8648820519447327, 0.43452608585357666]),
        new Reference("face-pairs/img26.jpg", 534, 800, new CropBox(84, 104, 415, 435),
            Real: 0.7865445613861084, Live: 0.6462535858154297, NotLive: 0.3537463843822479,
            Sum128: 27921.021816785378, Squares128: 17525.618385964284, Sum32: 1743.3349088425748,
            Samples128: [0.4373982846736908, 0.8427015542984009, 0.46574437618255615], Samples32: [0.4373982846736908, 0.7051700949668884, 0.1875462830066681]),
        new Reference("face-pairs/img4.jpg", 800, 553, new CropBox(124, 102, 474, 452),
            Real: 0.8889284729957581, Live: 0.945341169834137, NotLive: 0.05465877056121826,
            Sum128: 24811.49172379945, Squares128: 15334.131088615803, Sum32: 1556.1891978327658,
            Samples128: [0.3163158893585205, 0.7137829065322876, 0.33304592967033386], Samples32: [0.3163158893585205, 0.8141823410987854, 0.3298491835594177]),
    ];

    private static readonly int[] Indices128 = [0, 20001, 49151];
    private static readonly int[] Indices32 = [0, 1501, 3071];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_crops_are_made_as_human_makes_them(int face)
    {
        var reference = References[face];
        var image = Decode(reference);
        var input128 = new float[128 * 128 * 3];
        var input32 = new float[32 * 32 * 3];

        PresentationAttackNet.MakeInput(image, reference.Box, 128, input128);
        PresentationAttackNet.MakeInput(image, reference.Box, 32, input32);

        Assert.Equal(reference.Sum128, input128.Sum(v => (double)v), 1e-3);
        Assert.Equal(reference.Squares128, input128.Sum(v => (double)v * v), 1e-3);
        Assert.Equal(reference.Sum32, input32.Sum(v => (double)v), 1e-3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(reference.Samples128[i], input128[Indices128[i]], 1e-6);
            Assert.Equal(reference.Samples32[i], input32[Indices32[i]], 1e-6);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Both_models_give_what_tfjs_gives(int face)
    {
        var reference = References[face];
        var scores = _net.Score(Decode(reference), reference.Box);

        output.WriteLine($"{reference.File}: real {scores.Real:R} (tfjs {reference.Real:R}), live {scores.Live:R} (tfjs {reference.Live:R})");
        Assert.Equal(reference.Real, scores.Real, 1e-4);
        Assert.Equal(reference.Live, scores.Live, 1e-4);
        Assert.Equal(reference.NotLive, scores.NotLive, 1e-4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_engines_face_box_gives_the_reference_crop(int face)
    {
        var reference = References[face];
        var located = fixture.Engine.LocateMainFace(Decode(reference));

        Assert.NotNull(located);
        var box = CropBox.FromDetection(located.Detection.CenterX, located.Detection.CenterY, located.Detection.Width, located.Detection.Height);
        // A pixel of slack: the reference boxes were taken from this detector, and a later change to it by a
        // fraction of a pixel must not fail the forward-pass proof.
        Assert.InRange(box.Left, reference.Box.Left - 1, reference.Box.Left + 1);
        Assert.InRange(box.Top, reference.Box.Top - 1, reference.Box.Top + 1);
        Assert.InRange(box.Right, reference.Box.Right - 1, reference.Box.Right + 1);
        Assert.InRange(box.Bottom, reference.Box.Bottom - 1, reference.Box.Bottom + 1);
    }

    public void Dispose() => _net.Dispose();

    private static RgbImage Decode(Reference reference)
    {
        var file = Path.Combine(Path.GetDirectoryName(EngineFixture.DevSet)!, reference.File);
        var image = PhotoDecoder.Decode(File.ReadAllBytes(file)).Photo!.Image;
        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        return image;
    }

    /// <summary>One face crop and what TFJS computed for it (see the class comment for the command).</summary>
    private sealed record Reference(
        string File,
        int Width,
        int Height,
        CropBox Box,
        double Real,
        double Live,
        double NotLive,
        double Sum128,
        double Squares128,
        double Sum32,
        double[] Samples128,
        double[] Samples32);
}
