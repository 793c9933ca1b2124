namespace IdReissue.Web.Auth;

/// <summary>`Sessions:RequireSecureCookies`: mark the session cookie Secure even when TLS ends at a proxy in front.</summary>
public sealed class SessionCookieOptions
{
    public const string Section = "Sessions";

    public bool RequireSecureCookies { get; set; }
}
