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
    public void Every_failing_reason_carries_value_limit_and_a_chinese_sentence()
    {
        var result = fixture.Engine.Check(EngineFixture.DevSetFile("df__img13__small.jpg"), "cn-id-card");

        var reason = Assert.Single(result.Reasons, r => r.Code == "head_too_small");
        Assert.NotNull(reason.Value);
        Assert.Equal(fixture.Engine.Specifications.Find("cn-id-card")!.FaceWidthPx.ToString(), reason.Limit);
        Assert.Equal("px", reason.Unit);
        Assert.Matches("\\p{IsCJKUnifiedIdeographs}", reason.Message);
    }

    [Fact]
    public void A_second_specification_is_data_and_judges_by_its_own_numbers()
    {
        var photo = EngineFixture.DevSetFile("df__img13__ok.jpg");

        Assert.Equal("pass", fixture.Engine.Check(photo, "cn-social-security-card").Verdict);
        Assert.Equal(["cn-id-card", "cn-social-security-card"], fixture.Engine.Specifications.All.Select(s => s.Id));
    }
}
