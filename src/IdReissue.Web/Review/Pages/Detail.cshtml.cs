using IdReissue.Application.Ports;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IdReissue.Application.Common;
using IdReissue.Application.Delivery;
using IdReissue.Application.Review;
using IdReissue.Domain.Common;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Regions;
using IdReissue.Portrait;
using IdReissue.Web.Applications;
using IdReissue.Web.Auth;
using IdReissue.Web.Delivery;
using IdReissue.Portrait.Imaging;
using IdReissue.Portrait.Verification;
using IdReissue.Web.Photos;
using IdReissue.Web.Presentation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Review.Pages;

/// <summary>
/// One application on the officer's desk: masked until the officer asks to see it (recorded), the photo
/// with its measures and guides, and the decisions and hand-offs the officer's roles allow.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class DetailModel(
    RegionCatalog regions, PortraitEngine engine, FaceMatcher matcher, TimeProvider time,
    GetOfficerApplicationHandler detail, GetReviewEvidenceHandler evidence, GetRealPersonFramesHandler realPersonFrames,
    RevealPersonalDataHandler reveal, ViewHouseholdPageHandler householdPage, ViewFaceImagesHandler faceImages, ApproveApplicationHandler approve, RejectApplicationHandler reject,
    ClearHolderDenialHandler clearHolderDenial, RequestNewPhotoHandler requestNewPhoto, DispatchCardHandler dispatch, ConfirmDeliveryHandler confirmDelivery,
    IUnitOfWork unitOfWork)
    : FormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public OfficerApplicationView View { get; private set; } = null!;

    public ReissueApplication Application { get; private set; } = null!;

    public RegionPolicy Region { get; private set; } = null!;

    public RevealedData? Revealed { get; private set; }

    /// <summary>The uploaded 户口页 as an inline image, once an officer with the reveal right asked to see it.</summary>
    public string? HouseholdPageDataUrl { get; private set; }

    public PhotoVerdictView? Photo { get; private set; }

    public IReadOnlyList<MeasureMargin> Margins { get; private set; } = [];

    /// <summary>When the shown photo was made by the photo fixer: the photo the citizen gave (a preview).</summary>
    public string? FixedFromDataUrl { get; private set; }

    /// <summary>The shown photo was made by the photo fixer from one the citizen gave.</summary>
    public bool FixedFrom { get; private set; }

    public int PhotoAttempts { get; private set; }

    public FaceComparisonView? Faces { get; private set; }

    public RealPersonCheckView? RealPerson { get; private set; }

    public bool MayDecide => User.IsInRole("review") || User.IsInRole("admin");

    public bool MayProduce => User.IsInRole("production") || User.IsInRole("admin");

    public bool MayReveal => User.IsInRole("reveal");

    /// <summary>The face images are on the page: asked for by an officer with the reveal right, and audited.</summary>
    public bool FacesShown { get; private set; }

    /// <summary>There are face images the officer could ask to see.</summary>
    public bool HasFaceImages { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRevealAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!MayReveal)
        {
            return Forbid();
        }

        Revealed = RevealedData.From((await reveal.HandleAsync(new RevealPersonalData(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow());
        return Page();
    }

    /// <summary>The faces, on request: a post, not a link, like the 户口页; each viewing is an audit entry.</summary>
    public async Task<IActionResult> OnPostFacesAsync(CancellationToken cancellationToken)
    {
        if (!MayReveal)
        {
            await LoadAsync(cancellationToken);
            return Forbid();
        }

        (await faceImages.HandleAsync(new ViewFaceImages(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        await LoadAsync(cancellationToken, withFaces: true);
        return Page();
    }

    /// <summary>A post, not a link: a page preview or a prefetch must not open (and audit) the household's data.</summary>
    public async Task<IActionResult> OnPostHouseholdPageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!MayReveal)
        {
            return Forbid();
        }

        var page = (await householdPage.HandleAsync(new ViewHouseholdPage(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        HouseholdPageDataUrl = $"data:{page.ContentType};base64,{Convert.ToBase64String(page.Content)}";
        return Page();
    }

    /// <summary>审核通过 asks the officer to confirm that the evidence above it was looked at: an approval cannot be taken back.</summary>
    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        DecideAsync("approved", () => Input.EvidenceChecked
            ? approve.HandleAsync(new ApproveApplication(Id, User.AsOfficerScope()), cancellationToken)
            : throw new DomainException("evidence_not_confirmed", "请先核对证件照片、实人认证和人证比对结果，勾选“已核对”后再审核通过。"), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) =>
        DecideAsync("rejected", () => reject.HandleAsync(new RejectApplication(Id, User.AsOfficerScope(), Input.Reason), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostClearHolderDenialAsync(CancellationToken cancellationToken) =>
        DecideAsync("holder-cleared", () => clearHolderDenial.HandleAsync(new ClearHolderDenial(Id, User.AsOfficerScope(), Input.Reason), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRequestPhotoAsync(CancellationToken cancellationToken) =>
        DecideAsync("photo-requested", () => requestNewPhoto.HandleAsync(new RequestNewPhoto(Id, User.AsOfficerScope(), Input.Reason), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDispatchAsync(CancellationToken cancellationToken)
    {
        if (!MayProduce)
        {
            return Forbid();
        }

        return await AttemptAsync(async () =>
        {
            (await dispatch.HandleAsync(new DispatchCard(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/officer/applications/{Id}?done=dispatched");
        }, () => ReloadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostDeliverAsync(CancellationToken cancellationToken)
    {
        if (!MayProduce)
        {
            return Forbid();
        }

        return await AttemptAsync(async () =>
        {
            (await confirmDelivery.HandleAsync(new ConfirmDelivery(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
            return LocalRedirect($"/officer/applications/{Id}?done=delivered");
        }, () => ReloadAsync(cancellationToken));
    }

    protected override string? FieldFor(string code) => code switch
    {
        "reason_required" or "reason_invalid" => "reason",
        "evidence_not_confirmed" => "evidenceChecked",
        _ => null,
    };

    private async Task<IActionResult> DecideAsync(string done, Func<Task<Result<ReissueApplication>>> decide, CancellationToken cancellationToken)
    {
        if (!MayDecide)
        {
            return Forbid();
        }

        return await AttemptAsync(async () =>
        {
            (await decide()).ValueOrThrow();
            return LocalRedirect($"/officer/applications/{Id}?done={done}");
        }, () => ReloadAsync(cancellationToken));
    }

    /// <summary>After a refused command: whatever it changed before it was refused is dropped, not saved by the
    /// audit entry the reload writes.</summary>
    private Task ReloadAsync(CancellationToken cancellationToken)
    {
        unitOfWork.DiscardChanges();
        return LoadAsync(cancellationToken);
    }

    /// <summary>The page; the face images only <paramref name="withFaces"/> (verdicts, measures and similarities always).</summary>
    private async Task LoadAsync(CancellationToken cancellationToken, bool withFaces = false)
    {
        var found = (await detail.HandleAsync(new GetOfficerApplication(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        View = ReviewApi.ToView(found, regions, ChinaTime.DateOf(time.GetUtcNow()));
        Application = found.Application;
        Region = regions.Get(Application.RegionId);
        PhotoAttempts = View.PhotoSubmissions.Count;
        var panels = (await evidence.HandleAsync(new GetReviewEvidence(Id, User.AsOfficerScope()), cancellationToken)).ValueOrThrow();
        if (panels.Photo is { Image: { } image } photo)
        {
            ShowPhoto(photo.Submission, image, photo.Original, withFaces);
        }

        // The images are encoded (and the action frames read) only when shown.
        Faces = FaceComparisonView.Of(panels, matcher.Policy, withFaces);
        RealPerson = await RealPersonCheckView.LoadAsync(realPersonFrames, panels, Id, User.AsOfficerScope(), withFaces, cancellationToken);
        HasFaceImages = panels.Photo?.Image is not null || panels.Faces is { RegistryPhoto: not null } or { Capture: not null } || RealPerson?.HasFrames == true;
        FacesShown = withFaces;
    }

    /// <summary>Images of old failed submissions are not kept (only their verdicts): such a submission shows no photo.</summary>
    private void ShowPhoto(SubmittedPhoto submission, FileContent image, byte[]? original, bool withImages)
    {
        var measures = JsonSerializer.Deserialize<Dictionary<string, double>>(submission.MeasuresJson) ?? [];
        var reasons = JsonSerializer.Deserialize<List<PortraitReason>>(submission.ReasonsJson) ?? [];
        var spec = engine.Specifications.Find(Region.Photo.Specification);
        var passed = submission.Verdict == PortraitVerdictKind.Pass;
        Photo = new PhotoVerdictView(withImages ? PhotoVerdictView.DataUrl(image.Content, image.ContentType) : null, passed, submission.Verdict == PortraitVerdictKind.Error, reasons,
            PhotoGuides.From(measures, spec), passed ? $"由{(submission.SubmittedBy == "studio" ? "照相馆" : "申请人")}提交，自动检测合格。" : "最近一次提交未通过自动检测。");
        Margins = spec is null ? [] : PhotoMargins.Of(measures, spec);
        FixedFrom = original is not null;
        if (original is not null && withImages)
        {
            FixedFromDataUrl = JpegWriter.Preview(original, 600) is { } preview ? PhotoVerdictView.DataUrl(preview, "image/jpeg") : null;
        }
    }
}

public sealed class DecisionInput
{
    [Display(Name = "审核意见（申请人可见）")]
    public string? Reason { get; set; }

    [Display(Name = "我已核对申请人信息、证件照片、实人认证和人证比对结果")]
    public bool EvidenceChecked { get; set; }
}

