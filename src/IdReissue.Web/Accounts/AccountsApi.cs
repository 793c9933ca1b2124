using System.Security.Claims;
using IdReissue.Application.Accounts;
using IdReissue.Domain.Accounts;
using IdReissue.Domain.Common;
using IdReissue.Web.Auth;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public static async Task<Ok<AccountView>> GetAccount(ClaimsPrincipal user, GetAccountHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(AccountView.From(await handler.HandleAsync(new GetAccount(user.ApplicantId()), cancellationToken)));

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> VerifyRealName(
        RealNameRequest request, ClaimsPrincipal user, VerifyRealNameHandler handler, CancellationToken cancellationToken)
    {
        var verified = await handler.HandleAsync(new Application.Accounts.VerifyRealName(user.ApplicantId(), request.Name, request.CitizenId), cancellationToken);
        return verified.Succeeded ? TypedResults.Ok(AccountView.From(verified.Value)) : Problems.From(verified.Problem!);
    }
}

public sealed record RealNameRequest(string? Name, string? CitizenId);

public sealed record AccountView(string MaskedPhone, bool RealNameVerified, string? MaskedName, string? MaskedCitizenId)
{
    public static AccountView From(ApplicantAccount account) => new(
        PersonalDataMask.Phone(account.Phone),
        account.RealNameVerifiedAt is not null,
        account.RealName is null ? null : PersonalDataMask.Name(account.RealName),
        account.CitizenId is null ? null : PersonalDataMask.CitizenId(account.CitizenId));
}
