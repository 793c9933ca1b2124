using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Ports;

/// <summary>What an officer's page of one application shows beside the application: its photo submissions and stored files, read for showing.</summary>
public interface IReviewEvidence
{
    /// <summary>The submission of <paramref name="photoFileId"/>, or with none the application's newest.</summary>
    Task<SubmittedPhoto?> ReadSubmissionAsync(Guid applicationId, Guid? photoFileId, CancellationToken cancellationToken);

    Task<FileContent?> ReadFileAsync(Guid applicationId, Guid fileId, CancellationToken cancellationToken);

    /// <summary>The application's newest file of the kind.</summary>
    Task<FileContent?> ReadNewestFileAsync(Guid applicationId, StoredFileKind kind, CancellationToken cancellationToken);

    Task<IReadOnlyList<FileContent>> ReadFilesAsync(Guid applicationId, IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken);
}

/// <summary>One photo submission with what the portrait check measured; <paramref name="OriginalFileId"/> when the photo fixer made it.</summary>
public sealed record SubmittedPhoto(Guid FileId, Guid? OriginalFileId, string SubmittedBy, PortraitVerdictKind Verdict, string ReasonsJson, string MeasuresJson);

public sealed record FileContent(Guid Id, byte[] Content, string ContentType);
