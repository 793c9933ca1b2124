using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class PortalJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task A_Hunan_loss_applicant_goes_from_log_in_to_delivered_with_officers_working_in_the_workbench()
    {
        var resident = await browser.Service.Api.NewResident("hunan");
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/");
        await ShotBothAsync(page, "hunan-01-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "开始办理" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await LogInAsync(page, resident.Field("phone"));
        var session = Assert.Single(await phone.CookiesAsync(), c => c.Name == "idr_session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        await ShotBothAsync(page, "hunan-02-real-name");
        await GiveRealNameAsync(page, resident);
        await ShotBothAsync(page, "hunan-03-start");
        await StartAsync(page, resident, "湖南省", "丢失补领");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您符合网上办理条件" })).ToBeVisibleAsync();
        var applicationId = ApplicationIdOf(page);
        await ShotBothAsync(page, "hunan-04-eligible");
        await page.GetByRole(AriaRole.Link, new() { Name = "继续" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实人认证（人脸识别）" })).ToBeVisibleAsync();
        await ShotBothAsync(page, "hunan-05-face");
        // No photo upload: the sandbox's simulated 人脸核身 provider stands in for the live check (the camera's own
        // path is LivenessCameraTests').
        await VerifyFaceAtSandboxProviderAsync(page);

        // Only the proven holder reports the card lost: the loss report follows face verification.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "挂失原身份证" })).ToBeVisibleAsync();
        await page.GetByLabel("遗失地点").FillAsync("长沙市岳麓区地铁2号线溁湾镇站");
        await page.GetByLabel("遗失年份").SelectOptionAsync(new SelectOptionValue { Label = "2026年" });
        await page.GetByLabel("遗失月份").SelectOptionAsync(new SelectOptionValue { Label = "11月" });
        await page.GetByLabel("遗失日期（日）").SelectOptionAsync(new SelectOptionValue { Label = "20日" });
        await page.GetByLabel("遗失时刻（大约几点）").SelectOptionAsync(new SelectOptionValue { Label = "约9点" });
        await ShotBothAsync(page, "hunan-06-loss-report");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认挂失" }).ClickAsync();
        await Expect(page.Locator("#receipt-number")).ToHaveTextAsync(new Regex("^GS\\d{16}$"));
        await ShotBothAsync(page, "hunan-06-loss-reported");
        var receipt = await phone.NewPageAsync();
        await receipt.GotoAsync($"/apply/{applicationId}/loss-report/receipt");
        await Expect(receipt.GetByRole(AriaRole.Heading, new() { Name = "居民身份证挂失申报回执" })).ToBeVisibleAsync();
        await Expect(receipt.GetByText("长沙市岳麓区地铁2号线溁湾镇站")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(receipt, "hunan-07-receipt-phone");
        await receipt.CloseAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "继续：填写邮寄地址" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新证寄到哪里" })).ToBeVisibleAsync();
        await page.GetByLabel("所在区（县）").SelectOptionAsync(resident.Field("householdDivisionCode"));
        await page.GetByLabel("详细地址").FillAsync("桐梓坡路188号3栋502室");
        await page.GetByLabel("收件人", new() { Exact = true }).FillAsync(resident.Field("name"));
        await page.GetByLabel("收件人手机号码").FillAsync(resident.Field("phone"));
        await ShotBothAsync(page, "hunan-08-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存地址" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "缴纳工本费" })).ToBeVisibleAsync();
        await Expect(page.GetByText("40.00元").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认并支付" }).ClickAsync();
        await Expect(page.Locator("#acknowledge-error")).ToContainTextAsync("不能取消");
        await page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还").CheckAsync();
        await page.GetByLabel("微信支付").CheckAsync();
        await ShotBothAsync(page, "hunan-09-payment");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认并支付" }).ClickAsync();
        // On the phone WeChat Pay opens first; the QR code is only for paying from another phone.
        await Expect(page.Locator("#cashier-link")).ToHaveTextAsync(new Regex("^打开微信支付支付"));
        await ShotBothAsync(page, "hunan-10-cashier");
        await page.Locator("#cashier-link").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        // Back from the cashier; the page learns of the payment (notification or query) and moves on.
        await page.WaitForURLAsync(new Regex($"/apply/{applicationId}/photo$"), new() { Timeout = 30_000 });

        var photoNumber = (await page.Locator("#photo-number").InnerTextAsync()).Trim();
        Assert.Matches("^43\\d{16}$", photoNumber);
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__offcentre.jpg"));
        await Expect(page.Locator("#photo-reasons li[data-code=off_center]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".photo-frame ellipse")).ToBeVisibleAsync();
        await ShotBothAsync(page, "hunan-11-photo-rejected");
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__ok.jpg"));
        await Expect(page.GetByText("检测合格。")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ShotBothAsync(page, "hunan-12-photo-passed");
        await page.Locator("#confirm-photo").ClickAsync();
        await Expect(page.Locator("#photo-confirmed")).ToContainTextAsync("已提交公安机关审核");
        await ShotBothAsync(page, "hunan-12-photo-confirmed");

        await using var desk = await browser.DeskAsync();
        var officer = await desk.NewPageAsync();
        await OfficerLogInAsync(officer, browser.Service, "hunan-review");
        await BrowserFixture.ScreenshotAsync(officer, "hunan-13-officer-dashboard-desk");
        await officer.GetByRole(AriaRole.Link, new() { Name = "待审核" }).First.ClickAsync();
        var applicationNumber = (await ApplicationLink(officer, applicationId).InnerTextAsync()).Trim();
        await BrowserFixture.ScreenshotAsync(officer, "hunan-13-officer-queue-desk");
        await ApplicationLink(officer, applicationId).ClickAsync();
        await Expect(officer.Locator("#masked")).ToContainTextAsync("********");
        await Expect(officer.Locator("#masked")).Not.ToContainTextAsync(resident.Field("citizenId"));
        await BrowserFixture.ScreenshotAsync(officer, "hunan-14-officer-detail-desk");
        await officer.Locator("#reveal").ClickAsync();
        await Expect(officer.Locator("#revealed")).ToContainTextAsync(resident.Field("citizenId"));
        // Approving asks first whether the evidence above was looked at.
        await officer.Locator("#approve").ClickAsync();
        await Expect(officer.Locator("#evidencechecked-error")).ToContainTextAsync("请先核对");
        await officer.GetByLabel("我已核对申请人信息、证件照片、实人认证和人证比对结果").CheckAsync();
        await officer.Locator("#approve").ClickAsync();
        await Expect(officer.GetByText("已审核通过")).ToBeVisibleAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "待退款" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^待退款") })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(officer, "hunan-15-officer-refunds-desk");
        await officer.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await OfficerLogInAsync(officer, browser.Service, "hunan-production");
        await officer.GetByRole(AriaRole.Link, new() { Name = "制证批次" }).ClickAsync();
        await officer.Locator("#create-batch").ClickAsync();
        await Expect(officer.Locator("#created-batch")).ToHaveTextAsync(new Regex("^ZZ43"));
        await BrowserFixture.ScreenshotAsync(officer, "hunan-15-production-desk");
        var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByRole(AriaRole.Link, new() { Name = "下载CSV" }).First.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains(applicationNumber, csv, StringComparison.Ordinal);
        await officer.GotoAsync("/officer/queue?view=production");
        await ApplicationLink(officer, applicationId).ClickAsync();
        await officer.Locator("#dispatch").ClickAsync();
        await Expect(officer.Locator("#tracking-number")).ToHaveTextAsync(new Regex("\\S+"));

        // EMS picks the card up and delivers it (the sandbox courier pushes its events); the applicant sees it.
        await page.GotoAsync($"/apply/{applicationId}");
        for (var attempt = 0; attempt < 60 && (await page.Locator("#state").InnerTextAsync()).Trim() != "证件已签收"; attempt++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(page.Locator("#state")).ToHaveTextAsync("证件已签收");
        await Expect(page.Locator("#tracking-number")).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("证件已寄出");
        await ShotBothAsync(page, "hunan-16-delivered");
    }

    [Fact]
    public async Task A_Tianjin_applicant_whose_card_is_older_than_two_years_sees_why_and_where_to_go()
    {
        var resident = await browser.Service.Api.NewResident("tianjin", "card-too-old");
        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();
        await LogInAsync(page, resident.Field("phone"));
        await GiveRealNameAsync(page, resident);
        await StartAsync(page, resident, "天津市", "丢失补领");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "暂不能在网上办理" })).ToBeVisibleAsync();
        await Expect(page.Locator("#unmet-conditions li[data-code=card_too_old]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "最近的办理方式" })).ToBeVisibleAsync();
        await Expect(page.GetByText("户政服务窗口").First).ToBeVisibleAsync();
        await ShotBothAsync(page, "tianjin-ineligible");
    }

    private static ILocator ApplicationLink(IPage page, Guid applicationId) => page.Locator($"a[href='/officer/applications/{applicationId}']");
}
