namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A log-in code sent by SMS: stored hashed, expires, single use, few attempts.</summary>
public sealed class SmsCodeRecord
{
    public Guid Id { get; set; }

    public required string Phone { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public int FailedAttempts { get; set; }
}
