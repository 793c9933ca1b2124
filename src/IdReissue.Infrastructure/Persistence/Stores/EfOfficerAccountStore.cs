using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfOfficerAccountStore(IdReissueDbContext db) : IOfficerAccountStore
{
    public async Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken) =>
        await db.Officers.AsNoTracking().SingleOrDefaultAsync(o => o.Username == username, cancellationToken) is { } o
            ? new OfficerCredentials(o.Username, o.PasswordHash, o.Disabled, o.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), o.RegionId)
            : null;

    public bool PasswordMatches(OfficerCredentials? officer, string password) =>
        PasswordHasher.Verify(password, officer?.PasswordHash ?? PasswordHasher.Unmatchable);
}
