using System.Security.Claims;
using IdReissue.Application.Officers;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Officers;

/// <summary>
/// Officer accounts: administrators create (a one-time set-up link), edit (name, roles, regions), disable and enable,
/// reset (new password and second factor), unlock and end sessions; every officer sees and ends their own sessions.
/// Each change is an audit entry naming who, what, and before → after.
/// </summary>
public static class OfficersApi
{
    public static IEndpointRouteBuilder MapOfficersApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/officer/admin/officers").WithTags("Officer accounts").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", List).WithName("ListOfficers").WithSummary("The officers the administrator manages");
        admin.MapPost("/", Create).WithName("CreateOfficer").WithSummary("Create an officer; answers the one-time set-up link").ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/{username}", Get).WithName("GetOfficer").WithSummary("One officer, with their open sessions").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/{username}", Edit).WithName("EditOfficer").WithSummary("Change an officer's name, roles and regions")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/{username}/disable", Disable).WithName("DisableOfficer").WithSummary("Disable an officer; their sessions end at once, on every node")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{username}/enable", Enable).WithName("EnableOfficer").WithSummary("Enable a disabled officer again").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{username}/reset", Reset).WithName("ResetOfficer")
            .WithSummary("Forget the password, second factor and recovery codes, end the sessions, and issue a new set-up link").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{username}/unlock", Unlock).WithName("UnlockOfficer").WithSummary("Lift the log-in lock of wrong passwords or codes").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/{username}/sso", LinkSso).WithName("LinkOfficerSso")
            .WithSummary("Link the officer to the subject the bureau's identity provider knows them by (single sign-on), or unlink (empty subject)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapDelete("/{username}/sessions/{sessionId}", EndSession).WithName("EndOfficerSession").WithSummary("End one of an officer's sessions").ProducesProblem(StatusCodes.Status404NotFound);

        var own = routes.MapGroup("/api/officer/sessions").WithTags("Officer accounts").RequireAuthorization(Policies.Officer)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        own.MapGet("/", ListOwnSessions).WithName("ListOwnSessions").WithSummary("The signed-in officer's open sessions");
        own.MapDelete("/{sessionId}", EndOwnSession).WithName("EndOwnSession").WithSummary("End one of one's own sessions").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<List<OfficerAccountView>>, ProblemHttpResult>> List(ClaimsPrincipal user, ListOfficersHandler handler, CancellationToken cancellationToken)
    {
        var listed = await handler.HandleAsync(new ListOfficers(user.AsOfficerScope()), cancellationToken);
        return listed.Succeeded ? TypedResults.Ok(listed.Value.Select(OfficerAccountView.From).ToList()) : Problems.From(listed.Problem!);
    }

    public static async Task<Results<Created<SetupLinkView>, ProblemHttpResult>> Create(
        CreateOfficerRequest request, ClaimsPrincipal user, CreateOfficerHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var created = await handler.HandleAsync(new CreateOfficer(user.AsOfficerScope(), request.Username, request.DisplayName, request.Roles, request.Regions), cancellationToken);
        return created.Succeeded
            ? TypedResults.Created($"/api/officer/admin/officers/{created.Value.Username}", SetupLinkView.From(created.Value, http.Request))
            : Problems.From(created.Problem!);
    }

    public static async Task<Results<Ok<OfficerDetailView>, ProblemHttpResult>> Get(
        string username, ClaimsPrincipal user, GetOfficerHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await handler.HandleAsync(new GetOfficer(user.AsOfficerScope(), username), cancellationToken);
        return found.Succeeded ? TypedResults.Ok(Detail(found.Value, CurrentSessionId(http))) : Problems.From(found.Problem!);
    }

    public static async Task<Results<Ok<OfficerAccountView>, ProblemHttpResult>> Edit(
        string username, EditOfficerRequest request, ClaimsPrincipal user, EditOfficerHandler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new EditOfficer(user.AsOfficerScope(), username, request.DisplayName, request.Roles, request.Regions), cancellationToken));

    public static async Task<Results<Ok<OfficerAccountView>, ProblemHttpResult>> Disable(
        string username, ClaimsPrincipal user, SetOfficerDisabledHandler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new SetOfficerDisabled(user.AsOfficerScope(), username, Disabled: true), cancellationToken));

    public static async Task<Results<Ok<OfficerAccountView>, ProblemHttpResult>> Enable(
        string username, ClaimsPrincipal user, SetOfficerDisabledHandler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new SetOfficerDisabled(user.AsOfficerScope(), username, Disabled: false), cancellationToken));

    public static async Task<Results<Ok<SetupLinkView>, ProblemHttpResult>> Reset(
        string username, ClaimsPrincipal user, ResetOfficerHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var reset = await handler.HandleAsync(new ResetOfficer(user.AsOfficerScope(), username), cancellationToken);
        return reset.Succeeded ? TypedResults.Ok(SetupLinkView.From(reset.Value, http.Request)) : Problems.From(reset.Problem!);
    }

    public static async Task<Results<Ok<OfficerAccountView>, ProblemHttpResult>> LinkSso(
        string username, LinkOfficerSsoRequest request, ClaimsPrincipal user, LinkOfficerSsoHandler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new LinkOfficerSso(user.AsOfficerScope(), username, request.Subject), cancellationToken));

    public static async Task<Results<Ok<OfficerAccountView>, ProblemHttpResult>> Unlock(
        string username, ClaimsPrincipal user, UnlockOfficerHandler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new UnlockOfficer(user.AsOfficerScope(), username), cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> EndSession(
        string username, string sessionId, ClaimsPrincipal user, EndOfficerSessionHandler handler, CancellationToken cancellationToken)
    {
        var ended = await handler.HandleAsync(new EndOfficerSession(user.AsOfficerScope(), username, sessionId), cancellationToken);
        return ended.Succeeded ? TypedResults.NoContent() : Problems.From(ended.Problem!);
    }

    public static async Task<Ok<List<SessionView>>> ListOwnSessions(ClaimsPrincipal user, ListOwnSessionsHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var current = CurrentSessionId(http);
        return TypedResults.Ok((await handler.HandleAsync(new ListOwnSessions(user.OfficerUsername()), cancellationToken)).Select(s => SessionView.From(s, current)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EndOwnSession(
        string sessionId, ClaimsPrincipal user, EndOfficerSessionHandler handler, CancellationToken cancellationToken)
    {
        var ended = await handler.HandleAsync(new EndOfficerSession(user.AsOfficerScope(), user.OfficerUsername(), sessionId), cancellationToken);
        return ended.Succeeded ? TypedResults.NoContent() : Problems.From(ended.Problem!);
    }

    public static OfficerDetailView Detail(OfficerDetail detail, string? currentSessionId)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new(OfficerAccountView.From(detail.Officer), detail.Sessions.Select(s => SessionView.From(s, currentSessionId)).ToList(), detail.RecoveryCodesLeft);
    }

    /// <summary>The digest of the token this request came with: how a session list marks the caller's own.</summary>
    public static string? CurrentSessionId(HttpContext http) => SessionToken.Read(http.Request) is { } token ? TokenHash.Of(token) : null;

    private static Results<Ok<OfficerAccountView>, ProblemHttpResult> View(IdReissue.Application.Common.Result<IdReissue.Application.Ports.OfficerCredentials> result) =>
        result.Succeeded ? TypedResults.Ok(OfficerAccountView.From(result.Value)) : Problems.From(result.Problem!);
}
