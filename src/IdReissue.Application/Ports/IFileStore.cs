namespace IdReissue.Application.Ports;

/// <summary>Uploaded files (photos, household register pages, face captures), kept where every node can serve them; added with the unit of work.</summary>
public interface IFileStore
{
    /// <summary>Refuses (storage_quota_exceeded) an upload that would take the application's files over <paramref name="quotaBytes"/>;
    /// <paramref name="replacing"/> is a file the upload replaces, which does not count.</summary>
    Task RequireQuotaAsync(Guid applicationId, long incomingBytes, long quotaBytes, Guid? replacing, CancellationToken cancellationToken);

    /// <summary>Adds an upload that must be a readable JPEG or PNG image (unreadable_image otherwise); returns its id.</summary>
    Guid AddImage(byte[] bytes, StoredFileKind kind, Guid? applicationId, DateTimeOffset now);

    /// <summary>Adds any file with its content type; returns its id.</summary>
    Guid Add(byte[] bytes, StoredFileKind kind, Guid? applicationId, string contentType, DateTimeOffset now);

    /// <summary>The content of the application's newest file of <paramref name="kind"/>, or null when it has none.</summary>
    Task<byte[]?> LatestContentAsync(Guid applicationId, StoredFileKind kind, CancellationToken cancellationToken);

    /// <summary>Deletes the application's files of <paramref name="kind"/> among <paramref name="fileIds"/> at once (not with the unit of work).</summary>
    Task DeleteAsync(Guid applicationId, StoredFileKind kind, IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken);

    /// <summary>Deletes an application's file at once (not with the unit of work): one replaced by a newer upload.</summary>
    Task DeleteAsync(Guid fileId, Guid applicationId, CancellationToken cancellationToken);
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
