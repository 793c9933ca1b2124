using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IdReissue.Application.Payments;
using IdReissue.Infrastructure.WeChatPay;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Payments;

/// <summary>
/// The payer's openid for a JSAPI order inside WeChat, learnt by a silent 网页授权 (snsapi_base). The state sent to
/// WeChat is a random nonce whose sealed twin waits in a cookie bound to this application and this signed-in
/// applicant, so a callback forged elsewhere (someone else's code pushed into this browser) is refused. The openid is
/// personal data: it lives only in a sealed, HttpOnly cookie for the payment page, for as long as an order can be
/// paid, and goes nowhere but into the order sent to WeChat Pay; it is never stored or logged.
/// </summary>
public sealed class WeChatPayerAuthorization(
    IServiceProvider services, IDataProtectionProvider protection, PaymentTimings payments, IOptions<SessionCookieOptions> cookies)
{
    private const string StateCookie = "idr_wxstate";
    private const string PayerCookie = "idr_wxpayer";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _state = protection.CreateProtector("IdReissue.Payments.WeChatOAuthState").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _payer = protection.CreateProtector("IdReissue.Payments.WeChatPayer").ToTimeLimitedDataProtector();

    /// <summary>The 网页授权 client when JSAPI is configured (WeChatPay:Jsapi), otherwise null (sandbox, or Native/H5 only).</summary>
    public WeChatOAuth? OAuth { get; } = services.GetService<WeChatOAuth>();

    /// <summary>Whether this request pays a WeChat Pay order in WeChat's payment sheet: inside WeChat, with JSAPI configured.</summary>
    public bool PaysWithJsapi(HttpRequest request) => OAuth is not null && Presentation.WeChatBrowser.IsWeChat(request);

    /// <summary>Where to send the browser to ask WeChat for the payer's openid; sets the state's cookie.</summary>
    public Uri Begin(HttpContext http, Guid applicationId)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var payload = Encoding.UTF8.GetBytes(Binding(http.User, applicationId)).Concat(nonce).ToArray();
        Append(http, applicationId, StateCookie, _state.Protect(payload, StateLifetime), StateLifetime);
        var callback = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/apply/{applicationId}/payment?handler=WeChatAuthorized");
        return Required().AuthorizeUrl(callback, WebEncoders.Base64UrlEncode(nonce));
    }

    /// <summary>WeChat's redirect back: the state must be the one this browser was sent with, for this applicant and
    /// application; then the code is exchanged and the openid sealed into the page's cookie.</summary>
    public async Task CompleteAsync(HttpContext http, Guid applicationId, string? code, string? state, CancellationToken cancellationToken)
    {
        var sealedState = http.Request.Cookies[StateCookie];
        http.Response.Cookies.Delete(StateCookie, Options(http, applicationId, TimeSpan.Zero));
        if (!StateMatches(http.User, applicationId, sealedState, state))
        {
            throw new Domain.Common.DomainException("wechat_authorization_state_mismatch",
                "微信授权校验未通过（链接不是从本页面发起的，或已超过10分钟），请重新打开缴费页面。", Domain.Common.DomainErrorKind.Forbidden);
        }

        if (string.IsNullOrEmpty(code))
        {
            throw new Domain.Common.DomainException("wechat_authorization_expired", "微信授权已失效，请重新打开缴费页面。", Domain.Common.DomainErrorKind.Conflict);
        }

        var openId = await Required().OpenIdAsync(code, cancellationToken);
        var lifetime = payments.OrderLifetime;
        var payload = Encoding.UTF8.GetBytes(Binding(http.User, applicationId) + openId);
        Append(http, applicationId, PayerCookie, _payer.Protect(payload, lifetime), lifetime);
    }

    /// <summary>The openid this browser's applicant authorised for this application, or null (none, expired, or another's).</summary>
    public string? OpenId(HttpContext http, Guid applicationId)
    {
        if (http.Request.Cookies[PayerCookie] is not { Length: > 0 } sealedPayer)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(_payer.Unprotect(WebEncoders.Base64UrlDecode(sealedPayer)));
            var binding = Binding(http.User, applicationId);
            return text.StartsWith(binding, StringComparison.Ordinal) && text.Length > binding.Length ? text[binding.Length..] : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private bool StateMatches(ClaimsPrincipal user, Guid applicationId, string? sealedState, string? state)
    {
        if (string.IsNullOrEmpty(sealedState) || string.IsNullOrEmpty(state))
        {
            return false;
        }

        try
        {
            var payload = _state.Unprotect(WebEncoders.Base64UrlDecode(sealedState));
            var binding = Encoding.UTF8.GetBytes(Binding(user, applicationId));
            return payload.Length == binding.Length + 16 && payload.AsSpan(0, binding.Length).SequenceEqual(binding)
                && CryptographicOperations.FixedTimeEquals(payload.AsSpan(binding.Length), WebEncoders.Base64UrlDecode(state));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The signed parameters of WeChat's payment sheet for a JSAPI order (its package is "prepay_id=…").</summary>
    public WeChatPaySheet Sheet(string package, DateTimeOffset now) =>
        WeChatPaySheet.For(package, services.GetRequiredService<WeChatPayCredentials>(), services.GetRequiredService<IOptions<WeChatPayOptions>>(), now);

    /// <summary>What a cookie is bound to: the application and the signed-in applicant.</summary>
    private static string Binding(ClaimsPrincipal user, Guid applicationId) =>
        $"{applicationId:N}|{user.FindFirstValue(ClaimTypes.NameIdentifier)}|";

    private WeChatOAuth Required() => OAuth ?? throw new InvalidOperationException("WeChatPay:Jsapi is not configured.");

    private void Append(HttpContext http, Guid applicationId, string name, byte[] value, TimeSpan lifetime) =>
        http.Response.Cookies.Append(name, WebEncoders.Base64UrlEncode(value), Options(http, applicationId, lifetime));

    /// <summary>HttpOnly, only for the payment page, Lax so that WeChat's top-level redirect back carries it.</summary>
    private CookieOptions Options(HttpContext http, Guid applicationId, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = cookies.Value.RequireSecureCookies || http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = $"/apply/{applicationId}/payment",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
