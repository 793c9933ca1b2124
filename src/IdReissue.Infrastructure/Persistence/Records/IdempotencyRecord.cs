namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>The stored outcome of a command sent with an Idempotency-Key, replayed on a retry.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>Caller scope and key, e.g. "applicant:{id}|{key}".</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
