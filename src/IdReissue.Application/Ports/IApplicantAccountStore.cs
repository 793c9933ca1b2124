using IdReissue.Domain.Accounts;

namespace IdReissue.Application.Ports;

/// <summary>Applicants' accounts; what is loaded is tracked and written by <see cref="IUnitOfWork"/>.</summary>
public interface IApplicantAccountStore
{
    Task<ApplicantAccount?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>An account read for showing, not changed.</summary>
    Task<ApplicantAccount?> ReadAsync(Guid id, CancellationToken cancellationToken);

    Task<ApplicantAccount?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    /// <summary>Another account than <paramref name="accountId"/> has proven <paramref name="citizenId"/> by face.</summary>
    Task<bool> IsIdentityProvenElsewhereAsync(string citizenId, Guid accountId, CancellationToken cancellationToken);

    void Add(ApplicantAccount account);
}
