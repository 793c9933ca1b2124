using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Applications;

/// <summary>The mailing address for the new card; the postage follows from the region's rules.</summary>
public sealed record GiveAddress(Guid ApplicationId, Guid AccountId, string? Recipient, string? Phone, string? DivisionCode, string? Detail);

public sealed class GiveAddressHandler(IApplicationStore applications, IRegionPolicies regions, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(GiveAddress command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        var region = regions.PolicyOf(application.RegionId);
        var address = MailingAddress.From(command.Recipient, command.Phone, command.DivisionCode, command.Detail);
        application.GiveAddress(address, region.Postage.Quote(application.HouseholdDivisionCode, address.DivisionCode), region, time.GetUtcNow(),
            Actor.Applicant(command.AccountId));
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
