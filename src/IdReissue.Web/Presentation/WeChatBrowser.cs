using IdReissue.Domain.Payments;

namespace IdReissue.Web.Presentation;

/// <summary>
/// WeChat's built-in browser (its user agent carries "MicroMessenger"). Inside it a payment QR code on the
/// same screen cannot be scanned, and links to other payment apps are blocked, so the cashier step pays
/// with WeChat Pay's in-app (JSAPI) payment there and shows the QR code everywhere else.
/// </summary>
public static class WeChatBrowser
{
    public static bool IsWeChat(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("MicroMessenger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The channels that work in this browser: inside WeChat only WeChat Pay, where the region offers it.</summary>
    public static IReadOnlyList<PaymentChannel> UsableChannels(HttpRequest request, IReadOnlyList<PaymentChannel> offered) =>
        IsWeChat(request) && offered.Contains(PaymentChannel.WeChatPay) ? [PaymentChannel.WeChatPay] : offered;

    /// <summary>Whether an order is paid in WeChat's own payment sheet (JSAPI) instead of by QR code.</summary>
    public static bool PaysInApp(HttpRequest request, PaymentChannel channel) => IsWeChat(request) && channel == PaymentChannel.WeChatPay;
}
