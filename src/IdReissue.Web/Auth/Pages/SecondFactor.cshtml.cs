using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Auth;
using IdReissue.Web.Abuse;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

/// <summary>The second step of an officer's log-in: the authenticator app's code, or a recovery code.</summary>
[Authorize(Policy = Policies.OfficerPending)]
public sealed class SecondFactorModel(VerifySecondFactorHandler verify, IOptions<SessionCookieOptions> cookies) : FormPage
{
    [BindProperty]
    public SecondFactorInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var session = (await verify.HandleAsync(new VerifySecondFactor(SessionToken.Read(Request) ?? string.Empty, User.OfficerUsername(), Input.Code, Input.RecoveryCode,
            ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        return LocalRedirect("/officer");
    });

    protected override string? FieldFor(string code) => "code";
}

public sealed class SecondFactorInput
{
    [Display(Name = "动态码（身份验证器上的6位数字）")]
    public string? Code { get; set; }

    [Display(Name = "或输入一个恢复码")]
    public string? RecoveryCode { get; set; }
}
