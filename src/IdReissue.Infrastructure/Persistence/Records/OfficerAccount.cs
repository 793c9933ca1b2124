namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A police officer's back-office account.</summary>
public sealed class OfficerAccount
{
    public required string Username { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>PBKDF2-SHA256 hash in the form "iterations.salt.hash" (base64).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Comma-separated <see cref="OfficerRoles"/>.</summary>
    public required string Roles { get; set; }

    /// <summary>The region whose applications this officer may see.</summary>
    public required string RegionId { get; set; }

    public bool Disabled { get; set; }
}

public static class OfficerRoles
{
    public const string Acceptance = "acceptance";
    public const string Review = "review";
    public const string Production = "production";
    public const string Admin = "admin";

    /// <summary>A right of its own, not implied by any role: see personal data unmasked. Every use is audited.</summary>
    public const string Reveal = "reveal";
}
