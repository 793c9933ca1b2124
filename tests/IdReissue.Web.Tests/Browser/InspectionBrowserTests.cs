using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The inspection pages at an officer's desk, by keyboard: the audit viewer searched and its chain verified, and the
/// region policies; each page checked with axe-core (0 violations) and screenshotted.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class InspectionBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task An_administrator_searches_the_audit_log_verifies_the_chain_and_reads_the_region_policies_by_keyboard()
    {
        await using var desk = await browser.DeskAsync();
        var page = await desk.NewPageAsync();
        await PortalSteps.OfficerLogInAsync(page, browser.Service, "admin");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "工作台导航" });
        await PressAsync(page, nav.GetByRole(AriaRole.Link, new() { Name = "审计日志", Exact = true }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "审计日志 督察检索" })).ToBeVisibleAsync();
        await Expect(page.Locator("#audit tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "inspection-01-audit-desk");

        await TypeIntoAsync(page, page.GetByLabel("民警用户名"), "admin");
        await TabToAsync(page, page.GetByLabel("操作"));
        await SelectAsync(page, "login");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "检索" }));
        await Expect(page).ToHaveURLAsync(new Regex("officer=admin&.*operation=login"));
        await Expect(page.Locator("#audit tbody tr[data-action=login]").First).ToBeVisibleAsync();
        Assert.Equal(await page.Locator("#audit tbody tr").CountAsync(), await page.Locator("#audit tbody tr[data-action=login]").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "inspection-02-audit-search-desk");

        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "校验审计链与锚点" }));
        await Expect(page.Locator("#verify-result")).ToHaveAttributeAsync("data-intact", "true");
        await Expect(page.Locator("#verify-result")).ToContainTextAsync("审计日志完整");
        await BrowserFixture.ScreenshotAsync(page, "inspection-03-audit-verified-desk");

        await PressAsync(page, nav.GetByRole(AriaRole.Link, new() { Name = "地区政策", Exact = true }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "地区政策 只读" })).ToBeVisibleAsync();
        await Expect(page.Locator("#policy-hunan .policy-sha256")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await BrowserFixture.ScreenshotAsync(page, "inspection-04-policy-desk");
    }
}
