namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An applicant's account, identified by a mobile phone number verified by SMS.</summary>
public sealed class ApplicantAccount
{
    public Guid Id { get; set; }

    public required string Phone { get; set; }

    /// <summary>Set once real-name verification (name + citizen ID number) succeeded.</summary>
    public string? RealName { get; set; }

    public string? CitizenId { get; set; }

    public DateTimeOffset? RealNameVerifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
