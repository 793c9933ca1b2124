using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Accounts;

/// <summary>
/// An identity is held exclusively only by the account whose holder proved it by face (<c>ProvenCitizenIdIndex</c>,
/// unique). One question and one answer for real-name verification, starting an application and face verification.
/// </summary>
public static class ProvenIdentity
{
    /// <summary>Another account than <paramref name="accountId"/> has proven <paramref name="citizenId"/> by face.</summary>
    public static Task<bool> IsHeldElsewhereAsync(IdReissueDbContext db, string citizenId, Guid accountId, CancellationToken cancellationToken) =>
        db.ApplicantAccounts.AnyAsync(a => a.ProvenCitizenIdIndex == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId) && a.Id != accountId, cancellationToken);

    public const string HeldElsewhereCode = "citizen_id_bound_elsewhere";
    public const string HeldElsewhereMessage = "该身份已由本人通过实人认证绑定其他手机号账号，请使用原账号登录。";

    public static ProblemHttpResult HeldElsewhere() => Problems.Create(409, HeldElsewhereCode, HeldElsewhereMessage);
}
