using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdReissue.Web.Tests.Sso;

/// <summary>
/// Officers' single sign-on against a real OpenID Connect provider (OpenIddict, in <see cref="TestIdentityProvider"/>),
/// the redirects followed by an HttpClient with a cookie jar as a browser would: only a subject an administrator linked
/// reaches an account, and it gets the account's roles and the service's own session.
/// </summary>
public sealed class OfficerSsoTests(OfficerSsoTests.SsoService service) : IClassFixture<OfficerSsoTests.SsoService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_linked_officer_signs_in_through_the_provider_and_lands_in_the_workbench_with_the_accounts_roles()
    {
        var admin = await Api.LoginOfficer("admin");
        var linked = await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/hunan-review/sso", admin, new { subject = "u-1001" }), HttpStatusCode.OK);
        Assert.Equal("u-1001", linked.GetProperty("ssoSubject").GetString());
        var (actor, detail) = await AuditAsync("officer.sso-link", "officer:hunan-review");
        Assert.Equal("officer:admin", actor);
        Assert.Equal($"sso: — → {service.IdentityProvider.Issuer.TrimEnd('/')}#u-1001", detail);

        // The provider says this person is an administrator: it changes nothing, roles are the account's.
        var signedIn = await SignInThroughProviderAsync("u-1001");
        Assert.Equal("/officer", signedIn.Landed.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Contains("湖南", signedIn.Page, StringComparison.Ordinal);
        var token = Assert.IsType<string>(signedIn.SessionToken);
        await Api.Expect(await Api.Send(HttpMethod.Get, "/api/officer/refunds", token), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/admin/officers", token), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(("officer:hunan-review", (string?)"sso"), await AuditAsync("login", "officer-session", "officer:hunan-review"));
    }

    [Fact]
    public async Task An_unlinked_subject_is_refused_in_chinese_and_audited_and_gets_no_session()
    {
        var refused = await SignInThroughProviderAsync("someone-unlinked");
        Assert.Equal("/officer/login", refused.Landed.AbsolutePath);
        Assert.Contains("尚未关联办事人员账号", refused.Page, StringComparison.Ordinal);
        Assert.Null(refused.SessionToken);
        var (actor, detail) = await AuditAsync("login.sso-failed", "officer-session", "officer:(sso)");
        Assert.Equal("officer:(sso)", actor);
        Assert.Equal($"not linked: {service.IdentityProvider.Issuer.TrimEnd('/')}#someone-unlinked", detail);
    }

    [Fact]
    public async Task Disabling_a_linked_officer_ends_their_sso_session_and_refuses_the_next_sign_in()
    {
        var admin = await Api.LoginOfficer("admin");
        await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/hunan-production/sso", admin, new { subject = "u-2002" }), HttpStatusCode.OK);
        // One subject, one account.
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/admin/sso", admin, new { subject = "u-2002" }), HttpStatusCode.Conflict, "sso_subject_taken");
        var first = await SignInThroughProviderAsync("u-2002");
        var token = Assert.IsType<string>(first.SessionToken);
        await Api.Expect(await Api.Send(HttpMethod.Get, "/api/officer/sessions", token), HttpStatusCode.OK);

        await Api.Expect(await Api.Post("/api/officer/admin/officers/hunan-production/disable", admin), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Send(HttpMethod.Get, "/api/officer/sessions", token)).StatusCode);
        var refused = await SignInThroughProviderAsync("u-2002");
        Assert.Equal("/officer/login", refused.Landed.AbsolutePath);
        Assert.Contains("该办事人员账号已停用", refused.Page, StringComparison.Ordinal);
        Assert.Null(refused.SessionToken);
        Assert.Equal(("officer:hunan-production", (string?)"disabled"), await AuditAsync("login.sso-failed", "officer-session", "officer:hunan-production"));

        await Api.Expect(await Api.Post("/api/officer/admin/officers/hunan-production/enable", admin), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(TokenTampering.ForeignIssuer)]
    [InlineData(TokenTampering.ChangedSubject)]
    public async Task A_forged_or_tampered_id_token_is_refused(TokenTampering tampering)
    {
        var admin = await Api.LoginOfficer("admin");
        await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/jilin-review/sso", admin, new { subject = "u-3003" }), HttpStatusCode.OK);
        service.Tampering = tampering;
        try
        {
            // The person signed in at the provider is a stranger; the token the service receives claims the linked officer.
            var refused = await SignInThroughProviderAsync("stranger-" + tampering);
            Assert.Equal("/officer/login", refused.Landed.AbsolutePath);
            Assert.Contains("统一身份认证登录未成功", refused.Page, StringComparison.Ordinal);
            Assert.Null(refused.SessionToken);
            // Refused by the token's check (IDX10…: signature, key or issuer), not by anything before it.
            Assert.Contains("IDX10", (await AuditAsync("login.sso-failed", "officer-session", "officer:(sso)")).Detail, StringComparison.Ordinal);
        }
        finally
        {
            service.Tampering = TokenTampering.None;
        }

        // The genuine token of the linked officer still works.
        Assert.NotNull((await SignInThroughProviderAsync("u-3003")).SessionToken);
    }

    [Fact]
    public async Task The_provider_stands_for_the_second_factor_only_when_its_amr_says_it_used_several()
    {
        // jilin-production enrols an authenticator: from now on a password alone opens only the pending step.
        var own = await Api.LoginOfficer("jilin-production");
        var secret = (await Api.Expect(await Api.Post("/api/auth/second-factor/enrolment", own), HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        await Api.Expect(await Api.Post("/api/auth/second-factor/enrolment/confirmation", own, new { code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp() }), HttpStatusCode.OK);
        var admin = await Api.LoginOfficer("admin");
        await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/jilin-production/sso", admin, new { subject = "u-5005" }), HttpStatusCode.OK);

        var passwordOnly = await SignInThroughProviderAsync("u-5005", "pwd");
        Assert.Equal("/officer/second-factor", passwordOnly.Landed.AbsolutePath);
        var pending = Assert.IsType<string>(passwordOnly.SessionToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Send(HttpMethod.Get, "/api/officer/sessions", pending)).StatusCode);
        Assert.Equal(("officer:jilin-production", (string?)"second factor owed"), await AuditAsync("login.sso", "officer-session", "officer:jilin-production"));

        var multiFactor = await SignInThroughProviderAsync("u-5005", "pwd", "otp");
        Assert.Equal("/officer", multiFactor.Landed.AbsolutePath);
        await Api.Expect(await Api.Send(HttpMethod.Get, "/api/officer/sessions", multiFactor.SessionToken), HttpStatusCode.OK);
        Assert.Equal(("officer:jilin-production", (string?)"sso (provider mfa)"), await AuditAsync("login", "officer-session", "officer:jilin-production"));
    }

    [Fact]
    public async Task The_log_in_page_offers_the_providers_button()
    {
        var page = await Api.Http.GetStringAsync(new Uri("/officer/login", UriKind.Relative));
        Assert.Contains("id=\"sso-login\"", page, StringComparison.Ordinal);
        Assert.Contains("使用公安统一身份认证登录", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_links_an_officer_on_the_account_page_and_the_officer_then_signs_in_through_the_provider()
    {
        using var desk = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = Api.Http.BaseAddress! });
        var workbench = await PageForms.PostAsync(desk, "/officer/login", ("Input.Username", "admin"), ("Input.Password", service.OfficerPassword("admin")));
        Assert.Equal("/officer", workbench.RequestMessage!.RequestUri!.AbsolutePath);
        var before = await desk.GetStringAsync(new Uri("/officer/admin/tianjin-review", UriKind.Relative));
        Assert.Contains("id=\"sso-state\">未关联", before, StringComparison.Ordinal);

        var linked = await (await PageForms.PostAsync(desk, "/officer/admin/tianjin-review?handler=LinkSso", ("SsoSubject", "u-4004"))).Content.ReadAsStringAsync();
        Assert.Contains("已关联统一身份认证账号。", linked, StringComparison.Ordinal);
        Assert.Contains("id=\"sso-state\">已关联（u-4004）", linked, StringComparison.Ordinal);
        var tooLong = await (await PageForms.PostAsync(desk, "/officer/admin/tianjin-review?handler=LinkSso", ("SsoSubject", new string('x', 201)))).Content.ReadAsStringAsync();
        Assert.Contains("统一身份认证标识须为200个字符以内。", tooLong, StringComparison.Ordinal);

        var signedIn = await SignInThroughProviderAsync("u-4004");
        Assert.Equal("/officer", signedIn.Landed.AbsolutePath);
        Assert.NotNull(signedIn.SessionToken);

        var unlinked = await (await PageForms.PostAsync(desk, "/officer/admin/tianjin-review?handler=LinkSso", ("SsoSubject", ""))).Content.ReadAsStringAsync();
        Assert.Contains("已取消统一身份认证关联。", unlinked, StringComparison.Ordinal);
        Assert.Equal("/officer/login", (await SignInThroughProviderAsync("u-4004")).Landed.AbsolutePath);
    }

    private async Task<SignInOutcome> SignInThroughProviderAsync(string subject, params string[] methods)
    {
        var serviceBase = Api.Http.BaseAddress!;
        await service.IdentityProvider.RegisterClientAsync(serviceBase);
        service.IdentityProvider.SignedInAs = (subject, methods.Length == 0 ? ["pwd"] : methods);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            BaseAddress = serviceBase,
        };
        using var response = await browser.GetAsync(new Uri("/officer/login/sso", UriKind.Relative));
        var session = cookies.GetCookies(serviceBase)[SessionToken.CookieName]?.Value;
        return new SignInOutcome(response.RequestMessage!.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync(), session);
    }

    private async Task<(string Actor, string? Detail)> AuditAsync(string action, string target, string? actor = null)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && e.Target == target && (actor == null || e.Actor == actor)).OrderByDescending(e => e.Id).FirstAsync();
        return (entry.Actor, entry.Detail);
    }

    private sealed record SignInOutcome(Uri Landed, HttpStatusCode Status, string Page, string? SessionToken);

    public enum TokenTampering
    {
        None,

        /// <summary>An id_token another issuer signed with its own key, naming the linked subject.</summary>
        ForeignIssuer,

        /// <summary>The provider's genuine id_token with its subject changed to the linked one (the signature no longer fits).</summary>
        ChangedSubject,
    }

    /// <summary>The demo service with single sign-on on against the in-test provider; its back channel to the provider can
    /// be made to swap the id_token in the token response, as a man in the middle or a forger would.</summary>
    public class SsoService : ServiceFixture
    {
        public SsoService()
            : this(new Dictionary<string, string>())
        {
        }

        /// <summary>With settings of its own beside single sign-on's (a limit under test).</summary>
        protected SsoService(IReadOnlyDictionary<string, string> settings)
            : this(TestIdentityProvider.StartAsync().GetAwaiter().GetResult(), settings)
        {
        }

        private SsoService(TestIdentityProvider provider, IReadOnlyDictionary<string, string> settings)
            : base(provider.ServiceSettings().Concat(settings).ToDictionary()) => IdentityProvider = provider;

        public TestIdentityProvider IdentityProvider { get; }

        public TokenTampering Tampering { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>(OfficerSso.SchemeName, options =>
                options.Backchannel = new HttpClient(new TamperingHandler(this) { InnerHandler = new HttpClientHandler() })));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                IdentityProvider.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private sealed class TamperingHandler(SsoService service) : DelegatingHandler
    {
        private static readonly string[] MultiFactor = ["mfa"];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (service.Tampering == TokenTampering.None || request.RequestUri?.AbsolutePath != "/connect/token" || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            var genuine = body["id_token"]!.GetValue<string>();
            body["id_token"] = service.Tampering == TokenTampering.ForeignIssuer ? Forged(genuine) : WithSubject(genuine, "u-3003");
            response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }

        private static string Forged(string genuine)
        {
            var original = new JsonWebToken(genuine);
            using var key = RSA.Create(2048);
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "http://127.0.0.1:1/",
                Audience = original.Audiences.First(),
                IssuedAt = DateTime.UtcNow,
                NotBefore = DateTime.UtcNow,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = "u-3003",
                    ["nonce"] = original.GetClaim("nonce").Value,
                    ["amr"] = MultiFactor,
                },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.ExportParameters(true)) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256),
            });
        }

        private static string WithSubject(string genuine, string subject)
        {
            var parts = genuine.Split('.');
            var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
            payload["sub"] = subject;
            parts[1] = Base64UrlEncoder.Encode(payload.ToJsonString());
            return string.Join('.', parts);
        }
    }
}

/// <summary>Answers of the provider that fail count against the client's network like wrong passwords, so nobody can make
/// the audit log write without end by calling the callback.</summary>
public sealed class OfficerSsoLimitTests(OfficerSsoLimitTests.LimitedService service) : IClassFixture<OfficerSsoLimitTests.LimitedService>
{
    [Fact]
    public async Task Refused_answers_at_the_callback_count_against_the_network_until_it_is_refused()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.Api.Http.BaseAddress };
        for (var i = 0; i < 2; i++)
        {
            var forged = await browser.GetAsync(new Uri($"/officer/login/sso/callback?code=forged-{i}&state=forged", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
            Assert.Equal("/officer/login?sso=sso_failed", forged.Headers.Location!.OriginalString);
        }

        var limited = await browser.GetAsync(new Uri("/officer/login/sso/callback?code=forged-3&state=forged", UriKind.Relative));
        Assert.Equal("/officer/login?sso=login_client_limit", limited.Headers.Location!.OriginalString);
        Assert.Contains("当前网络登录失败次数过多", await browser.GetStringAsync(limited.Headers.Location), StringComparison.Ordinal);
    }

    public sealed class LimitedService() : OfficerSsoTests.SsoService(new Dictionary<string, string> { ["Abuse:LoginFailuresPerClientPerHour"] = "2" });
}

/// <summary>Without <c>Officers:Oidc:Enabled</c> there is no button and no sign-in route.</summary>
[Collection(SharedService.Name)]
public sealed class OfficerSsoOffTests(ServiceFixture service)
{
    [Fact]
    public async Task Without_the_setting_the_log_in_page_has_no_providers_button_and_the_route_is_not_found()
    {
        var page = await service.Api.Http.GetStringAsync(new Uri("/officer/login", UriKind.Relative));
        Assert.DoesNotContain("sso-login", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Api.Http.GetAsync(new Uri("/officer/login/sso", UriKind.Relative))).StatusCode);
    }
}
