using Microsoft.Playwright;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>生成合格照片 on the studio page: original and result side by side, submitted only on confirmation, the officer sees both.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class PhotoFixBrowserTests(BrowserFixture browser)
{
    /// <summary>A fix is a matting (~1 s of CPU on a quiet machine, the model loaded on the first one) and a check, and the
    /// confirmation checks again: on a loaded 2-core machine that is many times Playwright's default 5 s.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions EngineWork = new() { Timeout = 120_000 };

    [Fact]
    public async Task A_studio_generates_a_compliant_photo_confirms_it_and_the_officer_sees_it_with_the_original()
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay", Guid.NewGuid().ToString()));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;

        await using var desk = await browser.DeskAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/studio");
        await page.GetByLabel("相片编号").FillAsync(photoNumber);
        // An ordinary press photo of the applicant (p03, the demo residents' registry person): the photo under the
        // photo number must show the applicant's own face (人证比对).
        await page.SetInputFilesAsync("#photo", ServiceFixture.SharedPath("face-pairs", "img13.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "生成合格照片" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "原始照片" })).ToBeVisibleAsync(EngineWork);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "生成的合格照片" })).ToBeVisibleAsync(EngineWork);
        await ShotBothAsync(page, "studio-04-fix-offered");
        // Nothing is submitted until the studio confirms with the applicant.
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "确认使用并提交" }).ClickAsync();
        await Expect(page.GetByText("照片已绑定到申请人的申请")).ToBeVisibleAsync(EngineWork);
        Assert.Equal("UnderReview", (await journey.Progress()).GetProperty("state").GetString());

        var reviewer = await browser.Service.Api.LoginOfficer("hunan-review");
        var detail = await browser.Service.Api.Get($"/api/officer/applications/{journey.ApplicationId}", reviewer);
        Assert.True(detail.GetProperty("photoSubmissions")[0].GetProperty("fixed").GetBoolean());
        var officer = await desk.NewPageAsync();
        await OfficerLogInAsync(officer, browser.Service, "hunan-review");
        await officer.GotoAsync($"/officer/applications/{journey.ApplicationId}");
        await Expect(officer.Locator("#fixed-from")).ToBeVisibleAsync();
        // The faces show when the officer asks (audited).
        await officer.Locator("#show-faces").ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Img, new() { Name = "原始照片" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_the_portal_a_smile_is_refused_with_its_reason_and_an_ordinary_photo_is_fixed_and_accepted_on_confirmation()
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay", Guid.NewGuid().ToString()));
        await journey.WaitFor("PhotoPending");

        await using var phone = await browser.PhoneAsync();
        var page = await phone.NewPageAsync();
        // The journey's own session (logged in through the API), not a second SMS code: one is sent only a minute
        // after the first, and the SMS log-in page has journeys of its own.
        await browser.SignInAsync(phone, journey.Token);
        await page.GotoAsync($"/apply/{journey.ApplicationId}/photo");
        await page.SetInputFilesAsync("#fix-photo", ServiceFixture.DevSetPath("df__img25.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "生成合格照片", Exact = true }).ClickAsync();
        await Expect(page.Locator("#fix-reasons li[data-code=mouth_open]")).ToBeVisibleAsync(EngineWork);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认使用并提交" })).ToHaveCountAsync(0);

        await page.SetInputFilesAsync("#fix-photo", ServiceFixture.SharedPath("face-pairs", "img13.jpg"));
        await page.GetByRole(AriaRole.Button, new() { Name = "生成合格照片", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "生成的合格照片" })).ToBeVisibleAsync(EngineWork);
        await ShotBothAsync(page, "portal-photo-fix-offered");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认使用并提交" }).ClickAsync();
        await Expect(page.GetByText("照片检测合格")).ToBeVisibleAsync(EngineWork);
        Assert.Equal("UnderReview", (await journey.Progress()).GetProperty("state").GetString());
    }
}
