using IdReissue.Web.Auth;
using IdReissue.Application.Applications;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>The eligibility result: every unmet condition at once, and the nearest way forward.</summary>
public sealed class EligibilityModel(IApplicationStore applications, RegionCatalog regions, CheckEligibilityHandler checkEligibility) : ApplicantPage(applications, regions)
{
    public bool Eligible => Application.State is not (ApplicationState.Ineligible or ApplicationState.IdentityVerified or ApplicationState.Draft);

    public bool Undecided => Application.State is ApplicationState.IdentityVerified or ApplicationState.Draft;

    public string ContinueUrl => ApplicantJourney.PageFor(Application, Region);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Step("eligibility", "/apply");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (await checkEligibility.HandleAsync(new CheckEligibility(Id, User.ApplicantId()), cancellationToken)).ValueOrThrow();
        return LocalRedirect($"/apply/{Id}/eligibility");
    }
}
