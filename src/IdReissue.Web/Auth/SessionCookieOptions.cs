namespace IdReissue.Web.Auth;

/// <summary>`Security:RequireSecureCookies`: mark the session cookie Secure even when TLS ends at a proxy in front.</summary>
public sealed class SessionCookieOptions
{
    public const string Section = "Security";

    public bool RequireSecureCookies { get; set; }
}
