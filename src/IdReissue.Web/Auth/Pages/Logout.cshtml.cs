using IdReissue.Application.Auth;
using IdReissue.Application.Ports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

/// <summary>Ends the session everywhere (it is deleted, not just forgotten by this browser).</summary>
[AllowAnonymous]
public sealed class LogoutModel(ISessionStore sessions, SessionCache cache, IOptions<SessionCookieOptions> cookies) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var officer = User.HasClaim(SessionClaims.Kind, SessionKinds.Officer);
        await AuthApi.Logout(HttpContext, sessions, cache, cancellationToken);
        SessionToken.Clear(Response, cookies.Value.RequireSecureCookies);
        return LocalRedirect(officer ? "/officer/login" : "/");
    }
}
