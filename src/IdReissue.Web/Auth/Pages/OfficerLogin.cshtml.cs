using IdReissue.Application.Auth;
using IdReissue.Application.Abuse;
using System.ComponentModel.DataAnnotations;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

[AllowAnonymous]
public sealed class OfficerLoginModel(LogInOfficerHandler logIn, IOptions<SessionCookieOptions> cookies, IdReissue.Application.Officers.OfficerOidcOptions sso) : FormPage
{
    /// <summary>The single sign-on button's label, when single sign-on is on.</summary>
    public string? SsoButton => sso.Enabled ? sso.DisplayName : null;

    /// <summary>Why the identity provider's sign-in was refused (a code of our own in the query, never text from it).</summary>
    [BindProperty(Name = "sso", SupportsGet = true)]
    public string? SsoRefusal { get; set; }

    public string? SsoMessage => SsoRefusal switch
    {
        "sso_not_linked" => LogInOfficerBySsoHandler.NotLinked.Message,
        "sso_officer_disabled" => LogInOfficerBySsoHandler.Disabled.Message,
        "sso_failed" => LogInOfficerBySsoHandler.Failed.Message,
        "login_client_limit" => "当前网络登录失败次数过多，请稍后再试。",
        _ => null,
    };

    [BindProperty]
    public OfficerLoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var session = (await logIn.HandleAsync(new LogInOfficer(Input.Username, Input.Password, ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        return LocalRedirect(NextPage(session, Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/officer", StringComparison.Ordinal) ? ReturnUrl : "/officer"));
    });

    protected override string? FieldFor(string code) => "password";

    /// <summary>Where a log-in goes on: the second factor (or its enrolment) owed, or the workbench.</summary>
    public static string NextPage(SessionOpened session, string otherwise)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.NextStep switch
        {
            SecondFactorSteps.Code => "/officer/second-factor",
            SecondFactorSteps.Enrol => "/officer/second-factor/enrol",
            _ => otherwise,
        };
    }
}

public sealed class OfficerLoginInput
{
    [Display(Name = "用户名")]
    public string? Username { get; set; }

    [Display(Name = "密码")]
    public string? Password { get; set; }
}
