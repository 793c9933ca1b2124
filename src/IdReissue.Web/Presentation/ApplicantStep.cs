namespace IdReissue.Web.Presentation;

/// <summary>Where a page sits in the applicant's journey, for the progress indicator and the way back.</summary>
public sealed record ApplicantStep(int Number, string Name, string? BackUrl)
{
    public static readonly IReadOnlyList<string> Names = ["实名认证", "选择业务", "办理条件", "实人认证", "挂失申报", "邮寄地址", "缴纳工本费", "提交照片", "办理进度"];

    public int Total => Names.Count;
}
