using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Presentation;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>实人认证: a live capture from the camera (or a photo file where the camera cannot be used) compared with the registry photo.</summary>
public sealed class FaceModel(
    IdReissueDbContext db, RegionCatalog regions, IFaceVerification faces, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits,
    IOptions<FaceVerificationOptions> faceOptions, TimeProvider time)
    : ApplicantPage(db, regions)
{
    /// <summary>Only camera frames are accepted (liveness): the page offers no file upload.</summary>
    public bool LivenessRequired => faceOptions.Value.RequireLiveness;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("face", cancellationToken);
        Step(4, "/apply");
        return redirect ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? capture, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("face", cancellationToken);
        Step(4, "/apply");
        return redirect ?? await AttemptAsync(async () =>
        {
            ResultValue.Of<FaceVerificationView>(await ApplicationsApi.VerifyFace(Id, capture, Request, User, Db, Regions, faces, limiter, limits, faceOptions, time, cancellationToken));
            return Application.State == ApplicationState.ReferredToWindow ? LocalRedirect($"/apply/{Id}") : Continue();
        });
    }

    protected override string? FieldFor(string code) => "capture";
}
