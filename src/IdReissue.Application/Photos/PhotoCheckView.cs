using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Photos;

/// <summary>The portrait check's verdict on a submitted photo, and whether it is now bound to the application.</summary>
public sealed record PhotoCheckView(
    string PhotoNumber,
    string Verdict,
    bool Accepted,
    IReadOnlyList<PortraitReason> Reasons,
    IReadOnlyDictionary<string, double> Measures,
    ApplicationState State,
    string Message);
