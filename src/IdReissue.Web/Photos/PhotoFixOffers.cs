using IdReissue.Application.Abuse;
using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;

namespace IdReissue.Web.Photos;

/// <summary>
/// 生成合格照片 in the portal and on the studio page: the fixed photo is checked like any other photo (the portrait
/// check and the comparison with the registry photo and the 实人认证 capture) before it is offered, and shown
/// beside the original with that verdict. It is kept, with the original it was made from, but bound to the
/// application only when the citizen (or the studio, with them) confirms it (<see cref="PhotoIntake.ConfirmAsync"/>),
/// so what is submitted is exactly what was shown. Offers count against the application's photo upload limit.
/// </summary>
public sealed class PhotoFixOffers(
    IFileStore files, PhotoFixer fixer, PhotoIntake intake, RegionCatalog regions, IAbuseLimiter limiter, AbuseLimitOptions limits, IUnitOfWork unitOfWork,
    TimeProvider time)
{
    public async Task<PhotoFixOffer> OfferAsync(ReissueApplication application, byte[] original, string submittedBy, Actor actor, CancellationToken cancellationToken)
    {
        application.RequirePhotoExpected();
        await limiter.LimitAsync($"photo:{application.Id:N}", limits.PhotoUploadsPerApplicationPerMinute, TimeSpan.FromMinutes(1),
            "photo_upload_too_frequent", "照片提交过于频繁，请{0}后再试。", cancellationToken);
        var fix = await fixer.FixAsync(original, regions.Get(application.RegionId).Photo.Specification, cancellationToken);
        var preview = JpegWriter.Preview(original, 600) is { } small ? PhotoVerdictView.DataUrl(small, "image/jpeg") : null;
        if (fix.Photo is not { } fixedPhoto)
        {
            return new PhotoFixOffer(fix, preview, null, null);
        }

        await files.RequireQuotaAsync(application.Id, original.Length, limits.StoredBytesPerApplication, replacing: null, cancellationToken);
        var originalId = files.AddImage(original, StoredFileKind.Photo, application.Id, time.GetUtcNow());
        await unitOfWork.SaveAsync(cancellationToken);
        var checkedPhoto = await intake.CheckFixedAsync(application, fixedPhoto, submittedBy, actor, originalId, cancellationToken);
        return new PhotoFixOffer(fix, preview, PhotoVerdictView.DataUrl(fixedPhoto, "image/jpeg"), checkedPhoto);
    }
}

/// <summary>A fix as the page shows it: the original (a preview), the result when there is one, what was changed or why a
/// new photo is needed, and the result's own check (null on the studio's free fixer, where nothing is kept or compared).</summary>
public sealed record PhotoFixOffer(PhotoFix Fix, string? OriginalDataUrl, string? FixedDataUrl, CheckedPhoto? Check)
{
    /// <summary>The fixed photo passed its check and may be confirmed.</summary>
    public bool Confirmable => Check is { Passed: true };

    public static string ChangeLabel(string change) => change switch
    {
        "background_replaced" => "背景换为白色",
        "cropped" => "按规格裁剪",
        "scaled" => "缩放到标准头部大小",
        "levelled" => "摆正头部（双眼水平）",
        "exposure_adjusted" => "整体亮度调整",
        _ => change,
    };
}

/// <summary>The offer and, on the studio page, the photo number its confirmation is submitted under.</summary>
public sealed record FixOfferView(PhotoFixOffer Offer, string? PhotoNumber);
