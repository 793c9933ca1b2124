using IdReissue.Application.Auth;
using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Security;
using IdReissue.Web.Abuse;
using IdReissue.Web.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdReissue.Web.Auth;

/// <summary>Log-in: applicants by phone and SMS code, officers by username and password.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/sms-codes", SendSmsCode).WithName("SendSmsCode").WithSummary("Send an applicant a log-in code by SMS");
        group.MapPost("/applicant-sessions", ApplicantLogin).WithName("LogInApplicant").WithSummary("Log an applicant in with phone and SMS code");
        group.MapPost("/officer-sessions", OfficerLogin).WithName("LogInOfficer").WithSummary("Log an officer in with username and password");
        group.MapDelete("/sessions/current", Logout).RequireAuthorization().WithName("LogOut").WithSummary("End the current session everywhere");
        return group;
    }

    public static async Task<Results<Accepted<SmsCodeSent>, ProblemHttpResult>> SendSmsCode(
        SmsCodeRequest request, SendLoginCodeHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var sent = await handler.HandleAsync(new SendLoginCode(request.Phone, ClientNetworks.KeyOf(http)), cancellationToken);
        return sent.Succeeded ? TypedResults.Accepted((string?)null, SmsCodeSent.From(sent.Value)) : Problems.From(sent.Problem!);
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> ApplicantLogin(
        ApplicantLoginRequest request, LogInApplicantHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var opened = await handler.HandleAsync(new LogInApplicant(request.Phone, request.Code, ClientNetworks.KeyOf(http)), cancellationToken);
        return opened.Succeeded ? TypedResults.Ok(SessionIssued.From(opened.Value)) : Problems.From(opened.Problem!);
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> OfficerLogin(
        OfficerLoginRequest request, LogInOfficerHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var opened = await handler.HandleAsync(new LogInOfficer(request.Username, request.Password, ClientNetworks.KeyOf(http)), cancellationToken);
        return opened.Succeeded ? TypedResults.Ok(SessionIssued.From(opened.Value)) : Problems.From(opened.Problem!);
    }

    public static async Task<NoContent> Logout(HttpContext http, ISessionStore sessions, SessionCache cache, CancellationToken cancellationToken)
    {
        var token = SessionToken.Read(http.Request) ?? string.Empty;
        await sessions.EndAsync(token, cancellationToken);
        cache.Remove(TokenHash.Of(token));
        return TypedResults.NoContent();
    }
}
