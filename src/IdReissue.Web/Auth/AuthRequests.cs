namespace IdReissue.Web.Auth;

public sealed record SmsCodeRequest(string? Phone);

public sealed record SmsCodeSent(string MaskedPhone, int ExpiresInSeconds, int ResendAfterSeconds);

public sealed record ApplicantLoginRequest(string? Phone, string? Code);

public sealed record OfficerLoginRequest(string? Username, string? Password);

public sealed record SessionIssued(string Token, DateTimeOffset ExpiresAt, string Kind, string Subject, IReadOnlyList<string> Roles, string? Region);
