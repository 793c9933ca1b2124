using System.Collections.Frozen;

namespace IdReissue.Domain.Applications;

/// <summary>
/// Every transition an application may take. Anything not listed here is impossible:
/// <see cref="ReissueApplication"/> consults this table before changing state.
/// </summary>
public static class ApplicationStateMachine
{
    private static readonly FrozenDictionary<ApplicationState, FrozenSet<ApplicationState>> Allowed =
        new Dictionary<ApplicationState, FrozenSet<ApplicationState>>
        {
            [ApplicationState.Draft] = Set(ApplicationState.IdentityVerified, ApplicationState.Cancelled),
            [ApplicationState.IdentityVerified] = Set(ApplicationState.EligibilityChecked, ApplicationState.Ineligible, ApplicationState.Cancelled),
            // Face verification proves the applicant is the card's holder before anything acts on the card.
            [ApplicationState.EligibilityChecked] = Set(ApplicationState.FaceVerified, ApplicationState.ReferredToWindow, ApplicationState.Cancelled),
            // Rejected from FaceVerified up to InProduction only for an application its holder disowned
            // (ReissueApplication.Reject checks HeldAsSuspectedImpersonation); otherwise only from UnderReview.
            [ApplicationState.FaceVerified] = Set(ApplicationState.LossReported, ApplicationState.AddressGiven, ApplicationState.Cancelled, ApplicationState.Rejected),
            // FaceVerified and ReferredToWindow from LossReported only for an application that reported the loss
            // under the earlier order and so still owes face verification (the application checks FaceVerifiedAt).
            [ApplicationState.LossReported] = Set(ApplicationState.AddressGiven, ApplicationState.FaceVerified, ApplicationState.ReferredToWindow, ApplicationState.Cancelled, ApplicationState.Rejected),
            [ApplicationState.AddressGiven] = Set(ApplicationState.AddressGiven, ApplicationState.Paid, ApplicationState.Cancelled, ApplicationState.Rejected),
            [ApplicationState.Paid] = Set(ApplicationState.PhotoPending, ApplicationState.PhotoAccepted, ApplicationState.Rejected),
            [ApplicationState.PhotoPending] = Set(ApplicationState.PhotoAccepted, ApplicationState.Rejected),
            [ApplicationState.PhotoAccepted] = Set(ApplicationState.UnderReview, ApplicationState.Rejected),
            [ApplicationState.UnderReview] = Set(ApplicationState.Approved, ApplicationState.Rejected, ApplicationState.PhotoPending),
            [ApplicationState.Approved] = Set(ApplicationState.InProduction, ApplicationState.Rejected),
            [ApplicationState.InProduction] = Set(ApplicationState.Dispatched, ApplicationState.Rejected),
            [ApplicationState.Dispatched] = Set(ApplicationState.Delivered),
            [ApplicationState.Ineligible] = Set(),
            [ApplicationState.ReferredToWindow] = Set(),
            [ApplicationState.Rejected] = Set(),
            [ApplicationState.Delivered] = Set(),
            [ApplicationState.Cancelled] = Set(),
        }.ToFrozenDictionary();

    public static bool IsAllowed(ApplicationState from, ApplicationState to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlySet<ApplicationState> TargetsOf(ApplicationState from) =>
        Allowed.TryGetValue(from, out var targets) ? targets : FrozenSet<ApplicationState>.Empty;

    private static FrozenSet<ApplicationState> Set(params ApplicationState[] states) => states.ToFrozenSet();
}
