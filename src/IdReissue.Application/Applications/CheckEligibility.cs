using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Applications;

/// <summary>Check the application against its region's rules with what the registry holds; asked again after the decision, it answers with the decision made.</summary>
public sealed record CheckEligibility(Guid ApplicationId, Guid AccountId);

public sealed class CheckEligibilityHandler(
    IApplicationStore applications, IApplicantAccountStore accounts, IRegionPolicies regions, IHouseholdRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(CheckEligibility command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindOwnAsync(command.ApplicationId, command.AccountId, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        if (application.State != ApplicationState.IdentityVerified)
        {
            return application;
        }

        var now = time.GetUtcNow();
        var region = regions.PolicyOf(application.RegionId);
        var resident = await registry.FindAsync(application.CitizenId, cancellationToken)
            ?? throw new DomainException("resident_not_found", "人口信息库中已没有该记录，请到公安机关窗口咨询。");
        var account = await accounts.ReadAsync(application.AccountId, cancellationToken) ?? throw new InvalidOperationException("The application's account does not exist.");
        var result = EligibilityPolicy.Evaluate(region, application.Case, resident, realNameVerified: account.CitizenId == application.CitizenId, ChinaTime.DateOf(now));
        application.RecordEligibility(result, region, now, Actor.System);
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}
