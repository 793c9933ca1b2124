using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Auth;
using IdReissue.Application.Officers;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

/// <summary>The one-time set-up link of a new (or reset) officer: choose a password, then enrol the second factor where required.</summary>
[AllowAnonymous]
public sealed class OfficerSetupModel(CompleteOfficerSetupHandler setup, OfficerOptions options, IOptions<SessionCookieOptions> cookies) : FormPage
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    public OfficerSetupInput Input { get; set; } = new();

    public string? Username { get; private set; }

    public int MinimumLength => options.MinimumPasswordLength;

    public bool SecondFactorRequired => options.RequireSecondFactor;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Username = await setup.FindAsync(Token, cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        if (Input.Password != Input.Confirmation)
        {
            throw Application.Common.Problem.Invalid("password_mismatch", "两次输入的密码不一致。", "confirmation").ToException();
        }

        var session = (await setup.HandleAsync(new CompleteOfficerSetup(Token, Input.Password), cancellationToken)).ValueOrThrow();
        SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        return LocalRedirect(OfficerLoginModel.NextPage(session, "/officer"));
    }, async () => Username = await setup.FindAsync(Token, cancellationToken));
}

public sealed class OfficerSetupInput
{
    [Display(Name = "新密码")]
    public string? Password { get; set; }

    [Display(Name = "再次输入新密码")]
    public string? Confirmation { get; set; }
}
