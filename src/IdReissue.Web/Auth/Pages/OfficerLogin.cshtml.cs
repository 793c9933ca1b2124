using IdReissue.Application.Abuse;
using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

[AllowAnonymous]
public sealed class OfficerLoginModel(
    IdReissueDbContext db, AuditTrail audit, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, TimeProvider time, IOptions<SessionCookieOptions> cookies) : FormPage
{
    [BindProperty]
    public OfficerLoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var session = ResultValue.Of<SessionIssued>(await AuthApi.OfficerLogin(new OfficerLoginRequest(Input.Username, Input.Password), db, audit, limiter, limits, time, HttpContext, cancellationToken));
        SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/officer", StringComparison.Ordinal) ? ReturnUrl : "/officer");
    });

    protected override string? FieldFor(string code) => "password";
}

public sealed class OfficerLoginInput
{
    [Display(Name = "用户名")]
    public string? Username { get; set; }

    [Display(Name = "密码")]
    public string? Password { get; set; }
}
