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

    public DateTimeOffset CreatedAt { get; set; }
}
