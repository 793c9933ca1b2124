using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The officer workbench by keyboard alone, as the portal is walked: log in, open the queue, open an application and
/// approve it, each control reached with Tab (forward only, every stop visible) and worked by one press.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class WorkbenchKeyboardTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task A_reviewer_logs_in_opens_the_queue_opens_an_application_and_approves_it_by_keyboard_alone()
    {
        var journey = await Journey.UnderReview(browser.Service.Api, "jilin");
        await using var desk = await browser.DeskAsync();
        var page = await desk.NewPageAsync();

        await page.GotoAsync("/officer/login");
        await TypeIntoAsync(page, page.GetByLabel("用户名"), "jilin-review");
        await TypeIntoAsync(page, page.GetByLabel("密码"), browser.Service.OfficerPassword("jilin-review"));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日概览" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-keyboard-01-dashboard-desk");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "工作台导航" });
        await PressAsync(page, nav.GetByRole(AriaRole.Link, new() { Name = "待审核", Exact = true }));
        await Expect(page).ToHaveURLAsync(new Regex("/officer/queue$"));
        var application = page.Locator($"#queue a[href='/officer/applications/{journey.ApplicationId}']");
        await Expect(application).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "workbench-keyboard-02-queue-desk");

        await PressAsync(page, application);
        await Expect(page).ToHaveURLAsync(new Regex($"/officer/applications/{journey.ApplicationId}$"));
        await Expect(page.Locator("#state")).ToHaveTextAsync("公安机关审核中");
        await BrowserFixture.ScreenshotAsync(page, "workbench-keyboard-03-detail-desk");

        // The decision controls come after the evidence, reached in the page's own order: one Space confirms the evidence
        // was looked at, one Enter approves.
        var evidenceChecked = page.GetByLabel("我已核对申请人信息、证件照片、实人认证和人证比对结果");
        await TabToAsync(page, evidenceChecked);
        await page.Keyboard.PressAsync("Space");
        await Expect(evidenceChecked).ToBeCheckedAsync();
        await TabToAsync(page, page.Locator("#approve"));
        await Expect(page.Locator("#approve")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("done=approved"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过");
        await Expect(page.Locator("#state")).ToHaveTextAsync("审核通过");
        await BrowserFixture.ScreenshotAsync(page, "workbench-keyboard-04-approved-desk");
    }
}
