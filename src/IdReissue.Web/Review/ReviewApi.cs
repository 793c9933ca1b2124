using System.Security.Claims;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Identity;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Regions;
using IdReissue.Web.Applications;
using IdReissue.Infrastructure.Persistence.Stores;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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
        group.MapGet("/", Queue).WithName("ListOfficerQueue").WithSummary("A queue of applications in a state, in the officer's region");
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
        ClaimsPrincipal user, IdReissueDbContext db, TimeProvider time, ApplicationState? state, bool? overdue, bool? suspected, string? region, CancellationToken cancellationToken)
    {
        var scope = user.OfficerRegion();
        var wanted = state ?? ApplicationState.UnderReview;
        // Suspected impersonation (the holder said 不是我本人): every held application, whatever its step.
        var query = suspected is true
            ? db.Applications.AsNoTracking().Where(a => a.HolderDeniedAt != null && a.HolderDenialClearedAt == null)
            : db.Applications.AsNoTracking().Where(a => a.State == wanted && (a.HolderDeniedAt == null || a.HolderDenialClearedAt != null));
        if (scope != "*")
        {
            query = query.Where(a => a.RegionId == scope);
        }
        else if (!string.IsNullOrEmpty(region))
        {
            query = query.Where(a => a.RegionId == region);
        }

        var today = ChinaTime.DateOf(time.GetUtcNow());
        var items = (await query.Take(500).ToListAsync(cancellationToken))
            .Select(a => QueueItem.From(a, today))
            .Where(i => overdue is not true || i.Overdue)
            .OrderBy(i => i.DueDate ?? DateOnly.MaxValue).ThenBy(i => i.CompletedAt)
            .ToList();
        return TypedResults.Ok(items);
    }

    public static async Task<Ok<OfficerApplicationView>> Detail(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadForOfficerAsync(id, user, cancellationToken);
        var submissions = await db.PhotoSubmissions.AsNoTracking().Where(p => p.ApplicationId == id).ToListAsync(cancellationToken);
        audit.Record(user.AsActor(), "application.view", application.ApplicationNumber, "masked");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new OfficerApplicationView(
            ApplicationView.ForOfficer(application, regions.Get(application.RegionId)),
            [.. application.Transitions.OrderBy(t => t.Sequence).Select(TimelineEntry.From)],
            [.. submissions.OrderByDescending(s => s.SubmittedAt).Select(s => new PhotoSubmissionView(s.Id, s.SubmittedBy, s.SubmittedAt, s.Verdict.ToString().ToLowerInvariant(), s.ReasonsJson, s.OriginalFileId is not null))],
            application.IsOverdue(ChinaTime.DateOf(time.GetUtcNow()))));
    }

    /// <summary>The unmasked personal data, for an officer with the separate reveal right; every reveal is an audit entry.</summary>
    public static async Task<Ok<RevealedData>> Reveal(Guid id, ClaimsPrincipal user, IdReissueDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var application = await db.LoadForOfficerAsync(id, user, cancellationToken);
        audit.Record(user.AsActor(), "application.reveal", application.ApplicationNumber, "name,citizenId,householdNumber,address");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RevealedData(application.Name, application.CitizenId, application.HouseholdNumber,
            AdministrativeDivisions.Official.Describe(application.HouseholdDivisionCode),
            application.Address is { } a ? $"{AdministrativeDivisions.Official.Describe(a.DivisionCode)} {a.Detail}（{a.Recipient} {a.Phone}）" : null));
    }

    public static Task<Ok<ApplicationView>> Approve(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, user, db, regions, audit, "application.approve", null, (a, now, actor) => a.Approve(now, actor), time, cancellationToken);

    public static Task<Ok<ApplicationView>> Reject(
        Guid id, DecisionRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, user, db, regions, audit, "application.reject", request.Reason, async (a, now, actor) =>
        {
            var disowned = a.HeldAsSuspectedImpersonation;
            a.Reject(request.Reason ?? string.Empty, now, actor);
            if (disowned)
            {
                // Impersonation confirmed: the account that proved the identity loses it, so the real holder is not
                // told the identity is bound elsewhere.
                (await db.ApplicantAccounts.SingleAsync(account => account.Id == a.AccountId, cancellationToken)).ReleaseIdentity();
            }
        }, time, cancellationToken);

    public static Task<Ok<ApplicationView>> ClearHolderDenial(
        Guid id, DecisionRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, user, db, regions, audit, "application.clear-holder-denial", request.Reason, (a, now, actor) => a.ClearHolderDenial(request.Reason ?? string.Empty, now, actor), time, cancellationToken);

    public static Task<Ok<ApplicationView>> RequestNewPhoto(
        Guid id, DecisionRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, user, db, regions, audit, "application.request-new-photo", request.Reason, (a, now, actor) => a.RequestNewPhoto(request.Reason ?? string.Empty, now, actor), time, cancellationToken);

    private static Task<Ok<ApplicationView>> DecideAsync(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, string action, string? reason,
        Action<ReissueApplication, DateTimeOffset, Actor> decide, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(id, user, db, regions, audit, action, reason, (a, now, actor) =>
        {
            decide(a, now, actor);
            return Task.CompletedTask;
        }, time, cancellationToken);

    private static async Task<Ok<ApplicationView>> DecideAsync(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AuditTrail audit, string action, string? reason,
        Func<ReissueApplication, DateTimeOffset, Actor, Task> decide, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadForOfficerAsync(id, user, cancellationToken);
        await decide(application, time.GetUtcNow(), user.AsActor());
        audit.Record(user.AsActor(), action, application.ApplicationNumber, reason);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationView.ForOfficer(application, regions.Get(application.RegionId)));
    }
}
