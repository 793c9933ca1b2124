using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Regions;

namespace IdReissue.Web.Applications.Pages;

public sealed class LossReportedModel(IApplicationStore applications, RegionCatalog regions) : ApplicantPage(applications, regions)
{
    public string ContinueUrl => ApplicantJourney.PageFor(Application, Region);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Step("loss-report", "/apply");
    }
}
