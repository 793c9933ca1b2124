using Microsoft.Playwright;
using OtpNet;
using Xunit.Abstractions;
using static IdReissue.Web.Tests.Browser.PortalSteps;
using static Microsoft.Playwright.Assertions;

namespace IdReissue.Web.Tests.Browser;

/// <summary>The account room and the officer's own pages in Chromium, each checked with axe-core: an administrator creates an
/// officer, who opens the set-up link, chooses a password, binds an authenticator and signs in again with a recovery code.</summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", BrowserFixture.Category)]
public sealed class OfficerAdminBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private const string Password = "春眠不觉晓，处处闻啼鸟，夜来风雨声";

    public void Dispose() => AccessibilityAudit.Report(output);

    [Fact]
    public async Task An_administrator_creates_an_officer_who_sets_up_a_password_and_an_authenticator_and_every_page_passes_axe()
    {
        await using var desk = await browser.DeskAsync();
        var admin = await desk.NewPageAsync();
        await OfficerLogInAsync(admin, browser.Service, "admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "账号管理" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "账号管理", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "officer-admin-01-list-desk");

        var username = $"clerk-{Guid.NewGuid():N}"[..16];
        await admin.GetByLabel("用户名").FillAsync(username);
        await admin.GetByLabel("姓名").FillAsync("郑警官");
        await admin.GetByLabel("审核", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "湖南省", Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "新建并生成设置链接" }).ClickAsync();
        var setupUrl = (await admin.Locator("#setup-url").InnerTextAsync()).Trim();
        await BrowserFixture.ScreenshotAsync(admin, "officer-admin-02-created-desk");

        await admin.GetByRole(AriaRole.Link, new() { Name = username }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^账号 ") })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "officer-admin-03-officer-desk");

        await using var officerDesk = await browser.DeskAsync();
        var officer = await officerDesk.NewPageAsync();
        await officer.GotoAsync(new Uri(setupUrl).PathAndQuery);
        await BrowserFixture.ScreenshotAsync(officer, "officer-admin-04-setup-desk");
        await officer.GetByLabel("新密码", new() { Exact = true }).FillAsync(Password);
        await officer.GetByLabel("再次输入新密码").FillAsync(Password);
        await officer.GetByRole(AriaRole.Button, new() { Name = "设置密码" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "今日概览" })).ToBeVisibleAsync();

        await officer.GetByRole(AriaRole.Link, new() { Name = "我的账号" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(officer, "officer-admin-05-account-desk");
        await officer.GetByRole(AriaRole.Link, new() { Name = "身份验证器（动态码）" }).ClickAsync();
        var secret = (await officer.Locator("#enrol-secret").InnerTextAsync()).Trim();
        await BrowserFixture.ScreenshotAsync(officer, "officer-admin-06-enrol-desk");
        await officer.GetByLabel("身份验证器显示的6位动态码").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await officer.GetByRole(AriaRole.Button, new() { Name = "确认绑定" }).ClickAsync();
        var recoveryCode = (await officer.Locator("#recovery-codes li").First.InnerTextAsync()).Trim();
        await BrowserFixture.ScreenshotAsync(officer, "officer-admin-07-recovery-codes-desk");

        // Signing in again: the password, then the second factor (here a recovery code).
        await officer.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await officer.GetByLabel("用户名").FillAsync(username);
        await officer.GetByLabel("密码").FillAsync(Password);
        await officer.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "动态码验证" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(officer, "officer-admin-08-second-factor-desk");
        await officer.GetByLabel("或输入一个恢复码").FillAsync(recoveryCode);
        await officer.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "今日概览" })).ToBeVisibleAsync();

        // Disabled by the administrator: the officer's next page is the log-in.
        await admin.ReloadAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "停用（离职、调岗）" }).ClickAsync();
        await Expect(admin.Locator("#done")).ToContainTextAsync("已停用");
        await BrowserFixture.ScreenshotAsync(admin, "officer-admin-09-disabled-desk");
        await officer.GetByRole(AriaRole.Link, new() { Name = "我的账号" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "办事人员登录" })).ToBeVisibleAsync();
    }
}
