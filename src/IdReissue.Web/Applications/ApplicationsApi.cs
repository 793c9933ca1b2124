using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;

using IdReissue.Application.Abuse;
using IdReissue.Application.Applications;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Accounts;
using IdReissue.Web.Auth;
using IdReissue.Web.Capacity;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Applications;

/// <summary>The applicant's steps from starting an application to giving the mailing address.</summary>
public static partial class ApplicationsApi
{
    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/", Start).WithIdempotencyKey().WithName("StartApplication").WithSummary("Start a re-issue application for the account's own identity");
        group.MapGet("/", List).WithName("ListApplications").WithSummary("The applicant's applications, newest first");
        group.MapGet("/{id:guid}", Get).WithName("GetApplication").WithSummary("One of the applicant's applications");
        group.MapPost("/{id:guid}/eligibility", CheckEligibility).WithName("CheckEligibility").WithSummary("Check eligibility against the region's rules");
        group.MapPost("/{id:guid}/loss-report", ReportLoss).WithIdempotencyKey().WithName("ReportLoss").WithSummary("Report the card lost (挂失); cancels it in the registry");
        group.MapGet("/{id:guid}/loss-report/receipt", LossReceipt.Render).WithName("GetLossReceipt").WithSummary("The loss report receipt (挂失申报回执), printable HTML")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/{id:guid}/face-verification/attempts", BeginFaceVerification).WithIdempotencyKey().WithName("BeginFaceVerification")
            .WithSummary("Begin a face verification (实人认证) attempt: the server draws the liveness challenge, or opens a certified provider's page")
            .WithDescription("Counts against the attempts per citizen ID number and per client network per day (429 face_attempts_exhausted). For `camera`, prompt the returned actions in order and record frames at `framesPerSecond`; for `provider`, send the applicant to `verificationUrl`. The token answers once, before `expiresAt`.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/{id:guid}/face-verification", VerifyFace).DisableAntiforgery().AdmittedAs(WorkKind.FaceVerification).Accepts<FaceVerificationForm>("multipart/form-data").WithName("VerifyFace")
            .WithSummary("Complete a face verification (实人认证) attempt: liveness of the drawn challenge, then the face against the registry photo")
            .WithDescription("Multipart form: `token` from BeginFaceVerification and, for the camera, `frames`: the camera frames in capture order (JPEG, at the attempt's frame rate, 10 MB in all). The frames must show the drawn actions in the drawn order by one person with a camera's continuity; a still photo, a photo moved by hand, a slideshow or the registry photo held up is refused (422 liveness_not_proven with `reasons`). A single photo is never 实人认证. A provider attempt sends only the token, after the provider's page returned.");
        group.MapPost("/{id:guid}/postage-quote", QuotePostage).WithName("QuotePostage").WithSummary("Postage to a delivery district");
        group.MapPut("/{id:guid}/address", GiveAddress).WithName("GiveAddress").WithSummary("Give the mailing address for the new card");
        group.MapPost("/{id:guid}/documents/household-register-page", UploadHouseholdPage).DisableAntiforgery().WithIdempotencyKey()
            .WithName("UploadHouseholdRegisterPage").WithSummary("Upload the household register page (户口页), where the region asks for it");
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelApplication").WithSummary("Cancel the application (only before payment)");
        group.MapGet("/{id:guid}/progress", Progress).WithName("GetProgress").WithSummary("Progress (进度查询): state, next step, due date and timeline");
        return group;
    }

    public static async Task<Results<Created<ApplicationView>, ProblemHttpResult>> Start(
        StartApplicationRequest request, ClaimsPrincipal user, StartApplicationHandler handler, RegionCatalog regions,
        ILogger<StartApplicationRequest> logger, CancellationToken cancellationToken)
    {
        var started = await handler.HandleAsync(
            new StartApplication(user.ApplicantId(), request.Region, request.Case, request.HouseholdNumber, request.CitizenId, request.Name), cancellationToken);
        if (!started.Succeeded)
        {
            return Problems.From(started.Problem!);
        }

        var application = started.Value;
        LogStarted(logger, application);
        return TypedResults.Created($"/api/applications/{application.Id}", ApplicationView.From(application, regions.Get(application.RegionId)));
    }

    public static async Task<Ok<List<ApplicationSummary>>> List(ClaimsPrincipal user, ListApplicationsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.HandleAsync(new ListApplications(user.ApplicantId()), cancellationToken))
            .Select(a => new ApplicationSummary(a.Id, a.ApplicationNumber, a.RegionId, a.Case, a.State, a.State.Chinese(), a.CreatedAt)).ToList());

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, GetApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var found = await handler.HandleAsync(new GetApplication(id, user.ApplicantId()), cancellationToken);
        return found.Succeeded ? TypedResults.Ok(ApplicationView.From(found.Value, regions.Get(found.Value.RegionId))) : Problems.From(found.Problem!);
    }

    public static async Task<Results<Ok<EligibilityView>, ProblemHttpResult>> CheckEligibility(
        Guid id, ClaimsPrincipal user, CheckEligibilityHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var checkedNow = await handler.HandleAsync(new CheckEligibility(id, user.ApplicantId()), cancellationToken);
        return checkedNow.Succeeded
            ? TypedResults.Ok(ToEligibilityView(checkedNow.Value, regions.Get(checkedNow.Value.RegionId)))
            : Problems.From(checkedNow.Problem!);
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> ReportLoss(
        Guid id, LossReportRequest request, ClaimsPrincipal user, ReportLossHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var reported = await handler.HandleAsync(new Application.Applications.ReportLoss(id, user.ApplicantId(), request.Place, request.LostAt, request.ReceiptWanted), cancellationToken);
        return reported.Succeeded ? TypedResults.Ok(ApplicationView.From(reported.Value, regions.Get(reported.Value.RegionId))) : Problems.From(reported.Problem!);
    }

    public static async Task<Created<FaceAttemptView>> BeginFaceVerification(
        Guid id, FaceAttemptRequest? request, ClaimsPrincipal user, FaceVerificationStep step, CancellationToken cancellationToken)
    {
        var attempt = await step.BeginAsync(id, user, request?.Channel, cancellationToken);
        return TypedResults.Created($"/api/applications/{id}/face-verification", attempt);
    }

    public static async Task<Ok<FaceVerificationView>> VerifyFace(
        Guid id, HttpRequest request, ClaimsPrincipal user, FaceVerificationStep step, CancellationToken cancellationToken)
    {
        // Read from the form itself rather than bound: bound, the repeated file field would turn the documented
        // body into a composed schema that generated clients cannot send as a plain multipart form.
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var token = form?["token"].ToString();
        var frames = form?.Files.GetFiles("frames") ?? [];
        return TypedResults.Ok(await step.CompleteAsync(id, user, token, frames, cancellationToken));
    }

    public static async Task<Results<Ok<PostageView>, ProblemHttpResult>> QuotePostage(
        Guid id, PostageQuoteRequest request, ClaimsPrincipal user, QuotePostageHandler handler, CancellationToken cancellationToken)
    {
        var quote = await handler.HandleAsync(new Application.Applications.QuotePostage(id, user.ApplicantId(), request.DivisionCode), cancellationToken);
        return quote.Succeeded ? TypedResults.Ok(PostageView.From(quote.Value)) : Problems.From(quote.Problem!);
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GiveAddress(
        Guid id, AddressRequest request, ClaimsPrincipal user, GiveAddressHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var given = await handler.HandleAsync(
            new Application.Applications.GiveAddress(id, user.ApplicantId(), request.Recipient, request.Phone, request.DivisionCode, request.Detail), cancellationToken);
        return given.Succeeded ? TypedResults.Ok(ApplicationView.From(given.Value, regions.Get(given.Value.RegionId))) : Problems.From(given.Problem!);
    }

    public static async Task<Results<Created<ApplicationView>, ProblemHttpResult>> UploadHouseholdPage(
        Guid id, IFormFile? file, ClaimsPrincipal user, UploadHouseholdPageHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var uploaded = await handler.HandleAsync(
            new Application.Applications.UploadHouseholdPage(id, user.ApplicantId(), await Uploads.ReadAsync(file, cancellationToken)), cancellationToken);
        return uploaded.Succeeded
            ? TypedResults.Created($"/api/applications/{id}", ApplicationView.From(uploaded.Value, regions.Get(uploaded.Value.RegionId)))
            : Problems.From(uploaded.Problem!);
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Cancel(
        Guid id, ClaimsPrincipal user, CancelApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var cancelled = await handler.HandleAsync(new CancelApplication(id, user.ApplicantId()), cancellationToken);
        return cancelled.Succeeded
            ? TypedResults.Ok(ApplicationView.From(cancelled.Value, regions.Get(cancelled.Value.RegionId)))
            : Problems.From(cancelled.Problem!);
    }

    public static async Task<Results<Ok<ProgressView>, ProblemHttpResult>> Progress(
        Guid id, ClaimsPrincipal user, GetApplicationHandler handler, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await handler.HandleAsync(new GetApplication(id, user.ApplicantId()), cancellationToken);
        return found.Succeeded
            ? TypedResults.Ok(ToProgress(found.Value, regions.Get(found.Value.RegionId), ChinaTime.DateOf(time.GetUtcNow())))
            : Problems.From(found.Problem!);
    }

    public static ProgressView ToProgress(ReissueApplication a, RegionPolicy region, DateOnly today) => new(
        a.Id,
        a.ApplicationNumber,
        a.State,
        a.State.Chinese(),
        ApplicationView.NextStepFor(a, region),
        a.DueDate,
        a.IsOverdue(today),
        a.PhotoNumber,
        a.TrackingNumber,
        a.DecisionReason,
        a.NewCardValidity is { } validity ? ValidityView.From(validity) : null,
        [.. a.Transitions.OrderBy(t => t.Sequence).Select(TimelineEntry.From)],
        a.HeldAsSuspectedImpersonation);

    public static EligibilityView ToEligibilityView(ReissueApplication application, RegionPolicy region)
    {
        var result = new EligibilityResult(application.UnmetConditions);
        return new EligibilityView(result.Eligible && application.State != ApplicationState.IdentityVerified, result.GoToPoliceWindow,
            result.UnmetConditions, application.State, ApplicationView.NextStepFor(application, region));
    }

    /// <summary>Logged where an application starts, by the API or the portal, with the ID number masked.</summary>
    internal static void LogStarted(ILogger logger, ReissueApplication application)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var masked = PersonalDataMask.CitizenId(application.CitizenId);
            LogStarted(logger, application.ApplicationNumber, application.RegionId, application.Case, masked);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationNumber} started in {Region} ({Case}) for {MaskedCitizenId}")]
    private static partial void LogStarted(ILogger logger, string applicationNumber, string region, ReissueCase @case, string maskedCitizenId);
}
