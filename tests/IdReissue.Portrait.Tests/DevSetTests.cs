using IdReissue.Portrait.Evaluation;

namespace IdReissue.Portrait.Tests;

[Collection(SharedEngine.Name)]
public class DevSetTests(EngineFixture fixture)
{
    [Fact]
    public void The_development_set_is_judged_with_no_false_accept_at_most_one_false_reject_and_most_reasons_found()
    {
        var log = new StringWriter();

        var report = LabelledEvaluation.Run(fixture.Engine, EngineFixture.DevSet, "cn-id-card", log);

        report.Print(log);
        Assert.True(report.FalseAccepts.Count == 0, log.ToString());
        Assert.True(report.FalseRejects.Count <= 1, log.ToString());
        Assert.True(report.Recall >= 0.9, log.ToString());
    }

    [Fact]
    public void A_compliant_photo_passes_with_its_measures_and_no_reasons()
    {
        var result = fixture.Engine.Check(EngineFixture.DevSetFile("df__img13__ok.jpg"), "cn-id-card");

        Assert.Equal("pass", result.Verdict);
        Assert.Empty(result.Reasons);
        Assert.InRange(result.Measures["headWidthPx"], 200, 214);
        Assert.InRange(result.Measures["centreOffsetPx"], -6, 6);
        Assert.InRange(result.Measures["hairTopMarginPx"], 7, 21);
    }

    [Fact]
    public void Every_reason_on_every_labelled_photo_carries_a_chinese_sentence_and_each_measured_one_its_value_and_limit()
    {
        // Reasons about the file or the frame itself have no number to give; every other one must show it.
        string[] unmeasured = ["unreadable_image", "wrong_format", "head_cropped"];
        var photos = new[] { EngineFixture.DevSet, EngineFixture.CalibrationSet }
            .SelectMany(d => Directory.GetFiles(d).Where(f => f.EndsWith(".jpg", StringComparison.Ordinal) || f.EndsWith(".png", StringComparison.Ordinal)))
            .ToList();
        var reasons = 0;

        foreach (var photo in photos)
        {
            foreach (var reason in fixture.Engine.Check(File.ReadAllBytes(photo), "cn-id-card").Reasons)
            {
                reasons++;
                var where = $"{Path.GetFileName(photo)} {reason.Code}";
                Assert.Matches("\\p{IsCJKUnifiedIdeographs}", reason.Message);
                Assert.DoesNotContain("{", reason.Message, StringComparison.Ordinal);
                if (!unmeasured.Contains(reason.Code))
                {
                    Assert.True(reason.Value is not null && !string.IsNullOrEmpty(reason.Limit), $"{where}: value {reason.Value}, limit {reason.Limit}");
                }
            }
        }

        Assert.True(photos.Count > 200 && reasons > 300, $"{photos.Count} photos, {reasons} reasons");
    }

    [Fact]
    public void A_second_specification_is_data_and_judges_by_its_own_numbers()
    {
        // The compliant photo with a 50 KB comment segment after its start marker: the same pixels in a 70 KB
        // file, over the ID card's 60 KB and within the social-security card's 100 KB.
        var original = EngineFixture.DevSetFile("df__img13__ok.jpg");
        var comment = new byte[50 * 1024];
        byte[] segment = [0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)];
        byte[] photo = [.. original[..2], .. segment, .. comment, .. original[2..]];
        Assert.InRange(photo.Length / 1024.0, 60, 100);

        var idCard = fixture.Engine.Check(photo, "cn-id-card");
        var socialSecurity = fixture.Engine.Check(photo, "cn-social-security-card");

        Assert.Equal("file_too_large", Assert.Single(idCard.Reasons).Code);
        Assert.Equal("pass", socialSecurity.Verdict);
        Assert.Equal(["cn-id-card", "cn-social-security-card"], fixture.Engine.Specifications.All.Select(s => s.Id));
    }
}
