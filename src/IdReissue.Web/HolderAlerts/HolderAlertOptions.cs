namespace IdReissue.Web.HolderAlerts;

/// <summary>Where the link in the holder's text message points (configuration section "HolderAlerts").</summary>
public sealed class HolderAlertOptions
{
    public const string Section = "HolderAlerts";

    /// <summary>The portal's public address, as residents reach it (the SMS template's registration names its domain).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080");
}
