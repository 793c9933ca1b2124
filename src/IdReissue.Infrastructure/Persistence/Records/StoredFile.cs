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

    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum StoredFileKind
{
    FaceCapture,
    Photo,
    HouseholdRegisterPage,

    /// <summary>A camera frame that proved one asked liveness action, kept for the officer with the capture.</summary>
    LivenessFrame,

    /// <summary>What 实人认证 found (channel, drawn challenge, actions and their frames, scores), as JSON for the officer.</summary>
    RealPersonReport,
}
