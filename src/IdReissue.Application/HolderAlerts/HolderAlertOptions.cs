using System.ComponentModel.DataAnnotations;

namespace IdReissue.Application.HolderAlerts;

/// <summary>Where the link in the holder's text message points (configuration section "HolderAlerts").</summary>
public sealed class HolderAlertOptions : IValidatableObject
{
    public const string Section = "HolderAlerts";

    /// <summary>The portal's public address, as residents reach it (the SMS template's registration names its domain).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080");

    /// <summary>An absolute http(s) address: anything else would text the holder a link that opens nothing.</summary>
    public bool IsValid => PublicBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" } && string.IsNullOrEmpty(PublicBaseUrl.Query);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsValid)
        {
            yield return new ValidationResult("HolderAlerts:PublicBaseUrl must be the portal's absolute http(s) address, without a query.", [nameof(PublicBaseUrl)]);
        }
    }

    /// <summary>The holder's link under the public address, keeping a path prefix (a portal served under /idcard/).</summary>
    public Uri LinkTo(string code) => new(new Uri(PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/"), HolderLinkCode.Path.TrimStart('/') + code);
}
