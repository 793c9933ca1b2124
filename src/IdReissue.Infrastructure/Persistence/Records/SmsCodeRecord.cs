namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A log-in code sent by SMS: stored hashed, expires, single use, few attempts.</summary>
public sealed class SmsCodeRecord
{
    public Guid Id { get; set; }

    public required string Phone { get; set; }

    /// <summary>Blind index of <see cref="Phone"/> (set on save), for the per-phone limits and the log-in.</summary>
    public string PhoneIndex { get; set; } = string.Empty;

    /// <summary>Blind index of the requesting client's address, for the per-address limits.</summary>
    public string? ClientIndex { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Tries taken: every log-in attempt takes one before the code is compared (so the right code
    /// counts too), which keeps parallel guesses within the limit. The name predates that rule.</summary>
    public int FailedAttempts { get; set; }
}
