using System.ComponentModel.DataAnnotations;
using IdReissue.Application.Auth;
using IdReissue.Web.Abuse;
using IdReissue.Web.Payments;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth.Pages;

/// <summary>Binding an authenticator app: its QR code (and the secret to type in), a code to confirm, then the recovery codes, shown once.</summary>
[Authorize(Policy = Policies.OfficerOrPending)]
public sealed class EnrolSecondFactorModel(
    BeginSecondFactorEnrolmentHandler begin, ConfirmSecondFactorEnrolmentHandler confirm, IOptions<SessionCookieOptions> cookies) : FormPage
{
    [BindProperty]
    public EnrolSecondFactorInput Input { get; set; } = new();

    public string? QrCode { get; private set; }

    public string? Secret { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public bool AlreadyEnrolled { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var pending = User.HasClaim(SessionClaims.Kind, SessionKinds.OfficerPending) ? SessionToken.Read(Request) : null;
        var enrolled = (await confirm.HandleAsync(new ConfirmSecondFactorEnrolment(User.OfficerUsername(), Input.Code, pending, ClientNetworks.KeyOf(HttpContext)),
            cancellationToken)).ValueOrThrow();
        if (enrolled.Session is { } session)
        {
            SessionToken.Write(Response, session.Token, session.ExpiresAt, cookies.Value.RequireSecureCookies);
        }

        RecoveryCodes = enrolled.RecoveryCodes;
        return Page();
    }, () => LoadAsync(cancellationToken));

    protected override string? FieldFor(string code) => "code";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var begun = await begin.HandleAsync(new BeginSecondFactorEnrolment(User.OfficerUsername()), cancellationToken);
        if (!begun.Succeeded)
        {
            AlreadyEnrolled = true;
            return;
        }

        Secret = begun.Value.Secret;
        QrCode = QrCodeImage.DataUrl(begun.Value.ProvisioningUri);
    }
}

public sealed class EnrolSecondFactorInput
{
    [Display(Name = "身份验证器显示的6位动态码")]
    public string? Code { get; set; }
}
