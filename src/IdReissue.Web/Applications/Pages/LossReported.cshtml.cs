using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;

namespace IdReissue.Web.Applications.Pages;

public sealed class LossReportedModel(IdReissueDbContext db, RegionCatalog regions) : ApplicantPage(db, regions)
{
    public string ContinueUrl => ApplicantJourney.PageFor(Application, Region);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Step(5, "/apply");
    }
}
