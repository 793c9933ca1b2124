using IdReissue.Application.HolderAlerts;
using IdReissue.Domain.Applications;
using IdReissue.Web.Abuse;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.HolderAlerts.Pages;

/// <summary>
/// The page of the link texted to the holder's registry phone: what is being applied for in their name (masked),
/// and "不是我本人", which stops it. Stopping is a POST, so a link preview that fetches the page stops nothing.
/// </summary>
[AllowAnonymous]
public sealed class NotMeModel(OpenHolderLinkHandler open, DisownApplicationHandler disown) : FormPage
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    public ReissueApplication? Application { get; private set; }

    /// <summary>The holder has just said "不是我本人" (or had said it before).</summary>
    public bool Stopped { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        Application = (await open.HandleAsync(new OpenHolderLink(Code, ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        Stopped = Application.HeldAsSuspectedImpersonation;
        return Page();
    }, NotFoundStatus);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        Application = (await disown.HandleAsync(new DisownApplication(Code, ClientNetworks.KeyOf(HttpContext)), cancellationToken)).ValueOrThrow();
        Stopped = true;
        return Page();
    }, NotFoundStatus);

    private Task NotFoundStatus()
    {
        if (Application is null && Response.StatusCode == StatusCodes.Status200OK)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Task.CompletedTask;
    }
}
