using IdReissue.Application.Abuse;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Photos;

/// <summary>
/// A photo submitted under a photo number, by the applicant or a studio: checked by the portrait check and the
/// face comparison, kept with its verdict, and bound to the application when it passes.
/// </summary>
public sealed class PhotoIntake(
    IFileStore files, IPhotoSubmissionStore submissions, IPortraitCheck portraitCheck, IFaceVerification faces, IRegionPolicies regions, WorkingDayCalendar calendar,
    IPhotoCheckMetrics metrics, IAbuseLimiter limiter, AbuseLimitOptions limits, IUnitOfWork unitOfWork, TimeProvider time)
{
    /// <summary>Checked and, when it passes, bound at once: a studio's upload, or the API's.</summary>
    /// <param name="originalFileId">For a photo made by the photo fixer and confirmed by the citizen: the stored
    /// photo it was made from (the web host's photo fix offer), kept on the record beside it.</param>
    public async Task<PhotoCheckView> SubmitAsync(
        ReissueApplication application, byte[] photo, string submittedBy, Actor actor, CancellationToken cancellationToken, Guid? originalFileId = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        await LimitAsync(application, cancellationToken);
        return (await CheckAndKeepAsync(application, photo, submittedBy, actor, bindWhenPassed: true, originalFileId, cancellationToken)).View;
    }

    /// <summary>
    /// The portal's photo step: checked and kept with its verdict, but bound only when the citizen has seen the
    /// verdict and confirms (<see cref="ConfirmAsync"/>), so nothing counts before they agree to it.
    /// </summary>
    public async Task<CheckedPhoto> CheckAsync(ReissueApplication application, byte[] photo, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        await LimitAsync(application, cancellationToken);
        return await CheckAndKeepAsync(application, photo, "applicant", actor, bindWhenPassed: false, originalFileId: null, cancellationToken);
    }

    /// <summary>A photo the photo fixer made (the upload was already counted against the limit): checked like any other,
    /// compared with the registry photo and the capture, before the citizen is offered it.</summary>
    public Task<CheckedPhoto> CheckFixedAsync(
        ReissueApplication application, byte[] photo, string submittedBy, Actor actor, Guid originalFileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        return CheckAndKeepAsync(application, photo, submittedBy, actor, bindWhenPassed: false, originalFileId, cancellationToken);
    }

    /// <summary>The citizen confirms the photo they were shown: only the application's newest submission, and only when it passed.</summary>
    public async Task ConfirmAsync(ReissueApplication application, Guid? fileId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        application.RequirePhotoExpected();
        var newest = await submissions.NewestForApplicationAsync(application.Id, cancellationToken);
        if (fileId is null || newest is null || newest.FileId != fileId || newest.Verdict != PortraitVerdictKind.Pass)
        {
            // A form kept open while another photo was checked (in another tab, or by a studio) confirms nothing.
            throw new DomainException("photo_check_outdated", "请确认的照片已不是最近一次检测的照片，请重新选择照片检测。", DomainErrorKind.Conflict);
        }

        application.AcceptPhoto(newest.FileId, regions.PolicyOf(application.RegionId), calendar, time.GetUtcNow(), actor);
        await unitOfWork.SaveAsync(cancellationToken);
    }

    private Task LimitAsync(ReissueApplication application, CancellationToken cancellationToken) =>
        limiter.LimitAsync($"photo:{application.Id:N}", limits.PhotoUploadsPerApplicationPerMinute, TimeSpan.FromMinutes(1),
            "photo_upload_too_frequent", "照片提交过于频繁，请{0}后再试。", cancellationToken);

    private async Task<CheckedPhoto> CheckAndKeepAsync(
        ReissueApplication application, byte[] photo, string submittedBy, Actor actor, bool bindWhenPassed, Guid? originalFileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var photoNumber = application.RequirePhotoExpected();
        // Room for this one first: the oldest failed image goes before the quota is counted, so with this one at
        // most FailedPhotosKeptPerApplication failed images are kept.
        await ForgetOldFailedPhotosAsync(application, Math.Max(0, limits.FailedPhotosKeptPerApplication - 1), cancellationToken);
        await files.RequireQuotaAsync(application.Id, photo.Length, limits.StoredBytesPerApplication, replacing: null, cancellationToken);
        var region = regions.PolicyOf(application.RegionId);
        var started = time.GetTimestamp();
        var (verdict, refusal, sameFace) = await WithFaceMatchAsync(application, photo, await portraitCheck.CheckAsync(photo, region.Photo.Specification, cancellationToken), cancellationToken);
        metrics.PhotoCheck(verdict.Verdict.ToString().ToLowerInvariant(), time.GetElapsedTime(started));
        var now = time.GetUtcNow();
        // Kept whatever the verdict, so an officer can see what was tried.
        var fileId = files.Add(photo, StoredFileKind.Photo, application.Id, "image/jpeg", now);
        submissions.Add(new NewPhotoSubmission(photoNumber, application.Id, fileId, verdict, submittedBy, now, originalFileId));
        var accepted = verdict.Passed && bindWhenPassed;
        if (accepted)
        {
            application.AcceptPhoto(fileId, region, calendar, now, actor);
        }

        await unitOfWork.SaveAsync(cancellationToken);

        // The similarities stay with the submission for the officer. The caller (a studio with a photo number,
        // or whoever holds the applicant's session) never sees one: a score answered back would let anyone
        // with a photo number hill-climb an image towards the citizen's registry face.
        var view = new PhotoCheckView(
            photoNumber,
            verdict.Verdict.ToString().ToLowerInvariant(),
            accepted,
            [.. verdict.Reasons.Select(r => r.Code == refusal?.Code ? r with { Value = null, Unit = null } : r)],
            verdict.Measures.Where(m => m.Key is not (PhotoFaceScores.Registry or PhotoFaceScores.Capture)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            application.State,
            !verdict.Passed ? "照片不符合制证要求，请按提示重新拍摄后再提交。"
                : accepted ? "照片检测合格，已提交公安机关审核。"
                : sameFace ? "照片符合制证要求，与您的户籍照片和实人认证时的人像一致。请核对后确认提交。"
                : "照片符合制证要求，请核对后确认提交；与户籍照片的人像比对由民警审核时复核。");
        return new CheckedPhoto(view, verdict.Passed, fileId);
    }

    /// <summary>
    /// 人证比对: the photo's face against the registry photo and the capture that passed 实人认证. A clearly
    /// different person fails the photo with the comparison's refusal (not_the_applicant), whatever the portrait
    /// check said (a compliant photo of someone else must never reach production); both similarities are kept
    /// with the measures for the officer, who sees the three faces side by side.
    /// </summary>
    private async Task<(PortraitVerdict Verdict, PortraitReason? Refusal, bool SameFace)> WithFaceMatchAsync(
        ReissueApplication application, byte[] photo, PortraitVerdict verdict, CancellationToken cancellationToken)
    {
        if (verdict.Verdict == PortraitVerdictKind.Error)
        {
            return (verdict, null, false);
        }

        var capture = await files.LatestContentAsync(application.Id, StoredFileKind.FaceCapture, cancellationToken);
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
            return (verdict with { Measures = measures }, null, match.Outcome == FaceVerificationOutcome.Match);
        }

        var refusal = match.Refusal ?? throw new InvalidOperationException("A face comparison that found another person must say why.");
        return (verdict with { Verdict = PortraitVerdictKind.Fail, Reasons = [.. verdict.Reasons, refusal], Measures = measures }, refusal, false);
    }

    /// <summary>Keeps the images of the newest unused submissions only (failed, checked but not confirmed, sent back): each
    /// submission keeps its verdict and measures, but retries cannot pile up photos (personal data) without bound. A fixed
    /// photo's original goes with it.</summary>
    private async Task ForgetOldFailedPhotosAsync(ReissueApplication application, int keep, CancellationToken cancellationToken)
    {
        var old = await submissions.UnusedPhotoFilesBeyondAsync(application.Id, keep, application.PhotoId, cancellationToken);
        if (old.Count > 0)
        {
            await files.DeleteAsync(application.Id, StoredFileKind.Photo, [.. old], cancellationToken);
        }
    }
}

/// <summary>A photo checked and kept: its verdict as the citizen sees it, whether it passed, and the stored image a
/// confirmation names.</summary>
public sealed record CheckedPhoto(PhotoCheckView View, bool Passed, Guid FileId);
