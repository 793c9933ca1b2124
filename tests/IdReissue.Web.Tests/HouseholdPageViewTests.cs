using IdReissue.Infrastructure.Sandbox;
using System.Net;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>The officer opens the uploaded 户口页 on the application's page: only with the reveal right, and every viewing is audited.</summary>
[Collection(SharedService.Name)]
public class HouseholdPageViewTests(ServiceFixture service)
{
    private Api Api => service.Api;

    [Fact]
    public async Task An_officer_with_the_reveal_right_opens_the_household_page_and_the_audit_records_it_one_without_is_refused()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.ToAddressGiven("Loss");
        var page = SandboxHouseholdPage.Draw();
        await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/documents/household-register-page", journey.Token,
            Api.Upload("file", page, "hukou.jpg")), HttpStatusCode.Created);
        var number = (await journey.Progress()).GetProperty("applicationNumber").GetString()!;

        var reviewer = await Api.LoginOfficer("tianjin-review");
        var detail = await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", reviewer);
        var html = await detail.Content.ReadAsStringAsync();
        Assert.Contains("查看户口页", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image/jpeg;base64,", html, StringComparison.Ordinal);
        Assert.Equal(0, await ViewsAsync(number));

        var opened = await PostHandlerAsync(reviewer, journey.ApplicationId, "HouseholdPage", html);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var shown = WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
        Assert.Contains("data:image/jpeg;base64," + Convert.ToBase64String(page), shown, StringComparison.Ordinal);
        Assert.Contains("本次查看已记入审计日志", shown, StringComparison.Ordinal);
        Assert.Equal(1, await ViewsAsync(number));

        // The production officer of the region works on the application but holds no reveal right.
        var producer = await Api.LoginOfficer("tianjin-production");
        var withoutRight = await (await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", producer)).Content.ReadAsStringAsync();
        Assert.Contains("已上传（查看需“查看个人信息”权限）", withoutRight, StringComparison.Ordinal);
        var refused = await PostHandlerAsync(producer, journey.ApplicationId, "HouseholdPage", withoutRight);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(1, await ViewsAsync(number));
    }

    [Fact]
    public async Task A_portrait_offered_as_the_household_page_is_refused_and_nothing_is_kept_a_page_is_taken()
    {
        var journey = await Journey.Begin(Api, "tianjin");
        await journey.ToAddressGiven("Loss");
        var path = $"/api/applications/{journey.ApplicationId}/documents/household-register-page";

        var refused = await Api.ExpectProblem(await Api.Post(path, journey.Token, Api.Upload("file", Journey.GoodPhoto, "hukou.jpg")),
            HttpStatusCode.UnprocessableEntity, "household_page_is_a_portrait");
        Assert.Equal("file", refused.GetProperty("field").GetString());
        Assert.False((await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token)).GetProperty("householdPageUploaded").GetBoolean());

        await Api.Expect(await Api.Post(path, journey.Token, Api.Upload("file", SandboxHouseholdPage.Draw(), "hukou.jpg")), HttpStatusCode.Created);
        Assert.True((await Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token)).GetProperty("householdPageUploaded").GetBoolean());
    }

    private Task<HttpResponseMessage> PostHandlerAsync(string token, Guid applicationId, string handler, string pageHtml) =>
        PageForms.PostWithBearerAsync(Api.Http, token, $"/officer/applications/{applicationId}?handler={handler}", pageHtml);

    private async Task<int> ViewsAsync(string applicationNumber)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        return await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "application.household-page.view" && a.Target == applicationNumber);
    }
}
