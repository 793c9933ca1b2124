using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class HostileInputTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    private const string HostilePlace = "<img src=x onerror=\"window.__xss=1\">地铁站";
    private const string HostileRecipient = "<script>__xss=1</script>";
    private const string HostileDetail = "<svg onload=\"window.__xss=1\">人民路1号";

    [Fact]
    public async Task Script_typed_into_an_address_or_a_loss_place_stays_text_in_the_portal_and_the_workbench()
    {
        var api = browser.Service.Api;
        var journey = await Journey.Begin(api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Loss");
        await journey.CheckEligibility();
        await journey.VerifyFace();
        await Api.Expect(await api.Post($"/api/applications/{journey.ApplicationId}/loss-report", journey.Token,
            new { place = HostilePlace, lostAt = DateTimeOffset.UtcNow.AddDays(-1), receiptWanted = true }), HttpStatusCode.OK);
        await Api.Expect(await api.Send(HttpMethod.Put, $"/api/applications/{journey.ApplicationId}/address", journey.Token,
            new { recipient = HostileRecipient, phone = journey.Field("phone"), divisionCode = journey.Field("householdDivisionCode"), detail = HostileDetail }), HttpStatusCode.OK);

        await using var phone = await browser.PhoneAsync();
        // The applicant logged in through the API a moment ago; the browser carries the same session.
        await browser.SignInAsync(phone, journey.Token);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/payment");
        await Expect(page.GetByText(HostileDetail)).ToBeVisibleAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/loss-report/receipt");
        await Expect(page.GetByText(HostilePlace)).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        await BrowserFixture.ScreenshotAsync(page, "hostile-01-receipt-phone");

        await using var desk = await browser.DeskAsync();
        var officer = await desk.NewPageAsync();
        await OfficerLogInAsync(officer, browser.Service, "hunan-review");
        var response = await officer.GotoAsync($"/officer/applications/{journey.ApplicationId}");
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        await officer.Locator("#reveal").ClickAsync();
        await Expect(officer.Locator("#revealed")).ToContainTextAsync(HostileRecipient);
        await Expect(officer.Locator("#revealed")).ToContainTextAsync(HostileDetail);
        Assert.True(await officer.EvaluateAsync<bool>("() => window.__xss === undefined"));
        Assert.Equal(0, await officer.Locator("#revealed script, #revealed svg, #revealed img").CountAsync());
        await BrowserFixture.ScreenshotAsync(officer, "hostile-02-officer-revealed-desk");
    }
}
