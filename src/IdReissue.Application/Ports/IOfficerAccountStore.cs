using IdReissue.Application.Common;

namespace IdReissue.Application.Ports;

/// <summary>Officers' accounts: as log-in needs them, and as an administrator manages them.</summary>
public interface IOfficerAccountStore
{
    Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken);

    /// <summary>The officer an administrator linked to this single sign-on subject (<see cref="Officers.OfficerSsoLink.Key"/>), or null.</summary>
    Task<OfficerCredentials?> FindBySsoSubjectAsync(string ssoSubject, CancellationToken cancellationToken);

    /// <summary>Links the officer to a single sign-on subject, or unlinks them (null); saved with the unit of work.</summary>
    Task SetSsoSubjectAsync(string username, string? ssoSubject, CancellationToken cancellationToken);

    /// <summary>Whether the password is the officer's; hashed even for no officer (or one without a password yet), so the
    /// time taken does not tell which usernames exist.</summary>
    bool PasswordMatches(OfficerCredentials? officer, string password);

    /// <summary>Every officer whose regions are all within <paramref name="within"/>, by username.</summary>
    Task<IReadOnlyList<OfficerCredentials>> ListAsync(OfficerRegions within, CancellationToken cancellationToken);

    /// <summary>How many enabled officers hold the administrator role.</summary>
    Task<int> CountEnabledAdministratorsAsync(CancellationToken cancellationToken);

    /// <summary>Adds an officer without a password or second factor, waiting for its set-up link (saved with the unit of work).</summary>
    void Add(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, string setupTokenHash, DateTimeOffset setupExpiresAt);

    /// <summary>Changes name, roles and regions (saved with the unit of work).</summary>
    Task EditAsync(string username, string displayName, IReadOnlyList<string> roles, OfficerRegions regions, CancellationToken cancellationToken);

    Task SetDisabledAsync(string username, bool disabled, CancellationToken cancellationToken);

    /// <summary>Forgets the password, the second factor and the recovery codes and issues a new set-up link (saved with the unit of work).</summary>
    Task ResetAsync(string username, string setupTokenHash, DateTimeOffset setupExpiresAt, CancellationToken cancellationToken);

    /// <summary>The enabled officer whose unexpired set-up link has this digest, or null.</summary>
    Task<string?> FindBySetupTokenAsync(string setupTokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets the password (hashed here) and uses up the set-up link (saved with the unit of work).</summary>
    Task SetPasswordAsync(string username, string password, CancellationToken cancellationToken);

    /// <summary>Keeps a second-factor secret drawn for enrolment, not yet confirmed (saved with the unit of work).</summary>
    Task BeginSecondFactorAsync(string username, string secret, CancellationToken cancellationToken);

    /// <summary>The confirmed secret becomes the officer's second factor, its time-step used, with new recovery codes' digests
    /// replacing any old ones (saved with the unit of work).</summary>
    Task ConfirmSecondFactorAsync(string username, long usedTimeStep, IReadOnlyList<string> recoveryCodeHashes, CancellationToken cancellationToken);

    /// <summary>Claims a time-step of the officer's second factor at once, in one conditional statement: false when it, or a later
    /// one, was already used (a replayed code), even by a parallel request.</summary>
    Task<bool> ClaimTimeStepAsync(string username, long timeStep, CancellationToken cancellationToken);

    /// <summary>Uses up a recovery code at once (one conditional delete): false when it is not, or no longer, the officer's.</summary>
    Task<bool> UseRecoveryCodeAsync(string username, string recoveryCodeHash, CancellationToken cancellationToken);

    Task<int> CountRecoveryCodesAsync(string username, CancellationToken cancellationToken);
}

/// <summary>An officer's account. <see cref="SecondFactorSecret"/> is the confirmed TOTP secret, <see cref="PendingSecondFactorSecret"/>
/// one drawn for enrolment and not yet confirmed.</summary>
public sealed record OfficerCredentials(string Username, string PasswordHash, bool Disabled, IReadOnlyList<string> Roles, OfficerRegions Regions)
{
    public string DisplayName { get; init; } = Username;

    public bool HasPassword => PasswordHash.Length > 0;

    public string? SecondFactorSecret { get; init; }

    public string? PendingSecondFactorSecret { get; init; }

    public bool HasSecondFactor => SecondFactorSecret is not null;

    /// <summary>Until when the current set-up link works, if one is outstanding.</summary>
    public DateTimeOffset? SetupExpiresAt { get; init; }

    /// <summary>The single sign-on subject linked to this account (issuer and subject), or null.</summary>
    public string? SsoSubject { get; init; }
}
