using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;
using SkiaSharp;

namespace IdReissue.Portrait.Tests;

/// <summary>The engine and the fixer with its matting model, loaded once for the fixer's tests.</summary>
public sealed class FixerFixture : IDisposable
{
    public FixerFixture()
    {
        Engine = new EngineFixture();
        Fixer = new PhotoFixer(Engine.Engine, ModelLocation.Find());
    }

    public EngineFixture Engine { get; }

    public PhotoFixer Fixer { get; }

    public void Dispose()
    {
        Fixer.Dispose();
        Engine.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedFixer : ICollectionFixture<FixerFixture>
{
    public const string Name = "fixer";
}

/// <summary>一键生成合格证件照: what may change (frame, background, exposure), what may not (the face), and what is refused.</summary>
[Collection(SharedFixer.Name)]
public class PhotoFixTests(FixerFixture fixture)
{
    private PhotoFixer Fixer => fixture.Fixer;

    [Fact]
    public void A_photo_on_a_coloured_backdrop_becomes_a_passing_358x441_jpeg_on_white_within_the_file_size_limits()
    {
        var original = EngineFixture.CalibrationSetFile("df__img10__realbg.jpg");
        Assert.False(fixture.Engine.Engine.Check(original, "cn-id-card").Passed);

        var fix = Fixer.Fix(original, "cn-id-card");

        Assert.Equal("fixed", fix.Verdict);
        Assert.Empty(fix.Reasons);
        Assert.Contains("background_replaced", fix.Changes);
        var decoded = PhotoDecoder.Decode(fix.Photo).Photo!;
        Assert.Equal(("jpeg", 358, 441), (decoded.Format, decoded.Width, decoded.Height));
        Assert.InRange(fix.Photo!.Length / 1024.0, 8, 60);
        // The fixer's own claim is the check's verdict on the very bytes it hands out.
        var recheck = fixture.Engine.Engine.Check(fix.Photo, "cn-id-card");
        Assert.True(recheck.Passed, string.Join("; ", recheck.Reasons.Select(r => r.Code)));
        Assert.True(recheck.Measures["backgroundLightness"] >= 95);
    }

    [Fact]
    public void The_face_keeps_its_lightness_and_colour_only_the_background_and_frame_change()
    {
        var original = EngineFixture.CalibrationSetFile("df__img29__realbg.jpg");
        var before = fixture.Engine.Engine.Check(original, "cn-id-card").Measures;

        var fix = Fixer.Fix(original, "cn-id-card");

        Assert.True(fix.Fixed, string.Join("; ", fix.Reasons.Select(r => r.Code)));
        Assert.DoesNotContain("exposure_adjusted", fix.Changes);
        var after = fix.Check!.Measures;
        Assert.InRange(after["faceLightness"] - before["faceLightness"], -1.5, 1.5);
        Assert.InRange(after["skinHueDegrees"] - before["skinHueDegrees"], -2, 2);
        Assert.InRange(after["skinChroma"] - before["skinChroma"], -1.5, 1.5);
        Assert.InRange(after["sharpness"], before["sharpness"] * 0.85, before["sharpness"] * 1.3);
    }

    [Fact]
    public void A_tilted_head_is_levelled_and_centred_at_the_specifications_head_width()
    {
        var tilted = EngineFixture.DevSetFile("df__img13__tilt.jpg");
        Assert.Contains(fixture.Engine.Engine.Check(tilted, "cn-id-card").Reasons, r => r.Code == "head_tilted");

        var fix = Fixer.Fix(tilted, "cn-id-card");

        Assert.True(fix.Fixed, string.Join("; ", fix.Reasons.Select(r => r.Code)));
        Assert.Contains("levelled", fix.Changes);
        var measures = fix.Check!.Measures;
        Assert.InRange(measures["rollDegrees"], -2, 2);
        Assert.InRange(measures["centreOffsetPx"], -5, 5);
        var spec = fixture.Engine.Engine.Specifications.Find("cn-id-card")!;
        Assert.InRange(measures["headWidthPx"], spec.FaceWidthPx.Min + 15, spec.FaceWidthPx.Max - 10);
    }

    [Fact]
    public void An_underexposed_face_is_brightened_by_one_global_curve_and_then_passes()
    {
        var dark = EngineFixture.DevSetFile("df__img13__dark.jpg");
        Assert.Contains(fixture.Engine.Engine.Check(dark, "cn-id-card").Reasons, r => r.Code == "underexposed");

        var fix = Fixer.Fix(dark, "cn-id-card");

        Assert.True(fix.Fixed, string.Join("; ", fix.Reasons.Select(r => r.Code)));
        Assert.Contains("exposure_adjusted", fix.Changes);
        // White stays white under the curve: the background is still paper-white.
        Assert.True(fix.Check!.Measures["backgroundLightness"] >= 95);
    }

    [Theory]
    [InlineData("df__img1__realbg.jpg", "mouth_open")]
    [InlineData("df__img44__realbg.jpg", "mouth_open")]
    public void A_smile_showing_teeth_is_refused_with_the_reason_and_no_photo(string file, string code)
    {
        var fix = Fixer.Fix(EngineFixture.CalibrationSetFile(file), "cn-id-card");

        Assert.Equal("refused", fix.Verdict);
        Assert.Null(fix.Photo);
        Assert.Contains(fix.Reasons, r => r.Code == code && r.Message.Contains("重新拍摄", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tall_bun_is_fitted_by_a_smaller_head_within_the_standard_with_the_margin_above_it()
    {
        // hv__test4: a bun on top of the head, which at the usual head size ran off the top edge (and was cut off before).
        var fix = Fixer.Fix(EngineFixture.DevSetFile("hv__test4.jpg"), "cn-id-card");

        Assert.Equal("fixed", fix.Verdict);
        var check = fixture.Engine.Engine.Check(fix.Photo, "cn-id-card");
        Assert.True(check.Passed, string.Join("; ", check.Reasons.Select(r => r.Code)));
        Assert.InRange(check.Measures["hairTopMarginPx"], 7, 21);
        Assert.InRange(check.Measures["headWidthPx"], 150, 190);
    }

    [Fact]
    public void A_bun_that_cannot_fit_below_the_top_edge_is_refused_as_head_too_high_never_cut_off()
    {
        // An ordinary photo of p03 (fixed as it is, below) with a tall dark bun painted on the crown, reaching the photo's top.
        var photo = EngineFixture.SharedFile("face-pairs", "img13.jpg");
        Assert.Equal("fixed", Fixer.Fix(photo, "cn-id-card").Verdict);
        using var bitmap = SKBitmap.Decode(photo);
        using (var canvas = new SKCanvas(bitmap))
        using (var bun = new SKPaint { Color = new SKColor(0x3b, 0x2c, 0x1f), IsAntialias = true })
        {
            canvas.DrawOval(new SKRect(545, -30, 705, 120), bun);
        }

        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 92);
        var fix = Fixer.Fix(data.ToArray(), "cn-id-card");

        Assert.Equal("refused", fix.Verdict);
        Assert.Null(fix.Photo);
        Assert.Contains(fix.Reasons, r => r.Code == "head_too_high" && r.Message.Contains("头发不能超出上边缘", StringComparison.Ordinal));
    }

    [Fact]
    public void A_couple_photo_is_refused_for_its_several_faces()
    {
        var fix = Fixer.Fix(EngineFixture.DevSetFile("df__couple.jpg"), "cn-id-card");

        Assert.Equal("refused", fix.Verdict);
        Assert.Equal("multiple_faces", Assert.Single(fix.Reasons).Code);
    }

    [Fact]
    public void A_face_too_small_to_enlarge_is_refused_for_low_resolution()
    {
        // The compliant photo at 60 %: a face of about 125 px would have to grow by two thirds.
        using var bitmap = SKBitmap.Decode(EngineFixture.DevSetFile("df__img13__ok.jpg"));
        using var small = bitmap.Resize(new SKImageInfo(215, 265), new SKSamplingOptions(SKFilterMode.Linear));
        using var data = small.Encode(SKEncodedImageFormat.Jpeg, 92);

        var fix = Fixer.Fix(data.ToArray(), "cn-id-card");

        Assert.Equal("refused", fix.Verdict);
        var reason = Assert.Single(fix.Reasons);
        Assert.Equal("low_resolution", reason.Code);
        Assert.InRange(reason.Value!.Value, 100, 149);
        Assert.Contains("像素", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_an_error()
    {
        var fix = Fixer.Fix(EngineFixture.DevSetFile("broken.jpg"), "cn-id-card");

        Assert.Equal("error", fix.Verdict);
        Assert.Equal("unreadable_image", Assert.Single(fix.Reasons).Code);
    }

    [Fact]
    public async Task Eight_fixes_at_once_all_finish_with_the_same_verdict()
    {
        var photo = EngineFixture.CalibrationSetFile("df__img45__realbg.jpg");

        var fixes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Fixer.FixAsync(photo, "cn-id-card", CancellationToken.None))));

        Assert.All(fixes, f => Assert.Equal("fixed", f.Verdict));
    }
}
