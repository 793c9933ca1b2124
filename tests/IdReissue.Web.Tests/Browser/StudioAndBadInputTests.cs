using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class StudioAndBadInputTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task A_studio_submits_by_photo_number_and_the_applicants_progress_moves_on()
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay", Guid.NewGuid().ToString()));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;

        await using var desk = await browser.DeskAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/studio");
        await page.GetByLabel("相片编号").FillAsync("1234567890123456");
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__ok.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检测" }).ClickAsync();
        await Expect(page.Locator("#photonumber-error")).ToContainTextAsync("相片编号");

        await page.GetByLabel("相片编号").FillAsync(photoNumber);
        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("broken.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检测" }).ClickAsync();
        await Expect(page.Locator("#photo-error")).ToContainTextAsync("无法");
        await ShotBothAsync(page, "studio-01-unreadable");

        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__small.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检测" }).ClickAsync();
        await Expect(page.Locator("#photo-reasons li[data-code=head_too_small]")).ToBeVisibleAsync();
        await ShotBothAsync(page, "studio-02-rejected");

        await page.SetInputFilesAsync("#photo", ServiceFixture.DevSetPath("df__img13__ok.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检测" }).ClickAsync();
        await Expect(page.GetByText("照片已绑定到申请人的申请")).ToBeVisibleAsync();
        await ShotBothAsync(page, "studio-03-accepted");

        Assert.Equal("UnderReview", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_bad_ID_number_and_a_refused_face_check_get_messages_next_to_their_fields_even_without_JavaScript()
    {
        var resident = await browser.Service.Api.NewResident("jilin");
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            JavaScriptEnabled = false,
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        await LogInAsync(page, resident.Field("phone"));
        await Expect(page).ToHaveURLAsync(new Regex("/apply/real-name$"));

        var badChecksum = resident.Field("citizenId")[..17] + (resident.Field("citizenId")[17] == '1' ? "2" : "1");
        await page.GetByLabel("姓名").FillAsync(resident.Field("name"));
        await page.GetByLabel("公民身份号码").FillAsync(badChecksum);
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await Expect(page.Locator("#citizenid-error")).ToContainTextAsync("校验");
        await Expect(page.GetByLabel("公民身份号码")).ToHaveValueAsync(badChecksum);
        await Expect(page.GetByLabel("公民身份号码")).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page.GetByLabel("公民身份号码")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("姓名")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await ShotBothAsync(page, "bad-input-01-citizen-id", scripts: false);

        await GiveRealNameAsync(page, resident);
        await StartAsync(page, resident, "吉林省", "损坏换领");
        await page.GetByRole(AriaRole.Link, new() { Name = "继续" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/face$"));
        var applicationId = ApplicationIdOf(page);

        // No upload to fall back on: without the script the camera cannot record, and the page says so and
        // offers the certified provider, whose refusal comes back next to the step like any other.
        await Expect(page.Locator("[data-face-no-camera]")).ToContainTextAsync("不能上传照片代替");
        await Expect(page.Locator("main input[type=file]:not([hidden])")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "使用人脸核身服务" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "前往人脸核身服务" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = SandboxProviderHeading() })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "模拟活体检测未通过" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/apply/{applicationId}/face\\?attempt="));
        await page.GetByRole(AriaRole.Button, new() { Name = "确认核身结果" }).ClickAsync();
        await Expect(page.Locator("#capture-error")).ToContainTextAsync("实时操作");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认核身结果" })).ToHaveCountAsync(0);
        await ShotBothAsync(page, "bad-input-02-face-capture", scripts: false);
    }

    [Fact]
    public async Task The_camera_records_the_drawn_challenge_and_a_camera_without_a_face_is_refused_next_to_the_step()
    {
        var journey = await Journey.Begin(browser.Service.Api, "jilin");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        await using var phone = await browser.PhoneAsync();
        await browser.SignInAsync(phone, journey.Token);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/face");

        await page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-face] video').videoWidth > 0");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "开始认证" })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "camera-01-live-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始认证" }).ClickAsync();

        // Chromium's synthetic camera shows a test card, not a face: the real detector says so.
        await Expect(page.Locator("#capture-error")).ToContainTextAsync("人脸", new() { Timeout = 90_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "camera-02-no-face-phone");
    }
}
