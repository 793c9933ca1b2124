using System.Diagnostics;
using IdReissue.Application.HolderAlerts;

namespace IdReissue.Web.HolderAlerts;

/// <summary>
/// The holder's link is a capability in the URL path: request traces get the route, never the code, so whoever
/// reads the traces cannot stop (or look at) someone's application.
/// </summary>
public static class HolderLinkRedaction
{
    public static void Enrich(Activity activity, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments(HolderLinkCode.Path.TrimEnd('/'), StringComparison.Ordinal))
        {
            activity.SetTag("url.path", HolderLinkCode.Path + "{code}");
            activity.DisplayName = $"{request.Method} {HolderLinkCode.Path}{{code}}";
        }
    }
}
