using IdReissue.Application.Abuse;
using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Portrait.Fixing;
using IdReissue.Portrait.Imaging;
using IdReissue.Web.Operations;
using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Applications;
using IdReissue.Web.Capacity;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Photos.Pages;

/// <summary>
/// A photo studio (照相馆) submits the photo it took under the applicant's photo number. It needs no
/// account: the number is the applicant's authorisation, and the page shows nothing but a masked name.
/// Without a number the check and the fixer are free to anyone, as the source document says, and submit nothing.
/// </summary>
[AllowAnonymous]
[CpuWork(WorkKind.Check, Handler = "")]
[CpuWork(WorkKind.Fix, Handler = "Fix")]
public sealed class StudioModel(
    PhotoNumberLookup lookup, RegionCatalog regions, PhotoIntake intake, PhotoFixOffers fixes, PortraitEngine engine, PhotoFixer fixer,
    IPortraitCheck portraitCheck, IAbuseLimiter limiter, AbuseLimitOptions limits, ApplicationMetrics metrics, TimeProvider time) : FormPage
{
    /// <summary>The national ID card's specification, which the free check and fixer use when there is no application to name its region's.</summary>
    private const string IdCardSpecification = "cn-id-card";

    [BindProperty]
    public StudioInput Input { get; set; } = new();

    public PhotoVerdictView? Verdict { get; private set; }

    public string? MaskedName { get; private set; }

    /// <summary>生成合格照片: original and result side by side until the studio confirms with the applicant.</summary>
    public PhotoFixOffer? FixOffer { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Without a photo number: checked and shown, nothing submitted.</summary>
    public bool CheckedOnly { get; private set; }

    public Task<IActionResult> OnPostAsync(IFormFile? photo, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(Input.PhotoNumber))
        {
            await CheckOnlyAsync(photo, cancellationToken);
            return Page();
        }

        var application = await lookup.FindAsync(Input.PhotoNumber, HttpContext, cancellationToken);
        MaskedName = application.MaskedName;
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        var checkedPhoto = await intake.SubmitAsync(application, bytes, "studio", Actor.Gateway("photo-studio"), cancellationToken);
        if (checkedPhoto.Verdict == "error")
        {
            ModelState.AddModelError("Input.Photo", checkedPhoto.Reasons[0].Message);
            return Page();
        }

        Verdict = PhotoVerdictView.OfSubmission(checkedPhoto, bytes, photo!.ContentType, engine.Specifications.Find(regions.Get(application.RegionId).Photo.Specification),
            checkedPhoto.Accepted ? "照片已绑定到申请人的申请，申请人的办理进度会同步更新。" : checkedPhoto.Message);
        return Page();
    });

    public Task<IActionResult> OnPostFixAsync(IFormFile? photo, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(Input.PhotoNumber))
        {
            // Free: the fixed photo is shown to download, with nothing stored and nothing to confirm.
            await AnonymousPortraitRequest.CountAsync(limiter, limits, HttpContext, cancellationToken);
            var original = await Uploads.ReadAsync(photo, cancellationToken);
            var fix = await fixer.FixAsync(original, IdCardSpecification, cancellationToken);
            var preview = JpegWriter.Preview(original, 600) is { } small ? PhotoVerdictView.DataUrl(small, "image/jpeg") : null;
            FixOffer = new PhotoFixOffer(fix, preview, fix.Photo is { } fixedPhoto ? PhotoVerdictView.DataUrl(fixedPhoto, "image/jpeg") : null, null);
            return Page();
        }

        var application = await lookup.FindAsync(Input.PhotoNumber, HttpContext, cancellationToken);
        MaskedName = application.MaskedName;
        FixOffer = await fixes.OfferAsync(application, await Uploads.ReadAsync(photo, cancellationToken), "studio", Actor.Gateway("photo-studio"), cancellationToken);
        return Page();
    });

    /// <summary>The studio confirms, with the applicant, the fixed photo it was shown (checked when it was offered).</summary>
    public Task<IActionResult> OnPostConfirmFixAsync(Guid? photoFile, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var application = await lookup.FindAsync(Input.PhotoNumber, HttpContext, cancellationToken);
        MaskedName = application.MaskedName;
        await intake.ConfirmAsync(application, photoFile, Actor.Gateway("photo-studio"), cancellationToken);
        Confirmed = true;
        return Page();
    });

    /// <summary>The fixed photo was confirmed and bound to the application.</summary>
    public bool Confirmed { get; private set; }

    private async Task CheckOnlyAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        await AnonymousPortraitRequest.CountAsync(limiter, limits, HttpContext, cancellationToken);
        var bytes = await Uploads.ReadAsync(photo, cancellationToken);
        var started = time.GetTimestamp();
        var verdict = await portraitCheck.CheckAsync(bytes, IdCardSpecification, cancellationToken);
        metrics.PhotoCheck(verdict.Verdict.ToString().ToLowerInvariant(), time.GetElapsedTime(started));
        if (verdict.Verdict == PortraitVerdictKind.Error)
        {
            ModelState.AddModelError("Input.Photo", verdict.Reasons[0].Message);
            return;
        }

        CheckedOnly = true;
        Verdict = new PhotoVerdictView(
            PhotoVerdictView.DataUrl(bytes, photo!.ContentType is "image/png" ? "image/png" : "image/jpeg"),
            verdict.Passed,
            Unreadable: false,
            verdict.Reasons,
            PhotoGuides.From(verdict.Measures, engine.Specifications.Find(IdCardSpecification)),
            verdict.Passed ? "照片符合居民身份证制证要求。未填写相片编号，照片没有提交；提交时请填写申请人的相片编号。" : "照片不符合制证要求，请按提示重新拍摄，或点“生成合格照片”。");
    }

    protected override string? FieldFor(string code) => code switch
    {
        "photo_check_outdated" => null,
        "photo_number_invalid" or "photo_number_not_found" or "photo_number_client_limit" or "photo_number_miss_limit" => "photoNumber",
        "photo_not_expected" => null,
        _ => "photo",
    };
}

public sealed class StudioInput
{
    [Display(Name = "相片编号（提交时填写）")]
    public string? PhotoNumber { get; set; }
}
