using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class EfOfficerAccountStore(IdReissueDbContext db) : IOfficerAccountStore
{
    public async Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken) =>
        await db.Officers.AsNoTracking().SingleOrDefaultAsync(o => o.Username == username, cancellationToken) is { } o ? Credentials(o) : null;

    public async Task<OfficerCredentials?> FindBySsoSubjectAsync(string ssoSubject, CancellationToken cancellationToken) =>
        await db.Officers.AsNoTracking().SingleOrDefaultAsync(o => o.SsoSubject == ssoSubject, cancellationToken) is { } o ? Credentials(o) : null;

    public async Task SetSsoSubjectAsync(string username, string? ssoSubject, CancellationToken cancellationToken) =>
        (await TrackedAsync(username, cancellationToken)).SsoSubject = ssoSubject;

    public bool PasswordMatches(OfficerCredentials? officer, string password) =>
        PasswordHasher.Verify(password, officer is { HasPassword: true } ? officer.PasswordHash : PasswordHasher.Unmatchable);

    public async Task<IReadOnlyList<OfficerCredentials>> ListAsync(OfficerRegions within, CancellationToken cancellationToken) =>
        // Filtered here, not in SQL: the regions are one text a row, and a bureau's officers are few.
        (await db.Officers.AsNoTracking().OrderBy(o => o.Username).ToListAsync(cancellationToken)).Select(Credentials)
            .Where(o => within.Covers(o.Regions)).ToList();

    public async Task<int> CountEnabledAdministratorsAsync(CancellationToken cancellationToken) =>
        (await db.Officers.AsNoTracking().Where(o => !o.Disabled).Select(o => o.Roles).ToListAsync(cancellationToken))
            .Count(roles => Roles(roles).Contains(OfficerRights.Admin));

    public void Add(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, string setupTokenHash, DateTimeOffset setupExpiresAt) =>
        db.Officers.Add(new OfficerAccount
        {
            Username = username,
            DisplayName = displayName,
            PasswordHash = string.Empty,
            Roles = string.Join(',', roles),
            Regions = regions.ToString(),
            SetupTokenHash = setupTokenHash,
            SetupExpiresAt = setupExpiresAt,
        });

    public async Task EditAsync(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, CancellationToken cancellationToken)
    {
        var officer = await TrackedAsync(username, cancellationToken);
        officer.DisplayName = displayName;
        officer.Roles = string.Join(',', roles);
        officer.Regions = regions.ToString();
    }

    public async Task SetDisabledAsync(string username, bool disabled, CancellationToken cancellationToken) =>
        (await TrackedAsync(username, cancellationToken)).Disabled = disabled;

    public async Task ResetAsync(string username, string setupTokenHash, DateTimeOffset setupExpiresAt, CancellationToken cancellationToken)
    {
        var officer = await TrackedAsync(username, cancellationToken);
        officer.PasswordHash = string.Empty;
        officer.TotpSecret = null;
        officer.PendingTotpSecret = null;
        officer.TotpLastTimeStep = null;
        officer.SetupTokenHash = setupTokenHash;
        officer.SetupExpiresAt = setupExpiresAt;
        db.OfficerRecoveryCodes.RemoveRange(await db.OfficerRecoveryCodes.Where(c => c.Username == username).ToListAsync(cancellationToken));
    }

    public async Task<string?> FindBySetupTokenAsync(string setupTokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Compared in memory: SQLite cannot order or compare DateTimeOffset values in SQL.
        var officer = await db.Officers.AsNoTracking().Where(o => o.SetupTokenHash == setupTokenHash && !o.Disabled)
            .Select(o => new { o.Username, o.SetupExpiresAt }).SingleOrDefaultAsync(cancellationToken);
        return officer is { SetupExpiresAt: { } until } && until > now ? officer.Username : null;
    }

    public async Task SetPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var officer = await TrackedAsync(username, cancellationToken);
        officer.PasswordHash = PasswordHasher.Hash(password);
        officer.SetupTokenHash = null;
        officer.SetupExpiresAt = null;
    }

    public async Task BeginSecondFactorAsync(string username, string secret, CancellationToken cancellationToken) =>
        (await TrackedAsync(username, cancellationToken)).PendingTotpSecret = secret;

    public async Task ConfirmSecondFactorAsync(string username, long usedTimeStep, IReadOnlyList<string> recoveryCodeHashes, CancellationToken cancellationToken)
    {
        var officer = await TrackedAsync(username, cancellationToken);
        officer.TotpSecret = officer.PendingTotpSecret;
        officer.PendingTotpSecret = null;
        officer.TotpLastTimeStep = usedTimeStep;
        db.OfficerRecoveryCodes.RemoveRange(await db.OfficerRecoveryCodes.Where(c => c.Username == username).ToListAsync(cancellationToken));
        db.OfficerRecoveryCodes.AddRange(recoveryCodeHashes.Select(h => new OfficerRecoveryCode { Username = username, CodeHash = h }));
    }

    public async Task<bool> ClaimTimeStepAsync(string username, long timeStep, CancellationToken cancellationToken) =>
        await db.Officers.Where(o => o.Username == username && o.TotpSecret != null && (o.TotpLastTimeStep == null || o.TotpLastTimeStep < timeStep))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.TotpLastTimeStep, timeStep), cancellationToken) == 1;

    public async Task<bool> UseRecoveryCodeAsync(string username, string recoveryCodeHash, CancellationToken cancellationToken) =>
        await db.OfficerRecoveryCodes.Where(c => c.Username == username && c.CodeHash == recoveryCodeHash).ExecuteDeleteAsync(cancellationToken) == 1;

    public Task<int> CountRecoveryCodesAsync(string username, CancellationToken cancellationToken) =>
        db.OfficerRecoveryCodes.CountAsync(c => c.Username == username, cancellationToken);

    private async Task<OfficerAccount> TrackedAsync(string username, CancellationToken cancellationToken) =>
        await db.Officers.SingleOrDefaultAsync(o => o.Username == username, cancellationToken)
            ?? throw new InvalidOperationException($"No officer {username}.");

    private static string[] Roles(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static OfficerCredentials Credentials(OfficerAccount o) => new(o.Username, o.PasswordHash, o.Disabled, Roles(o.Roles), OfficerRegions.Parse(o.Regions))
    {
        DisplayName = o.DisplayName,
        SecondFactorSecret = o.TotpSecret,
        PendingSecondFactorSecret = o.PendingTotpSecret,
        SetupExpiresAt = o.SetupTokenHash is null ? null : o.SetupExpiresAt,
        SsoSubject = o.SsoSubject,
    };
}
