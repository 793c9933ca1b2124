using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdReissue.Web.Home;

/// <summary>
/// Turns care mode on or off and goes back to the page it was asked from. A plain link (no form, no script)
/// so it works from every page, without JavaScript and inside WeChat; it changes nothing but how pages look.
/// </summary>
[AllowAnonymous]
public sealed class CareModeSwitchModel : PageModel
{
    public IActionResult OnGet(bool on, string? returnUrl)
    {
        CareMode.Set(Response, on);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
