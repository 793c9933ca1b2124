using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>What an applicant does in the portal, step by step, the way a person does it: by labels and buttons.</summary>
internal static partial class PortalSteps
{
    public static string Field(this JsonElement resident, string name) => resident.GetProperty(name).GetString()!;

    public static async Task LogInAsync(IPage page, string phone)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("手机号码").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        var sms = await page.Locator(".sms-text").First.InnerTextAsync();
        await page.GetByLabel("短信验证码").FillAsync(SmsCode().Match(sms).Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    public static async Task GiveRealNameAsync(IPage page, JsonElement resident)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/apply/real-name$"));
        await page.GetByLabel("姓名").FillAsync(resident.Field("name"));
        await page.GetByLabel("公民身份号码").FillAsync(resident.Field("citizenId"));
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
    }

    public static async Task StartAsync(IPage page, JsonElement resident, string regionName, string caseName)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "选择办理业务" })).ToBeVisibleAsync();
        await page.GetByLabel(regionName).CheckAsync();
        await page.GetByLabel(caseName).CheckAsync();
        await page.GetByLabel("户号").FillAsync(resident.Field("householdNumber"));
        await page.GetByRole(AriaRole.Button, new() { Name = "检查办理条件" }).ClickAsync();
    }

    /// <summary>
    /// 实人认证 through the certified provider (人脸核身服务; in the sandbox its simulated page, where the tester picks what it found):
    /// back on the face step the page completes the attempt the provider returned.
    /// </summary>
    public static async Task VerifyFaceAtSandboxProviderAsync(IPage page, string outcome = "模拟核身通过")
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "实人认证（人脸识别）" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "使用人脸核身服务" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = SandboxProviderHeading() })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = outcome }).ClickAsync();
    }

    public static Guid ApplicationIdOf(IPage page) => Guid.Parse(ApplicationInUrl().Match(page.Url).Groups[1].Value);

    /// <summary>
    /// Saves the page at phone size (390 × 844, checked with axe-core there), at 360 px (the narrowest phones,
    /// named for the mode: standard or care) where it must hold without sideways scrolling, and at desk size (1440 × 900).
    /// </summary>
    /// <param name="scripts">false in a browser with JavaScript off, where axe-core cannot run (the same pages are checked with it on).</param>
    public static async Task ShotBothAsync(IPage page, string name, bool scripts = true)
    {
        var original = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        if (scripts)
        {
            await BrowserFixture.ScreenshotAsync(page, name + "-phone");
        }
        else
        {
            await BrowserFixture.SaveAsync(page, name + "-phone");
        }

        await page.SetViewportSizeAsync(360, 740);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at 360px wide");
        var mode = await page.EvaluateAsync<bool>("() => document.body.classList.contains('care')") ? "care" : "standard";
        await BrowserFixture.SaveAsync(page, $"{name}-360-{mode}");
        if (mode == "care")
        {
            await CareModeMeasures.CheckAsync(page, name);
        }

        await page.SetViewportSizeAsync(1440, 900);
        await BrowserFixture.SaveAsync(page, name + "-desk");
        if (original is not null)
        {
            await page.SetViewportSizeAsync(original.Width, original.Height);
        }
    }

    public static async Task OfficerLogInAsync(IPage page, ServiceFixture service, string username)
    {
        await page.GotoAsync("/officer/login");
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码").FillAsync(service.OfficerPassword(username));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日概览" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex SmsCode();

    [GeneratedRegex("^沙箱人脸核身")]
    public static partial Regex SandboxProviderHeading();

    [GeneratedRegex("/apply/([0-9a-f-]{36})")]
    private static partial Regex ApplicationInUrl();
}
