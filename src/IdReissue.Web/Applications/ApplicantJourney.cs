using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;

namespace IdReissue.Web.Applications;

/// <summary>The portal page where an applicant continues, given where the application stands.</summary>
public static class ApplicantJourney
{
    public static string PageFor(ReissueApplication a, RegionPolicy region) => a.State switch
    {
        ApplicationState.Draft or ApplicationState.IdentityVerified or ApplicationState.Ineligible => $"/apply/{a.Id}/eligibility",
        _ when a.FaceVerificationPending => $"/apply/{a.Id}/face",
        ApplicationState.FaceVerified when a.NeedsLossReport(region) && a.LossReport is null => $"/apply/{a.Id}/loss-report",
        ApplicationState.FaceVerified or ApplicationState.LossReported => $"/apply/{a.Id}/address",
        ApplicationState.AddressGiven when region.RequiredDocuments.Contains(RequiredDocument.HouseholdRegisterPage) && a.HouseholdPageDocumentId is null =>
            $"/apply/{a.Id}/household-page",
        ApplicationState.AddressGiven => $"/apply/{a.Id}/payment",
        ApplicationState.PhotoPending => $"/apply/{a.Id}/photo",
        _ => $"/apply/{a.Id}",
    };
}
