using IdReissue.Application.Officers;
using IdReissue.Web.Auth;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IdReissue.Web.Officers.Pages;

/// <summary>我的账号: the officer's own open sessions (every browser signed in), each of which they can end; and the second factor.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class AccountModel(ListOwnSessionsHandler list, EndOfficerSessionHandler end) : FormPage
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostEndSessionAsync(string sessionId, CancellationToken cancellationToken) => AttemptAsync(async () =>
    {
        (await end.HandleAsync(new EndOfficerSession(User.AsOfficerScope(), User.OfficerUsername(), sessionId), cancellationToken)).ValueOrThrow();
        if (sessionId == OfficersApi.CurrentSessionId(HttpContext))
        {
            return LocalRedirect("/officer/login");
        }

        Done = "已结束该会话。";
        await LoadAsync(cancellationToken);
        return Page();
    }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var current = OfficersApi.CurrentSessionId(HttpContext);
        Sessions = (await list.HandleAsync(new ListOwnSessions(User.OfficerUsername()), cancellationToken)).Select(s => SessionView.From(s, current)).ToList();
    }
}
