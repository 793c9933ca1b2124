using System.Text.Json;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfPhotoSubmissionStore(IdReissueDbContext db) : IPhotoSubmissionStore
{
    public async Task<IReadOnlyList<PhotoSubmissionSummary>> ReadForApplicationAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await db.PhotoSubmissions.AsNoTracking().Where(p => p.ApplicationId == applicationId).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.SubmittedAt)
            .Select(s => new PhotoSubmissionSummary(s.Id, s.SubmittedBy, s.SubmittedAt, s.Verdict, s.ReasonsJson, s.OriginalFileId is not null))
            .ToList();

    public async Task<IReadOnlyList<Guid>> UnusedPhotoFilesBeyondAsync(Guid applicationId, int keep, Guid? acceptedPhotoId, CancellationToken cancellationToken) =>
        [.. (await db.PhotoSubmissions.Where(s => s.ApplicationId == applicationId && s.FileId != acceptedPhotoId)
                .OrderByDescending(s => s.SubmittedAt).Skip(keep).Select(s => new { s.FileId, s.OriginalFileId }).ToListAsync(cancellationToken))
            .SelectMany(s => s.OriginalFileId is { } original ? [s.FileId, original] : new[] { s.FileId })];

    public async Task<NewestPhotoSubmission?> NewestForApplicationAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await db.PhotoSubmissions.AsNoTracking().Where(s => s.ApplicationId == applicationId)
            .Select(s => new { s.FileId, s.Verdict, s.SubmittedAt }).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.SubmittedAt)
            .Select(s => new NewestPhotoSubmission(s.FileId, s.Verdict, s.SubmittedAt))
            .FirstOrDefault();

    public void Add(NewPhotoSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        db.PhotoSubmissions.Add(new PhotoSubmission
        {
            Id = Guid.NewGuid(),
            PhotoNumber = submission.PhotoNumber,
            ApplicationId = submission.ApplicationId,
            FileId = submission.FileId,
            Verdict = submission.Verdict.Verdict,
            ReasonsJson = JsonSerializer.Serialize(submission.Verdict.Reasons),
            MeasuresJson = JsonSerializer.Serialize(submission.Verdict.Measures),
            SubmittedBy = submission.SubmittedBy,
            SubmittedAt = submission.SubmittedAt,
            OriginalFileId = submission.OriginalFileId,
        });
    }
}
