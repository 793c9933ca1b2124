using System.Globalization;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Security.Protection;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests;

/// <summary>
/// An insider with full access to the database, but not to the audit key or the anchor file, tries to
/// hide what was done. Each test breaks the chain, so each starts a service of its own.
/// </summary>
public class AuditChainTests
{
    [Fact]
    public async Task Rewriting_an_entry_and_recomputing_every_later_hash_with_plain_SM3_is_detected()
    {
        await WithServiceAsync(async service =>
        {
            var db = service.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var entries = await db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).ToListAsync();
            var victim = entries[entries.Count / 2];

            // What someone who has read AuditChain would do: change the row, then re-link every later entry with SM3.
            victim.Detail = "nothing happened";
            var previous = entries[entries.IndexOf(victim) - 1].Hash;
            foreach (var entry in entries.Skip(entries.IndexOf(victim)))
            {
                entry.PreviousHash = previous;
                entry.Hash = PlainSm3(entry);
                previous = entry.Hash;
            }

            await db.SaveChangesAsync();

            var output = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains($"第{victim.Sequence}条", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("篡改", output.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_deleted_middle_entry_and_a_last_entry_taken_out_of_the_chain_are_both_detected()
    {
        await WithServiceAsync(async service =>
        {
            var db = service.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderBy(a => a.Sequence).ToListAsync();

            // Clearing the last entry's sequence hides it from a walk along the numbers.
            var last = entries[^1];
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = NULL WHERE \"Id\" = {last.Id}");
            var output = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains($"id为{last.Id}的记录没有序号", output.ToString(), StringComparison.Ordinal);
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Sequence\" = {last.Sequence} WHERE \"Id\" = {last.Id}");
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], new StringWriter()));

            var victim = entries[entries.Count / 2];
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {victim.Id}");
            output = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains($"第{victim.Sequence}条缺失", output.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Cutting_entries_off_the_end_after_an_anchor_is_detected()
    {
        await WithServiceAsync(async service =>
        {
            var anchored = new StringWriter();
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["anchor-audit"], anchored));
            Assert.Contains("已锚定审计日志", anchored.ToString(), StringComparison.Ordinal);
            Assert.Contains(" anchor ", " " + await File.ReadAllTextAsync(service.AuditAnchorFile), StringComparison.Ordinal);
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], new StringWriter()));

            var db = service.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var tail = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).Take(2).ToListAsync();
            foreach (var entry in tail)
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}");
            }

            var output = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains("截去", output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"第{tail[0].Sequence}条", output.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Every_node_anchors_the_grown_chain_on_its_own_at_the_configured_interval()
    {
        await WithServiceAsync(async service =>
        {
            var db = service.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var head = await db.AuditEntries.AsNoTracking().MaxAsync(a => a.Sequence);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline && !(File.Exists(service.AuditAnchorFile) && (await File.ReadAllTextAsync(service.AuditAnchorFile)).Contains($"anchor 1 {head} ", StringComparison.Ordinal)))
            {
                await Task.Delay(200);
            }

            Assert.Contains($"anchor 1 {head} ", await File.ReadAllTextAsync(service.AuditAnchorFile), StringComparison.Ordinal);
            var output = new StringWriter();
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains("锚点相符", output.ToString(), StringComparison.Ordinal);
        }, new FastAnchoring());
    }

    [Fact]
    public async Task An_edited_anchor_file_is_reported_rather_than_trusted()
    {
        await WithServiceAsync(async service =>
        {
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["anchor-audit"], new StringWriter()));
            var line = (await File.ReadAllTextAsync(service.AuditAnchorFile)).Trim().Split(' ');
            line[2] = "1"; // an anchor moved back to the start, so a cut tail would pass
            await File.WriteAllTextAsync(service.AuditAnchorFile, string.Join(' ', line) + "\n");

            var output = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], output));
            Assert.Contains("锚点文件第1行", output.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_chain_written_with_plain_SM3_before_the_upgrade_is_rekeyed_once_and_then_verifies()
    {
        await WithServiceAsync(async service =>
        {
            var db = service.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IdReissueDbContext>();
            var entries = await db.AuditEntries.Where(a => a.Sequence != null).OrderBy(a => a.Sequence).ToListAsync();
            var previous = new string('0', 64);
            foreach (var entry in entries)
            {
                entry.PreviousHash = previous;
                entry.Hash = PlainSm3(entry);
                previous = entry.Hash;
            }

            await db.SaveChangesAsync();
            // Entries written after the upgrade, before the operator ran rekey-audit, are keyed on top of the old ones.
            await service.Api.LoginOfficer("admin");

            var before = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], before));
            Assert.Contains("security rekey-audit", before.ToString(), StringComparison.Ordinal);
            var anchorBefore = new StringWriter();
            Assert.Equal(1, await SecurityCommands.RunAsync(service.Services, ["anchor-audit"], anchorBefore));

            var rekeyed = new StringWriter();
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["rekey-audit"], rekeyed));
            Assert.Contains($"原SM3链的末条摘要为 {previous}", rekeyed.ToString(), StringComparison.Ordinal);
            var after = new StringWriter();
            Assert.Equal(0, await SecurityCommands.RunAsync(service.Services, ["verify-audit"], after));
            Assert.Contains("与1个锚点相符", after.ToString(), StringComparison.Ordinal);
            Assert.Contains("无需升级", await Run(service, "rekey-audit"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_security_commands_work_from_the_command_line_in_a_process_of_their_own()
    {
        await WithServiceAsync(async service =>
        {
            var journey = await Journey.Begin(service.Api, "hunan");
            await journey.ToAddressGiven("Damage");

            // How an operator runs them: a process of its own, with the service's configuration, the service still serving.
            var (resealed, resealOutput) = await RunCommandLineAsync(service, "reseal");
            Assert.True(resealed == 0, resealOutput);
            Assert.Contains("重新加密", resealOutput, StringComparison.Ordinal);
            var (anchored, anchorOutput) = await RunCommandLineAsync(service, "anchor-audit");
            Assert.True(anchored == 0, anchorOutput);
            var (verified, verifyOutput) = await RunCommandLineAsync(service, "verify-audit");
            Assert.True(verified == 0, verifyOutput);
            Assert.Contains("与1个锚点相符", verifyOutput, StringComparison.Ordinal);
            await service.Api.Get($"/api/applications/{journey.ApplicationId}", journey.Token);
        });
    }

    private static async Task<(int ExitCode, string Output)> RunCommandLineAsync(ServiceFixture service, string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IdReissue.Web.dll"));
        start.ArgumentList.Add("security");
        start.ArgumentList.Add(command);
        // The fixture's own database, SQLite or PostgreSQL (./test.sh runs the suite on both).
        start.Environment["Database__Provider"] = ServiceFixture.Provider;
        start.Environment["ConnectionStrings__IdReissue"] = service.ConnectionString;
        start.Environment["Security__MasterKeys__test-1"] = Convert.ToBase64String(service.MasterKey);
        start.Environment["Security__ActiveMasterKey"] = "test-1";
        start.Environment["Security__AuditAnchorFile"] = service.AuditAnchorFile;
        start.Environment["Sandbox__SigningKey"] = Convert.ToBase64String(service.SigningKey);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private sealed class FastAnchoring() : ServiceFixture(new Dictionary<string, string> { ["Security:AuditAnchorInterval"] = "00:00:00.300" });

    /// <summary>The chain's formula before it was keyed: anyone who reads the code can compute it.</summary>
    private static string PlainSm3(AuditEntry entry) => Sm3.HashHex(string.Join('\n',
        entry.Sequence?.ToString(CultureInfo.InvariantCulture), entry.PreviousHash, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
        entry.Actor, entry.Action, entry.Target, entry.Detail ?? string.Empty));

    private static async Task<string> Run(ServiceFixture service, string command)
    {
        var output = new StringWriter();
        await SecurityCommands.RunAsync(service.Services, [command], output);
        return output.ToString();
    }

    /// <summary>Runs a test against a service of its own, with a few audit entries (officer log-ins).</summary>
    private static async Task WithServiceAsync(Func<ServiceFixture, Task> test, ServiceFixture? own = null)
    {
        var service = own ?? new ServiceFixture();
        await ((IAsyncLifetime)service).InitializeAsync();
        try
        {
            foreach (var officer in new[] { "admin", "hunan-review", "jilin-review", "hunan-production" })
            {
                await service.Api.LoginOfficer(officer);
            }

            await test(service);
        }
        finally
        {
            await ((IAsyncLifetime)service).DisposeAsync();
        }
    }
}
