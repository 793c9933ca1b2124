using IdReissue.Domain.Identity;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;
using IdReissue.Web.Applications;

namespace IdReissue.Web.Review;

public sealed record QueueItem(
    Guid Id,
    string ApplicationNumber,
    string Region,
    ReissueCase Case,
    string CaseName,
    ApplicationState State,
    string StateName,
    string MaskedName,
    string MaskedCitizenId,
    DateTimeOffset? CompletedAt,
    DateOnly? DueDate,
    bool Overdue)
{
    public static QueueItem From(ReissueApplication a, DateOnly today) => new(
        a.Id, a.ApplicationNumber, a.RegionId, a.Case, a.Case.Chinese(), a.State, a.State.Chinese(), a.MaskedName, a.MaskedCitizenId,
        a.CompletedAt, a.DueDate, a.IsOverdue(today));
}

/// <summary>What an officer sees of one application: personal data masked.</summary>
public sealed record OfficerApplicationView(
    ApplicationView Application,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<PhotoSubmissionView> PhotoSubmissions,
    bool Overdue);

/// <param name="Fixed">Made by the photo fixer (生成合格照片) from an original the record keeps, and confirmed by the citizen.</param>
public sealed record PhotoSubmissionView(Guid Id, string SubmittedBy, DateTimeOffset SubmittedAt, string Verdict, string ReasonsJson, bool Fixed);

public sealed record DecisionRequest(string? Reason);

/// <summary>Unmasked personal data, returned only to the reveal right and recorded in the audit log.</summary>
public sealed record RevealedData(string Name, string CitizenId, string HouseholdNumber, string HouseholdPlace, string? Address)
{
    public static RevealedData From(ReissueApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new(application.Name, application.CitizenId, application.HouseholdNumber,
            AdministrativeDivisions.Official.Describe(application.HouseholdDivisionCode),
            application.Address is { } a ? $"{AdministrativeDivisions.Official.Describe(a.DivisionCode)} {a.Detail}（{a.Recipient} {a.Phone}）" : null);
    }
}
