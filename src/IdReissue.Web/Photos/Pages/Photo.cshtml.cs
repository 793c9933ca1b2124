using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Capacity;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Photos.Pages;

/// <summary>The applicant's photo: upload or camera, the verdict at once with every reason and the guides drawn over it, then the
/// citizen's confirmation (choose → verdict → confirm); nothing counts before it.</summary>
[CpuWork(WorkKind.Check, Handler = "")]
[CpuWork(WorkKind.Fix, Handler = "Fix")]
public sealed class PhotoModel(IApplicationStore applications, RegionCatalog regions, PhotoIntake intake, PhotoFixOffers fixes, PortraitEngine engine) : ApplicantPage(applications, regions)
{
    public PhotoVerdictView? Verdict { get; private set; }

    public bool Accepted { get; private set; }

    /// <summary>The photo just checked, when it passed: what the confirmation names.</summary>
    public Guid? CheckedFileId { get; private set; }

    /// <summary>生成合格照片: the original and the fixed photo side by side, waiting for the citizen's confirmation.</summary>
    public PhotoFixOffer? FixOffer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? Page();
    }

    /// <summary>A photo chosen (or taken): checked at once and shown with its verdict and the guides; it counts only when confirmed.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        var redirect = await LoadForStepAsync("photo", cancellationToken);
        if (redirect is not null)
        {
            return redirect;
        }

        return await AttemptAsync(async () =>
        {
            var bytes = await Uploads.ReadAsync(photo, cancellationToken);
            var checkedPhoto = await intake.CheckAsync(Application, bytes, User.AsActor(), cancellationToken);
            if (checkedPhoto.View.Verdict == "error")
            {
                // Not a photo at all: that is a problem with the file chosen, so it is said next to the file field.
                ModelState.AddModelError("Input.Photo", checkedPhoto.View.Reasons[0].Message);
                return Page();
            }

            CheckedFileId = checkedPhoto.Passed ? checkedPhoto.FileId : null;
            Verdict = PhotoVerdictView.OfSubmission(checkedPhoto.View, bytes, photo!.ContentType, engine.Specifications.Find(Region.Photo.Specification), checkedPhoto.View.Message);
            return Page();
        });
    }

    /// <summary>The citizen confirms the photo whose verdict they saw: it is bound and goes to the officer's review.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid? photoFile, CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? await AttemptAsync(async () =>
        {
            await intake.ConfirmAsync(Application, photoFile, User.AsActor(), cancellationToken);
            Accepted = true;
            return Page();
        });
    }

    public async Task<IActionResult> OnPostFixAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? await AttemptAsync(async () =>
        {
            FixOffer = await fixes.OfferAsync(Application, await Uploads.ReadAsync(photo, cancellationToken), "applicant", User.AsActor(), cancellationToken);
            return Page();
        });
    }

    /// <summary>The citizen confirms the fixed photo, checked and compared when it was offered.</summary>
    public Task<IActionResult> OnPostConfirmFixAsync(Guid? photoFile, CancellationToken cancellationToken) => OnPostConfirmAsync(photoFile, cancellationToken);

    protected override string? FieldFor(string code) => code == "photo_check_outdated" ? null : "photo";
}
