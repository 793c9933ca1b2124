using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;

namespace IdReissue.Application.Applications;

/// <summary>The postage to a delivery district, before the address is given.</summary>
public sealed record QuotePostage(Guid ApplicationId, Guid AccountId, string? DivisionCode);

public sealed class QuotePostageHandler(IApplicationStore applications, IRegionPolicies regions)
{
    public async Task<Result<PostageQuote>> HandleAsync(QuotePostage query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.ReadOwnAsync(query.ApplicationId, query.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        return regions.PolicyOf(application.RegionId).Postage.Quote(application.HouseholdDivisionCode, MailingAddress.DeliveryDistrict(query.DivisionCode));
    }
}
