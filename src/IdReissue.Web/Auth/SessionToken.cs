namespace IdReissue.Web.Auth;

/// <summary>Where a request carries its session: the bearer header for the API, the session cookie for pages.</summary>
public static class SessionToken
{
    public const string CookieName = "idr_session";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return IsApi(request) ? null : request.Cookies[CookieName];
    }

    /// <summary>HttpOnly, SameSite=Lax and Secure whenever the request came over TLS (or the operator requires it).</summary>
    public static void Write(HttpResponse response, string token, DateTimeOffset expiresAt, bool requireSecure) =>
        response.Cookies.Append(CookieName, token, Options(response.HttpContext.Request, requireSecure, expiresAt));

    public static void Clear(HttpResponse response, bool requireSecure) =>
        response.Cookies.Delete(CookieName, Options(response.HttpContext.Request, requireSecure, null));

    public static string LoginPageFor(HttpRequest request)
    {
        var officer = request.Path.StartsWithSegments("/officer");
        var returnUrl = request.PathBase + request.Path;
        return (officer ? "/officer/login" : "/login") + "?returnUrl=" + Uri.EscapeDataString(returnUrl);
    }

    private static CookieOptions Options(HttpRequest request, bool requireSecure, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = requireSecure || request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expiresAt,
    };
}
