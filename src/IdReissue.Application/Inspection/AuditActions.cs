namespace IdReissue.Application.Inspection;

/// <summary>The Chinese name of each action the audit log records; an action not listed shows its code.</summary>
public static class AuditActions
{
    public const string Search = "audit.search";
    public const string Export = "audit.export";
    public const string Verify = "audit.verify";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["login"] = "登录",
        ["login.failed"] = "登录失败",
        ["application.view"] = "查看申请（脱敏）",
        ["application.reveal"] = "查看完整个人信息",
        ["application.household-page.view"] = "查看户口页",
        ["application.faces.view"] = "查看人像照片",
        ["application.approve"] = "审核通过",
        ["application.reject"] = "审核不通过",
        ["application.request-new-photo"] = "要求重新提交照片",
        ["application.clear-holder-denial"] = "解除疑似冒用",
        ["application.holder-denied"] = "持证人否认申请",
        ["application.dispatch"] = "寄出证件",
        ["application.deliver"] = "确认送达",
        ["production.batch"] = "生成制证批次",
        ["production.export"] = "导出制证批次",
        ["production.handoff"] = "交接制证中心",
        ["payment.refunded"] = "登记退款",
        ["payment.reconcile"] = "支付对账",
        ["sla.check"] = "时限检查",
        ["sla.overdue"] = "超期预警",
        ["config.new-data-key"] = "新增数据密钥",
        ["config.reseal"] = "重新加密个人数据",
        ["config.rotate-master-key"] = "轮换主密钥",
        ["config.rekey-audit"] = "升级审计链",
        [Search] = "检索审计日志",
        [Export] = "导出审计日志",
        [Verify] = "校验审计链",
    };

    public static string NameOf(string action) => Names.TryGetValue(action, out var name) ? name : action;
}
