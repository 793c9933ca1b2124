using IdReissue.Domain.Applications;

namespace IdReissue.Web.Photos;

/// <summary>Where an application stands with its photo, as the applicant or a studio holding the photo number sees it.</summary>
public sealed record PhotoStatusView(string? PhotoNumber, PhotoSource Source, bool AwaitingPhoto, bool Accepted, string MaskedName, ApplicationState State, string StateName);
