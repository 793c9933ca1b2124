using IdReissue.Application.Ports;

namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An uploaded file kept in the database, so that every node can serve it.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public StoredFileKind Kind { get; set; }

    public Guid? ApplicationId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>The plaintext size: <see cref="Content"/> is sealed in the database, so per-application storage
    /// quotas are summed over this column.</summary>
    public long SizeBytes { get; set; }

    /// <summary>Despite its name (kept: renaming it is a schema change), the keyed digest of the content,
    /// HMAC-SHA256 under a key derived from the index key (PersonalDataProtector.FileDigest), set when saved.</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
