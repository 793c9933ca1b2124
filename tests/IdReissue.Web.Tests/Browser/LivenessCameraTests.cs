using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// 实人认证 in Chromium: the page draws the challenge only when asked (a POST), prompts it one action at a time
/// while it records the camera, and sends the frames. A still photo in front of the (fake) camera is refused for
/// the drawn challenge; a real recording of the registered person performing it (the sandbox's sample clip,
/// for the "camera-clip" resident) passes through the same form.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class LivenessCameraTests(BrowserFixture browser)
{
    private static readonly string[] ActionCodes = ["turn_left", "turn_right", "nod", "blink", "open_mouth"];

    [Fact]
    public async Task A_still_photo_in_front_of_the_camera_is_refused_for_the_drawn_challenge()
    {
        var video = FakeCameraFile.Write([ServiceFixture.DevSetPhoto("df__img13__ok.jpg")], 1, "still");
        var journey = await FaceStepAsync("eligible");
        await using var camera = await CameraSessionAsync(journey, video);
        var page = camera.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-face] video').videoWidth > 0");
        // Opening the camera draws nothing: the attempt begins with 开始认证.
        await Expect(page.Locator("[data-face-actions] li")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "liveness-01-camera-open-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始认证" }).ClickAsync();

        // The drawn actions are listed and prompted one at a time, in large text.
        var actions = page.Locator("[data-face-actions] li");
        await Expect(actions.First).ToBeVisibleAsync();
        var codes = await actions.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.code)");
        Assert.InRange(codes.Length, 2, 5);
        Assert.All(codes, code => Assert.Contains(code, ActionCodes));
        await page.WaitForFunctionAsync(
            """
            total => {
              const current = document.querySelector('[data-face-actions] li[aria-current=step]');
              return current !== null && current.textContent === document.querySelector('[data-face-prompt]').textContent
                && new RegExp('^第 \\d 个动作，共 ' + total + ' 个$').test(document.querySelector('[data-face-count]').textContent);
            }
            """, codes.Length, new() { Timeout = 15_000 });
        await BrowserFixture.SaveAsync(page, "liveness-02-prompt-phone");

        // A photo does not move: whatever was drawn, liveness is not proven and the page says what to do.
        await Expect(page.Locator("#capture-error")).ToContainTextAsync(new Regex("动作|照片|实时|转头"), new() { Timeout = 90_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实人认证（人脸识别）" })).ToBeVisibleAsync();
        Assert.Equal("EligibilityChecked", (await journey.Progress()).GetProperty("state").GetString());
        await BrowserFixture.ScreenshotAsync(page, "liveness-03-still-refused-phone");
    }

    [Fact]
    public async Task The_registered_persons_real_recording_of_the_drawn_challenge_passes_with_the_sandbox_clip()
    {
        var journey = await FaceStepAsync("camera-clip");
        await using var phone = await browser.PhoneAsync();
        await browser.SignInAsync(phone, journey.Token);
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/face");

        var clip = page.GetByRole(AriaRole.Button, new() { Name = "沙箱：使用示例视频" });
        await Expect(clip).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "仅限沙箱测试" })).ToBeVisibleAsync();
        await clip.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新证寄到哪里" })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        Assert.Equal("FaceVerified", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Without_the_camera_the_page_says_it_is_needed_and_points_to_the_provider_and_the_window()
    {
        var journey = await FaceStepAsync("eligible");
        await using var phone = await browser.PhoneAsync();
        await browser.SignInAsync(phone, journey.Token);
        // The person refuses the browser's camera prompt.
        await phone.AddInitScriptAsync(
            "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/face");

        await Expect(page.Locator("main input[type=file]:not([hidden])")).ToHaveCountAsync(0);
        await Expect(page.GetByText("或选择一张本人正脸照片")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "打开摄像头" }).ClickAsync();

        var explained = page.Locator("[data-face-no-camera]");
        await Expect(explained).ToContainTextAsync("无法打开摄像头");
        await Expect(explained).ToContainTextAsync("不能上传照片代替");
        await Expect(explained).ToContainTextAsync("使用人脸核身服务");
        await Expect(explained).ToContainTextAsync("户政窗口");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "开始认证" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "使用人脸核身服务" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "liveness-04-camera-denied-phone");
    }

    private async Task<Journey> FaceStepAsync(string profile)
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan", profile);
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        return journey;
    }

    /// <summary>A Chromium of its own whose camera plays the file, on the face step of the journey's application.</summary>
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

    private async Task<CameraSession> CameraSessionAsync(Journey journey, string videoFile)
    {
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
        await browser.SignInAsync(context, journey.Token);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/face");
        return new CameraSession(playwright, chromium, page, videoFile);
    }
}
