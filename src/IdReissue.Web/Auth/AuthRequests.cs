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

public sealed record SessionIssued(string Token, DateTimeOffset ExpiresAt, string Kind, string Subject, IReadOnlyList<string> Roles, string? Region)
{
    public static SessionIssued From(SessionOpened opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new(opened.Token, opened.ExpiresAt, opened.Kind, opened.Subject, opened.Roles, opened.Region);
    }
}
