using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.Security.Cryptography;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace IdReissue.Web.Photos;

/// <summary>
/// 生成合格照片 in the portal and on the studio page: the fixed photo is shown beside the original and is only
/// submitted when the citizen (or the studio, with them) confirms it. The original is stored when the fix is
/// offered, so that the record can keep it; the fixed photo travels in the confirmation form sealed (data
/// protection, one hour) to this application and that original, so what is submitted is exactly what was
/// shown, and it is then checked like any other photo. Offers count against the application's photo upload limit.
/// </summary>
public sealed class PhotoFixOffers(
    IFileStore files, PhotoFixer fixer, RegionCatalog regions, IAbuseLimiter limiter, AbuseLimitOptions limits, IUnitOfWork unitOfWork,
    IDataProtectionProvider protection, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _seal = protection.CreateProtector("IdReissue.Photos.PhotoFixOffer").ToTimeLimitedDataProtector();

    public async Task<PhotoFixOffer> OfferAsync(ReissueApplication application, byte[] original, CancellationToken cancellationToken)
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
        var storedId = files.AddImage(original, StoredFileKind.Photo, application.Id, time.GetUtcNow());
        await unitOfWork.SaveAsync(cancellationToken);
        var sealedPhoto = _seal.Protect([.. application.Id.ToByteArray(), .. storedId.ToByteArray(), .. fixedPhoto], Lifetime);
        return new PhotoFixOffer(fix, preview, PhotoVerdictView.DataUrl(fixedPhoto, "image/jpeg"), WebEncoders.Base64UrlEncode(sealedPhoto));
    }

    /// <summary>The confirmed photo and the stored original it was made from; refused when the form was altered,
    /// is older than an hour, or belongs to another application.</summary>
    public (byte[] Photo, Guid OriginalFileId) Open(ReissueApplication application, string? token)
    {
        byte[] payload;
        try
        {
            payload = _seal.Unprotect(WebEncoders.Base64UrlDecode(token ?? ""));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw Expired();
        }

        if (payload.Length <= 32 || new Guid(payload.AsSpan(0, 16)) != application.Id)
        {
            throw Expired();
        }

        return (payload[32..], new Guid(payload.AsSpan(16, 16)));
    }

    private static DomainException Expired() => new("photo_fix_expired", "生成的照片已失效（超过1小时或页面已改动），请重新生成。");
}

/// <summary>A fix as the page shows it: the original (a preview), the result when there is one, what was changed
/// or why a new photo is needed, and the sealed photo the confirmation submits.</summary>
public sealed record PhotoFixOffer(PhotoFix Fix, string? OriginalDataUrl, string? FixedDataUrl, string? Token)
{
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
