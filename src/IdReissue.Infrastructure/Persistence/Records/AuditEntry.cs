namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>
/// An append-only record of an officer action, a log-in or a configuration change, chained: each entry's
/// <see cref="Hash"/> is SM3 over its sequence, content and the previous entry's hash (see AuditChain).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>1, 2, 3… without gaps; assigned at save under the chain's lock. Null only on entries written before chaining.</summary>
    public long? Sequence { get; set; }

    public string? PreviousHash { get; set; }

    public string? Hash { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary>Free text without personal data (masked values only).</summary>
    public string? Detail { get; set; }
}
