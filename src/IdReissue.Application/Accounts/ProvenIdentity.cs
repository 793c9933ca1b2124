using IdReissue.Application.Common;

namespace IdReissue.Application.Accounts;

/// <summary>
/// An identity is held exclusively only by the account whose holder proved it by face. One refusal, in the same words,
/// for real-name verification, starting an application and face verification.
/// </summary>
public static class ProvenIdentity
{
    public const string HeldElsewhereCode = "citizen_id_bound_elsewhere";
    public const string HeldElsewhereMessage = "该身份已由本人通过实人认证绑定其他手机号账号，请使用原账号登录。";

    public static Problem HeldElsewhere { get; } = Problem.Conflict(HeldElsewhereCode, HeldElsewhereMessage);
}
