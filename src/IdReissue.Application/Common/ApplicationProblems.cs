namespace IdReissue.Application.Common;

/// <summary>Refusals that several features give in the same words.</summary>
public static class ApplicationProblems
{
    /// <summary>Someone else's application reads as not found, never as forbidden.</summary>
    public static Problem NotFound { get; } = Problem.NotFound("application_not_found", "未找到该申请。");

    public static Problem ConcurrentUpdate { get; } = Problem.Conflict("concurrent_update", "该申请正在被另一操作修改，请刷新后重试。");
}
