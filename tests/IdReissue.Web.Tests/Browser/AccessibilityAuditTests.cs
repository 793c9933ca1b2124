using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>The checks that guard every page can fail: axe-core finds a planted fault, and care mode is remembered per browser.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class AccessibilityAuditTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task The_audit_fails_a_page_with_an_unnamed_field_and_passes_it_once_the_field_is_gone()
    {
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/");
        await AccessibilityAudit.CheckAsync(page, "audit-home");
        await page.EvaluateAsync("() => { const i = document.createElement('input'); i.id = 'planted'; document.querySelector('main').append(i); }");
        var failure = await Assert.ThrowsAsync<TrueException>(() => AccessibilityAudit.CheckAsync(page, "audit-planted-fault"));
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#planted", failure.Message, StringComparison.Ordinal);
        await page.EvaluateAsync("() => document.getElementById('planted').remove()");
        await AccessibilityAudit.CheckAsync(page, "audit-home-again");
    }

    [Fact]
    public async Task Care_mode_is_switched_from_any_portal_page_back_to_that_page_and_the_studio_has_it_too()
    {
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/studio");
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new Regex("\\bcare\\b"));
        await page.Locator("#care-switch").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/studio$"));
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("\\bcare\\b"));
        await Expect(page.Locator("#care-switch")).ToHaveTextAsync("标准版");
        await PortalSteps.ShotBothAsync(page, "care-studio");
        await page.GotoAsync("/login");
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("\\bcare\\b"));
        await PortalSteps.ShotBothAsync(page, "care-login");

        // Another browser (another person) is not in care mode.
        await using var other = await browser.PhoneAsync();
        var elsewhere = await other.NewPageAsync();
        await elsewhere.GotoAsync("/studio");
        await Expect(elsewhere.Locator("body")).Not.ToHaveClassAsync(new Regex("\\bcare\\b"));
    }

    [Fact]
    public async Task The_pages_no_journey_walks_through_pass_in_standard_and_care_mode()
    {
        // Tianjin asks for the household register page: the one portal step the Hunan journeys skip.
        var journey = await Journey.Begin(browser.Service.Api, "tianjin");
        await journey.ToAddressGiven("Loss");
        var pages = new (string Name, string Path)[]
        {
            ("pages-login", "/login"), ("pages-studio", "/studio"), ("pages-not-found", "/no-such-page"),
            ("pages-open-application", "/apply"), ("pages-household-page", $"/apply/{journey.ApplicationId}/household-page"),
            ("pages-progress", $"/apply/{journey.ApplicationId}"),
        };
        foreach (var care in new[] { false, true })
        {
            await using var phone = await browser.PhoneAsync();
            await browser.SignInAsync(phone, journey.Token);
            if (care)
            {
                await phone.AddCookiesAsync([new Cookie { Name = "idr_care", Value = "1", Url = browser.BaseUrl.ToString() }]);
            }

            var page = await phone.NewPageAsync();
            foreach (var (name, path) in pages)
            {
                await page.GotoAsync(path);
                await PortalSteps.ShotBothAsync(page, name);
            }
        }

        await using var desk = await browser.DeskAsync();
        var officer = await desk.NewPageAsync();
        await officer.GotoAsync("/officer/login");
        await BrowserFixture.ScreenshotAsync(officer, "pages-officer-login-desk");
        await PortalSteps.OfficerLogInAsync(officer, browser.Service, "tianjin-review");
        await officer.GotoAsync("/officer/queue?view=overdue");
        await BrowserFixture.ScreenshotAsync(officer, "pages-officer-overdue-desk");
    }
}
