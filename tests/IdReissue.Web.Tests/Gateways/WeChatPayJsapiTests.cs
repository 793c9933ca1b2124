using System.Net;
using System.Text.RegularExpressions;
using System.Web;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>
/// WeChat Pay inside WeChat (JSAPI) against the simulator, over real HTTP as WeChat's browser would go: the silent
/// 网页授权 for the payer's openid and its state check, the JSAPI order, the payment sheet's paySign, and settlement
/// by the notification as for any other order.
/// </summary>
public sealed partial class WeChatPayJsapiTests(PaymentGatewaysService service) : IClassFixture<PaymentGatewaysService>
{
    private WeChatPaySimulator WeChat => service.WeChat;

    [Fact]
    public async Task Inside_WeChat_the_payment_page_learns_the_openid_silently_and_the_JSAPI_order_is_settled_by_its_notification()
    {
        var (journey, browser) = await AtPaymentInWeChat();

        var authorize = await browser.Expect(await browser.Http.GetAsync($"/apply/{journey.ApplicationId}/payment"), HttpStatusCode.Redirect);
        Assert.StartsWith(WeChat.Settings["WeChatPay:OAuthAuthorizeUrl"] + "?appid=" + WeChatPaySimulator.AppId + "&redirect_uri=", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("#wechat_redirect", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("snsapi_base", query["scope"]);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", query["state"]);
        var callback = await browser.Expect(await browser.Http.GetAsync(authorize), HttpStatusCode.Redirect);
        Assert.StartsWith(query["redirect_uri"]!, callback.AbsoluteUri, StringComparison.Ordinal);
        var back = await browser.Http.GetAsync(callback);
        Assert.Equal($"/apply/{journey.ApplicationId}/payment", (await browser.Expect(back, HttpStatusCode.Redirect)).AbsolutePath);
        // The openid travels sealed: the cookie does not show it.
        Assert.DoesNotContain(WeChat.PayerOpenId, string.Join(";", back.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);

        var sheet = await PayInWeChat(journey, browser);
        var number = (await service.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token)).GetProperty("orderNumber").GetString()!;
        Assert.Equal(WeChat.PayerOpenId, WeChat.JsapiPayers[number]);
        Assert.Equal("prepay_id=" + WeChatPaySimulator.PrepayIdOf(number), sheet["package"]);
        WeChat.Pay(number);
        var (body, headers) = WeChat.Notification(number);
        Assert.Equal(HttpStatusCode.NoContent, (await SandboxMessages.PostAsync(service.Api, "/api/payments/notify/WeChatPay", body, headers)).StatusCode);
        await journey.WaitFor("PhotoPending");
    }

    [Fact]
    public async Task The_payment_sheet_is_signed_with_the_merchant_key_over_appId_timeStamp_nonceStr_and_package()
    {
        var (journey, browser) = await AtPaymentInWeChat();
        await Authorize(journey, browser);

        var sheet = await PayInWeChat(journey, browser);

        Assert.Equal(WeChatPaySimulator.AppId, sheet["app-id"]);
        Assert.Equal("RSA", sheet["sign-type"]);
        Assert.InRange(long.Parse(sheet["time-stamp"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(WeChat.PaySignVerifies(sheet["app-id"], sheet["time-stamp"], sheet["nonce-str"], sheet["package"], sheet["pay-sign"]));
        Assert.False(WeChat.PaySignVerifies(sheet["app-id"], sheet["time-stamp"], sheet["nonce-str"] + "0", sheet["package"], sheet["pay-sign"]));
        // Shown again (a reload): the same order, signed afresh.
        var again = Sheet(await browser.Page($"/apply/{journey.ApplicationId}/payment"));
        Assert.Equal(sheet["package"], again["package"]);
        Assert.NotEqual(sheet["nonce-str"], again["nonce-str"]);
    }

    [Fact]
    public async Task A_callback_whose_state_is_forged_or_was_not_sent_from_this_browser_is_refused_and_its_code_never_exchanged()
    {
        var (journey, browser) = await AtPaymentInWeChat();
        var authorize = await browser.Expect(await browser.Http.GetAsync($"/apply/{journey.ApplicationId}/payment"), HttpStatusCode.Redirect);
        var callback = await browser.Expect(await browser.Http.GetAsync(authorize), HttpStatusCode.Redirect);
        var state = HttpUtility.ParseQueryString(callback.Query)["state"]!;
        var exchanges = WeChat.CodeExchanges;

        // The genuine code and state, opened in another browser of the same applicant (an attacker's link): no state cookie there.
        using var other = new WeChatBrowserClient(service, journey.Token);
        await ExpectRefused(await other.Http.GetAsync(callback));
        // A state that is not the one this browser was sent with.
        var forged = new Uri(callback.AbsoluteUri.Replace("state=" + state, "state=" + (state[0] == 'A' ? 'B' : 'A') + state[1..], StringComparison.Ordinal));
        await ExpectRefused(await browser.Http.GetAsync(forged));

        Assert.Equal(exchanges, WeChat.CodeExchanges);
        Assert.Null(browser.Cookie(journey.ApplicationId, "idr_wxpayer"));
        await Api.ExpectProblem(await service.Api.Send(HttpMethod.Get, $"/api/applications/{journey.ApplicationId}/payments/current", journey.Token),
            HttpStatusCode.NotFound, "payment_not_found");
    }

    [Fact]
    public async Task A_code_already_used_is_told_in_Chinese_and_no_order_is_made()
    {
        var (journey, browser) = await AtPaymentInWeChat();
        var authorize = await browser.Expect(await browser.Http.GetAsync($"/apply/{journey.ApplicationId}/payment"), HttpStatusCode.Redirect);
        var callback = await browser.Expect(await browser.Http.GetAsync(authorize), HttpStatusCode.Redirect);
        var code = HttpUtility.ParseQueryString(callback.Query)["code"]!;
        // Someone exchanged the code first (WeChat codes are one-time): WeChat answers errcode 40163.
        using (var direct = new HttpClient())
        {
            await direct.GetStringAsync(new Uri(new Uri(WeChat.Settings["WeChatPay:OAuthBaseUrl"]),
                $"/sns/oauth2/access_token?appid={WeChatPaySimulator.AppId}&secret={WeChat.AppSecret}&code={code}&grant_type=authorization_code"));
        }

        var page = await browser.Http.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("微信授权已失效，请重新打开缴费页面。", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Cookie(journey.ApplicationId, "idr_wxpayer"));
    }

    [Fact]
    public async Task Outside_WeChat_no_authorization_is_asked_and_a_pending_JSAPI_order_gives_way_to_a_QR_code()
    {
        var (journey, browser) = await AtPaymentInWeChat();
        await Authorize(journey, browser);
        await PayInWeChat(journey, browser);
        var jsapiOrder = (await service.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token)).GetProperty("orderNumber").GetString()!;

        using var phone = new WeChatBrowserClient(service, journey.Token, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1");
        var form = await phone.Page($"/apply/{journey.ApplicationId}/payment");
        Assert.DoesNotContain("data-wechat-pay", form, StringComparison.Ordinal);
        await phone.Expect(await phone.Post($"/apply/{journey.ApplicationId}/payment", form,
            new() { ["Input.Acknowledge"] = "true", ["Input.Channel"] = "WeChatPay" }), HttpStatusCode.Redirect);

        Assert.Contains("<img src=\"data:image/png;base64,", await phone.Page($"/apply/{journey.ApplicationId}/payment"), StringComparison.Ordinal);
        Assert.Equal("CLOSED", WeChat.StateOf(jsapiOrder));
        var current = await service.Api.Get($"/api/applications/{journey.ApplicationId}/payments/current", journey.Token);
        Assert.StartsWith("weixin://wxpay/bizpayurl?pr=", current.GetProperty("qrContent").GetString(), StringComparison.Ordinal);
    }

    private async Task<(Journey Journey, WeChatBrowserClient Browser)> AtPaymentInWeChat()
    {
        var journey = await Journey.Begin(service.Api, "hunan");
        await journey.ToAddressGiven("Damage");
        return (journey, new WeChatBrowserClient(service, journey.Token));
    }

    /// <summary>The page → WeChat's authorize → the callback, redirects followed by hand.</summary>
    private static async Task Authorize(Journey journey, WeChatBrowserClient browser)
    {
        var authorize = await browser.Expect(await browser.Http.GetAsync($"/apply/{journey.ApplicationId}/payment"), HttpStatusCode.Redirect);
        var callback = await browser.Expect(await browser.Http.GetAsync(authorize), HttpStatusCode.Redirect);
        await browser.Expect(await browser.Http.GetAsync(callback), HttpStatusCode.Redirect);
    }

    /// <summary>Ticks the acknowledgement, chooses WeChat Pay, and reads the payment sheet's parameters off the page.</summary>
    private static async Task<Dictionary<string, string>> PayInWeChat(Journey journey, WeChatBrowserClient browser)
    {
        var path = $"/apply/{journey.ApplicationId}/payment";
        var form = await browser.Page(path);
        Assert.Equal(path, (await browser.Expect(await browser.Post(path, form,
            new() { ["Input.Acknowledge"] = "true", ["Input.Channel"] = "WeChatPay" }), HttpStatusCode.Redirect)).AbsolutePath);
        return Sheet(await browser.Page(path));
    }

    private static Dictionary<string, string> Sheet(string html)
    {
        var button = SheetButton().Match(html);
        Assert.True(button.Success, "no WeChat payment sheet button on the page");
        return SheetAttribute().Matches(button.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    private static async Task ExpectRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("微信授权校验未通过", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<button[^>]*data-wechat-pay[^>]*>")]
    private static partial Regex SheetButton();

    [GeneratedRegex("data-([a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex SheetAttribute();
}

/// <summary>A browser (WeChat's, unless told otherwise) signed in as the applicant: its own cookies, redirects not followed.</summary>
internal sealed partial class WeChatBrowserClient : IDisposable
{
    /// <summary>WeChat's browser on Android: "MicroMessenger" is what the portal looks for.</summary>
    public const string WeChatUserAgent =
        "Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 " +
        "Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/1234 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    private readonly CookieContainer _cookies = new();
    private readonly Uri _service;

    public WeChatBrowserClient(ServiceFixture service, string sessionToken, string? userAgent = null)
    {
        _service = service.Api.Http.BaseAddress!;
        _cookies.Add(_service, new Cookie("idr_session", sessionToken, "/"));
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = _service };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent ?? WeChatUserAgent);
    }

    public HttpClient Http { get; }

    public string? Cookie(Guid applicationId, string name) =>
        _cookies.GetCookies(new Uri(_service, $"/apply/{applicationId}/payment")).FirstOrDefault(c => c.Name == name)?.Value;

    public async Task<string> Page(string path)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form of the page as the browser would, with the page's antiforgery token.</summary>
    public Task<HttpResponseMessage> Post(string path, string page, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "no antiforgery field in the page's form");
        fields["__antiforgery"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The redirect's target, made absolute.</summary>
    public async Task<Uri> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{response.StatusCode} instead of {status}: {await response.Content.ReadAsStringAsync()}");
        return new Uri(_service, response.Headers.Location!);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
