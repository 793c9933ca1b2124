using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Persistence;

namespace IdReissue.Infrastructure.Security;

/// <summary>
/// The one check of the audit log, for `security verify-audit` and the inspection page alike: the anchor file read
/// and its signatures checked, the chain walked entry by entry and held against every anchor, and the outcome in
/// the operator's words.
/// </summary>
public static class AuditChainVerification
{
    public static async Task<AuditVerification> RunAsync(IdReissueDbContext db, AuditAnchors anchors, AuditChainKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var configured = anchors.File is not null;
        var anchorFile = anchors.Read();
        if (anchorFile.Problem is not null)
        {
            return new AuditVerification(false, 0, null, null, anchorFile.Anchors.Count, null, configured,
                $"无法校验审计日志：{anchorFile.Problem}（{anchors.File}）。");
        }

        var report = await AuditChain.VerifyAsync(db, key, anchorFile.Anchors, cancellationToken);
        long? latest = anchorFile.Anchors.Count == 0 ? null : anchorFile.Anchors.Max(a => a.Sequence);
        if (!report.Intact)
        {
            var where = report.FirstBrokenSequence is { } sequence ? $"第{sequence}条" + (report.FirstBrokenId is { } id ? $"（id {id}）" : string.Empty) : $"id {report.FirstBrokenId}";
            return new AuditVerification(false, report.EntriesChecked, report.FirstBrokenSequence, report.FirstBrokenId, anchorFile.Anchors.Count, latest, configured,
                $"审计日志在{where}处断裂：{report.Problem}。此前{report.EntriesChecked}条完好。");
        }

        var anchored = anchorFile.Anchors.Count == 0
            ? configured ? "；尚无锚点" : "；未配置锚点文件（Security:AuditAnchorFile），无法发现末尾被截去的记录"
            : $"，与{anchorFile.Anchors.Count}个锚点相符（最新至第{latest}条）";
        return new AuditVerification(true, report.EntriesChecked, null, null, anchorFile.Anchors.Count, latest, configured,
            $"审计日志完整：共{report.EntriesChecked}条，HMAC-SM3链校验通过{anchored}。");
    }
}
