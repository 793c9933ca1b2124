namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A police officer's back-office account.</summary>
public sealed class OfficerAccount
{
    public required string Username { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>PBKDF2-SHA256 hash in the form "iterations.salt.hash" (base64); empty until the officer sets one through
    /// their set-up link (a new account, or a reset).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Comma-separated roles (<see cref="Application.Officers.OfficerRights"/>).</summary>
    public required string Roles { get; set; }

    /// <summary>The regions whose applications this officer may see: "*" (every region), or region ids sorted and
    /// comma-separated (<see cref="Application.Common.OfficerRegions"/>); an account of one region holds just its id.</summary>
    public required string Regions { get; set; }

    public bool Disabled { get; set; }

    /// <summary>SHA-256 of the outstanding one-time set-up link's token, if one is outstanding.</summary>
    public string? SetupTokenHash { get; set; }

    public DateTimeOffset? SetupExpiresAt { get; set; }

    /// <summary>The confirmed TOTP secret (base32), encrypted at rest like personal data; null without a second factor.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>A secret drawn for enrolment, not yet confirmed by a code from the app (encrypted at rest).</summary>
    public string? PendingTotpSecret { get; set; }

    /// <summary>The last TOTP time-step used: a code of it or of an earlier one is refused (no replay).</summary>
    public long? TotpLastTimeStep { get; set; }

    /// <summary>The identity provider's subject an administrator linked to this account for single sign-on: the provider's
    /// issuer and its <c>sub</c> (<see cref="Application.Officers.OfficerSsoLink"/>); null when not linked.</summary>
    public string? SsoSubject { get; set; }
}

/// <summary>One of an officer's one-time recovery codes, stored as its SHA-256 only; deleted when used.</summary>
public sealed class OfficerRecoveryCode
{
    public required string Username { get; set; }

    public required string CodeHash { get; set; }
}

