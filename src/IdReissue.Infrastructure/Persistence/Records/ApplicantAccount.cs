namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An applicant's account, identified by a mobile phone number verified by SMS.</summary>
public sealed class ApplicantAccount
{
    public Guid Id { get; set; }

    public required string Phone { get; set; }

    /// <summary>HMAC-SM3 blind index of <see cref="Phone"/>: log-in looks the account up by it (set on save).</summary>
    public string PhoneIndex { get; set; } = string.Empty;

    /// <summary>Set once real-name verification (name + citizen ID number) succeeded.</summary>
    public string? RealName { get; set; }

    public string? CitizenId { get; set; }

    /// <summary>Blind index of <see cref="CitizenId"/> (set on save).</summary>
    public string? CitizenIdIndex { get; set; }

    public DateTimeOffset? RealNameVerifiedAt { get; set; }

    /// <summary>When face verification proved the account's holder to be the person of <see cref="CitizenId"/>.
    /// Name and ID number alone are no proof (anyone who knows them can type them), so only a proven
    /// account holds the identity exclusively.</summary>
    public DateTimeOffset? IdentityProvenAt { get; set; }

    /// <summary><see cref="CitizenIdIndex"/> once the identity is proven, else null (set on save): its unique
    /// index lets one account, and only a proven one, hold a citizen ID number exclusively.</summary>
    public string? ProvenCitizenIdIndex { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
