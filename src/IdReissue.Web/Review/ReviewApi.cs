using System.Security.Claims;
using IdReissue.Application.Common;
using IdReissue.Application.Review;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Review;

/// <summary>The officer's queues and decisions. Officers see only their region; every decision is audited.</summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/officer/applications").WithTags("Officer").RequireAuthorization(Policies.Officer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", Queue).WithName("ListQueuedApplications").WithSummary("A queue of applications in a state, in the officer's region");
        group.MapGet("/{id:guid}", Detail).WithName("GetOfficerApplication").WithSummary("An application's detail for review (masked)");
        group.MapPost("/{id:guid}/reveal", Reveal).RequireAuthorization(Policies.Reveal).WithName("RevealPersonalData").WithSummary("The unmasked personal data; every call is audited");
        group.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Policies.Reviewer).WithName("ApproveApplication").WithSummary("Approve an application under review");
        group.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Policies.Reviewer).WithName("RejectApplication")
            .WithSummary("Reject an application under review, or one its registered holder disowned at any step before dispatch, with the reason");
        group.MapPost("/{id:guid}/clear-holder-denial", ClearHolderDenial).RequireAuthorization(Policies.Reviewer).WithName("ClearHolderDenial")
            .WithSummary("Let an application its registered holder disowned (不是我本人) go on, with the reason (the applicant proven to be the holder in person)");
        group.MapPost("/{id:guid}/request-new-photo", RequestNewPhoto).RequireAuthorization(Policies.Reviewer).WithName("RequestNewPhoto").WithSummary("Send the application back for a new photo, with the reason");
        return group;
    }

    /// <summary>A queue: applications in a state (default: under review), optionally only the overdue ones.</summary>
    public static async Task<Ok<List<QueueItem>>> Queue(
        ClaimsPrincipal user, ListQueuedApplicationsHandler handler, TimeProvider time, ApplicationState? state, bool? overdue, bool? suspected, string? region,
        CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var queue = await handler.HandleAsync(new ListQueuedApplications(user.AsOfficerScope(), state, overdue is true, suspected is true, region), cancellationToken);
        return TypedResults.Ok(queue.Select(a => QueueItem.From(a, today)).ToList());
    }

    public static async Task<Results<Ok<OfficerApplicationView>, ProblemHttpResult>> Detail(
        Guid id, ClaimsPrincipal user, GetOfficerApplicationHandler handler, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await handler.HandleAsync(new GetOfficerApplication(id, user.AsOfficerScope()), cancellationToken);
        return found.Succeeded ? TypedResults.Ok(ToView(found.Value, regions, ChinaTime.DateOf(time.GetUtcNow()))) : Problems.From(found.Problem!);
    }

    public static OfficerApplicationView ToView(OfficerApplication found, RegionCatalog regions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(regions);
        var application = found.Application;
        return new OfficerApplicationView(
            ApplicationView.ForOfficer(application, regions.Get(application.RegionId)),
            [.. application.Transitions.OrderBy(t => t.Sequence).Select(TimelineEntry.From)],
            [.. found.PhotoSubmissions.Select(s => new PhotoSubmissionView(s.Id, s.SubmittedBy, s.SubmittedAt, s.Verdict.ToString().ToLowerInvariant(), s.ReasonsJson, s.Fixed))],
            application.IsOverdue(today));
    }

    /// <summary>The unmasked personal data, for an officer with the separate reveal right; every reveal is an audit entry.</summary>
    public static async Task<Results<Ok<RevealedData>, ProblemHttpResult>> Reveal(
        Guid id, ClaimsPrincipal user, RevealPersonalDataHandler handler, CancellationToken cancellationToken)
    {
        var revealed = await handler.HandleAsync(new RevealPersonalData(id, user.AsOfficerScope()), cancellationToken);
        return revealed.Succeeded ? TypedResults.Ok(RevealedData.From(revealed.Value)) : Problems.From(revealed.Problem!);
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, ApproveApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        Decided(await handler.HandleAsync(new ApproveApplication(id, user.AsOfficerScope()), cancellationToken), regions);

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Reject(
        Guid id, DecisionRequest request, ClaimsPrincipal user, RejectApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        Decided(await handler.HandleAsync(new RejectApplication(id, user.AsOfficerScope(), request.Reason), cancellationToken), regions);

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ClearHolderDenial(
        Guid id, DecisionRequest request, ClaimsPrincipal user, ClearHolderDenialHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        Decided(await handler.HandleAsync(new Application.Review.ClearHolderDenial(id, user.AsOfficerScope(), request.Reason), cancellationToken), regions);

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RequestNewPhoto(
        Guid id, DecisionRequest request, ClaimsPrincipal user, RequestNewPhotoHandler handler, RegionCatalog regions, CancellationToken cancellationToken) =>
        Decided(await handler.HandleAsync(new Application.Review.RequestNewPhoto(id, user.AsOfficerScope(), request.Reason), cancellationToken), regions);

    private static Results<Ok<ApplicationView>, ProblemHttpResult> Decided(Result<ReissueApplication> decided, RegionCatalog regions) =>
        decided.Succeeded ? TypedResults.Ok(ApplicationView.ForOfficer(decided.Value, regions.Get(decided.Value.RegionId))) : Problems.From(decided.Problem!);
}
