using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.Officers;

/// <summary>Officers' accounts (section "Officers"): the second factor, set-up links and password rules.</summary>
public sealed class OfficerOptions
{
    public const string Section = "Officers";

    /// <summary>Every officer must sign in with a TOTP code (or a recovery code) after the password; one without a
    /// second factor enrols at the next sign-in. On unless configured off: the shipped appsettings.json (the sandbox's
    /// demo, `./run.sh`) turns it off, as it turns the sandbox and demo data on; production sets it true with them off.
    /// An officer who has enrolled always needs the code, whatever this says.</summary>
    public bool RequireSecondFactor { get; set; } = true;

    /// <summary>How long a set-up link (a new officer, a reset) works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SetupLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(8, 64)]
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>The name an authenticator app shows beside the officer's username.</summary>
    [Required]
    public string Issuer { get; set; } = "居民身份证补换领";

    /// <summary>The service's public address, for the set-up links printed on the command line (the pages show their own).</summary>
    public string? PublicUrl { get; set; }
}
