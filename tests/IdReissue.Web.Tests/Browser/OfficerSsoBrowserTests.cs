using System.Net;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using IdReissue.Web.Tests.Sso;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>
/// The single sign-on button on the officer's sign-in page, in Chromium against the in-test OpenID Connect provider
/// (OpenIddict, <see cref="TestIdentityProvider"/>): the browser follows the redirects to the provider and back and lands
/// in the workbench with the service's own session; an unlinked person lands back on the sign-in page with the reason.
/// The sign-in page, with the button and with the refusal, is checked with axe-core.
/// </summary>
[Trait("Category", BrowserFixture.Category)]
public sealed class OfficerSsoBrowserTests(OfficerSsoBrowserTests.SsoBrowser browser, ITestOutputHelper output)
    : IClassFixture<OfficerSsoBrowserTests.SsoBrowser>, IDisposable
{
    private Api Api => browser.Service.Api;

    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task An_officer_signs_in_through_the_providers_button_and_the_sign_in_page_passes_axe()
    {
        var admin = await Api.LoginOfficer("admin");
        await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/hunan-review/sso", admin, new { subject = "u-browser-1" }), HttpStatusCode.OK);
        var provider = browser.Service.IdentityProvider;
        await provider.RegisterClientAsync(Api.Http.BaseAddress!);

        await using var desk = await browser.Browser.NewContextAsync(BrowserFixture.DeskOptions(Api.Http.BaseAddress!));
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/officer/login");
        var button = page.GetByRole(AriaRole.Link, new() { Name = "使用公安统一身份认证登录" });
        await Expect(button).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "officer-sso-01-login-desk");

        // Someone the provider knows but no administrator linked: back on the sign-in page, told why, without a session.
        provider.SignedInAs = ("u-browser-unlinked", ["pwd"]);
        await button.ClickAsync();
        await Expect(page.Locator("#sso-refused")).ToContainTextAsync("尚未关联办事人员账号");
        Assert.Equal("/officer/login", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(await desk.CookiesAsync(), c => c.Name == SessionToken.CookieName);
        await BrowserFixture.ScreenshotAsync(page, "officer-sso-02-refused-desk");

        // The linked officer: through the provider and back, into the workbench with the account's own session.
        provider.SignedInAs = ("u-browser-1", ["pwd"]);
        await page.GetByRole(AriaRole.Link, new() { Name = "使用公安统一身份认证登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "今日概览" })).ToBeVisibleAsync();
        Assert.Equal("/officer", new Uri(page.Url).AbsolutePath);
        Assert.Contains(await desk.CookiesAsync(), c => c.Name == SessionToken.CookieName && c.HttpOnly);
        await BrowserFixture.ScreenshotAsync(page, "officer-sso-03-workbench-desk");
        Assert.Equal("sso", await LatestLoginDetailAsync("officer:hunan-review"));

        // Signing out ends the service's session (not the provider's): the next page asks to sign in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办事人员登录" })).ToBeVisibleAsync();
    }

    private async Task<string?> LatestLoginDetailAsync(string actor)
    {
        await using var scope = browser.Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "login" && e.Actor == actor).OrderByDescending(e => e.Id).Select(e => e.Detail).FirstAsync();
    }

    /// <summary>The demo service with single sign-on on against its own in-test provider, and Chromium.</summary>
    public sealed class SsoBrowser : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public OfficerSsoTests.SsoService Service { get; } = new();

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)Service).InitializeAsync();
            Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await ((IAsyncLifetime)Service).DisposeAsync();
        }
    }
}
