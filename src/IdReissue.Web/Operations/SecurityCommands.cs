using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security;
using IdReissue.Infrastructure.Security.Protection;
using IdReissue.Web.Audit;

namespace IdReissue.Web.Operations;

/// <summary>
/// `dotnet IdReissue.Web.dll security COMMAND`, run with the service's own configuration, while the
/// service keeps serving: verify the audit chain, add a data key, reseal personal data under the newest
/// data key, re-wrap the data keys under the active master key. Each change of keys is itself an audit entry.
/// </summary>
public static class SecurityCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<KeyRingStore>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        switch (args.Count > 0 ? args[0] : string.Empty)
        {
            case "verify-audit":
                var report = await AuditChain.VerifyAsync(db, CancellationToken.None);
                if (report.Intact)
                {
                    await output.WriteLineAsync($"审计日志完整：共{report.EntriesChecked}条，SM3链校验通过。");
                    return 0;
                }

                await output.WriteLineAsync($"审计日志在第{report.FirstBrokenSequence}条（id {report.FirstBrokenId}）处断裂：{report.Problem}。此前{report.EntriesChecked}条完好。");
                return 1;
            case "new-data-key":
                var id = await keys.AddDataKeyAsync(CancellationToken.None);
                keys.Reload();
                audit.Record(Actor.System, "config.new-data-key", id.ToString(), "new personal data is sealed with this key");
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"已新增数据密钥 {id}；各节点在5分钟内改用它加密新数据，旧数据仍可解密。");
                return 0;
            case "reseal":
                var resealed = await scope.ServiceProvider.GetRequiredService<PersonalDataResealer>().ResealAsync(CancellationToken.None);
                audit.Record(Actor.System, "config.reseal", "personal-data", $"{resealed.Resealed} rows resealed, {resealed.Skipped} skipped");
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"已用最新数据密钥重新加密{resealed.Resealed}行个人数据" + (resealed.Skipped > 0 ? $"；{resealed.Skipped}行正在被修改而跳过，请再运行一次。" : "。"));
                return resealed.Skipped > 0 ? 3 : 0;
            case "rotate-master-key":
                var rewrapped = await keys.RewrapAsync(CancellationToken.None);
                var master = scope.ServiceProvider.GetRequiredService<IMasterKeyStore>().ActiveKeyId;
                audit.Record(Actor.System, "config.rotate-master-key", master, $"{rewrapped} data keys re-wrapped");
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"已用主密钥“{master}”重新封装{rewrapped}个数据密钥；确认后可从配置中删除旧主密钥。");
                return 0;
            default:
                await output.WriteLineAsync("用法：security verify-audit | new-data-key | reseal | rotate-master-key");
                return 2;
        }
    }
}
