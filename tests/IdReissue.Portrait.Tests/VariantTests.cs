using SkiaSharp;

namespace IdReissue.Portrait.Tests;

/// <summary>
/// Cases grown beside the development set: a mirror image or a re-encoding of a photo is the same photo
/// to the standard, so it must keep its verdict and its reasons. This guards against thresholds that
/// only hold for one orientation or one encoder's output.
/// </summary>
[Collection(SharedEngine.Name)]
public class VariantTests(EngineFixture fixture)
{
    public static TheoryData<string> Framed() =>
    [
        "df__img13__ok.jpg", "df__img13__w198.jpg", "df__img13__w214.jpg", "df__img13__dx6.jpg", "df__img13__roll2.jpg", "df__img13__bright8.jpg",
        "df__img13__small.jpg", "df__img13__large.jpg", "df__img13__offcentre.jpg", "df__img13__tilt.jpg", "df__img13__dark.jpg", "df__img13__bluebg.jpg",
        "df__img13__shadowbg.jpg", "df__img13__cast.jpg", "df__img13__blur.jpg", "df__img13__bright.jpg",
    ];

    [Theory]
    [MemberData(nameof(Framed))]
    public void A_mirrored_photo_keeps_its_verdict_and_labelled_reason(string file)
    {
        var original = fixture.Engine.Check(EngineFixture.DevSetFile(file), "cn-id-card");

        var mirrored = fixture.Engine.Check(Transform(EngineFixture.DevSetFile(file), mirror: true, quality: 92), "cn-id-card");

        Assert.Equal(original.Verdict, mirrored.Verdict);
        Assert.Equal(LabelledReasons(file), LabelledReasons(file).Intersect(mirrored.Reasons.Select(r => r.Code)));
    }

    [Theory]
    [MemberData(nameof(Framed))]
    public void A_photo_saved_again_at_quality_85_keeps_its_verdict(string file)
    {
        var original = fixture.Engine.Check(EngineFixture.DevSetFile(file), "cn-id-card");

        var resaved = fixture.Engine.Check(Transform(EngineFixture.DevSetFile(file), mirror: false, quality: 85), "cn-id-card");

        Assert.Equal(original.Verdict, resaved.Verdict);
    }

    [Fact]
    public void A_phone_photo_stored_sideways_with_an_exif_orientation_is_judged_upright()
    {
        // Stored turned a quarter left, with EXIF orientation 6 ("rotate 90° clockwise to show"), as phones do.
        using var upright = SKBitmap.Decode(EngineFixture.DevSetFile("df__img13__ok.jpg"));
        using var surface = SKSurface.Create(new SKImageInfo(upright.Height, upright.Width));
        surface.Canvas.Translate(0, upright.Width);
        surface.Canvas.RotateDegrees(-90);
        using (var image = SKImage.FromBitmap(upright))
        {
            surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 92);

        var result = fixture.Engine.Check(WithExifOrientation(data.ToArray(), 6), "cn-id-card");

        Assert.Equal(358, result.Measures["widthPx"]);
        Assert.Equal(441, result.Measures["heightPx"]);
        Assert.Equal("pass", result.Verdict);
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag right after the SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1
            0, 0, 0, 0, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        return [jpeg[0], jpeg[1], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    /// <summary>Compliant photos of five people (dev set p03; calibration p01, p08, p07, p02).</summary>
    public static TheoryData<string> People() =>
    [
        "df__img13__ok.jpg", "calibration/df__img2__ok.jpg", "calibration/df__img29__ok.jpg", "calibration/df__img45__ok.jpg", "calibration/df__img55__ok.jpg",
    ];

    // Painted defects are placed from where the engine found the face on the unpainted photo (eye line, eye
    // midpoint, face width), so they sit on each person's eyes, mouth and hair, not at one face's pixels.

    [Theory]
    [MemberData(nameof(People))]
    public void A_white_reflection_on_a_lens_is_glare(string photo) =>
        AssertPaintedDefect(photo, "glasses_glare", (canvas, face) =>
        {
            using var white = new SKPaint { Color = new SKColor(252, 252, 252), IsAntialias = true };
            canvas.DrawOval(face.Box(-0.24, 0, 0.16, 0.085), white);
        });

    [Theory]
    [MemberData(nameof(People))]
    public void Dark_lenses_over_both_eyes_are_tinted_glasses(string photo) =>
        AssertPaintedDefect(photo, "tinted_glasses", (canvas, face) =>
        {
            using var dark = new SKPaint { Color = new SKColor(28, 26, 30), IsAntialias = true };
            canvas.DrawRoundRect(face.Box(-0.23, 0.02, 0.34, 0.21), 14, 14, dark);
            canvas.DrawRoundRect(face.Box(0.23, 0.02, 0.34, 0.21), 14, 14, dark);
        });

    [Theory]
    [MemberData(nameof(People))]
    public void A_mask_over_mouth_and_chin_is_an_occluded_face(string photo) =>
        AssertPaintedDefect(photo, "face_occluded", (canvas, face) =>
        {
            using var mask = new SKPaint { Color = new SKColor(150, 200, 225), IsAntialias = true };
            canvas.DrawRoundRect(face.Box(0, 0.66, 0.80, 0.53), 30, 30, mask);
        });

    [Theory]
    [MemberData(nameof(People))]
    public void A_red_cap_over_the_hair_is_headwear(string photo) =>
        AssertPaintedDefect(photo, "headwear", (canvas, face) =>
        {
            using var cap = new SKPaint { Color = new SKColor(190, 30, 40), IsAntialias = true };
            canvas.DrawOval(new SKRect((float)(face.CentreX - (0.53 * face.Width)), 0, (float)(face.CentreX + (0.53 * face.Width)), (float)(face.EyeY - (0.34 * face.Width))), cap);
        });

    /// <summary>The unpainted photo passes without the reason; painted where its face is, it gets the reason.</summary>
    private void AssertPaintedDefect(string photo, string code, Action<SKCanvas, PaintedFace> draw)
    {
        var original = photo.StartsWith("calibration/", StringComparison.Ordinal)
            ? EngineFixture.CalibrationSetFile(photo["calibration/".Length..])
            : EngineFixture.DevSetFile(photo);
        var clean = fixture.Engine.Check(original, "cn-id-card");
        Assert.DoesNotContain(clean.Reasons, r => r.Code == code);
        var face = new PaintedFace(179 + clean.Measures["centreOffsetPx"], 441 - clean.Measures["eyeLineFromBottomPx"], clean.Measures["headWidthPx"]);

        var painted = fixture.Engine.Check(Paint(original, canvas => draw(canvas, face)), "cn-id-card");

        Assert.True(painted.Reasons.Any(r => r.Code == code), $"{photo}: {string.Join(", ", painted.Reasons.Select(r => $"{r.Code} {r.Value}"))}");
    }

    /// <summary>Where the engine found the face: eye midpoint, eye line and face width, in the photo's pixels.</summary>
    private sealed record PaintedFace(double CentreX, double EyeY, double Width)
    {
        /// <summary>A box centred at (CentreX + dx·Width, EyeY + dy·Width), w·Width wide and h·Width high.</summary>
        public SKRect Box(double dx, double dy, double w, double h)
        {
            var x = CentreX + (dx * Width);
            var y = EyeY + (dy * Width);
            return new SKRect((float)(x - (w * Width / 2)), (float)(y - (h * Width / 2)), (float)(x + (w * Width / 2)), (float)(y + (h * Width / 2)));
        }
    }

    private static byte[] Paint(byte[] jpeg, Action<SKCanvas> draw)
    {
        using var source = SKBitmap.Decode(jpeg);
        using var surface = SKSurface.Create(new SKImageInfo(source.Width, source.Height));
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        draw(surface.Canvas);
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static string[] LabelledReasons(string file) =>
        File.ReadLines(Path.Combine(EngineFixture.DevSet, "labels.csv")).Select(l => l.Split(','))
            .Where(f => f[0] == file && f.Length > 2 && f[2].Length > 0).SelectMany(f => f[2].Split(';')).ToArray();

    private static byte[] Transform(byte[] jpeg, bool mirror, int quality)
    {
        using var source = SKBitmap.Decode(jpeg);
        using var surface = SKSurface.Create(new SKImageInfo(source.Width, source.Height));
        if (mirror)
        {
            surface.Canvas.Scale(-1, 1, source.Width / 2f, 0);
        }

        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
