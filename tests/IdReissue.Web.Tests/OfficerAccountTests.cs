using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Officers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace IdReissue.Web.Tests;

/// <summary>
/// A bureau's team from an empty database (no demo officers): the first administrator by the command line, set-up links,
/// passwords, the TOTP second factor (required here) and recovery codes, and the administrator's changes, over HTTP.
/// The service's clock is a fake one, moved by hand between 30-second TOTP steps.
/// </summary>
public sealed class OfficerAccountTests(OfficerAccountTests.EmptyTeamService service) : IClassFixture<OfficerAccountTests.EmptyTeamService>
{
    private const string Password = "马上就到了 correct horse battery";

    private Api Api => service.Api;

    [Fact]
    public async Task From_the_bootstrap_command_to_a_team_an_administrator_creates_edits_disables_enables_and_resets()
    {
        // The first administrator: a command, a one-time link, a password, an authenticator app. No default password.
        var (admin, adminSecret) = await BootstrapAdministratorAsync("chief");
        Assert.Contains((await Api.Get("/api/officer/admin/officers", admin)).EnumerateArray(), o => o.GetProperty("username").GetString() == "chief");

        // Signing in again: the password opens only a pending session; the code of the step already used at enrolment is refused.
        var pending = await PasswordAsync("chief", Password);
        Assert.Equal("second-factor", pending.GetProperty("nextStep").GetString());
        var pendingToken = pending.GetProperty("token").GetString()!;
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/admin/officers", pendingToken), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-sessions/second-factor", pendingToken, new { code = Code(adminSecret) }), HttpStatusCode.UnprocessableEntity, "second_factor_replayed");
        service.Clock.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await Api.Expect(await Api.Post("/api/auth/officer-sessions/second-factor", pendingToken, new { code = Code(adminSecret) }), HttpStatusCode.OK);
        Assert.Equal("officer", signedIn.GetProperty("kind").GetString());
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-sessions/second-factor", pendingToken, new { code = Code(adminSecret) }), HttpStatusCode.Unauthorized, "unauthenticated");

        // A new officer: created with a set-up link, which works once.
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "clerk-1", displayName = "王警官", roles = R("acceptance", "review"), regions = R("hunan") }), HttpStatusCode.Created);
        var (clerk, clerkSecret) = await SetUpAsync(link);
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-setup", null, new { token = TokenOf(link), password = Password + "again" }), HttpStatusCode.NotFound, "setup_link_invalid");
        Assert.Single((await Api.Get("/api/officer/sessions", clerk)).EnumerateArray());

        // Edited: the change is in the audit chain, before → after.
        var edited = await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/clerk-1", admin,
            new { displayName = "王小明", roles = R("acceptance", "review", "production"), regions = R("hunan") }), HttpStatusCode.OK);
        Assert.Equal(["acceptance", "review", "production"], edited.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var audit = await AuditAsync("officer.edit", "officer:clerk-1");
        Assert.Equal("officer:chief", audit.Actor);
        Assert.Equal("name: 王警官 → 王小明; roles: acceptance,review → acceptance,review,production", audit.Detail);

        // Disabled: the open session ends at once (no node remembers an officer's session), and the password no longer works.
        Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Get, "/api/officer/applications", clerk)).StatusCode);
        await Api.Expect(await Api.Post("/api/officer/admin/officers/clerk-1/disable", admin), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/applications", clerk), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "clerk-1", password = Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal("enabled → disabled", (await AuditAsync("officer.disable", "officer:clerk-1")).Detail?.Split(": ")[1]);

        // Enabled: signs in again with password and code.
        await Api.Expect(await Api.Post("/api/officer/admin/officers/clerk-1/enable", admin), HttpStatusCode.OK);
        service.Clock.Advance(TimeSpan.FromSeconds(30));
        clerk = await SignInAsync("clerk-1", Password, clerkSecret);

        // Reset: sessions end, password and second factor are gone, a new link sets both again.
        var reset = await Api.Expect(await Api.Post("/api/officer/admin/officers/clerk-1/reset", admin), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/applications", clerk), HttpStatusCode.Unauthorized, "unauthenticated");
        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "clerk-1", password = Password }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var (_, newSecret) = await SetUpAsync(reset);
        Assert.NotEqual(clerkSecret, newSecret);
        var detail = await Api.Get("/api/officer/admin/officers/clerk-1", admin);
        Assert.True(detail.GetProperty("officer").GetProperty("hasSecondFactor").GetBoolean());
        Assert.Equal(10, detail.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task Passwords_must_be_long_and_uncommon_and_the_set_up_page_shows_whose_link_it_is()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-pw");
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "clerk-pw", displayName = "李警官", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created);
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-setup", null, new { token = TokenOf(link), password = "short" }), HttpStatusCode.UnprocessableEntity, "password_too_short");
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-setup", null, new { token = TokenOf(link), password = "1QAZ2wsx3edc" }), HttpStatusCode.UnprocessableEntity, "password_too_common");
        var page = await Api.Http.GetStringAsync(link.GetProperty("setupPath").GetString());
        Assert.Contains("clerk-pw", page, StringComparison.Ordinal);
        Assert.Contains("无效", await Api.Http.GetStringAsync("/officer/setup/not-a-token"), StringComparison.Ordinal);
        service.Clock.Advance(TimeSpan.FromMinutes(31));
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-setup", null, new { token = TokenOf(link), password = Password }), HttpStatusCode.NotFound, "setup_link_invalid");
    }

    [Fact]
    public async Task An_administrator_cannot_raise_their_own_rights_and_other_officers_cannot_administer()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-esc");
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "hunan-chief", displayName = "湖南管理员", roles = R("admin"), regions = R("hunan") }), HttpStatusCode.Created);
        var (regional, _) = await SetUpAsync(link);

        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/hunan-chief", regional,
            new { displayName = "湖南管理员", roles = R("admin", "reveal"), regions = R("hunan") }), HttpStatusCode.Forbidden, "self_raise_refused");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/hunan-chief", regional,
            new { displayName = "湖南管理员", roles = R("admin"), regions = R("*") }), HttpStatusCode.Forbidden, "region_out_of_scope");
        await Api.ExpectProblem(await Api.Post("/api/officer/admin/officers", regional,
            new { username = "jilin-x", displayName = "吉林", roles = R("review"), regions = R("jilin") }), HttpStatusCode.Forbidden, "region_out_of_scope");
        // The administrator of every region is out of a regional administrator's sight altogether.
        await Api.ExpectProblem(await Api.Post("/api/officer/admin/officers/chief-esc/disable", regional), HttpStatusCode.NotFound, "officer_not_found");

        var clerkLink = await Api.Expect(await Api.Post("/api/officer/admin/officers", regional,
            new { username = "clerk-esc", displayName = "赵警官", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created);
        var (clerk, _) = await SetUpAsync(clerkLink);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/admin/officers", clerk), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/clerk-esc", clerk,
            new { displayName = "赵警官", roles = R("review", "admin"), regions = R("hunan") }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_last_enabled_administrator_cannot_be_demoted()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-last");
        // Every other administrator of this fixture disabled, so this one is the last.
        foreach (var other in (await Api.Get("/api/officer/admin/officers", admin)).EnumerateArray()
            .Where(o => o.GetProperty("username").GetString() != "chief-last" && !o.GetProperty("disabled").GetBoolean() && o.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "admin")))
        {
            await Api.Expect(await Api.Post($"/api/officer/admin/officers/{other.GetProperty("username").GetString()}/disable", admin), HttpStatusCode.OK);
        }

        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/chief-last", admin,
            new { displayName = "最后的管理员", roles = R(), regions = R("*") }), HttpStatusCode.Conflict, "last_administrator");
        await Api.ExpectProblem(await Api.Post("/api/officer/admin/officers/chief-last/disable", admin), HttpStatusCode.Conflict, "cannot_disable_self");
        // Demoting oneself is no raise, but taking a role one lacks is.
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/chief-last", admin,
            new { displayName = "最后的管理员", roles = R("admin", "finance"), regions = R("*") }), HttpStatusCode.Forbidden, "self_raise_refused");

        // With a second administrator, the first may step down.
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "chief-next", displayName = "接任管理员", roles = R("admin"), regions = R("*") }), HttpStatusCode.Created);
        var (next, _) = await SetUpAsync(link);
        await Api.Expect(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/chief-last", admin,
            new { displayName = "最后的管理员", roles = R(), regions = R("*") }), HttpStatusCode.OK);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Put, "/api/officer/admin/officers/chief-next", next,
            new { displayName = "接任管理员", roles = R(), regions = R("*") }), HttpStatusCode.Conflict, "last_administrator");
    }

    [Fact]
    public async Task Wrong_codes_back_off_like_wrong_passwords_until_an_administrator_unlocks_and_recovery_codes_work_once()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-codes");
        var link = await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "clerk-codes", displayName = "钱警官", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created);
        var (_, secret, recoveryCodes) = await SetUpWithCodesAsync(link);

        var pending = (await PasswordAsync("clerk-codes", Password)).GetProperty("token").GetString()!;
        for (var wrong = 0; wrong < 5; wrong++)
        {
            await Api.ExpectProblem(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { code = "000000" == Code(secret) ? "111111" : "000000" }),
                HttpStatusCode.UnprocessableEntity, "second_factor_invalid");
        }

        // Locked now, even for the right code, and for the password too.
        service.Clock.Advance(TimeSpan.FromSeconds(30));
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { code = Code(secret) }), HttpStatusCode.TooManyRequests, "login_locked");
        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username = "clerk-codes", password = Password }), HttpStatusCode.TooManyRequests, "login_locked");

        await Api.Expect(await Api.Post("/api/officer/admin/officers/clerk-codes/unlock", admin), HttpStatusCode.OK);
        var recovered = await Api.Expect(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { recoveryCode = recoveryCodes[0].ToLowerInvariant() }), HttpStatusCode.OK);
        Assert.Equal("officer", recovered.GetProperty("kind").GetString());

        pending = (await PasswordAsync("clerk-codes", Password)).GetProperty("token").GetString()!;
        await Api.ExpectProblem(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { recoveryCode = recoveryCodes[0] }), HttpStatusCode.UnprocessableEntity, "recovery_code_invalid");
        await Api.Expect(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { recoveryCode = recoveryCodes[1] }), HttpStatusCode.OK);
        Assert.Equal(8, (await Api.Get("/api/officer/admin/officers/clerk-codes", admin)).GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task Only_the_finance_role_records_refunds_and_officers_end_their_own_sessions()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-money");
        var (reviewer, _) = await SetUpAsync(await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "clerk-money", displayName = "孙警官", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created));
        var (finance, _) = await SetUpAsync(await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "cashier", displayName = "周会计", roles = R("finance"), regions = R("hunan") }), HttpStatusCode.Created));

        await Api.ExpectProblem(await Api.Post("/api/officer/refunds/NO-SUCH-ORDER/refunded", reviewer), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/refunds", reviewer), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Post("/api/officer/refunds/NO-SUCH-ORDER/refunded", admin), HttpStatusCode.Forbidden, "forbidden");
        await Api.ExpectProblem(await Api.Post("/api/officer/refunds/NO-SUCH-ORDER/refunded", finance), HttpStatusCode.NotFound, "refund_not_found");

        // Sessions: the officer sees theirs and ends one; an administrator ends another's.
        service.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await SignInAsync("clerk-money", Password, await SecretOfAsync("clerk-money"));
        var sessions = (await Api.Get("/api/officer/sessions", second)).EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        await Api.Expect(await Api.Send(HttpMethod.Delete, $"/api/officer/sessions/{other}", second), HttpStatusCode.NoContent);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/sessions", reviewer), HttpStatusCode.Unauthorized, "unauthenticated");
        var current = sessions.Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        await Api.Expect(await Api.Send(HttpMethod.Delete, $"/api/officer/admin/officers/clerk-money/sessions/{current}", admin), HttpStatusCode.NoContent);
        await Api.ExpectProblem(await Api.Send(HttpMethod.Get, "/api/officer/sessions", second), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("officer:chief-money", (await AuditAsync("officer.session.end", "officer:clerk-money")).Actor);
    }

    [Fact]
    public async Task The_pages_take_an_officer_from_the_set_up_link_to_the_workbench_and_an_administrator_through_the_account_room()
    {
        var (_, adminSecret) = await BootstrapAdministratorAsync("chief-pages");
        service.Clock.Advance(TimeSpan.FromSeconds(30));

        // The administrator signs in on the pages: password, then the code.
        using var desk = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = Api.Http.BaseAddress! });
        var afterPassword = await PageForms.PostAsync(desk, "/officer/login", ("Input.Username", "chief-pages"), ("Input.Password", Password));
        Assert.EndsWith("/officer/second-factor", afterPassword.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var workbench = await PageForms.PostAsync(desk, "/officer/second-factor", ("Input.Code", Code(adminSecret)));
        Assert.Equal("/officer", workbench.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("账号管理", await workbench.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Creates an officer on the account room's form; the link is shown once.
        var created = await (await PageForms.PostAsync(desk, "/officer/admin", ("Input.Username", "clerk-pages"), ("Input.DisplayName", "吴警官"),
            ("Input.Roles", "acceptance"), ("Input.Roles", "review"), ("Input.Regions", "hunan"))).Content.ReadAsStringAsync();
        var setupUrl = Regex.Match(created, "id=\"setup-url\">([^<]+)<").Groups[1].Value;
        Assert.Contains("/officer/setup/", setupUrl, StringComparison.Ordinal);
        var refused = await (await PageForms.PostAsync(desk, "/officer/admin", ("Input.Username", "clerk-pages"), ("Input.DisplayName", "吴警官"), ("Input.Regions", "hunan")))
            .Content.ReadAsStringAsync();
        Assert.Contains("该用户名已被使用", refused, StringComparison.Ordinal);

        // The officer opens the link: a password, the QR code, a code, the recovery codes; then the workbench.
        using var phone = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = Api.Http.BaseAddress! });
        var enrolPage = await PageForms.PostAsync(phone, new Uri(setupUrl).AbsolutePath, ("Input.Password", Password), ("Input.Confirmation", Password));
        Assert.Equal("/officer/second-factor/enrol", enrolPage.RequestMessage!.RequestUri!.AbsolutePath);
        var enrolHtml = await enrolPage.Content.ReadAsStringAsync();
        Assert.Contains("data:image/png;base64,", enrolHtml, StringComparison.Ordinal);
        var secret = Regex.Match(enrolHtml, "id=\"enrol-secret\">([A-Z2-7]+)<").Groups[1].Value;
        var enrolled = await (await PageForms.PostAsync(phone, "/officer/second-factor/enrol", ("Input.Code", Code(secret)))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"recovery-codes\"", enrolled, StringComparison.Ordinal);
        var account = await phone.GetStringAsync("/officer/account");
        Assert.Contains("（本会话）", account, StringComparison.Ordinal);
        Assert.DoesNotContain("账号管理", account, StringComparison.Ordinal);

        // The administrator disables the officer from the officer's page: the officer's next page is the log-in.
        var officerPage = await desk.GetStringAsync("/officer/admin/clerk-pages");
        Assert.Contains("吴警官", officerPage, StringComparison.Ordinal);
        Assert.Contains("已停用该账号", await (await PageForms.PostAsync(desk, "/officer/admin/clerk-pages?handler=Disable")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/officer/login", (await phone.GetAsync("/officer/account")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_disabled_officer_loses_the_session_at_once_on_another_node_too()
    {
        var (admin, _) = await BootstrapAdministratorAsync("chief-nodes");
        var (clerk, _) = await SetUpAsync(await Api.Expect(await Api.Post("/api/officer/admin/officers", admin,
            new { username = "clerk-nodes", displayName = "冯警官", roles = R("review"), regions = R("hunan") }), HttpStatusCode.Created));

        // A second node on the same database and keys, as behind a load balancer.
        var other = new SecondNode(service);
        await ((IAsyncLifetime)other).InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await other.Api.Send(HttpMethod.Get, "/api/officer/applications", clerk)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await other.Api.Send(HttpMethod.Get, "/api/officer/applications", clerk)).StatusCode);
            await Api.Expect(await Api.Post("/api/officer/admin/officers/clerk-nodes/disable", admin), HttpStatusCode.OK);
            await Api.ExpectProblem(await other.Api.Send(HttpMethod.Get, "/api/officer/applications", clerk), HttpStatusCode.Unauthorized, "unauthenticated");
        }
        finally
        {
            await ((IAsyncLifetime)other).DisposeAsync();
        }
    }

    /// <summary>Another node of the same service: the first node's database, master key and sandbox signing key.</summary>
    private sealed class SecondNode(EmptyTeamService first) : ServiceFixture(new Dictionary<string, string>
    {
        ["DemoData:Enabled"] = "false",
        ["Officers:RequireSecondFactor"] = "true",
        ["ConnectionStrings:IdReissue"] = first.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:IdReissue"]!,
        ["Security:MasterKeys:test-1"] = Convert.ToBase64String(first.MasterKey),
        ["Sandbox:SigningKey"] = Convert.ToBase64String(first.SigningKey),
    });

    /// <summary>Posts a page's form as a browser does: the page fetched first for its antiforgery token.</summary>
    private readonly Dictionary<string, string> _secrets = [];

    private static string[] R(params string[] roles) => roles;

    /// <summary>`admin create` in the service's process, its link opened, a password chosen and an authenticator enrolled.</summary>
    private async Task<(string Token, string Secret)> BootstrapAdministratorAsync(string username)
    {
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(service.Services, ["create", "--username", username, "--display-name", "局管理员"], output));
        var path = Regex.Match(output.ToString(), "/officer/setup/([A-Za-z0-9_-]+)").Value;
        Assert.False(string.IsNullOrEmpty(path), output.ToString());
        var output2 = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(service.Services, ["create", "--username", username, "--display-name", "局管理员"], output2));
        Assert.Contains("username_taken", output2.ToString(), StringComparison.Ordinal);
        var (token, secret, _) = await CompleteAsync(path["/officer/setup/".Length..]);
        return (token, secret);
    }

    private async Task<(string Token, string Secret)> SetUpAsync(JsonElement link)
    {
        var (token, secret, _) = await SetUpWithCodesAsync(link);
        return (token, secret);
    }

    private Task<(string Token, string Secret, List<string> RecoveryCodes)> SetUpWithCodesAsync(JsonElement link) => CompleteAsync(TokenOf(link));

    /// <summary>Password through the link, then (required here) the authenticator enrolled with a code; answers the session.</summary>
    private async Task<(string Token, string Secret, List<string> RecoveryCodes)> CompleteAsync(string setupToken)
    {
        var pending = await Api.Expect(await Api.Post("/api/auth/officer-setup", null, new { token = setupToken, password = Password }), HttpStatusCode.OK);
        Assert.Equal("officer-pending", pending.GetProperty("kind").GetString());
        Assert.Equal("enrol-second-factor", pending.GetProperty("nextStep").GetString());
        var pendingToken = pending.GetProperty("token").GetString()!;
        var enrolment = await Api.Expect(await Api.Post("/api/auth/second-factor/enrolment", pendingToken), HttpStatusCode.OK);
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", enrolment.GetProperty("provisioningUri").GetString(), StringComparison.Ordinal);
        await Api.ExpectProblem(await Api.Post("/api/auth/second-factor/enrolment/confirmation", pendingToken, new { code = Code(secret) == "123456" ? "654321" : "123456" }),
            HttpStatusCode.UnprocessableEntity, "second_factor_invalid");
        var enrolled = await Api.Expect(await Api.Post("/api/auth/second-factor/enrolment/confirmation", pendingToken, new { code = Code(secret) }), HttpStatusCode.OK);
        var codes = enrolled.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        var subject = enrolled.GetProperty("session").GetProperty("subject").GetString()!;
        _secrets[subject] = secret;
        return (enrolled.GetProperty("session").GetProperty("token").GetString()!, secret, codes);
    }

    private Task<string> SecretOfAsync(string username) => Task.FromResult(_secrets[username]);

    private async Task<JsonElement> PasswordAsync(string username, string password) =>
        await Api.Expect(await Api.Http.PostAsJsonAsync("/api/auth/officer-sessions", new { username, password }), HttpStatusCode.OK);

    private async Task<string> SignInAsync(string username, string password, string secret)
    {
        var pending = (await PasswordAsync(username, password)).GetProperty("token").GetString()!;
        var session = await Api.Expect(await Api.Post("/api/auth/officer-sessions/second-factor", pending, new { code = Code(secret) }), HttpStatusCode.OK);
        return session.GetProperty("token").GetString()!;
    }

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(service.Clock.GetUtcNow().UtcDateTime);

    private static string TokenOf(JsonElement link) => link.GetProperty("setupPath").GetString()!["/officer/setup/".Length..];

    private async Task<(string Actor, string? Detail)> AuditAsync(string action, string target)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && e.Target == target).OrderByDescending(e => e.Id).FirstAsync();
        return (entry.Actor, entry.Detail);
    }

    /// <summary>The sandbox without demo data (so no officer exists), the second factor required, and a clock moved by hand.</summary>
    public sealed class EmptyTeamService() : ServiceFixture(new Dictionary<string, string>
    {
        ["DemoData:Enabled"] = "false",
        ["Officers:RequireSecondFactor"] = "true",
        ["Officers:SetupLinkLifetime"] = "00:30:00",
        // Moving the fake clock fires every timer it passes: a slower poll keeps that cheap.
        ["Outbox:PollInterval"] = "00:00:05",
    })
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
