using IdReissue.Application.Accounts;
using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Domain.Regions;
using IdReissue.Domain.Registry;

namespace IdReissue.Application.Applications;

/// <summary>
/// Start a re-issue application in <paramref name="Region"/> for the account's own, real-name verified identity.
/// <paramref name="CitizenId"/> and <paramref name="Name"/>, when given, must be that identity's.
/// </summary>
public sealed record StartApplication(Guid AccountId, string? Region, ReissueCase? Case, string? HouseholdNumber, string? CitizenId = null, string? Name = null);

public sealed class StartApplicationHandler(
    IApplicantAccountStore accounts, IApplicationStore applications, IRegionPolicies regions, IHouseholdRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ReissueApplication>> HandleAsync(StartApplication command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var region = regions.PolicyOf(command.Region);
        if (command.Case is not { } reissueCase)
        {
            return Problem.Invalid("case_required", "请选择办理类型：丢失补领（Loss）或损坏换领（Damage）。", "case");
        }

        var account = await accounts.ReadAsync(command.AccountId, cancellationToken) ?? throw new InvalidOperationException("The signed-in account does not exist.");

        // Whatever the region's policy, an application is only ever for the account's own, real-name verified
        // identity; face verification then proves the person before anything acts on the card.
        if (!account.HasRealName)
        {
            return Problem.Forbidden("real_name_required", "请先完成实名认证（姓名和公民身份号码），只能为本人申请补换领。");
        }

        var parsed = CitizenIdNumber.Parse(string.IsNullOrWhiteSpace(command.CitizenId) ? account.CitizenId : command.CitizenId, ChinaTime.DateOf(now));
        if (!parsed.IsValid)
        {
            return Problem.Invalid(parsed.Code!, parsed.Message!, "citizenId");
        }

        var citizenId = parsed.Number!;
        if (account.CitizenId != citizenId.Value)
        {
            return Problem.Forbidden("not_account_holder", "只能为本账号实名认证的本人申请。");
        }

        var name = PersonName.Require(string.IsNullOrWhiteSpace(command.Name) ? account.RealName : command.Name);
        if (!Domain.Registry.HouseholdNumber.TryNormalize(command.HouseholdNumber, out var householdNumber))
        {
            return Problem.Invalid(Domain.Registry.HouseholdNumber.InvalidCode, Domain.Registry.HouseholdNumber.InvalidMessage, "householdNumber");
        }

        if (await applications.AccountHasOpenApplicationAsync(account.Id, cancellationToken))
        {
            return OpenApplications.OpenForAccount;
        }

        if (await accounts.IsIdentityProvenElsewhereAsync(citizenId.Value, account.Id, cancellationToken))
        {
            return ProvenIdentity.HeldElsewhere;
        }

        // Only an application whose applicant passed face verification bars another: an unproven one (perhaps
        // started by someone who merely knows the name and number) must not block the real person.
        if (await applications.OpenProvenApplicationExistsAsync(citizenId.Value, exceptId: null, cancellationToken))
        {
            return OpenApplications.OpenForCitizen;
        }

        var resident = await registry.FindAsync(citizenId.Value, cancellationToken);
        if (Mismatch(resident, name, householdNumber) is { } mismatch)
        {
            return mismatch;
        }

        var application = ReissueApplication.Start(
            Guid.NewGuid(), ApplicationNumber.New(region.ProvinceCode, ChinaTime.DateOf(now)), account.Id, region, reissueCase,
            resident!, citizenId.BirthDate, now, Actor.Applicant(account.Id));
        applications.Add(application);
        if (await unitOfWork.TrySaveAsync(cancellationToken))
        {
            return application;
        }

        // A concurrent request opened one first; the unique index kept the second out.
        return await applications.AccountHasOpenApplicationAsync(account.Id, CancellationToken.None)
            ? OpenApplications.OpenForAccount
            : ApplicationProblems.ConcurrentUpdate;
    }

    /// <summary>The registry must know the number, under the name and household number given.</summary>
    private static Problem? Mismatch(ResidentRecord? resident, string name, string householdNumber) =>
        resident is null ? Problem.Invalid("resident_not_found", "人口信息库中没有该公民身份号码的记录，请核对或到户籍所在地公安机关咨询。", "citizenId")
        : resident.Name != name ? Problem.Invalid("name_mismatch", "姓名与人口信息库登记的不一致，请按户口簿填写。", "name")
        : resident.HouseholdNumber != householdNumber ? Problem.Invalid("household_number_mismatch", "户号与人口信息库登记的不一致，请按户口簿首页的户号填写。", "householdNumber")
        : null;
}
