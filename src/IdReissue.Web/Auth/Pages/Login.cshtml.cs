using IdReissue.Application.Auth;
using IdReissue.Domain.Common;
using IdReissue.Domain.Identity;
using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

/// <summary>Applicant log-in by phone and SMS code; the sandbox shows the code it "sent" on the page.</summary>
[AllowAnonymous]
public sealed class LoginModel(
    SendLoginCodeHandler sendCode, LogInApplicantHandler logIn,
    IOptions<SessionCookieOptions> cookies, IServiceProvider services) : FormPage
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool CodeSent { get; private set; }

    public string? SentTo { get; private set; }

    /// <summary>What the sandbox SMS gateway "sent" to this phone; empty outside the sandbox.</summary>
    public IReadOnlyList<string> SandboxMessages { get; private set; } = [];

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostSendCodeAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var sent = (await sendCode.HandleAsync(new SendLoginCode(Input.Phone, ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        CodeSent = true;
        SentTo = PersonalDataMask.Phone(sent.Phone);
        await LoadSandboxMessagesAsync(cancellationToken);
        return Page();
    });

    public Task<IActionResult> OnPostLoginAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        CodeSent = true;
        var session = (await logIn.HandleAsync(new LogInApplicant(Input.Phone, Input.Code, ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/officer", StringComparison.Ordinal) ? ReturnUrl : "/apply");
    }, () => LoadSandboxMessagesAsync(cancellationToken));

    protected override string? FieldFor(string code) => code.StartsWith("sms_code", StringComparison.Ordinal) ? "code" : "phone";

    private async Task LoadSandboxMessagesAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<SandboxConsole>() is not { } console || !PhoneNumber.TryNormalize(Input.Phone, out var phone))
        {
            return;
        }

        SandboxMessages = [.. (await console.MessagesToAsync(phone, 1, cancellationToken)).Select(m => m.Text)];
    }
}

public sealed class LoginInput
{
    [Display(Name = "手机号码")]
    public string? Phone { get; set; }

    [Display(Name = "短信验证码")]
    public string? Code { get; set; }
}
