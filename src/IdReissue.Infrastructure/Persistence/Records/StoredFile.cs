namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>An uploaded file kept in the database, so that every node can serve it.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public StoredFileKind Kind { get; set; }

    public Guid? ApplicationId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum StoredFileKind
{
    FaceCapture,
    Photo,
    HouseholdRegisterPage,
}
