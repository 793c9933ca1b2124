namespace IdReissue.Web.Presentation;

/// <summary>
/// 关怀模式 (长辈版), the elder-friendly way of showing the portal: larger text and targets, high contrast,
/// one question per screen and plainer words. It is a display preference only, kept in a cookie for a
/// year so it is remembered without an account, and read by the layout on every portal page.
/// </summary>
public static class CareMode
{
    public const string CookieName = "idr_care";

    public static bool IsOn(HttpContext context) => context.Request.Cookies[CookieName] == "1";

    public static void Set(HttpResponse response, bool on)
    {
        if (on)
        {
            response.Cookies.Append(CookieName, "1", new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
                Secure = response.HttpContext.Request.IsHttps,
            });
        }
        else
        {
            response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }
    }

    /// <summary>The link that switches the mode and comes back to the page the person is on.</summary>
    public static string SwitchUrl(HttpContext context) =>
        $"/care-mode?on={(IsOn(context) ? "false" : "true")}&returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}";
}
