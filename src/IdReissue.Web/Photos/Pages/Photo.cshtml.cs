using IdReissue.Application.Photos;
using IdReissue.Application.Ports;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Photos.Pages;

/// <summary>The applicant's photo: upload or camera, the verdict at once with every reason and the guides drawn over it.</summary>
public sealed class PhotoModel(IApplicationStore applications, RegionCatalog regions, PhotoIntake intake, PhotoFixOffers fixes, PortraitEngine engine) : ApplicantPage(applications, regions)
{
    public PhotoVerdictView? Verdict { get; private set; }

    public bool Accepted { get; private set; }

    /// <summary>生成合格照片: the original and the fixed photo side by side, waiting for the citizen's confirmation.</summary>
    public PhotoFixOffer? FixOffer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? Page();
    }

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
            var checkedPhoto = await intake.SubmitAsync(Application, bytes, "applicant", User.AsActor(), cancellationToken);
            if (checkedPhoto.Verdict == "error")
            {
                // Not a photo at all: that is a problem with the file chosen, so it is said next to the file field.
                ModelState.AddModelError("Input.Photo", checkedPhoto.Reasons[0].Message);
                return Page();
            }

            Accepted = checkedPhoto.Accepted;
            Verdict = PhotoVerdictView.OfSubmission(checkedPhoto, bytes, photo!.ContentType, engine.Specifications.Find(Region.Photo.Specification), checkedPhoto.Message);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostFixAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? await AttemptAsync(async () =>
        {
            FixOffer = await fixes.OfferAsync(Application, await Uploads.ReadAsync(photo, cancellationToken), cancellationToken);
            return Page();
        });
    }

    /// <summary>The citizen confirms the fixed photo: it is submitted under the photo number and checked like any other.</summary>
    public async Task<IActionResult> OnPostConfirmFixAsync(string? fix, CancellationToken cancellationToken)
    {
        Step("photo", "/apply");
        return await LoadForStepAsync("photo", cancellationToken) ?? await AttemptAsync(async () =>
        {
            var (bytes, original) = fixes.Open(Application, fix);
            var checkedPhoto = await intake.SubmitAsync(Application, bytes, "applicant", User.AsActor(), cancellationToken, original);
            Accepted = checkedPhoto.Accepted;
            Verdict = PhotoVerdictView.OfSubmission(checkedPhoto, bytes, "image/jpeg", engine.Specifications.Find(Region.Photo.Specification), checkedPhoto.Message);
            return Page();
        });
    }

    protected override string? FieldFor(string code) => code == "photo_fix_expired" ? null : "photo";
}
