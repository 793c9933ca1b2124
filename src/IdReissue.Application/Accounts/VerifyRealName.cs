using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;

namespace IdReissue.Application.Accounts;

/// <summary>实名认证: the account's holder gives a name and citizen ID number, which the household registry must hold together.</summary>
public sealed record VerifyRealName(Guid AccountId, string? Name, string? CitizenId);

public sealed class VerifyRealNameHandler(IApplicantAccountStore accounts, IHouseholdRegistry registry, IUnitOfWork unitOfWork, TimeProvider time)
{
    public async Task<Result<ApplicantAccount>> HandleAsync(VerifyRealName command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var name = PersonName.Require(command.Name);
        var parsed = CitizenIdNumber.Parse(command.CitizenId, ChinaTime.DateOf(now));
        if (!parsed.IsValid)
        {
            return Problem.Invalid(parsed.Code!, parsed.Message!, "citizenId");
        }

        var account = await accounts.FindAsync(command.AccountId, cancellationToken) ?? throw new InvalidOperationException("The signed-in account does not exist.");
        if (account.CitizenId is not null)
        {
            return account.IsVerifiedAs(name, parsed.Number!.Value)
                ? account
                : Problem.Conflict(ApplicantAccount.AlreadyVerifiedCode, "本账号已完成实名认证，不能更换为其他身份。");
        }

        var resident = await registry.FindAsync(parsed.Number!.Value, cancellationToken);
        if (resident is null || resident.Name != name)
        {
            return Problem.Invalid("real_name_mismatch", "姓名与公民身份号码不一致，或人口信息库中无此记录，请核对。", "name");
        }

        // Only an account whose holder proved the identity by face keeps it from others: a claim by name and
        // number alone must not lock the real person out of their own identity.
        if (await accounts.IsIdentityProvenElsewhereAsync(resident.CitizenId, account.Id, cancellationToken))
        {
            return ProvenIdentity.HeldElsewhere;
        }

        account.VerifyRealName(resident, now);
        await unitOfWork.SaveAsync(cancellationToken);
        return account;
    }
}
