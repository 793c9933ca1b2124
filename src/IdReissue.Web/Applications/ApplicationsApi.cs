using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using IdReissue.Application.Applications;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Accounts;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using IdReissue.Web.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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
        group.MapPost("/{id:guid}/face-verification", VerifyFace).DisableAntiforgery().Accepts<FaceVerificationForm>("multipart/form-data").WithName("VerifyFace")
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
        StartApplicationRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, IHouseholdRegistry registry,
        TimeProvider time, ILogger<StartApplicationRequest> logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var region = regions.Get(request.Region);
        if (request.Case is not { } reissueCase)
        {
            return Problems.Validation("case_required", "请选择办理类型：丢失补领（Loss）或损坏换领（Damage）。", "case");
        }

        var account = await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == user.ApplicantId(), cancellationToken);

        // Whatever the region's policy, an application is only ever for the account's own, real-name verified
        // identity; face verification then proves the person before anything acts on the card.
        if (account.CitizenId is null || account.RealName is null)
        {
            return Problems.Create(403, "real_name_required", "请先完成实名认证（姓名和公民身份号码），只能为本人申请补换领。");
        }

        var citizenIdInput = string.IsNullOrWhiteSpace(request.CitizenId) ? account.CitizenId : request.CitizenId;
        var nameInput = string.IsNullOrWhiteSpace(request.Name) ? account.RealName : request.Name;

        var parsed = CitizenIdNumber.Parse(citizenIdInput, ChinaTime.DateOf(now));
        if (!parsed.IsValid)
        {
            return Problems.Validation(parsed.Code!, parsed.Message!, "citizenId");
        }

        var citizenId = parsed.Number!;
        if (account.CitizenId is not null && account.CitizenId != citizenId.Value)
        {
            return Problems.Create(403, "not_account_holder", "只能为本账号实名认证的本人申请。");
        }

        var name = RealNameRequest.RequireName(nameInput);
        var householdNumber = (request.HouseholdNumber ?? string.Empty).Trim();
        if (householdNumber.Length is < 6 or > 20 || !householdNumber.All(char.IsAsciiDigit))
        {
            return Problems.Validation("household_number_invalid", "户号应为6至20位数字，可在户口簿首页查到。", "householdNumber");
        }

        if (await db.Applications.AnyAsync(a => a.OpenForAccount == account.Id, cancellationToken))
        {
            return OpenApplicationExists();
        }

        if (await ProvenIdentity.IsHeldElsewhereAsync(db, citizenId.Value, account.Id, cancellationToken))
        {
            return ProvenIdentity.HeldElsewhere();
        }

        // Only an application whose applicant passed face verification bars another: an unproven one (perhaps
        // started by someone who merely knows the name and number) must not block the real person.
        if (await OpenProvenApplicationExistsAsync(db, citizenId.Value, exceptId: null, cancellationToken))
        {
            return OpenApplicationForCitizenExists();
        }

        var resident = await registry.FindAsync(citizenId.Value, cancellationToken);
        if (resident is null)
        {
            return Problems.Validation("resident_not_found", "人口信息库中没有该公民身份号码的记录，请核对或到户籍所在地公安机关咨询。", "citizenId");
        }

        if (resident.Name != name)
        {
            return Problems.Validation("name_mismatch", "姓名与人口信息库登记的不一致，请按户口簿填写。", "name");
        }

        if (resident.HouseholdNumber != householdNumber)
        {
            return Problems.Validation("household_number_mismatch", "户号与人口信息库登记的不一致，请按户口簿首页的户号填写。", "householdNumber");
        }

        var application = ReissueApplication.Start(
            Guid.NewGuid(), ApplicationNumber.New(region.ProvinceCode, ChinaTime.DateOf(now)), account.Id, region, reissueCase,
            resident, citizenId.BirthDate, now, user.AsActor());
        db.Applications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request opened one first; the unique index kept the second out.
            db.ChangeTracker.Clear();
            if (await db.Applications.AsNoTracking().AnyAsync(a => a.OpenForAccount == account.Id, CancellationToken.None))
            {
                return OpenApplicationExists();
            }

            throw;
        }

        LogStarted(logger, application.ApplicationNumber, region.Id, reissueCase, citizenId.Masked);
        return TypedResults.Created($"/api/applications/{application.Id}", ApplicationView.From(application, region));
    }

    public static async Task<Ok<List<ApplicationSummary>>> List(ClaimsPrincipal user, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var accountId = user.ApplicantId();
        var applications = await db.Applications.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync(cancellationToken);
        return TypedResults.Ok(applications.OrderByDescending(a => a.CreatedAt)
            .Select(a => new ApplicationSummary(a.Id, a.ApplicationNumber, a.RegionId, a.Case, a.State, a.State.Chinese(), a.CreatedAt)).ToList());
    }

    public static async Task<Ok<ApplicationView>> Get(Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        return TypedResults.Ok(ApplicationView.From(application, regions.Get(application.RegionId)));
    }

    public static async Task<Ok<EligibilityView>> CheckEligibility(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, IHouseholdRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var region = regions.Get(application.RegionId);
        if (application.State != ApplicationState.IdentityVerified)
        {
            // Asking again after the decision is harmless: answer with the decision already made.
            return TypedResults.Ok(ToEligibilityView(application, region));
        }

        var resident = await registry.FindAsync(application.CitizenId, cancellationToken)
            ?? throw new DomainException("resident_not_found", "人口信息库中已没有该记录，请到公安机关窗口咨询。");
        var account = await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == application.AccountId, cancellationToken);
        var result = EligibilityPolicy.Evaluate(region, application.Case, resident,
            realNameVerified: account.CitizenId == application.CitizenId, ChinaTime.DateOf(now));
        application.RecordEligibility(result, region, now, Actor.System);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToEligibilityView(application, region));
    }

    public static async Task<Ok<ApplicationView>> ReportLoss(
        Guid id, LossReportRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, IHouseholdRegistry registry,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        if (request.LostAt is not { } lostAt)
        {
            throw new DomainException("loss_time_required", "请填写证件遗失的大致时间。");
        }

        var receiptNumber = string.Create(CultureInfo.InvariantCulture, $"GS{ChinaTime.DateOf(now):yyyyMMdd}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 100_000_000):D8}");
        application.ReportLoss(new LossReport
        {
            ReceiptNumber = receiptNumber,
            Place = (request.Place ?? string.Empty).Trim(),
            LostAt = lostAt.ToUniversalTime(),
            ReportedAt = now,
            ReceiptWanted = request.ReceiptWanted,
        }, now, user.AsActor());

        // The registry is told first: if it fails nothing is saved here and the applicant retries.
        await registry.MarkCardLostAsync(application.CitizenId, receiptNumber, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationView.From(application, regions.Get(application.RegionId)));
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

    public static async Task<Ok<PostageView>> QuotePostage(
        Guid id, PostageQuoteRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var divisionCode = RequireDeliveryDivision(request.DivisionCode);
        return TypedResults.Ok(PostageView.From(regions.Get(application.RegionId).Postage.Quote(application.HouseholdDivisionCode, divisionCode)));
    }

    public static async Task<Ok<ApplicationView>> GiveAddress(
        Guid id, AddressRequest request, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var region = regions.Get(application.RegionId);
        var divisionCode = RequireDeliveryDivision(request.DivisionCode);
        var recipient = (request.Recipient ?? string.Empty).Trim();
        if (recipient.Length is 0 or > MailingAddress.MaxRecipientLength)
        {
            throw new DomainException("recipient_invalid", $"请填写收件人姓名（1至{MailingAddress.MaxRecipientLength}个字）。");
        }

        var detail = (request.Detail ?? string.Empty).Trim();
        if (detail.Length is < 4 or > MailingAddress.MaxDetailLength)
        {
            throw new DomainException("address_detail_invalid", $"请填写详细地址（街道、门牌号，4至{MailingAddress.MaxDetailLength}个字）。");
        }

        var address = new MailingAddress { Recipient = recipient, Phone = PhoneNumber.Require(request.Phone), DivisionCode = divisionCode, Detail = detail };
        application.GiveAddress(address, region.Postage.Quote(application.HouseholdDivisionCode, divisionCode), region, time.GetUtcNow(), user.AsActor());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApplicationView.From(application, region));
    }

    public static async Task<Results<Created<ApplicationView>, ProblemHttpResult>> UploadHouseholdPage(
        Guid id, IFormFile? file, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, AbuseLimiter limiter, IOptions<AbuseLimitOptions> limits,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.LoadOwnAsync(id, user, cancellationToken);
        var region = regions.Get(application.RegionId);
        if (!region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage))
        {
            return Problems.Create(409, "document_not_required", $"{region.Name}无需上传户口页。");
        }

        var now = time.GetUtcNow();
        var previous = application.HouseholdPageDocumentId;
        application.RequireHouseholdPageAllowed();
        await limiter.LimitAsync($"household-page:{application.Id:N}", limits.Value.HouseholdPageUploadsPerApplicationPerDay, TimeSpan.FromDays(1),
            "household_page_too_frequent", "今日上传户口页次数过多，请{0}后再试。", cancellationToken);
        var bytes = await Uploads.ReadAsync(file, cancellationToken);
        await Uploads.RequireQuotaAsync(db, application.Id, bytes.Length, limits.Value.StoredBytesPerApplication, previous, cancellationToken);
        var stored = Uploads.StoreImage(db, bytes, Infrastructure.Persistence.Records.StoredFileKind.HouseholdRegisterPage, application.Id, now);
        application.AttachHouseholdPage(stored.Id, now);
        await db.SaveChangesAsync(cancellationToken);

        // A new page replaces the old one: only the page the officer will see is kept.
        if (previous is { } replaced)
        {
            await db.Files.Where(f => f.Id == replaced && f.ApplicationId == application.Id).ExecuteDeleteAsync(CancellationToken.None);
        }

        return TypedResults.Created($"/api/applications/{application.Id}", ApplicationView.From(application, region));
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Cancel(
        Guid id, ClaimsPrincipal user, CancelApplicationHandler handler, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var cancelled = await handler.HandleAsync(new CancelApplication(id, user.ApplicantId()), cancellationToken);
        return cancelled.Succeeded
            ? TypedResults.Ok(ApplicationView.From(cancelled.Value, regions.Get(cancelled.Value.RegionId)))
            : Problems.From(cancelled.Problem!);
    }

    public static async Task<Ok<ProgressView>> Progress(
        Guid id, ClaimsPrincipal user, IdReissueDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await LoadForProgress(db)(db, id, user.ApplicantId(), cancellationToken) ?? throw ApplicationStore.NotFound();
        return TypedResults.Ok(ToProgress(application, regions.Get(application.RegionId), ChinaTime.DateOf(time.GetUtcNow())));
    }

    /// <summary>The hottest read of the service, compiled once so EF Core skips its query cache lookup. A compiled
    /// query belongs to one model, and each host's model carries its own key ring, so it is compiled per model.</summary>
    private static readonly ConditionalWeakTable<IModel, Func<IdReissueDbContext, Guid, Guid, CancellationToken, Task<ReissueApplication?>>> ProgressQueries = [];

    private static Func<IdReissueDbContext, Guid, Guid, CancellationToken, Task<ReissueApplication?>> LoadForProgress(IdReissueDbContext db) =>
        ProgressQueries.GetValue(db.Model, _ => EF.CompileAsyncQuery((IdReissueDbContext context, Guid id, Guid accountId, CancellationToken _) =>
            context.Applications.AsNoTracking().Include(a => a.Transitions).SingleOrDefault(a => a.Id == id && a.AccountId == accountId)));

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

    private static EligibilityView ToEligibilityView(ReissueApplication application, RegionPolicy region)
    {
        var result = new EligibilityResult(application.UnmetConditions);
        return new EligibilityView(result.Eligible && application.State != ApplicationState.IdentityVerified, result.GoToPoliceWindow,
            result.UnmetConditions, application.State, ApplicationView.NextStepFor(application, region));
    }

    private static string RequireDeliveryDivision(string? input)
    {
        var code = (input ?? string.Empty).Trim();
        if (code.Length != 6 || AdministrativeDivisions.Official.Find(code) is not { Abolished: false } || code.EndsWith("0000", StringComparison.Ordinal))
        {
            throw new DomainException("division_code_invalid", "请选择有效的省、市、区（县）（6位行政区划代码）。");
        }

        return code;
    }

    internal static Task<bool> OpenProvenApplicationExistsAsync(IdReissueDbContext db, string citizenId, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Applications.AnyAsync(
            a => EF.Property<string>(a, PersonalDataColumns.ApplicationCitizenIdIndex) == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId)
                && a.OpenForAccount != null && a.FaceVerifiedAt != null && a.Id != exceptId,
            cancellationToken);

    internal const string OpenForCitizenCode = "application_already_open";
    internal const string OpenForCitizenMessage = "该公民身份号码已有一份办理中的申请，不能重复申请。";

    private static ProblemHttpResult OpenApplicationForCitizenExists() => Problems.Create(409, OpenForCitizenCode, OpenForCitizenMessage);

    private static ProblemHttpResult OpenApplicationExists() =>
        Problems.Create(409, "application_already_open", "您已有一份办理中的申请，请在“进度查询”中继续办理，不能重复申请。");

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationNumber} started in {Region} ({Case}) for {MaskedCitizenId}")]
    private static partial void LogStarted(ILogger logger, string applicationNumber, string region, ReissueCase @case, string maskedCitizenId);
}
