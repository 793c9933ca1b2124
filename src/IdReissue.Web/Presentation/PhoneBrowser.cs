namespace IdReissue.Web.Presentation;

/// <summary>
/// Whether the page is seen on a phone, read from the browser's own word (its User-Agent): a phone pays in the
/// gateway's app (WeChat Pay H5, Alipay's wap cashier) and is shown that first, since a QR code cannot be scanned
/// with the phone that shows it; a desktop gets the QR code to scan with a phone.
/// </summary>
public static class PhoneBrowser
{
    public static bool IsPhone(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Headers.UserAgent.ToString();
        // "Mobile" is in the phone builds of Chrome, Safari, Firefox and WeChat's browser; Android tablets leave it out
        // but pay in apps all the same; HarmonyOS phones name themselves.
        return agent.Contains("Mobile", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("Android", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("iPhone", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("HarmonyOS", StringComparison.OrdinalIgnoreCase);
    }
}
