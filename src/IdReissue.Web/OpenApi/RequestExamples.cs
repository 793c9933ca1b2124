namespace IdReissue.Web.OpenApi;

/// <summary>A request body that works, per operation: the docs/api.md walk-through's values (synthetic people).</summary>
internal static class RequestExamples
{
    public static readonly IReadOnlyDictionary<string, string> ByOperation = new Dictionary<string, string>
    {
        ["SendSmsCode"] = """{"phone":"13800138000"}""",
        ["LogInApplicant"] = """{"phone":"13800138000","code":"123456"}""",
        ["LogInOfficer"] = """{"username":"hunan-review","password":"(from the demo logins)"}""",
        ["VerifyRealName"] = """{"name":"张三","citizenId":"430102199001011234"}""",
        ["StartApplication"] = """{"region":"hunan","case":"Loss","householdNumber":"43010200012345","name":"张三","citizenId":"430102199001011234"}""",
        ["ReportLoss"] = """{"place":"长沙市芙蓉区五一大道地铁站","lostAt":"2026-11-20T09:30:00+08:00","receiptWanted":true}""",
        ["QuotePostage"] = """{"divisionCode":"430102"}""",
        ["GiveAddress"] = """{"recipient":"张三","phone":"13800138000","divisionCode":"430102","detail":"解放西路100号3栋502室"}""",
        ["CreatePayment"] = """{"channel":"WeChatPay","acknowledgeNoCancellationNoRefund":true}""",
        ["RejectApplication"] = """{"reason":"户口页与人口信息库记录不一致"}""",
        ["RequestNewPhoto"] = """{"reason":"照片背景不是白色，请重新拍摄"}""",
        ["CreateProductionBatch"] = """{"region":"hunan"}""",
        ["IssueDemoResident"] = """{"region":"hunan","profile":"eligible"}""",
        ["ReadSandboxSms"] = """{"phone":"13800138000"}""",
    };
}
