using System.Security.Claims;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Domain.Identity;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Web.Accounts;

/// <summary>The applicant's own account and its real-name verification (实名认证).</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/me").WithTags("Account").RequireAuthorization(Policies.Applicant);
        group.MapGet("/", GetAccount).WithName("GetAccount").WithSummary("The applicant's own account (masked)");
        group.MapPost("/real-name", VerifyRealName).WithName("VerifyRealName").WithSummary("Real-name verification (实名认证) against the household registry");
        return group;
    }

    public static async Task<Ok<AccountView>> GetAccount(ClaimsPrincipal user, IdReissueDbContext db, CancellationToken cancellationToken)
    {
        var account = await db.ApplicantAccounts.AsNoTracking().SingleAsync(a => a.Id == user.ApplicantId(), cancellationToken);
        return TypedResults.Ok(AccountView.From(account));
    }

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> VerifyRealName(
        RealNameRequest request, ClaimsPrincipal user, IdReissueDbContext db, IHouseholdRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var name = RealNameRequest.RequireName(request.Name);
        var parsed = CitizenIdNumber.Parse(request.CitizenId, ChinaTime.DateOf(now));
        if (!parsed.IsValid)
        {
            return Problems.Validation(parsed.Code!, parsed.Message!, "citizenId");
        }

        var account = await db.ApplicantAccounts.SingleAsync(a => a.Id == user.ApplicantId(), cancellationToken);
        if (account.CitizenId is not null)
        {
            return account.CitizenId == parsed.Number!.Value && account.RealName == name
                ? TypedResults.Ok(AccountView.From(account))
                : Problems.Create(409, "real_name_already_verified", "本账号已完成实名认证，不能更换为其他身份。");
        }

        var resident = await registry.FindAsync(parsed.Number!.Value, cancellationToken);
        if (resident is null || resident.Name != name)
        {
            return Problems.Validation("real_name_mismatch", "姓名与公民身份号码不一致，或人口信息库中无此记录，请核对。", "name");
        }

        // Only an account whose holder proved the identity by face keeps it from others: a claim by name and
        // number alone must not lock the real person out of their own identity.
        if (await ProvenIdentity.IsHeldElsewhereAsync(db, resident.CitizenId, account.Id, cancellationToken))
        {
            return ProvenIdentity.HeldElsewhere();
        }

        account.RealName = resident.Name;
        account.CitizenId = resident.CitizenId;
        account.RealNameVerifiedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AccountView.From(account));
    }
}

public sealed record RealNameRequest(string? Name, string? CitizenId)
{
    public static string RequireName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > 30 || trimmed.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            throw new DomainException("name_invalid", "请填写与身份证一致的姓名（1至30个字）。");
        }

        return trimmed;
    }
}

public sealed record AccountView(string MaskedPhone, bool RealNameVerified, string? MaskedName, string? MaskedCitizenId)
{
    public static AccountView From(Infrastructure.Persistence.Records.ApplicantAccount account) => new(
        PersonalDataMask.Phone(account.Phone),
        account.RealNameVerifiedAt is not null,
        account.RealName is null ? null : PersonalDataMask.Name(account.RealName),
        account.CitizenId is null ? null : PersonalDataMask.CitizenId(account.CitizenId));
}
