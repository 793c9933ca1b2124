using IdReissue.Application.Ports;
using IdReissue.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfApplicantAccountStore(IdReissueDbContext db) : IApplicantAccountStore
{
    public Task<ApplicantAccount?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApplicantAccounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<ApplicantAccount?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApplicantAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<ApplicantAccount?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        var index = db.BlindIndex(BlindIndexKinds.Phone, phone);
        return db.ApplicantAccounts.SingleOrDefaultAsync(a => EF.Property<string>(a, PersonalDataColumns.AccountPhoneIndex) == index, cancellationToken);
    }

    public Task<bool> IsIdentityProvenElsewhereAsync(string citizenId, Guid accountId, CancellationToken cancellationToken)
    {
        var index = db.BlindIndex(BlindIndexKinds.CitizenId, citizenId);
        return db.ApplicantAccounts.AnyAsync(a => EF.Property<string?>(a, PersonalDataColumns.AccountProvenCitizenIdIndex) == index && a.Id != accountId, cancellationToken);
    }

    public void Add(ApplicantAccount account) => db.ApplicantAccounts.Add(account);
}
