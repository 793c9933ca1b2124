using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The applicant's own page of the household register, where the region asks for it.</summary>
public sealed class HouseholdPageModel(
    IdReissueDbContext db, RegionCatalog regions, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits, TimeProvider time) : ApplicantPage(db, regions)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("household-page", cancellationToken);
        Step(6, "/apply");
        return redirect ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var redirect = await LoadForStepAsync("household-page", cancellationToken);
        Step(6, "/apply");
        return redirect ?? await AttemptAsync(async () =>
        {
            ResultValue.Of<ApplicationView>(await ApplicationsApi.UploadHouseholdPage(Id, file, User, Db, Regions, limiter, limits, time, cancellationToken));
            return Continue();
        });
    }

    protected override string? FieldFor(string code) => "file";
}
