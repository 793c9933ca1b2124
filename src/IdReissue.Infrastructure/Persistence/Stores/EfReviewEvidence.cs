using IdReissue.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfReviewEvidence(IdReissueDbContext db) : IReviewEvidence
{
    public Task<SubmittedPhoto?> ReadSubmissionAsync(Guid applicationId, Guid? photoFileId, CancellationToken cancellationToken)
    {
        var submissions = db.PhotoSubmissions.AsNoTracking().Where(s => s.ApplicationId == applicationId);
        submissions = photoFileId is { } accepted ? submissions.Where(s => s.FileId == accepted) : submissions.OrderByDescending(s => s.SubmittedAt);
        return submissions.Select(s => new SubmittedPhoto(s.FileId, s.OriginalFileId, s.SubmittedBy, s.Verdict, s.ReasonsJson, s.MeasuresJson))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<FileContent?> ReadFileAsync(Guid applicationId, Guid fileId, CancellationToken cancellationToken) =>
        db.Files.AsNoTracking().Where(f => f.Id == fileId && f.ApplicationId == applicationId)
            .Select(f => new FileContent(f.Id, f.Content, f.ContentType)).SingleOrDefaultAsync(cancellationToken);

    public Task<FileContent?> ReadNewestFileAsync(Guid applicationId, StoredFileKind kind, CancellationToken cancellationToken) =>
        db.Files.AsNoTracking().Where(f => f.ApplicationId == applicationId && f.Kind == kind).OrderByDescending(f => f.CreatedAt)
            .Select(f => new FileContent(f.Id, f.Content, f.ContentType)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<FileContent>> ReadFilesAsync(Guid applicationId, IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken) =>
        await db.Files.AsNoTracking().Where(f => f.ApplicationId == applicationId && fileIds.Contains(f.Id))
            .Select(f => new FileContent(f.Id, f.Content, f.ContentType)).ToListAsync(cancellationToken);
}
