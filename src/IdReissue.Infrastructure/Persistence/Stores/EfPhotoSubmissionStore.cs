using IdReissue.Application.Ports;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfPhotoSubmissionStore(IdReissueDbContext db) : IPhotoSubmissionStore
{
    public async Task<IReadOnlyList<PhotoSubmissionSummary>> ReadForApplicationAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await db.PhotoSubmissions.AsNoTracking().Where(p => p.ApplicationId == applicationId).ToListAsync(cancellationToken))
            .OrderByDescending(s => s.SubmittedAt)
            .Select(s => new PhotoSubmissionSummary(s.Id, s.SubmittedBy, s.SubmittedAt, s.Verdict, s.ReasonsJson, s.OriginalFileId is not null))
            .ToList();
}
