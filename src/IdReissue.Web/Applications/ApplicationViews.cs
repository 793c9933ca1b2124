using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Regions;

namespace IdReissue.Web.Applications;

/// <summary>An application as its applicant sees it: personal data masked.</summary>
public sealed record ApplicationView(
    Guid Id,
    string ApplicationNumber,
    string Region,
    string RegionName,
    ReissueCase Case,
    string CaseName,
    ApplicationState State,
    string StateName,
    string NextStep,
    string MaskedName,
    string MaskedCitizenId,
    string MaskedHouseholdNumber,
    decimal CardFeeYuan,
    IReadOnlyList<UnmetCondition> UnmetConditions,
    LossReportView? LossReport,
    AddressView? Address,
    PostageView? Postage,
    bool HouseholdPageUploaded,
    PhotoSource PhotoSource,
    string? PhotoNumber,
    DateOnly? DueDate,
    string? DecisionReason,
    ValidityView? NewCardValidity,
    string? TrackingNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool HeldAsSuspectedImpersonation)
{
    public static ApplicationView From(ReissueApplication a, RegionPolicy region) => new(
        a.Id,
        a.ApplicationNumber,
        a.RegionId,
        region.Name,
        a.Case,
        a.Case.Chinese(),
        a.State,
        a.State.Chinese(),
        NextStepFor(a, region),
        a.MaskedName,
        a.MaskedCitizenId,
        PersonalDataMask.HouseholdNumber(a.HouseholdNumber),
        a.CardFee.Yuan,
        a.UnmetConditions,
        a.LossReport is { } loss ? new LossReportView(loss.ReceiptNumber, loss.Place, ChinaTime.Local(loss.LostAt), ChinaTime.Local(loss.ReportedAt), loss.ReceiptWanted) : null,
        a.Address is { } address ? new AddressView(address.Recipient, PersonalDataMask.Phone(address.Phone), address.DivisionCode, address.Detail) : null,
        a.Postage is { } postage ? PostageView.From(postage) : null,
        a.HouseholdPageDocumentId is not null,
        a.PhotoSource,
        a.PhotoNumber,
        a.DueDate,
        a.DecisionReason,
        a.NewCardValidity is { } validity ? ValidityView.From(validity) : null,
        a.TrackingNumber,
        a.CreatedAt,
        a.UpdatedAt,
        a.HeldAsSuspectedImpersonation);

    /// <summary>The view an officer gets: like the applicant's, but the mailing address only to district level and
    /// the recipient's name masked; the full address is for the reveal right, which is audited.</summary>
    public static ApplicationView ForOfficer(ReissueApplication a, RegionPolicy region) =>
        From(a, region) with { Address = a.Address is { } address ? AddressView.Masked(address) : null };

    /// <summary>The next step, specific to the case and the region where the generic text is not enough.</summary>
    public static string NextStepFor(ReissueApplication a, RegionPolicy region) => a.State switch
    {
        _ when a.HeldAsSuspectedImpersonation => IdReissue.Application.HolderAlerts.DisownApplicationHandler.HeldMessage,
        ApplicationState.FaceVerified when a.NeedsLossReport(region) && a.LossReport is null => "请挂失原证（填写遗失地点和时间）。",
        ApplicationState.LossReported when a.FaceVerificationPending => "请进行实人认证（人脸识别），证明是证件持有人本人。",
        ApplicationState.AddressGiven when region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage) && a.HouseholdPageDocumentId is null =>
            "请上传本人户口页，然后确认办理须知并缴纳工本费。",
        _ => a.State.NextStep(),
    };
}

public sealed record LossReportView(string ReceiptNumber, string Place, DateTimeOffset LostAt, DateTimeOffset ReportedAt, bool ReceiptWanted);

/// <summary>A mailing address; <see cref="Detail"/> (street and number) is null where it is hidden.</summary>
public sealed record AddressView(string Recipient, string MaskedPhone, string DivisionCode, string? Detail)
{
    public static AddressView Masked(MailingAddress address) =>
        new(PersonalDataMask.Name(address.Recipient), PersonalDataMask.Phone(address.Phone), address.DivisionCode, null);
}

public sealed record PostageView(bool SameCity, decimal AmountYuan, bool PayOnDelivery, string Description)
{
    public static PostageView From(PostageQuote quote) => new(quote.SameCity, quote.Amount.Yuan, quote.PayOnDelivery, quote.Description);
}

public sealed record ValidityView(DateOnly IssuedOn, DateOnly? ValidUntil, bool LongTerm, string Description, string Printed)
{
    public static ValidityView From(CardValidity validity) => new(validity.IssuedOn, validity.ValidUntil, validity.LongTerm, validity.Description, validity.Printed);
}

public sealed record ApplicationSummary(Guid Id, string ApplicationNumber, string Region, ReissueCase Case, ApplicationState State, string StateName, DateTimeOffset CreatedAt);

public sealed record EligibilityView(bool Eligible, bool GoToPoliceWindow, IReadOnlyList<UnmetCondition> UnmetConditions, ApplicationState State, string NextStep);

public sealed record FaceVerificationView(string Outcome, string Message, ApplicationState State, string NextStep);

public sealed record ProgressView(
    Guid Id,
    string ApplicationNumber,
    ApplicationState State,
    string StateName,
    string NextStep,
    DateOnly? DueDate,
    bool Overdue,
    string? PhotoNumber,
    string? TrackingNumber,
    string? DecisionReason,
    ValidityView? NewCardValidity,
    IReadOnlyList<TimelineEntry> Timeline,
    bool HeldAsSuspectedImpersonation);

public sealed record TimelineEntry(int Sequence, DateTimeOffset At, ApplicationState State, string StateName, string By, string? Note)
{
    /// <summary>A step that changed nothing's state (an upload) is named by its note.</summary>
    public static TimelineEntry From(StateTransition t) => t.ChangesState
        ? new(t.Sequence, ChinaTime.Local(t.At), t.To, t.To.Chinese(), ByText(t.Actor.Kind), t.Note)
        : new(t.Sequence, ChinaTime.Local(t.At), t.To, t.Note ?? t.To.Chinese(), ByText(t.Actor.Kind), null);

    private static string ByText(ActorKind kind) => kind switch
    {
        ActorKind.Applicant => "申请人",
        ActorKind.Officer => "公安机关",
        ActorKind.Gateway => "外部系统",
        ActorKind.Holder => "证件持有人",
        _ => "系统",
    };
}
