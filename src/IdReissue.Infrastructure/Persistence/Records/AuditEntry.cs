namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An append-only record of an officer action, a log-in or a configuration change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary>Free text without personal data (masked values only).</summary>
    public string? Detail { get; set; }
}
