using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The portal opened inside WeChat (its browser says "MicroMessenger"): the cashier step pays with WeChat Pay
/// in WeChat's own payment sheet (JSAPI; the sandbox cashier stands in for the sheet) instead of a QR code
/// that cannot be scanned from the same screen, and offers no channel WeChat would block.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class WeChatBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private const string WeChatAndroid =
        "Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 " +
        "Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/1234 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task Inside_WeChat_the_fee_is_paid_in_WeChat_with_no_QR_code_and_no_blocked_channel_and_the_journey_moves_on()
    {
        var journey = await Journey.Begin(browser.Service.Api, "hunan");
        await journey.ToAddressGiven("Loss");
        await using var weChat = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl.ToString(),
            UserAgent = WeChatAndroid,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        await browser.SignInAsync(weChat, journey.Token);
        var page = await weChat.NewPageAsync();
        await page.GotoAsync($"/apply/{journey.ApplicationId}/payment");

        await Expect(page.Locator("input[name='Input.Channel']")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("微信支付")).ToBeCheckedAsync();
        await page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还").CheckAsync();
        await ShotBothAsync(page, "wechat-01-payment");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "在微信中支付" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        await ShotBothAsync(page, "wechat-02-jsapi");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^微信支付") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/apply/{journey.ApplicationId}/photo$"), new() { Timeout = 30_000 });
        var payment = await journey.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Assert.Equal("WeChatPay", payment.GetProperty("channel").GetString());
        Assert.Equal("Paid", payment.GetProperty("state").GetString());
    }
}
