using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Regions;
using IdReissue.Domain.Registry;

namespace IdReissue.Domain.Applications;

/// <summary>
/// One resident's online re-issue application (居民身份证网上补换领申请). All changes go through
/// <see cref="TransitionTo"/>, which refuses anything <see cref="ApplicationStateMachine"/> does not list
/// and records who did what and when.
/// </summary>
public sealed class ReissueApplication
{
    private readonly List<StateTransition> _transitions = [];
    private List<UnmetCondition> _unmetConditions = [];

    private ReissueApplication()
    {
        ApplicationNumber = string.Empty;
        RegionId = string.Empty;
        CitizenId = string.Empty;
        Name = string.Empty;
        HouseholdNumber = string.Empty;
        HouseholdDivisionCode = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The number the applicant quotes (受理编号).</summary>
    public string ApplicationNumber { get; private set; }

    public Guid AccountId { get; private set; }

    /// <summary>Set to <see cref="AccountId"/> while the application is open, null once final: a unique
    /// index on it makes "one open application per account" hold even under concurrent requests.</summary>
    public Guid? OpenForAccount { get; private set; }

    public string RegionId { get; private set; }

    public ReissueCase Case { get; private set; }

    public string CitizenId { get; private set; }

    public string Name { get; private set; }

    public string HouseholdNumber { get; private set; }

    public string HouseholdDivisionCode { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public ApplicationState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two nodes cannot both move the same application.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<UnmetCondition> UnmetConditions => _unmetConditions;

    public LossReport? LossReport { get; private set; }

    public DateTimeOffset? FaceVerifiedAt { get; private set; }

    /// <summary>The holder, texted on the household registry's phone, said "不是我本人": the application stops until an officer decides.</summary>
    public DateTimeOffset? HolderDeniedAt { get; private set; }

    /// <summary>An officer checked the denial (the applicant proven to be the holder after all, at a window) and let the application go on.</summary>
    public DateTimeOffset? HolderDenialClearedAt { get; private set; }

    /// <summary>Stopped as suspected impersonation (疑似冒用): nothing moves it but an officer's rejection or clearance.</summary>
    public bool HeldAsSuspectedImpersonation => HolderDeniedAt is not null && HolderDenialClearedAt is null;

    public MailingAddress? Address { get; private set; }

    public PostageQuote? Postage { get; private set; }

    public Money CardFee { get; private set; }

    public Guid? HouseholdPageDocumentId { get; private set; }

    public DateTimeOffset? NoRefundAcknowledgedAt { get; private set; }

    public string? PaymentOrderNumber { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public PhotoSource PhotoSource { get; private set; }

    public string? PhotoNumber { get; private set; }

    public Guid? PhotoId { get; private set; }

    /// <summary>When every material was in: the service-level clock starts here.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public DateOnly? DueDate { get; private set; }

    /// <summary>The officer's reason for a rejection or a new-photo request, shown to the applicant.</summary>
    public string? DecisionReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public Guid? ProductionBatchId { get; private set; }

    public CardValidity? NewCardValidity { get; private set; }

    public string? TrackingNumber { get; private set; }

    public IReadOnlyList<StateTransition> Transitions => _transitions;

    public string MaskedCitizenId => PersonalDataMask.CitizenId(CitizenId);

    public string MaskedName => PersonalDataMask.Name(Name);

    /// <summary>Opens an application for a resident whose name, ID number and household number the registry confirmed.</summary>
    public static ReissueApplication Start(
        Guid id,
        string applicationNumber,
        Guid accountId,
        RegionPolicy region,
        ReissueCase reissueCase,
        ResidentRecord verifiedResident,
        DateOnly birthDate,
        DateTimeOffset now,
        Actor actor)
    {
        var application = new ReissueApplication
        {
            Id = id,
            ApplicationNumber = applicationNumber,
            AccountId = accountId,
            OpenForAccount = accountId,
            RegionId = region.Id,
            Case = reissueCase,
            CitizenId = verifiedResident.CitizenId,
            Name = verifiedResident.Name,
            HouseholdNumber = verifiedResident.HouseholdNumber,
            HouseholdDivisionCode = verifiedResident.HouseholdDivisionCode,
            BirthDate = birthDate,
            State = ApplicationState.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            CardFee = Money.Zero,
        };
        application._transitions.Add(new StateTransition(1, null, ApplicationState.Draft, now, actor, null));
        application.TransitionTo(ApplicationState.IdentityVerified, now, Actor.System, "姓名、公民身份号码、户号与人口信息库一致");
        return application;
    }

    public void RecordEligibility(EligibilityResult result, RegionPolicy region, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        RequireState(ApplicationState.IdentityVerified, "请先完成身份信息核验。");
        _unmetConditions = [.. result.UnmetConditions];
        if (result.Eligible)
        {
            CardFee = region.CardFee(Case);
            TransitionTo(ApplicationState.EligibilityChecked, now, actor, null);
        }
        else
        {
            TransitionTo(ApplicationState.Ineligible, now, actor, string.Join("；", result.UnmetConditions.Select(c => c.Message)));
        }
    }

    public void ReportLoss(LossReport report, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        if (Case != ReissueCase.Loss)
        {
            throw new DomainException("loss_report_not_applicable", "损坏换领无需挂失。", DomainErrorKind.Conflict);
        }

        // A loss report cancels a card in the registry: only the card's holder, proven by face, may do it.
        RequireState(ApplicationState.FaceVerified, State is ApplicationState.IdentityVerified or ApplicationState.EligibilityChecked
            ? "挂失须由证件持有人本人办理，请先完成实人认证（人脸识别），再进行挂失。"
            : "当前状态不能挂失。");
        if (string.IsNullOrWhiteSpace(report.Place) || report.Place.Length > LossReport.MaxPlaceLength)
        {
            throw new DomainException("loss_place_invalid", $"请填写证件遗失地点（1至{LossReport.MaxPlaceLength}个字）。");
        }

        if (report.LostAt > now)
        {
            throw new DomainException("loss_time_in_future", "遗失时间不能晚于当前时间。");
        }

        LossReport = report;
        TransitionTo(ApplicationState.LossReported, now, actor, $"挂失申报回执编号 {report.ReceiptNumber}");
    }

    public bool NeedsLossReport(RegionPolicy region) => Case == ReissueCase.Loss && region.LossReportRequired;

    public void RecordFaceVerified(DateTimeOffset now, Actor actor)
    {
        RequireFaceVerificationAllowed();
        FaceVerifiedAt = now;
        TransitionTo(ApplicationState.FaceVerified, now, actor, null);
    }

    /// <summary>
    /// The holder said, through the link texted to the registry's phone, that they are not the one applying. Said
    /// again, it changes nothing; after an officer cleared it, it is refused. A card already sent cannot be stopped,
    /// so from then on it is refused too.
    /// </summary>
    public void RecordHolderDenial(DateTimeOffset now)
    {
        if (State.IsFinal() || State is ApplicationState.Dispatched)
        {
            throw new DomainException("holder_denial_too_late", "该申请已办结或证件已寄出，无法在线停止办理。如证件被冒领，请立即报警（110）或到公安机关窗口反映。", DomainErrorKind.Conflict);
        }

        if (HeldAsSuspectedImpersonation)
        {
            return;
        }

        // The holder is texted only after 实人认证 or a loss report; before either, nothing acts on the card.
        if (FaceVerifiedAt is null && LossReport is null)
        {
            throw new DomainException("holder_denial_too_early", "该申请尚未通过实人认证，不会办理证件。如有疑问，请到公安机关户政窗口反映。", DomainErrorKind.Conflict);
        }

        // An officer has met the applicant and found them to be the holder: the registry's phone (perhaps a number
        // since given to someone else) cannot stop the application again; a doubt now goes to a window.
        if (HolderDenialClearedAt is not null)
        {
            throw new DomainException("holder_denial_cleared", "公安机关已当面核实本申请为证件持有人本人办理。如有疑问，请到公安机关户政窗口反映。", DomainErrorKind.Conflict);
        }

        HolderDeniedAt = now;
        Touch(now);
    }

    /// <summary>
    /// Refuses any step of an application its holder disowned, before anything is changed or any outside system is
    /// called (a waybill, a payment): the hold is checked first by every operation but the officer's decisions on it.
    /// </summary>
    public void RequireNotHeld()
    {
        if (HeldAsSuspectedImpersonation)
        {
            throw new DomainException("held_as_suspected_impersonation",
                "证件登记的持有人已声明“不是我本人办理”，该申请已暂停，由公安机关核查。如确为本人办理，请携带户口簿到公安机关窗口办理。", DomainErrorKind.Conflict);
        }
    }

    /// <summary>An officer found the applicant to be the holder after all (in person, at a window): the application goes on.</summary>
    public void ClearHolderDenial(string reason, DateTimeOffset now, Actor officer)
    {
        if (!HeldAsSuspectedImpersonation)
        {
            throw new DomainException("not_held", "该申请没有因“不是我本人”而暂停。", DomainErrorKind.Conflict);
        }

        RequireReason(reason);
        ArgumentNullException.ThrowIfNull(officer);
        HolderDenialClearedAt = now;
        Touch(now);
    }

    /// <summary>Face verification found the resident's appearance changed a lot: only a window can help.</summary>
    public void ReferToWindow(DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        if (!FaceVerificationPending)
        {
            throw OutOfOrder("当前状态不能进行实人认证。");
        }

        _unmetConditions = [EligibilityPolicy.AppearanceChanged];
        TransitionTo(ApplicationState.ReferredToWindow, now, actor, EligibilityPolicy.AppearanceChanged.Message);
    }

    /// <summary>Face verification comes right after the eligibility check, before anything acts on the card
    /// (a loss report cancels it in the registry) or holds the person's place (an open application). An
    /// application that reported the loss under the earlier order (loss report first) still owes it.</summary>
    public bool FaceVerificationPending =>
        State == ApplicationState.EligibilityChecked || (State == ApplicationState.LossReported && FaceVerifiedAt is null);

    public void RequireFaceVerificationAllowed()
    {
        RequireNotHeld();
        if (!FaceVerificationPending)
        {
            throw OutOfOrder(State is ApplicationState.Draft or ApplicationState.IdentityVerified
                ? "请先完成办理条件检查，再进行实人认证。"
                : "当前状态不能进行实人认证。");
        }
    }

    public void GiveAddress(MailingAddress address, PostageQuote postage, RegionPolicy region, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        if (FaceVerifiedAt is null || State is not (ApplicationState.FaceVerified or ApplicationState.LossReported or ApplicationState.AddressGiven))
        {
            throw OutOfOrder("请先完成实人认证，再填写邮寄地址。");
        }

        if (NeedsLossReport(region) && LossReport is null)
        {
            throw OutOfOrder("丢失补领须先挂失原证，再填写邮寄地址。");
        }

        Address = address;
        Postage = postage;
        TransitionTo(ApplicationState.AddressGiven, now, actor, postage.Description);
    }

    /// <summary>Checked before the upload is read and stored, so a page out of turn costs no storage.</summary>
    public void RequireHouseholdPageAllowed()
    {
        RequireNotHeld();
        if (FaceVerifiedAt is null || State is not (ApplicationState.FaceVerified or ApplicationState.LossReported or ApplicationState.AddressGiven))
        {
            throw OutOfOrder(FaceVerifiedAt is null
                ? "请先完成实人认证，再上传户口页。"
                : "当前状态不能上传户口页，须在缴费前上传。");
        }
    }

    public void AttachHouseholdPage(Guid documentId, DateTimeOffset now, Actor actor)
    {
        RequireHouseholdPageAllowed();
        var replaced = HouseholdPageDocumentId is not null;
        HouseholdPageDocumentId = documentId;
        // On the timeline like every other step the applicant took; the state stays what it was.
        _transitions.Add(new StateTransition(_transitions.Count + 1, State, State, now, actor, replaced ? "已重新上传户口页（替换此前上传的）" : "已上传户口页"));
        Touch(now);
    }

    /// <summary>Checks everything that must hold before money is taken.</summary>
    public void RequireReadyToPay(RegionPolicy region, bool acknowledgedNoRefund)
    {
        RequireNotHeld();
        if (State != ApplicationState.AddressGiven)
        {
            throw OutOfOrder(State is ApplicationState.Paid or ApplicationState.PhotoPending or ApplicationState.PhotoAccepted or ApplicationState.UnderReview
                ? "该申请已缴费，无需重复缴费。"
                : "请先完成前面的步骤（实人认证、填写邮寄地址），再缴费。");
        }

        if (region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage) && HouseholdPageDocumentId is null)
        {
            throw new DomainException("document_missing", $"{region.Name}要求上传本人户口页，请上传后再缴费。", DomainErrorKind.Conflict);
        }

        if (!acknowledgedNoRefund)
        {
            throw new DomainException("acknowledgement_required", "缴费前请确认：网上办理居民身份证后不能取消，工本费不予退还。");
        }
    }

    public void AcknowledgeNoRefund(DateTimeOffset now) => NoRefundAcknowledgedAt ??= now;

    /// <summary>The gateway confirmed payment. Decides the photo route in the same step.</summary>
    public void MarkPaid(string orderNumber, RegionPolicy region, WorkingDayCalendar calendar, DateOnly? historicPhotoTakenOn, Func<string> newPhotoNumber, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        if (State != ApplicationState.AddressGiven)
        {
            throw OutOfOrder("该申请当前不能确认缴费。");
        }

        PaymentOrderNumber = orderNumber;
        PaidAt = now;
        TransitionTo(ApplicationState.Paid, now, actor, $"工本费{CardFee}，订单号 {orderNumber}");

        var today = ChinaTime.DateOf(now);
        if (region.Photo.NeedsNewPhoto(historicPhotoTakenOn, today))
        {
            PhotoSource = PhotoSource.New;
            PhotoNumber = newPhotoNumber();
            TransitionTo(ApplicationState.PhotoPending, now, Actor.System, $"相片编号 {PhotoNumber}");
        }
        else
        {
            PhotoSource = PhotoSource.Historic;
            TransitionTo(ApplicationState.PhotoAccepted, now, Actor.System, "使用历史制证照片");
            SubmitForReview(region, calendar, now);
        }
    }

    /// <summary>A photo under this application's photo number passed the portrait check.</summary>
    /// <summary>A photo is only taken while the application waits for one (and its holder has not disowned it); its photo number then.</summary>
    public string RequirePhotoExpected()
    {
        RequireNotHeld();
        if (State != ApplicationState.PhotoPending || PhotoNumber is null)
        {
            throw new DomainException("photo_not_expected",
                PhotoSource == PhotoSource.Historic ? "本次办理使用历史制证照片，无需提交新照片。" : $"当前不需要提交照片（当前状态：{State.Chinese()}）。",
                DomainErrorKind.Conflict);
        }

        return PhotoNumber;
    }

    public void AcceptPhoto(Guid photoId, RegionPolicy region, WorkingDayCalendar calendar, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        RequireState(ApplicationState.PhotoPending, "当前不需要提交照片。");
        PhotoId = photoId;
        TransitionTo(ApplicationState.PhotoAccepted, now, actor, "照片检测合格");
        SubmitForReview(region, calendar, now);
    }

    public void Approve(DateTimeOffset now, Actor officer)
    {
        RequireNotHeld();
        RequireState(ApplicationState.UnderReview, "只有审核中的申请可以审核。");
        DecidedBy = officer.Id;
        DecisionReason = null;
        TransitionTo(ApplicationState.Approved, now, officer, null);
    }

    /// <summary>Rejects an application under review, or, at any step before the card is sent, one its holder disowned.</summary>
    public void Reject(string reason, DateTimeOffset now, Actor officer)
    {
        if (!HeldAsSuspectedImpersonation)
        {
            RequireState(ApplicationState.UnderReview, "只有审核中的申请可以审核。");
        }

        RequireReason(reason);
        DecidedBy = officer.Id;
        DecisionReason = reason.Trim();
        OpenForAccount = null;
        TransitionTo(ApplicationState.Rejected, now, officer, DecisionReason);
    }

    /// <summary>The officer wants a better photo: back to the photo step, under the same photo number.</summary>
    public void RequestNewPhoto(string reason, DateTimeOffset now, Actor officer)
    {
        RequireNotHeld();
        RequireState(ApplicationState.UnderReview, "只有审核中的申请可以要求重新提交照片。");
        RequireReason(reason);
        DecidedBy = officer.Id;
        DecisionReason = reason.Trim();
        PhotoSource = PhotoSource.New;
        PhotoId = null;
        TransitionTo(ApplicationState.PhotoPending, now, officer, DecisionReason);
    }

    public void StartProduction(Guid batchId, DateTimeOffset now, Actor officer)
    {
        RequireNotHeld();
        RequireState(ApplicationState.Approved, "只有审核通过的申请可以制证。");
        ProductionBatchId = batchId;
        NewCardValidity = CardValidity.For(BirthDate, ChinaTime.DateOf(now));
        TransitionTo(ApplicationState.InProduction, now, officer, $"有效期限 {NewCardValidity.Description}");
    }

    /// <summary>
    /// Where the card goes, checked before a waybill is booked (the courier's booking cannot be taken back): only a
    /// card in production, of an application its holder has not disowned, with an address.
    /// </summary>
    public MailingAddress RequireReadyForDispatch()
    {
        if (State != ApplicationState.InProduction || Address is not { } address)
        {
            throw new DomainException("step_out_of_order", $"只有制证中的申请可以寄出（当前状态：{State.Chinese()}）。", DomainErrorKind.Conflict);
        }

        RequireNotHeld();
        return address;
    }

    public void Dispatch(string trackingNumber, DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        RequireState(ApplicationState.InProduction, "只有制证中的申请可以寄出。");
        TrackingNumber = trackingNumber;
        TransitionTo(ApplicationState.Dispatched, now, actor, $"EMS运单号 {trackingNumber}");
    }

    public void Deliver(DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        RequireState(ApplicationState.Dispatched, "只有已寄出的证件可以签收。");
        OpenForAccount = null;
        TransitionTo(ApplicationState.Delivered, now, actor, null);
    }

    /// <summary>Cancellation is possible only before payment: afterwards the fee is final.</summary>
    public void Cancel(DateTimeOffset now, Actor actor)
    {
        RequireNotHeld();
        if (PaidAt is not null || State.IsFinal() || !ApplicationStateMachine.IsAllowed(State, ApplicationState.Cancelled))
        {
            throw new DomainException(
                "cancellation_not_allowed",
                PaidAt is not null ? "已缴费的申请不能取消，工本费不予退还。" : "该申请当前不能取消。",
                DomainErrorKind.Conflict);
        }

        OpenForAccount = null;
        TransitionTo(ApplicationState.Cancelled, now, actor, null);
    }

    /// <summary>Overdue against the service level: due date passed and not yet delivered.</summary>
    public bool IsOverdue(DateOnly today) => DueDate is { } due && today > due && State != ApplicationState.Delivered && !State.IsFinal();

    /// <summary>Materials are complete: the service-level clock starts on the first completion only,
    /// so a photo requested again by an officer does not move the promised date.</summary>
    private void SubmitForReview(RegionPolicy region, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (CompletedAt is null)
        {
            CompletedAt = now;
            DueDate = calendar.AddWorkingDays(ChinaTime.DateOf(now), region.ServiceLevelWorkingDays);
        }

        TransitionTo(ApplicationState.UnderReview, now, Actor.System, null);
    }

    private void TransitionTo(ApplicationState target, DateTimeOffset now, Actor actor, string? note)
    {
        if (target is not ApplicationState.Rejected)
        {
            RequireNotHeld();
        }

        if (!ApplicationStateMachine.IsAllowed(State, target))
        {
            throw new IllegalTransitionException(State, target);
        }

        var from = State;
        State = target;
        if (target.IsFinal())
        {
            OpenForAccount = null;
        }

        _transitions.Add(new StateTransition(_transitions.Count + 1, from, target, now, actor, note));
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    private void RequireState(ApplicationState expected, string message)
    {
        if (State != expected)
        {
            throw OutOfOrder(message);
        }
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 200)
        {
            throw new DomainException("reason_required", "请填写原因（1至200个字），申请人将看到该原因。");
        }
    }

    private DomainException OutOfOrder(string message) =>
        new("step_out_of_order", $"{message}（当前状态：{State.Chinese()}）", DomainErrorKind.Conflict);
}

/// <summary>A transition the state machine does not allow was attempted.</summary>
public sealed class IllegalTransitionException(ApplicationState from, ApplicationState to)
    : DomainException("illegal_transition", $"申请不能从“{from.Chinese()}”变为“{to.Chinese()}”。", DomainErrorKind.Conflict)
{
    public ApplicationState From { get; } = from;

    public ApplicationState To { get; } = to;
}
