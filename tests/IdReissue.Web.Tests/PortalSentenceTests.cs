using System.Net;
using IdReissue.Domain.Applications;

namespace IdReissue.Web.Tests;

/// <summary>What the portal says is true to the region's policy and the applicant's own data, not fixed sentences written for one region.</summary>
[Collection(SharedService.Name)]
public class PortalSentenceTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task The_step_indicator_counts_the_steps_of_the_applicants_own_region_and_case()
    {
        // Tianjin asks for a loss report and the household register page: ten steps for a lost card.
        var tianjin = await Journey.Begin(Api, "tianjin");
        await tianjin.VerifyRealName();
        await tianjin.Start("Loss");
        await tianjin.CheckEligibility();
        await tianjin.VerifyFace();
        Assert.Contains("第 5 步，共 10 步：<strong>挂失申报</strong>", await PageAsync(tianjin, "loss-report"), StringComparison.Ordinal);
        await tianjin.ReportLoss();
        Assert.Contains("第 6 步，共 10 步：<strong>邮寄地址</strong>", await PageAsync(tianjin, "address"), StringComparison.Ordinal);
        await tianjin.GiveAddress();
        Assert.Contains("第 7 步，共 10 步：<strong>上传户口页</strong>", await PageAsync(tianjin, "household-page"), StringComparison.Ordinal);

        // Hunan asks for no household page, and a damaged card needs no loss report: eight steps.
        var hunan = await Journey.Begin(Api, "hunan");
        await hunan.VerifyRealName();
        await hunan.Start("Damage");
        await hunan.CheckEligibility();
        await hunan.VerifyFace();
        Assert.Contains("第 5 步，共 8 步：<strong>邮寄地址</strong>", await PageAsync(hunan, "address"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_step_states_the_regions_postage_and_the_loss_report_gives_an_example_from_the_applicants_own_place()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        await journey.CheckEligibility();
        await journey.VerifyFace();

        var lossReport = await PageAsync(journey, "loss-report");
        Assert.DoesNotContain("长沙市", lossReport, StringComparison.Ordinal);
        Assert.Contains("例如：天津市", lossReport, StringComparison.Ordinal);

        await journey.ReportLoss();
        var address = await PageAsync(journey, "address");
        Assert.Contains("邮费到付：寄往户籍所在城市15.00元，寄往其他城市22.00元。", address, StringComparison.Ordinal);
        Assert.DoesNotContain("免邮", address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_states_the_card_age_rule_the_right_way_round_and_every_page_names_its_icon()
    {
        var home = await Api.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("距上次领证超过本地规定年限", home, StringComparison.Ordinal);
        Assert.DoesNotContain("不满规定年限", home, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", home, StringComparison.Ordinal);

        var icon = await Api.Http.GetAsync(new Uri("/favicon.svg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_photo_number_of_the_right_shape_with_a_wrong_digit_is_told_to_be_checked_digit_by_digit_not_that_it_needs_eighteen_digits()
    {
        var valid = PhotoNumber.New("43", DateOnly.FromDateTime(DateTime.UtcNow)).Value;
        var typo = valid[..^1] + (char)('0' + ((valid[^1] - '0' + 1) % 10));
        var problem = await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/photos/{typo}", null), HttpStatusCode.UnprocessableEntity, "photo_number_invalid");
        Assert.Contains("逐位核对", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var tooShort = await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/photos/123", null), HttpStatusCode.UnprocessableEntity, "photo_number_invalid");
        Assert.Contains("18位数字", tooShort.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_application_promises_no_posting_date_and_its_rejection_is_marked_as_a_stop()
    {
        var journey = await Journey.UnderReview(Api, "hunan");
        var reviewer = await Api.LoginOfficer("hunan-review");
        await Api.Expect(await Api.Post($"/api/officer/applications/{journey.ApplicationId}/reject", reviewer, new { reason = "照片与本人不符" }), HttpStatusCode.OK);

        var progress = await PageAsync(journey, "");
        Assert.DoesNotContain("前寄出", progress, StringComparison.Ordinal);
        Assert.Contains("<li class=\"stopped\">", progress, StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(Journey journey, string step)
    {
        var response = await Api.Send(HttpMethod.Get, step.Length == 0 ? $"/apply/{journey.ApplicationId}" : $"/apply/{journey.ApplicationId}/{step}", journey.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
