namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A bearer session. Only the SHA-256 of the token is stored; any node can check it.</summary>
public sealed class SessionRecord
{
    public required string TokenHash { get; set; }

    /// <summary>"applicant" or "officer".</summary>
    public required string Kind { get; set; }

    /// <summary>Account id (applicant) or username (officer).</summary>
    public required string Subject { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
