using IdReissue.Web.Auth;
using IdReissue.Application.Applications;
using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The applicant's own page of the household register, where the region asks for it.</summary>
public sealed class HouseholdPageModel(
    IApplicationStore applications, RegionCatalog regions, UploadHouseholdPageHandler upload, IServiceProvider services) : ApplicantPage(applications, regions)
{
    /// <summary>Sandbox only: a drawn page to download and upload, for a walk through the demo (no real page may be used there).</summary>
    public bool SandboxSampleAvailable => services.GetService<SandboxSigner>() is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("household-page", cancellationToken);
        Step("household-page", "/apply");
        return redirect ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("household-page", cancellationToken);
        Step("household-page", "/apply");
        return redirect ?? await AttemptAsync(async () =>
        {
            (await upload.HandleAsync(new UploadHouseholdPage(Id, User.ApplicantId(), await Uploads.ReadAsync(file, cancellationToken)), cancellationToken)).ValueOrThrow();
            return Continue();
        });
    }

    protected override string? FieldFor(string code) => "file";
}
