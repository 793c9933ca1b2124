using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace IdReissue.Web.Applications;

/// <summary>
/// A portal page about one of the applicant's own applications. Another person's id reads as "not
/// found" (the same rule as the API), and a page opened out of turn sends the applicant to where the
/// application actually stands. The application is loaded into the request's unit of work, so the page
/// shows what its command changed.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public abstract class ApplicantPage(IApplicationStore applications, RegionCatalog regions) : FormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReissueApplication Application { get; private set; } = null!;

    public RegionPolicy Region { get; private set; } = null!;

    protected RegionCatalog Regions => regions;

    protected async Task LoadAsync(CancellationToken cancellationToken)
    {
        Application = await applications.FindOwnAsync(Id, User.ApplicantId(), cancellationToken) ?? throw ApplicationProblems.NotFound.ToException();
        Region = regions.Get(Application.RegionId);
    }

    /// <summary>After a refused command: what stands, not what the command had begun to change.</summary>
    protected Task ReloadAsync(CancellationToken cancellationToken)
    {
        HttpContext.RequestServices.GetRequiredService<IUnitOfWork>().DiscardChanges();
        return LoadAsync(cancellationToken);
    }

    /// <summary>Loads the application, or redirects when this page is not the applicant's current step.</summary>
    protected async Task<IActionResult?> LoadForStepAsync(string page, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var current = ApplicantJourney.PageFor(Application, Region);
        return current.EndsWith("/" + page, StringComparison.Ordinal) ? null : LocalRedirect(current);
    }

    private (string Key, string? Back)? _step;

    /// <summary>The page's step; the indicator is computed once the handler has run, from the application as it then stands
    /// (a post names its step before it has loaded the application).</summary>
    protected void Step(string key, string? back) => _step = (key, back);

    public override void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (_step is { } step && Application is not null)
        {
            ViewData["Step"] = ApplicantStep.Of(step.Key, Application, Region, step.Back);
        }

        base.OnPageHandlerExecuted(context);
    }

    protected IActionResult Continue() => LocalRedirect(ApplicantJourney.PageFor(Application, Region));
}
