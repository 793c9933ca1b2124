using System.Text.RegularExpressions;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The payment and photo steps as a phone shows them: the gateway's app before any QR code, a failed payment said in
/// Chinese with the form kept, the sandbox cashier in Chinese; the photo chosen, its verdict seen, and only then confirmed.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class PaymentAndPhotoStepTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task On_a_phone_the_cashier_comes_first_a_failed_payment_is_said_and_the_photo_counts_only_when_confirmed()
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await using var phone = await browser.PhoneAsync();
        await browser.SignInAsync(phone, journey.Token);
        var page = await phone.NewPageAsync();

        await page.GotoAsync($"/apply/{journey.ApplicationId}/payment");
        await page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还").CheckAsync();
        await page.GetByLabel("支付宝").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }).ClickAsync();

        // The app first; the QR code is folded away for paying from another phone, and comes after the button.
        var cashier = page.Locator("#cashier-link");
        await Expect(cashier).ToBeVisibleAsync();
        await Expect(cashier).ToHaveTextAsync(new Regex("^打开支付宝支付"));
        var qr = page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("支付宝支付二维码") });
        await Expect(qr).ToBeHiddenAsync();
        Assert.True(await cashier.EvaluateAsync<bool>(
            "(link) => !!(link.compareDocumentPosition(document.querySelector('.qr-other-device')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await ShotBothAsync(page, "pay-01-phone-cashier-first");

        // "我已完成支付" before paying: the page says the payment is not confirmed yet.
        await page.GetByRole(AriaRole.Button, new() { Name = "我已完成支付" }).ClickAsync();
        await Expect(page.Locator("#not-yet-paid")).ToContainTextAsync("暂未收到支付宝的支付结果");

        // The sandbox cashier speaks Chinese; the payer fails there and comes back.
        await cashier.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "沙箱收银台（支付宝）" })).ToBeVisibleAsync();
        await Expect(page.GetByText("状态：待支付")).ToBeVisibleAsync();
        await ShotBothAsync(page, "pay-02-sandbox-cashier");
        await page.GetByRole(AriaRole.Button, new() { Name = "模拟支付失败" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/apply/{journey.ApplicationId}/payment$"));
        await Expect(page.Locator("#last-attempt")).ToContainTextAsync("上次支付宝支付未成功，没有扣款", new() { Timeout = 60_000 });
        await Expect(page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("支付宝")).ToBeCheckedAsync();
        await ShotBothAsync(page, "pay-03-failed-said");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }).ClickAsync();
        await page.Locator("#cashier-link").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/apply/{journey.ApplicationId}/photo$"), new() { Timeout = 60_000 });

        // Choose → verdict with the guides → confirm: a failing photo offers nothing to confirm.
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__offcentre.jpg"));
        await Expect(page.Locator("#photo-reasons li[data-code=off_center]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#confirm-photo")).ToHaveCountAsync(0);
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__ok.jpg"));
        await Expect(page.GetByText("检测合格。")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".photo-frame ellipse")).ToBeVisibleAsync();
        await Expect(page.Locator("#confirm-photo")).ToBeVisibleAsync();
        await ShotBothAsync(page, "photo-01-verdict-before-confirm");
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());

        await page.Locator("#confirm-photo").ClickAsync();
        await Expect(page.Locator("#photo-confirmed")).ToContainTextAsync("照片检测合格，已提交公安机关审核");
        await ShotBothAsync(page, "photo-02-confirmed");
        Assert.Equal("UnderReview", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task At_a_desk_the_qr_code_comes_first()
    {
        var journey = await Journey.Begin(browser.Service.Api, "jilin");
        await journey.ToAddressGiven("Damage");
        await using var desk = await browser.DeskAsync();
        await browser.SignInAsync(desk, journey.Token);
        var page = await desk.NewPageAsync();

        await page.GotoAsync($"/apply/{journey.ApplicationId}/payment");
        await page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还").CheckAsync();
        await page.GetByLabel("微信支付").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "请使用微信支付扫码支付" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("微信支付支付二维码") })).ToBeVisibleAsync();
        await Expect(page.Locator(".qr-other-device")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "pay-04-desk-qr-first");
    }

    [Fact]
    public async Task A_Tianjin_applicant_finds_the_region_chosen_uploads_the_sandbox_household_page_and_sees_it_on_the_timeline()
    {
        var journey = await Journey.Begin(browser.Service.Api, "tianjin");
        await journey.VerifyRealName();
        await using var phone = await browser.PhoneAsync();
        await browser.SignInAsync(phone, journey.Token);
        var page = await phone.NewPageAsync();

        // The ID number's province code (12) chooses 天津市, which the applicant may still change.
        await page.GotoAsync("/apply");
        await Expect(page.GetByLabel("天津市")).ToBeCheckedAsync();
        await Expect(page.Locator("#region-hint")).ToContainTextAsync("已按您身份证号码的地区代码选择“天津市”");
        await ShotBothAsync(page, "tianjin-01-region-chosen");

        await journey.Start("Loss");
        Assert.True((await journey.CheckEligibility()).GetProperty("eligible").GetBoolean());
        await journey.VerifyFace();
        await journey.ReportLoss();
        await journey.GiveAddress();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/household-page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "上传本人户口页" })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#sandbox-household-page").ClickAsync());
        await page.SetInputFilesAsync("#file", await download.PathAsync());
        await ShotBothAsync(page, "tianjin-02-household-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "缴纳工本费" })).ToBeVisibleAsync();

        await page.GotoAsync($"/apply/{journey.ApplicationId}");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("已上传户口页");
        await Expect(page.Locator("#timeline time").Last).ToHaveTextAsync(new Regex("^\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}$"));
        await ShotBothAsync(page, "tianjin-03-timeline");

        // The region's reviewer opens the page on the application's detail page (zoomable); the viewing is audited.
        await using var desk = await browser.DeskAsync();
        var officer = await desk.NewPageAsync();
        await OfficerLogInAsync(officer, browser.Service, "tianjin-review");
        await officer.GotoAsync($"/officer/applications/{journey.ApplicationId}");
        await officer.GetByRole(AriaRole.Button, new() { Name = "查看户口页" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Img, new() { Name = "申请人上传的户口页" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(officer, "tianjin-04-officer-household-page-desk");
        await officer.Locator("#household-page a.zoom-in").ClickAsync();
        await Expect(officer.Locator("#household-page img")).ToHaveCSSAsync("max-width", "none");
        await BrowserFixture.SaveAsync(officer, "tianjin-05-officer-household-page-zoomed-desk");
        var number = (await journey.Progress()).GetProperty("applicationNumber").GetString()!;
        await using var scope = browser.Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        Assert.Equal(1, await db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == "application.household-page.view" && a.Target == number));
    }
}
