using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>
/// The parameters of WeChat's JSAPI payment sheet, as the page hands them to
/// <c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c>: signed with the merchant key afresh each time the page is shown.
/// </summary>
public sealed record WeChatPaySheet(string AppId, string TimeStamp, string NonceStr, string Package, string SignType, string PaySign)
{
    /// <summary>Signs the sheet of a JSAPI order whose package is "prepay_id=…".</summary>
    public static WeChatPaySheet For(string package, WeChatPayCredentials credentials, IOptions<WeChatPayOptions> options, DateTimeOffset now)
    {
        var appId = options.Value.AppId;
        var timeStamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonceStr = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return new WeChatPaySheet(appId, timeStamp, nonceStr, package, "RSA", credentials.SignPaySheet(appId, timeStamp, nonceStr, package));
    }
}
