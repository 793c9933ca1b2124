using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.Text.Json;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Security;
using IdReissue.Portrait.Reasons;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using IdReissue.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Photos;

/// <summary>
/// A photo submitted under a photo number, by the applicant or a studio: checked by the portrait
/// check, kept with its verdict, and bound to the application when it passes.
/// </summary>
public sealed class PhotoIntake(
    IdReissueDbContext db, IFileStore files, IPortraitCheck portraitCheck, IFaceVerification faces, RegionCatalog regions, WorkingDayCalendar calendar, ApplicationMetrics metrics, AbuseLimiter limiter,
    IOptions<AbuseLimitOptions> limits, TimeProvider time)
{
    /// <param name="originalFileId">For a photo made by the photo fixer and confirmed by the citizen: the stored
    /// photo it was made from (<see cref="PhotoFixOffers"/>), kept on the record beside it.</param>
    public async Task<PhotoCheckView> SubmitAsync(
        ReissueApplication application, byte[] photo, string submittedBy, Actor actor, CancellationToken cancellationToken, Guid? originalFileId = null)
    {
        var photoNumber = application.RequirePhotoExpected();
        await limiter.LimitAsync($"photo:{application.Id:N}", limits.Value.PhotoUploadsPerApplicationPerMinute, TimeSpan.FromMinutes(1),
            "photo_upload_too_frequent", "照片提交过于频繁，请{0}后再试。", cancellationToken);
        // Room for this one first: the oldest failed image goes before the quota is counted, so with this one at
        // most FailedPhotosKeptPerApplication failed images are kept.
        await ForgetOldFailedPhotosAsync(application.Id, Math.Max(0, limits.Value.FailedPhotosKeptPerApplication - 1), cancellationToken);
        await files.RequireQuotaAsync(application.Id, photo.Length, limits.Value.StoredBytesPerApplication, replacing: null, cancellationToken);
        var region = regions.Get(application.RegionId);
        var started = time.GetTimestamp();
        var verdict = await WithFaceMatchAsync(application, photo, await portraitCheck.CheckAsync(photo, region.Photo.Specification, cancellationToken), cancellationToken);
        metrics.PhotoCheck(verdict.Verdict.ToString().ToLowerInvariant(), time.GetElapsedTime(started));
        var now = time.GetUtcNow();
        // Kept whatever the verdict, so an officer can see what was tried.
        var fileId = files.Add(photo, StoredFileKind.Photo, application.Id, "image/jpeg", now);
        db.PhotoSubmissions.Add(new PhotoSubmission
        {
            Id = Guid.NewGuid(),
            PhotoNumber = photoNumber,
            ApplicationId = application.Id,
            FileId = fileId,
            Verdict = verdict.Verdict,
            ReasonsJson = JsonSerializer.Serialize(verdict.Reasons),
            MeasuresJson = JsonSerializer.Serialize(verdict.Measures),
            SubmittedBy = submittedBy,
            SubmittedAt = now,
            OriginalFileId = originalFileId,
        });
        if (verdict.Passed)
        {
            application.AcceptPhoto(fileId, region, calendar, now, actor);
        }

        await db.SaveChangesAsync(cancellationToken);

        // The similarities stay with the submission for the officer. The caller (a studio with a photo number,
        // or whoever holds the applicant's session) never sees one: a score answered back would let anyone
        // with a photo number hill-climb an image towards the citizen's registry face.
        return new PhotoCheckView(
            photoNumber,
            verdict.Verdict.ToString().ToLowerInvariant(),
            verdict.Passed,
            [.. verdict.Reasons.Select(r => r.Code == PhotoFaceScores.NotTheApplicant ? r with { Value = null, Unit = null } : r)],
            verdict.Measures.Where(m => m.Key is not (PhotoFaceScores.Registry or PhotoFaceScores.Capture)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            application.State,
            verdict.Passed ? "照片检测合格，已提交公安机关审核。" : "照片不符合制证要求，请按提示重新拍摄后再提交。");
    }

    /// <summary>
    /// 人证比对: the photo's face against the registry photo and the capture that passed 实人认证. A clearly
    /// different person fails the photo with not_the_applicant, whatever the portrait check said (a compliant
    /// photo of someone else must never reach production); both similarities are kept with the measures for
    /// the officer, who sees the three faces side by side.
    /// </summary>
    private async Task<PortraitVerdict> WithFaceMatchAsync(ReissueApplication application, byte[] photo, PortraitVerdict verdict, CancellationToken cancellationToken)
    {
        if (verdict.Verdict == PortraitVerdictKind.Error)
        {
            return verdict;
        }

        var capture = await db.Files.Where(f => f.ApplicationId == application.Id && f.Kind == StoredFileKind.FaceCapture)
            .OrderByDescending(f => f.CreatedAt).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
        var match = await faces.MatchPhotoAsync(application.CitizenId, photo, capture, cancellationToken);
        var measures = new Dictionary<string, double>(verdict.Measures, StringComparer.Ordinal);
        if (match.RegistryScore is { } registryScore)
        {
            measures[PhotoFaceScores.Registry] = registryScore;
        }

        if (match.CaptureScore is { } captureScore)
        {
            measures[PhotoFaceScores.Capture] = captureScore;
        }

        if (match.Outcome != FaceVerificationOutcome.NoMatch)
        {
            return verdict with { Measures = measures };
        }

        var lowest = Math.Min(match.RegistryScore ?? 1, match.CaptureScore ?? 1);
        var kind = PhotoReasons.NotTheApplicant;
        var reason = new PortraitReason(kind.Code, lowest, null, kind.Unit, kind.Sentence(PhotoReasonSituation.PhotoCheck));
        return verdict with { Verdict = PortraitVerdictKind.Fail, Reasons = [.. verdict.Reasons, reason], Measures = measures };
    }

    /// <summary>Keeps the images of the newest failed submissions only: each submission keeps its verdict and
    /// measures, but retries cannot pile up photos (personal data) without bound.</summary>
    private async Task ForgetOldFailedPhotosAsync(Guid applicationId, int keep, CancellationToken cancellationToken)
    {
        var accepted = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.PhotoId).SingleAsync(cancellationToken);
        // A fixed photo's original goes with it.
        var old = (await db.PhotoSubmissions.Where(s => s.ApplicationId == applicationId && s.Verdict != PortraitVerdictKind.Pass && s.FileId != accepted)
            .OrderByDescending(s => s.SubmittedAt).Skip(keep).Select(s => new { s.FileId, s.OriginalFileId }).ToListAsync(cancellationToken))
            .SelectMany(s => s.OriginalFileId is { } original ? [s.FileId, original] : new[] { s.FileId }).ToList();
        if (old.Count > 0)
        {
            await db.Files.Where(f => f.ApplicationId == applicationId && f.Kind == StoredFileKind.Photo && old.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
