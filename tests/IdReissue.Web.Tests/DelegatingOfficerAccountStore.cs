using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Web.Tests;

/// <summary>The service's own officer store, for a test to watch or hold one of its calls by overriding it; the rest as the store does it.</summary>
public abstract class DelegatingOfficerAccountStore(IOfficerAccountStore store) : IOfficerAccountStore
{
    public virtual Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken) =>
        store.FindAsync(username, cancellationToken);

    public virtual Task<OfficerCredentials?> FindBySsoSubjectAsync(string ssoSubject, CancellationToken cancellationToken) =>
        store.FindBySsoSubjectAsync(ssoSubject, cancellationToken);

    public virtual Task SetSsoSubjectAsync(string username, string? ssoSubject, CancellationToken cancellationToken) =>
        store.SetSsoSubjectAsync(username, ssoSubject, cancellationToken);

    public virtual bool PasswordMatches(OfficerCredentials? officer, string password) =>
        store.PasswordMatches(officer, password);

    public virtual Task<IReadOnlyList<OfficerCredentials>> ListAsync(OfficerRegions within, CancellationToken cancellationToken) =>
        store.ListAsync(within, cancellationToken);

    public virtual Task<int> CountEnabledAdministratorsAsync(CancellationToken cancellationToken) =>
        store.CountEnabledAdministratorsAsync(cancellationToken);

    public virtual void Add(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, string setupTokenHash, DateTimeOffset setupExpiresAt) =>
        store.Add(username, displayName, roles, regions, setupTokenHash, setupExpiresAt);

    public virtual Task EditAsync(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, CancellationToken cancellationToken) =>
        store.EditAsync(username, displayName, roles, regions, cancellationToken);

    public virtual Task SetDisabledAsync(string username, bool disabled, CancellationToken cancellationToken) =>
        store.SetDisabledAsync(username, disabled, cancellationToken);

    public virtual Task ResetAsync(string username, string setupTokenHash, DateTimeOffset setupExpiresAt, CancellationToken cancellationToken) =>
        store.ResetAsync(username, setupTokenHash, setupExpiresAt, cancellationToken);

    public virtual Task<string?> FindBySetupTokenAsync(string setupTokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.FindBySetupTokenAsync(setupTokenHash, now, cancellationToken);

    public virtual Task SetPasswordAsync(string username, string password, CancellationToken cancellationToken) =>
        store.SetPasswordAsync(username, password, cancellationToken);

    public virtual Task BeginSecondFactorAsync(string username, string secret, CancellationToken cancellationToken) =>
        store.BeginSecondFactorAsync(username, secret, cancellationToken);

    public virtual Task ConfirmSecondFactorAsync(string username, long usedTimeStep, IReadOnlyList<string> recoveryCodeHashes, CancellationToken cancellationToken) =>
        store.ConfirmSecondFactorAsync(username, usedTimeStep, recoveryCodeHashes, cancellationToken);

    public virtual Task<bool> ClaimTimeStepAsync(string username, long timeStep, CancellationToken cancellationToken) =>
        store.ClaimTimeStepAsync(username, timeStep, cancellationToken);

    public virtual Task<bool> UseRecoveryCodeAsync(string username, string recoveryCodeHash, CancellationToken cancellationToken) =>
        store.UseRecoveryCodeAsync(username, recoveryCodeHash, cancellationToken);

    public virtual Task<int> CountRecoveryCodesAsync(string username, CancellationToken cancellationToken) =>
        store.CountRecoveryCodesAsync(username, cancellationToken);
}
