using IdReissue.Application.Photos;
using System.ComponentModel.DataAnnotations;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Applications;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Photos.Pages;

/// <summary>
/// A photo studio (照相馆) submits the photo it took under the applicant's photo number. It needs no
/// account: the number is the applicant's authorisation, and the page shows nothing but a masked name.
/// </summary>
[AllowAnonymous]
public sealed class StudioModel(PhotoNumberLookup lookup, RegionCatalog regions, PhotoIntake intake, PhotoFixOffers fixes, PortraitEngine engine) : FormPage
{
    [BindProperty]
    public StudioInput Input { get; set; } = new();

    public PhotoVerdictView? Verdict { get; private set; }

    public string? MaskedName { get; private set; }

    /// <summary>生成合格照片: original and result side by side until the studio confirms with the applicant.</summary>
    public PhotoFixOffer? FixOffer { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(IFormFile? photo, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
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
        var application = await lookup.FindAsync(Input.PhotoNumber, HttpContext, cancellationToken);
        MaskedName = application.MaskedName;
        FixOffer = await fixes.OfferAsync(application, await Uploads.ReadAsync(photo, cancellationToken), cancellationToken);
        return Page();
    });

    public Task<IActionResult> OnPostConfirmFixAsync(string? fix, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        var application = await lookup.FindAsync(Input.PhotoNumber, HttpContext, cancellationToken);
        MaskedName = application.MaskedName;
        var (bytes, original) = fixes.Open(application, fix);
        var checkedPhoto = await intake.SubmitAsync(application, bytes, "studio", Actor.Gateway("photo-studio"), cancellationToken, original);
        Verdict = PhotoVerdictView.OfSubmission(checkedPhoto, bytes, "image/jpeg", engine.Specifications.Find(regions.Get(application.RegionId).Photo.Specification),
            checkedPhoto.Accepted ? "照片已绑定到申请人的申请，申请人的办理进度会同步更新。" : checkedPhoto.Message);
        return Page();
    });

    protected override string? FieldFor(string code) => code switch
    {
        "photo_fix_expired" => null,
        "photo_number_invalid" or "photo_number_not_found" or "photo_number_client_limit" or "photo_number_miss_limit" => "photoNumber",
        "photo_not_expected" => null,
        _ => "photo",
    };
}

public sealed class StudioInput
{
    [Display(Name = "相片编号")]
    public string? PhotoNumber { get; set; }
}
