using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.Officers;

/// <summary>
/// Single sign-on for officers through the bureau's OpenID Connect provider (section "Officers:Oidc"), off unless
/// <see cref="Enabled"/>. The provider only proves who someone is: an administrator links its subject to an existing
/// officer account, so the provider never creates an account and never grants a role or a region.
/// </summary>
public sealed class OfficerOidcOptions
{
    public const string Section = "Officers:Oidc";

    public bool Enabled { get; set; }

    /// <summary>The provider's issuer (its discovery document is read from here, and its tokens must name it as <c>iss</c>).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret, or <see cref="ClientSecretFile"/>: a file holding it (a mounted secret), read at start.</summary>
    public string? ClientSecret { get; set; }

    public string? ClientSecretFile { get; set; }

    /// <summary>The claim of the provider's id_token that holds the subject an administrator links (default <c>sub</c>: stable and
    /// never reassigned; a username claim can be renamed or reused and is not recommended).</summary>
    [Required]
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>The button's label on the officer log-in page.</summary>
    [Required]
    [StringLength(30)]
    public string DisplayName { get; set; } = "统一身份认证";

    /// <summary>Whether the provider may stand in for the second factor: when on (the default), a sign-in whose <c>amr</c> says the
    /// provider used several factors ("mfa", "otp", "hwk", "swk") counts as both factors; without it the officer still gives the TOTP code.</summary>
    public bool AcceptProviderMfa { get; set; } = true;

    /// <summary>Plain HTTP to the provider, for a loopback provider in tests only; production providers are HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The issuer as links store it (no trailing slash), or null when single sign-on is off.</summary>
    public string? Issuer => Enabled && !string.IsNullOrWhiteSpace(Authority) ? OfficerSsoLink.NormalizeIssuer(Authority) : null;
}

/// <summary>How a provider's subject is stored on the officer's account: the issuer and the subject together, so a subject of
/// another provider (or of the same provider after the bureau moves to another) never matches.</summary>
public static class OfficerSsoLink
{
    /// <summary>Methods in <c>amr</c> (RFC 8176) that mean more than a password was used.</summary>
    public static readonly IReadOnlySet<string> MultiFactorMethods = new HashSet<string>(StringComparer.Ordinal) { "mfa", "otp", "hwk", "swk" };

    public static string NormalizeIssuer(string issuer) => (issuer ?? string.Empty).Trim().TrimEnd('/');

    public static string Key(string issuer, string subject) => $"{NormalizeIssuer(issuer)}#{subject}";

    /// <summary>The subject part of a stored link, as the administrator entered it.</summary>
    public static string? SubjectOf(string? key) => key is null ? null : key[(key.LastIndexOf('#') + 1)..];
}
