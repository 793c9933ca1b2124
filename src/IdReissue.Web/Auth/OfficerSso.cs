using System.Security.Claims;
using IdReissue.Application.Abuse;
using IdReissue.Application.Auth;
using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Web.Abuse;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IdReissue.Web.Auth;

/// <summary>
/// Officers' single sign-on through the bureau's OpenID Connect provider (<c>Officers:Oidc</c>, off unless enabled):
/// authorization code flow with PKCE, the id_token checked by ASP.NET Core (signature against the provider's keys,
/// issuer, audience, lifetime, nonce). The provider's answer never becomes a session by itself: its issuer and subject
/// go to <see cref="LogInOfficerBySsoHandler"/>, which finds the account an administrator linked them to and opens the
/// service's own officer session exactly as the password does (the same cookie, read from the database on every
/// request, so disabling or resetting the officer ends it). Refusals land on the log-in page with a Chinese message.
/// </summary>
public static class OfficerSso
{
    public const string SchemeName = "officer-oidc";

    public const string StartPath = "/officer/login/sso";

    public const string CallbackPath = "/officer/login/sso/callback";

    private const string ReturnUrlItem = "idr.returnUrl";

    public static AuthenticationBuilder AddOfficerSso(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var settings = configuration.GetSection(OfficerOidcOptions.Section).Get<OfficerOidcOptions>() ?? new OfficerOidcOptions();
        if (!settings.Enabled)
        {
            return authentication;
        }

        if (string.IsNullOrWhiteSpace(settings.Authority) || string.IsNullOrWhiteSpace(settings.ClientId))
        {
            throw new InvalidOperationException("Officers:Oidc:Enabled is set, but Officers:Oidc:Authority or Officers:Oidc:ClientId is missing.");
        }

        var secret = !string.IsNullOrEmpty(settings.ClientSecret) ? settings.ClientSecret
            : !string.IsNullOrEmpty(settings.ClientSecretFile) ? File.ReadAllText(settings.ClientSecretFile).Trim()
            : throw new InvalidOperationException("Officers:Oidc:Enabled is set, but neither Officers:Oidc:ClientSecret nor Officers:Oidc:ClientSecretFile is.");
        var secureCookies = configuration.GetValue<bool>($"{SessionCookieOptions.Section}:{nameof(SessionCookieOptions.RequireSecureCookies)}");

        return authentication.AddOpenIdConnect(SchemeName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = secret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax like the
            // session's (a form_post back would need SameSite=None).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.CallbackPath = CallbackPath;
            options.Scope.Clear();
            options.Scope.Add(OpenIdConnectScope.OpenId);
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.TokenValidationParameters.NameClaimType = settings.SubjectClaim;
            // Never used to sign in: the ticket is turned into the service's own session and the response handled.
            options.SignInScheme = SessionAuthenticationHandler.SchemeName;
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            }

            options.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = TicketReceivedAsync,
                OnRemoteFailure = RemoteFailureAsync,
            };
        });
    }

    public static IEndpointRouteBuilder MapOfficerSso(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(StartPath, (string? returnUrl, OfficerOidcOptions sso) =>
        {
            if (!sso.Enabled)
            {
                return Results.NotFound();
            }

            var properties = new AuthenticationProperties();
            properties.Items[ReturnUrlItem] = SafeReturnUrl(returnUrl);
            return Results.Challenge(properties, [SchemeName]);
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<OfficerOidcOptions>();
        var principal = context.Principal ?? new ClaimsPrincipal();
        var subject = principal.FindFirst(settings.SubjectClaim);
        var methods = principal.FindAll("amr").Select(c => c.Value).ToList();
        var handler = http.RequestServices.GetRequiredService<LogInOfficerBySsoHandler>();
        context.HandleResponse();
        Result<SessionOpened> result;
        try
        {
            result = await handler.HandleAsync(
                new LogInOfficerBySso(subject?.Issuer ?? string.Empty, subject?.Value ?? string.Empty, methods, ClientNetworks.KeyOf(http)), http.RequestAborted);
        }
        catch (RateLimitedException limited)
        {
            context.Response.Redirect($"/officer/login?sso={limited.Code}");
            return;
        }

        if (!result.Succeeded)
        {
            context.Response.Redirect($"/officer/login?sso={result.Problem!.Code}");
            return;
        }

        var cookies = http.RequestServices.GetRequiredService<IOptions<SessionCookieOptions>>().Value;
        SessionToken.Write(context.Response, result.Value.Token, result.Value.ExpiresAt, cookies.RequireSecureCookies);
        var returnUrl = context.Properties?.Items.TryGetValue(ReturnUrlItem, out var stored) == true ? SafeReturnUrl(stored) : "/officer";
        context.Response.Redirect(Pages.OfficerLoginModel.NextPage(result.Value, returnUrl));
    }

    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var handler = context.HttpContext.RequestServices.GetRequiredService<LogInOfficerBySsoHandler>();
        context.HandleResponse();
        try
        {
            await handler.RecordFailureAsync(context.Failure?.Message ?? "remote failure", ClientNetworks.KeyOf(context.HttpContext), context.HttpContext.RequestAborted);
        }
        catch (RateLimitedException limited)
        {
            context.Response.Redirect($"/officer/login?sso={limited.Code}");
            return;
        }

        context.Response.Redirect($"/officer/login?sso={LogInOfficerBySsoHandler.Failed.Code}");
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl.StartsWith("/officer", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/officer";
}
