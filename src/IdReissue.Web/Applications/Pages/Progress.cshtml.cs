using IdReissue.Application.Ports;
using IdReissue.Application.Applications;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Applications.Pages;

/// <summary>办理进度: the timeline, what happens next, the due date and the EMS tracking number.</summary>
public sealed class ProgressModel(IApplicationStore applications, RegionCatalog regions, CancelApplicationHandler cancel, TimeProvider time) : ApplicantPage(applications, regions)
{
    public ProgressView Progress { get; private set; } = null!;

    /// <summary>The page where the applicant has something to do, if any.</summary>
    public string? ActionUrl { get; private set; }

    public bool Cancellable => Application.State is ApplicationState.IdentityVerified or ApplicationState.EligibilityChecked or ApplicationState.LossReported
        or ApplicationState.FaceVerified or ApplicationState.AddressGiven;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Step("progress", "/apply");
        Progress = ApplicationsApi.ToProgress(Application, Region, ChinaTime.DateOf(time.GetUtcNow()));
        var next = ApplicantJourney.PageFor(Application, Region);
        ActionUrl = next == $"/apply/{Id}" ? null : next;
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken)
    {
        (await cancel.HandleAsync(new CancelApplication(Id, User.ApplicantId()), cancellationToken)).ValueOrThrow();
        return LocalRedirect($"/apply/{Id}");
    }
}
