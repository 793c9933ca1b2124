using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// 活体检测 in Chromium with a fake camera fed from a file: a still photo (what holding a photo to the camera
/// shows) is refused; a clip made of the registered person's real photos in turned poses (CameraClip) passes.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class LivenessCameraTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_still_photo_in_front_of_the_camera_is_refused()
    {
        var video = FakeCameraFile.Write([ServiceFixture.DevSetPhoto("df__img13__ok.jpg")], 1, "still");
        await using var camera = await FaceStepWithCameraAsync(video);
        var page = camera.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "拍照并认证" }).ClickAsync();

        await Expect(page.Locator("#capture-error")).ToContainTextAsync("转头或眨眼", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "liveness-01-still-refused-phone");
    }

    [Fact]
    public async Task A_clip_of_the_registered_persons_real_photos_in_turned_poses_passes()
    {
        var video = FakeCameraFile.Write(CameraClip.Of(CameraClip.RegisteredPersonTurning), 2, "turn");
        await using var camera = await FaceStepWithCameraAsync(video);
        var page = camera.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "拍照并认证" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新证寄到哪里" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>A Chromium of its own whose camera plays the file, on the face step of a fresh application.</summary>
    private sealed class CameraSession(IPlaywright playwright, IBrowser chromium, IPage page, string videoFile) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public async ValueTask DisposeAsync()
        {
            await chromium.DisposeAsync();
            playwright.Dispose();
            File.Delete(videoFile);
        }
    }

    private async Task<CameraSession> FaceStepWithCameraAsync(string videoFile)
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--lang=zh-CN",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-video-capture={videoFile}"],
        });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            Permissions = ["camera"],
            BaseURL = browser.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "zh-CN",
        });
        await context.AddCookiesAsync([new Cookie { Name = "idr_session", Value = journey.Token, Url = browser.BaseUrl.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/face");
        await page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头拍摄" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('video').videoWidth > 0");
        return new CameraSession(playwright, chromium, page, videoFile);
    }
}
