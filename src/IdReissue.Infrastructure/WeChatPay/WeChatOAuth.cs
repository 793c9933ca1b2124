using System.Net.Http.Json;
using System.Text.Json;
using IdReissue.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>
/// WeChat 网页授权 with scope snsapi_base (silent: no consent screen) for the payer's openid under the 公众号
/// <see cref="WeChatPayOptions.AppId"/>, which a JSAPI order must name. The AppSecret and the openid are never logged,
/// and the client logs no URLs (the exchange carries the secret in its query, as WeChat documents it).
/// </summary>
public sealed partial class WeChatOAuth(IHttpClientFactory httpClientFactory, IOptions<WeChatPayOptions> options, ILogger<WeChatOAuth> logger)
{
    public const string HttpClientName = "wechat-oauth";

    private readonly string _appSecret = GatewaySecret.Require(options.Value.AppSecret, options.Value.AppSecretFile, "WeChatPay:AppSecret");

    /// <summary>The authorize address, parameters in WeChat's documented order, ending with #wechat_redirect.</summary>
    public Uri AuthorizeUrl(Uri redirectUri, string state) => new(
        $"{options.Value.OAuthAuthorizeUrl}?appid={Uri.EscapeDataString(options.Value.AppId)}&redirect_uri={Uri.EscapeDataString(redirectUri.AbsoluteUri)}"
        + $"&response_type=code&scope=snsapi_base&state={Uri.EscapeDataString(state)}#wechat_redirect");

    /// <summary>Exchanges the one-time code WeChat gave the redirect for the payer's openid.</summary>
    public async Task<string> OpenIdAsync(string code, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var path = $"/sns/oauth2/access_token?appid={Uri.EscapeDataString(settings.AppId)}&secret={Uri.EscapeDataString(_appSecret)}"
                   + $"&code={Uri.EscapeDataString(code)}&grant_type=authorization_code";
        WeChatOAuthAnswer? answer;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync(new Uri(settings.OAuthBaseUrl, path), cancellationToken);
            response.EnsureSuccessStatusCode();
            answer = await response.Content.ReadFromJsonAsync<WeChatOAuthAnswer>(WeChatPayJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or JsonException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(logger, 0, e.GetType().Name);
            throw Busy();
        }

        if (answer is { Errcode: null or 0, Openid: { Length: > 0 } openId })
        {
            return openId;
        }

        // Only the error code is logged: errmsg is WeChat's text, and nothing of the payer or the secret goes in.
        LogFailed(logger, answer?.Errcode ?? 0, "errcode");
        throw answer?.Errcode switch
        {
            // invalid code, code been used, missing code: the code is one-time and lives five minutes.
            40029 or 40163 or 41008 => new DomainException("wechat_authorization_expired", "微信授权已失效，请重新打开缴费页面。", DomainErrorKind.Conflict),
            -1 or 45011 => Busy(),
            _ => new DomainException("wechat_authorization_failed", "暂时无法在微信中确认您的身份，请稍后再试，或在手机浏览器中打开本页面扫码支付。", DomainErrorKind.Unavailable),
        };
    }

    private static DomainException Busy() =>
        new("wechat_authorization_failed", "微信暂时无法完成授权，请稍后再试。", DomainErrorKind.Unavailable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat 网页授权 code exchange failed: {Errcode} ({Reason})")]
    private static partial void LogFailed(ILogger logger, int errcode, string reason);
}
