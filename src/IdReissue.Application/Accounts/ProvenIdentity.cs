using IdReissue.Application.Common;

namespace IdReissue.Application.Accounts;

/// <summary>
/// An identity is held exclusively only by the account whose holder proved it by face. One refusal, in the same words,
/// for real-name verification, starting an application and face verification.
/// </summary>
public static class ProvenIdentity
{
    public static Problem HeldElsewhere { get; } = Problem.Conflict("citizen_id_bound_elsewhere", "该身份已由本人通过实人认证绑定其他手机号账号，请使用原账号登录。");
}
