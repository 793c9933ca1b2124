using IdReissue.Application.Common;

namespace IdReissue.Application.Applications;

/// <summary>One open application per account, and per proven identity: the refusals, in the same words wherever they are given.</summary>
public static class OpenApplications
{
    private const string AlreadyOpenCode = "application_already_open";

    public static Problem OpenForAccount { get; } = Problem.Conflict(AlreadyOpenCode, "您已有一份办理中的申请，请在“进度查询”中继续办理，不能重复申请。");

    public static Problem OpenForCitizen { get; } = Problem.Conflict(AlreadyOpenCode, "该公民身份号码已有一份办理中的申请，不能重复申请。");
}
