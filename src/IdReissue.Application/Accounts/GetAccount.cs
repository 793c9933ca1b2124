using IdReissue.Application.Ports;
using IdReissue.Domain.Accounts;

namespace IdReissue.Application.Accounts;

/// <summary>The signed-in applicant's account.</summary>
public sealed record GetAccount(Guid AccountId);

public sealed class GetAccountHandler(IApplicantAccountStore accounts)
{
    public async Task<ApplicantAccount> HandleAsync(GetAccount query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await accounts.ReadAsync(query.AccountId, cancellationToken) ?? throw new InvalidOperationException("The signed-in account does not exist.");
    }
}
