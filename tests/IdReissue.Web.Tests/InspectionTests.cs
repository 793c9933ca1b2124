using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>
/// Inspection (督察) in the workbench: the audit viewer (search, verify, masked CSV export, each audited) and the
/// region policies with their files' SHA-256, for administrators only. The verify test alters a row and puts it
/// back, so the class has a service of its own.
/// </summary>
public sealed partial class InspectionTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    /// <summary>The example number of GB 11643 (valid check character), a mobile number and a labelled name.</summary>
    private const string PlantedDetail = "申请人本人来电，证号11010519491231002X，手机13812345678，姓名：张三丰";

    private Api Api => service.Api;

    [Fact]
    public async Task Only_an_administrator_opens_the_audit_viewer_and_the_policy_page()
    {
        var reviewer = await Api.LoginOfficer("hunan-review");
        var producer = await Api.LoginOfficer("jilin-production");
        foreach (var path in new[] { "/officer/audit", "/officer/policy" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Api.Send(HttpMethod.Get, path, reviewer)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Api.Send(HttpMethod.Get, path, producer)).StatusCode);
        }

        // Refused officers leave no search on record; the refusal is the authorization layer's, before any handler.
        Assert.Equal(0, await CountAsync(a => a.Action == "audit.search" && a.Actor != "officer:admin"));
        var workbench = await (await Api.Send(HttpMethod.Get, "/officer", reviewer)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("/officer/audit", workbench, StringComparison.Ordinal);

        var admin = await Api.LoginOfficer("admin");
        var page = await Api.Send(HttpMethod.Get, "/officer/audit", admin);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/officer/audit\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/officer/policy\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Get, "/officer/policy", admin)).StatusCode);

        // Without a session the workbench asks for an officer's log-in first.
        var anonymous = await Api.Send(HttpMethod.Get, "/officer/audit", null);
        Assert.Equal("/officer/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath);

        // An applicant's session is no officer's.
        var journey = await Journey.Begin(Api, "jilin");
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Send(HttpMethod.Get, "/officer/audit", journey.Token)).StatusCode);
    }

    [Fact]
    public async Task The_search_filters_by_officer_application_action_and_dates_pages_and_every_search_is_audited()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        var number = (await journey.Progress()).GetProperty("applicationNumber").GetString()!;
        var reviewer = await Api.LoginOfficer("hunan-review");
        Assert.Equal(HttpStatusCode.OK, (await Api.Send(HttpMethod.Get, $"/officer/applications/{journey.ApplicationId}", reviewer)).StatusCode);
        var admin = await Api.LoginOfficer("admin");
        var today = ChinaTime.DateOf(service.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var searchesBefore = await CountAsync(a => a.Action == "audit.search" && a.Actor == "officer:admin");

        var found = await SearchAsync(admin, $"officer=hunan-review&application={number}&operation=application.view&from={today}&to={today}");
        Assert.Equal(1, Total(found));
        Assert.Single(Rows(found));
        Assert.Contains(number, Rows(found)[0], StringComparison.Ordinal);
        Assert.Contains("查看申请（脱敏）", Rows(found)[0], StringComparison.Ordinal);
        Assert.Contains("民警 hunan-review", Rows(found)[0], StringComparison.Ordinal);

        // Each part of the filter narrows: another officer, another application, another action, another day.
        Assert.Equal(0, Total(await SearchAsync(admin, $"officer=jilin-review&application={number}")));
        Assert.Equal(0, Total(await SearchAsync(admin, "application=NO-SUCH-NUMBER")));
        Assert.Equal(0, Total(await SearchAsync(admin, $"application={number}&operation=application.reveal")));
        var tomorrow = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var none = await SearchAsync(admin, $"application={number}&from={tomorrow}");
        Assert.Equal(0, Total(none));
        Assert.Contains("没有符合条件的审计记录", none, StringComparison.Ordinal);
        Assert.True(Total(await SearchAsync(admin, "officer=hunan-review&operation=login")) >= 1);

        // A reversed range is refused next to its field, in Chinese.
        var reversed = await SearchAsync(admin, $"from={tomorrow}&to={today}");
        Assert.Contains("起始日期不能晚于截止日期。", reversed, StringComparison.Ordinal);
        Assert.Contains("id=\"to-error\"", reversed, StringComparison.Ordinal);

        // A date that does not parse is refused next to its field, and nothing is searched.
        var unreadable = await SearchAsync(admin, "from=2026-13-45");
        Assert.Contains("id=\"from-error\"", unreadable, StringComparison.Ordinal);
        Assert.Contains("请按“年-月-日”填写日期。", WebUtility.HtmlDecode(unreadable), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"audit-total\"", unreadable, StringComparison.Ordinal);

        // Paged, 50 to a page, newest first.
        await PlantAsync("test.paging", 60, i => $"entry {i}");
        var first = await SearchAsync(admin, "operation=test.paging");
        Assert.Equal(60, Total(first));
        Assert.Equal(50, Rows(first).Count);
        Assert.Contains("entry 59", Rows(first)[0], StringComparison.Ordinal);
        Assert.Contains("operation=test.paging&amp;p=2", first, StringComparison.Ordinal);
        var second = await SearchAsync(admin, "operation=test.paging&p=2");
        Assert.Equal(10, Rows(second).Count);
        Assert.Contains("entry 0", Rows(second)[^1], StringComparison.Ordinal);

        // Every search is on record, with what was asked; the refused range searched nothing and is not.
        Assert.Equal(searchesBefore + 8, await CountAsync(a => a.Action == "audit.search" && a.Actor == "officer:admin"));
        Assert.Equal(1, await CountAsync(a => a.Action == "audit.search" && a.Detail!.Contains($"officer=hunan-review; application={number}; action=application.view")));
    }

    [Fact]
    public async Task Personal_data_is_masked_on_the_page_and_in_the_csv_export_and_every_export_is_audited()
    {
        await PlantAsync("test.masking", 1, _ => PlantedDetail);
        await PlantAsync("test.formula", 1, _ => "=HYPERLINK(\"http://evil\",\"x\")");
        var admin = await Api.LoginOfficer("admin");

        var html = await SearchAsync(admin, "operation=test.masking");
        Assert.Equal(1, Total(html));
        var row = Rows(html)[0];
        Assert.Contains("110105********002X", row, StringComparison.Ordinal);
        Assert.Contains("138****5678", row, StringComparison.Ordinal);
        Assert.Contains("姓名：张**", row, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", html, StringComparison.Ordinal);

        var exportsBefore = await CountAsync(a => a.Action == "audit.export");
        var csv = await ExportAsync(admin, html, "test.masking");
        Assert.Equal("序号,时间（北京时间）,操作人,操作人代码,操作,操作代码,对象,详情", csv.Lines[0]);
        Assert.Equal(3, csv.Lines.Length); // the header, the entry, the final line break
        Assert.Contains("110105********002X", csv.Lines[1], StringComparison.Ordinal);
        Assert.Contains("138****5678", csv.Lines[1], StringComparison.Ordinal);
        Assert.Contains("张**", csv.Lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", csv.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", csv.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", csv.Text, StringComparison.Ordinal);
        Assert.Contains(",系统,system:system,test.masking,test.masking,", csv.Lines[1], StringComparison.Ordinal);

        // A cell a spreadsheet would run as a formula is written as text.
        var formula = await ExportAsync(admin, await SearchAsync(admin, "operation=test.formula"), "test.formula");
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", formula.Lines[1], StringComparison.Ordinal);

        Assert.Equal(exportsBefore + 2, await CountAsync(a => a.Action == "audit.export" && a.Actor == "officer:admin"));
        Assert.Equal(1, await CountAsync(a => a.Action == "audit.export" && a.Detail == "action=test.masking; 1 of 1 rows"));
    }

    [Fact]
    public async Task Verifying_from_the_page_is_the_check_of_verify_audit_names_an_altered_entry_and_is_audited()
    {
        var admin = await Api.LoginOfficer("admin");
        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["anchor-audit"], new StringWriter()));
        var command = new StringWriter();
        Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], command));

        var intact = await VerifyAsync(admin);
        Assert.Contains("data-intact=\"true\"", intact, StringComparison.Ordinal);
        Assert.Contains("审计日志完整", intact, StringComparison.Ordinal);
        Assert.Matches("与[0-9]+个锚点相符", intact);
        // The page says what the command says, for the chain as it was (the page's own entries came after the command's run).
        Assert.Contains(command.ToString().Trim().Split('，')[2], intact, StringComparison.Ordinal);

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var victim = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).Skip(1).FirstAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'nothing happened' WHERE \"Id\" = {victim.Id}");
        try
        {
            var broken = await VerifyAsync(admin);
            Assert.Contains("data-intact=\"false\"", broken, StringComparison.Ordinal);
            Assert.Contains($"id=\"broken-sequence\">第{victim.Sequence}条", broken, StringComparison.Ordinal);
            Assert.Contains("篡改", broken, StringComparison.Ordinal);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = {victim.Detail} WHERE \"Id\" = {victim.Id}");
        }

        Assert.Contains("data-intact=\"true\"", await VerifyAsync(admin), StringComparison.Ordinal);
        var checks = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "audit.verify").OrderBy(a => a.Sequence).Select(a => a.Detail!).ToListAsync();
        Assert.Equal(3, checks.Count);
        Assert.StartsWith("intact;", checks[0], StringComparison.Ordinal);
        Assert.StartsWith($"broken at #{victim.Sequence};", checks[1], StringComparison.Ordinal);
        Assert.StartsWith("intact;", checks[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_page_shows_each_regions_effective_policy_with_its_file_and_that_files_sha256()
    {
        var admin = await Api.LoginOfficer("admin");
        var html = WebUtility.HtmlDecode(await (await Api.Send(HttpMethod.Get, "/officer/policy", admin)).Content.ReadAsStringAsync());
        foreach (var region in new[] { "hunan", "jilin", "tianjin" })
        {
            var section = Regex.Match(html, $"<section[^>]*id=\"policy-{region}\"[\\s\\S]*?</section>").Value;
            var file = Regex.Match(section, "<code class=\"policy-file\">([^<]+)</code>").Groups[1].Value;
            var sha = Regex.Match(section, "<code class=\"policy-sha256\">([0-9a-f]{64})</code>").Groups[1].Value;
            Assert.EndsWith($"{region}.json", file, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))), sha);
            // The file shipped is the one in the repository.
            var source = Path.Combine(ServiceFixture.RepositoryRoot, "src", "IdReissue.Infrastructure", "Data", "regions", $"{region}.json");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(source))), sha);
        }

        var hunan = Regex.Match(html, "<section[^>]*id=\"policy-hunan\"[\\s\\S]*?</section>").Value;
        Assert.Contains("湖南省", hunan, StringComparison.Ordinal);
        Assert.Contains("5年内，且须在本省领取", hunan, StringComparison.Ordinal);
        Assert.Contains("上次领证须已采集指纹", hunan, StringComparison.Ordinal);
        Assert.Contains("丢失补领 40.00 元", hunan, StringComparison.Ordinal);
        Assert.Contains("同城 15.00 元，外埠 22.00 元", hunan, StringComparison.Ordinal);
        Assert.Contains("历史照片拍摄不超过2年的沿用", hunan, StringComparison.Ordinal);
        Assert.Contains("材料齐全后 10 个工作日", hunan, StringComparison.Ordinal);
        var tianjin = Regex.Match(html, "<section[^>]*id=\"policy-tianjin\"[\\s\\S]*?</section>").Value;
        Assert.Contains("户口簿本人页（户口页）", tianjin, StringComparison.Ordinal);
    }

    private async Task<string> SearchAsync(string token, string query)
    {
        var response = await Api.Send(HttpMethod.Get, "/officer/audit?" + query, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> VerifyAsync(string token)
    {
        var page = await SearchAsync(token, "operation=audit.verify");
        var response = await PostAsync(token, "Verify", page, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Text, string[] Lines)> ExportAsync(string token, string page, string operation)
    {
        var response = await PostAsync(token, "Export", page, [new("operation", operation)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^audit-[0-9]{8}-[0-9]{6}\\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? string.Empty);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        return (text, text.Split("\r\n"));
    }

    private Task<HttpResponseMessage> PostAsync(string token, string handler, string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        PageForms.PostWithBearerAsync(Api.Http, token, $"/officer/audit?handler={handler}", page, [.. fields]);

    /// <summary>Entries written the way every feature writes them (the audit log port, with the unit of work), so the chain holds them.</summary>
    private async Task PlantAsync(string action, int count, Func<int, string> detail)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
        {
            audit.Record(Actor.System, action, "test", detail(i));
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveAsync(CancellationToken.None);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Infrastructure.Persistence.Records.AuditEntry, bool>> where)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdReissueDbContext>().AuditEntries.AsNoTracking().CountAsync(where);
    }

    private static int Total(string html) => int.Parse(AuditTotal().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Rows(string html) =>
        [.. AuditRow().Matches(WebUtility.HtmlDecode(AuditTable().Match(html).Value)).Select(m => m.Value)];

    [GeneratedRegex("id=\"audit-total\">([0-9]+)<")]
    private static partial Regex AuditTotal();

    [GeneratedRegex("<table class=\"grid\" id=\"audit\">[\\s\\S]*?</table>")]
    private static partial Regex AuditTable();

    [GeneratedRegex("<tr data-action=[\\s\\S]*?</tr>")]
    private static partial Regex AuditRow();
}
