using IdReissue.Application.Auth;
using IdReissue.Application.Ports;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IdReissue.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IdReissue.Web.Auth;

/// <summary>
/// Sessions kept in the database (only their SHA-256), so any node can authenticate any request and a
/// log-out takes effect everywhere at once. The API takes the token as a bearer header; the pages take
/// it from an HttpOnly cookie. The cookie never authenticates the API, so a forged cross-site form post
/// cannot reach an API command (the pages' own posts carry antiforgery tokens).
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ISessionStore sessions,
    IOfficerAccountStore officers,
    SessionCache cache,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = SessionToken.Read(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = TokenHash.Of(token);
        var now = time.GetUtcNow();
        if (cache.TryGet(hash, now) is { } cached)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(cached, SchemeName));
        }

        var session = await sessions.FindActiveAsync(hash, now, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("unknown or expired session");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.Subject),
            new(SessionClaims.Kind, session.Kind),
        };
        if (session.Kind == SessionKinds.Officer)
        {
            var officer = await officers.FindAsync(session.Subject, Context.RequestAborted);
            if (officer is null || officer.Disabled)
            {
                return AuthenticateResult.Fail("officer disabled");
            }

            // The regions as one claim in their stored form ("*", or "a,b"), read back by PrincipalExtensions.OfficerRegions.
            claims.Add(new Claim(SessionClaims.Regions, officer.Regions.ToString()));
            claims.AddRange(officer.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        if (session.Kind == SessionKinds.Applicant)
        {
            // Only applicants' sessions are remembered on the node (their progress queries are the hot path). An officer's
            // session and rights are read on every request, so a disabled, reset or demoted officer, or a session ended by
            // an administrator, loses access on every node at once.
            cache.Add(hash, principal, session.ExpiresAt, now);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!SessionToken.IsApi(Request))
        {
            Response.Redirect(SessionToken.LoginPageFor(Request));
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Errors.Problems.Create(401, "unauthenticated", "请先登录。").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!SessionToken.IsApi(Request))
        {
            Response.Redirect("/error/403");
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Errors.Problems.Create(403, "forbidden", "您的账号无权执行此操作。").ExecuteAsync(Context);
    }
}

public static class SessionClaims
{
    public const string Kind = "idreissue:kind";
    public const string Regions = "idreissue:regions";
}

public static class Policies
{
    public const string Applicant = "applicant";
    public const string Officer = "officer";
    public const string Reviewer = "reviewer";
    public const string Production = "production";
    public const string Reveal = "reveal";

    /// <summary>Refunds: the finance role (财务), implied by no other.</summary>
    public const string Finance = "finance";

    /// <summary>Officer accounts: administrators only.</summary>
    public const string Admin = "admin";

    /// <summary>An officer half-way through the log-in: the password was right, the second factor is owed.</summary>
    public const string OfficerPending = "officer-pending";

    /// <summary>Enrolling a second factor: signed in, or half-way through a log-in that requires one.</summary>
    public const string OfficerOrPending = "officer-or-pending";
}
