using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Security.Protection;
using IdReissue.Infrastructure.Persistence.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// `dotnet IdReissue.Web.dll security COMMAND`, run with the service's own configuration, while the
/// service keeps serving: verify the audit chain (against its anchors), anchor it now, upgrade a chain
/// from before it was keyed, add a data key, reseal personal data under the newest data key, re-wrap the
/// data keys under the active master key. Each change of keys is itself an audit entry.
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
                return await VerifyAuditAsync(scope.ServiceProvider, db, output);
            case "anchor-audit":
                var anchored = await scope.ServiceProvider.GetRequiredService<AuditAnchors>().AnchorAsync(db, CancellationToken.None);
                if (anchored.Anchor is not { } anchor)
                {
                    await output.WriteLineAsync($"未写入锚点：{anchored.Skipped}。");
                    return anchored.ChainNotKeyed ? 1 : 0;
                }

                await output.WriteLineAsync($"已锚定审计日志：第{anchor.Sequence}条，校验值 {anchor.Head}" + AnchorPlace(scope.ServiceProvider) + "。");
                return 0;
            case "rekey-audit":
                var rekeyed = await AuditChain.RekeyAsync(db, scope.ServiceProvider.GetRequiredService<AuditChainKey>(), CancellationToken.None);
                if (rekeyed.Problem is not null)
                {
                    await output.WriteLineAsync($"未升级审计链：{rekeyed.Problem}。");
                    return 1;
                }

                if (rekeyed.Rewritten == 0)
                {
                    await output.WriteLineAsync("审计链已是带密钥的HMAC-SM3链，无需升级。");
                    return 0;
                }

                // The old SM3 head goes into the (now keyed) chain, so the upgrade itself is on record.
                audit.Record(Actor.System, "config.rekey-audit", "audit-chain", $"{rekeyed.Rewritten} entries re-chained with HMAC-SM3; old SM3 head {rekeyed.OldHead}");
                await db.SaveChangesAsync();
                await scope.ServiceProvider.GetRequiredService<AuditAnchors>().AnchorAsync(db, CancellationToken.None);
                await output.WriteLineAsync($"已将{rekeyed.Rewritten}条审计记录升级为带密钥的HMAC-SM3链，并写入锚点；原SM3链的末条摘要为 {rekeyed.OldHead}，请另行留存。");
                return 0;
            case "new-data-key":
                var id = await keys.AddDataKeyAsync(CancellationToken.None);
                keys.Reload();
                audit.Record(Actor.System, "config.new-data-key", id.ToString(), "new personal data is sealed with this key");
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"已新增数据密钥 {id}；各节点在5分钟内改用它加密新数据，旧数据仍可解密。");
                return 0;
            case "reseal":
                // A command runs without the hosted services, so nothing has loaded the key ring in this process yet.
                if (!scope.ServiceProvider.GetRequiredService<PersonalDataProtector>().IsReady)
                {
                    keys.Reload();
                }

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
                await output.WriteLineAsync("用法：security verify-audit | anchor-audit | rekey-audit | new-data-key | reseal | rotate-master-key");
                return 2;
        }
    }

    /// <summary>The chain entry by entry, then against every anchor kept outside the database (the inspection page runs the same check).</summary>
    private static async Task<int> VerifyAuditAsync(IServiceProvider services, IdReissueDbContext db, TextWriter output)
    {
        var verification = await AuditChainVerification.RunAsync(db, services.GetRequiredService<AuditAnchors>(), services.GetRequiredService<AuditChainKey>(), CancellationToken.None);
        await output.WriteLineAsync(verification.Summary);
        return verification.Intact ? 0 : 1;
    }

    private static string AnchorPlace(IServiceProvider services) =>
        services.GetRequiredService<AuditAnchors>().File is { } file ? $"，已写入 {file} 和日志" : "，已写入日志（未配置 Security:AuditAnchorFile）";
}
