using System.Text.Json;
using System.Text.RegularExpressions;
using IdReissue.Web.Tests.Gateways;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The payment page inside WeChat with WeChat Pay JSAPI, in Chromium against the WeChat Pay simulator: the browser goes
/// through 网页授权 and back by itself, and the page opens WeChat's payment sheet (WeixinJSBridge, stubbed here as
/// WeChat's browser would provide it) with parameters whose paySign verifies with the merchant key. The sheet's "ok"
/// only hastens the check; the order query at WeChat Pay is what moves the journey on.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class WeChatJsapiBrowserTests(BrowserFixture browser, PaymentGatewaysService service, ITestOutputHelper output)
    : IClassFixture<PaymentGatewaysService>, IDisposable
{
    /// <summary>What WeChat's browser offers the page: WeixinJSBridge.invoke, answered by the test (the payer's side).</summary>
    private const string BridgeStub = """
        window.WeixinJSBridge = {
          invoke: function (name, params, callback) {
            window.wxSheet(name, JSON.stringify(params)).then(function (result) { callback({ err_msg: result }); });
          }
        };
        """;

    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task Inside_WeChat_the_page_opens_WeChats_payment_sheet_with_a_verifying_paySign_and_the_journey_moves_on_once_WeChat_Pay_says_paid()
    {
        var journey = await Journey.Begin(service.Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var baseUrl = service.Api.Http.BaseAddress!.ToString();
        await using var weChat = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            UserAgent = WeChatBrowserClient.WeChatUserAgent,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        await weChat.AddCookiesAsync([new Cookie { Name = "idr_session", Value = journey.Token, Url = baseUrl }]);
        var sheets = new List<(string Name, JsonElement Parameters)>();
        await weChat.ExposeFunctionAsync("wxSheet", (string name, string parameters) =>
        {
            var sheet = JsonSerializer.Deserialize<JsonElement>(parameters);
            sheets.Add((name, sheet));
            // The payer confirms in the sheet: WeChat Pay has the money; no notification is sent, so only the query can tell.
            var number = service.WeChat.JsapiPayers.Keys.Single(n => "prepay_id=" + WeChatPaySimulator.PrepayIdOf(n) == sheet.GetProperty("package").GetString());
            service.WeChat.Pay(number);
            return "get_brand_wcpay_request:ok";
        });
        await weChat.AddInitScriptAsync(BridgeStub);
        var page = await weChat.NewPageAsync();

        // Through WeChat's 网页授权 and back, without the applicant seeing it.
        await page.GotoAsync($"/apply/{journey.ApplicationId}/payment");
        Assert.EndsWith($"/apply/{journey.ApplicationId}/payment", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel("我已阅读并同意：缴费后不能取消，工本费不予退还").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^确认并支付") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "在微信中支付" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        await PortalSteps.ShotBothAsync(page, "wechat-03-jsapi-sheet");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^微信支付") }).ClickAsync();

        // (A redirect without a fragment keeps the one it came with: WeChat's "#wechat_redirect" rides along, harmlessly.)
        await page.WaitForURLAsync(new Regex($"/apply/{journey.ApplicationId}/photo(#wechat_redirect)?$"), new() { Timeout = 30_000 });
        var (called, parameters) = Assert.Single(sheets);
        Assert.Equal("getBrandWCPayRequest", called);
        Assert.Equal(WeChatPaySimulator.AppId, parameters.GetProperty("appId").GetString());
        Assert.Equal("RSA", parameters.GetProperty("signType").GetString());
        Assert.True(service.WeChat.PaySignVerifies(parameters.GetProperty("appId").GetString()!, parameters.GetProperty("timeStamp").GetString()!,
            parameters.GetProperty("nonceStr").GetString()!, parameters.GetProperty("package").GetString()!, parameters.GetProperty("paySign").GetString()!));
        var payment = await service.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Assert.Equal("Paid", payment.GetProperty("state").GetString());
    }
}
