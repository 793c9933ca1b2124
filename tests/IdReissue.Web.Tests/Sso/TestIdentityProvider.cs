using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdReissue.Web.Tests.Sso;

/// <summary>
/// A real OpenID Connect provider for the tests: OpenIddict's server on a loopback Kestrel port, its applications and
/// tokens in an in-memory SQLite database, the authorization code flow with PKCE required. Whoever the test names in
/// <see cref="SignedInAs"/> is "signed in" at the provider (the provider's own log-in page is not under test).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "idreissue-officers";

    public const string ClientSecret = "test-client-secret-7f3a9c";

    private readonly WebApplication _app;

    private readonly SqliteConnection _database;

    private TestIdentityProvider(WebApplication app, SqliteConnection database)
    {
        _app = app;
        _database = database;
    }

    /// <summary>The provider's issuer, e.g. http://127.0.0.1:40123/.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The provider's user signing in now: their subject and the methods (amr) they used.</summary>
    public (string Subject, string[] Methods) SignedInAs { get; set; } = ("nobody", ["pwd"]);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // Each test class starts its own provider, so after twenty EF Core builds an internal service provider per context
        // (as the service's own context does, see PersonalDataProtectionExtension): logged, not thrown.
        builder.Services.AddDbContext<ProviderDbContext>(options => options.UseSqlite(connection).UseOpenIddict()
            .ConfigureWarnings(w => w.Log(CoreEventId.ManyServiceProvidersCreatedWarning)));
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.DisableAccessTokenEncryption();
                options.RegisterScopes(Scopes.OpenId);
                options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        var provider = new TestIdentityProvider(app, connection);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, provider.SignedInAs.Subject);
            identity.SetClaim(Claims.Name, "测试用户");
            identity.SetClaims(Claims.AuthenticationMethodReference, [.. provider.SignedInAs.Methods]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>The service's settings that turn single sign-on on against this provider.</summary>
    public Dictionary<string, string> ServiceSettings() => new()
    {
        ["Officers:Oidc:Enabled"] = "true",
        ["Officers:Oidc:Authority"] = Issuer,
        ["Officers:Oidc:ClientId"] = ClientId,
        ["Officers:Oidc:ClientSecret"] = ClientSecret,
        ["Officers:Oidc:RequireHttpsMetadata"] = "false",
        ["Officers:Oidc:DisplayName"] = "公安统一身份认证",
    };

    /// <summary>Registers the service as a confidential client (once the service's address, and so its callback, is known).</summary>
    public async Task RegisterClientAsync(Uri serviceBase)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(ClientId) is not null)
        {
            return;
        }

        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(serviceBase, "/officer/login/sso/callback") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
