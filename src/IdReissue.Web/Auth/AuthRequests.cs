using IdReissue.Application.Auth;
using IdReissue.Domain.Common;

namespace IdReissue.Web.Auth;

public sealed record SmsCodeRequest(string? Phone);

public sealed record SmsCodeSent(string MaskedPhone, int ExpiresInSeconds, int ResendAfterSeconds)
{
    public static SmsCodeSent From(LoginCodeSent sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return new(PersonalDataMask.Phone(sent.Phone), (int)sent.Lifetime.TotalSeconds, (int)sent.ResendAfter.TotalSeconds);
    }
}

public sealed record ApplicantLoginRequest(string? Phone, string? Code);

public sealed record OfficerLoginRequest(string? Username, string? Password);

/// <summary>A session begun. Kind "officer-pending" authorizes only the step <see cref="NextStep"/> names: "second-factor"
/// (a code, <c>POST /api/auth/officer-sessions/second-factor</c>) or "enrol-second-factor" (<c>POST /api/auth/second-factor/enrolment</c>).</summary>
public sealed record SessionIssued(string Token, DateTimeOffset ExpiresAt, string Kind, string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string>? Regions, string? NextStep = null)
{
    public static SessionIssued From(SessionOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new(opened.Token, opened.ExpiresAt, opened.Kind, opened.Subject, opened.Roles, opened.Regions, opened.NextStep);
    }
}

/// <summary>The token of the set-up link (the last part of /officer/setup/{token}) and the password chosen.</summary>
public sealed record OfficerSetupRequest(string? Token, string? Password);

/// <summary>A code from the authenticator app, or (instead) one of the recovery codes.</summary>
public sealed record SecondFactorRequest(string? Code, string? RecoveryCode);

public sealed record SecondFactorEnrolmentView(string Secret, string ProvisioningUri);

public sealed record SecondFactorConfirmationRequest(string? Code);

/// <summary>The recovery codes, shown this once; and, after a pending log-in, the officer's session.</summary>
public sealed record SecondFactorEnrolledView(IReadOnlyList<string> RecoveryCodes, SessionIssued? Session);
