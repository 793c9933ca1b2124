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
        group.MapPost("/officer-setup", CompleteOfficerSetup).WithName("CompleteOfficerSetup").WithSummary("Choose a password through a one-time set-up link; signs the officer in as a log-in does");
        group.MapPost("/officer-sessions/second-factor", VerifySecondFactor).RequireAuthorization(Policies.OfficerPending)
            .WithName("VerifySecondFactor").WithSummary("The second step of an officer's log-in: a TOTP code or a recovery code, on the pending session");
        group.MapPost("/second-factor/enrolment", BeginEnrolment).RequireAuthorization(Policies.OfficerOrPending)
            .WithName("BeginSecondFactorEnrolment").WithSummary("Draw a TOTP secret to add to an authenticator app");
        group.MapPost("/second-factor/enrolment/confirmation", ConfirmEnrolment).RequireAuthorization(Policies.OfficerOrPending)
            .WithName("ConfirmSecondFactorEnrolment").WithSummary("Confirm the secret with a code; answers the recovery codes (and the session, after a pending log-in)");
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

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> CompleteOfficerSetup(
        OfficerSetupRequest request, CompleteOfficerSetupHandler handler, CancellationToken cancellationToken)
    {
        var opened = await handler.HandleAsync(new CompleteOfficerSetup(request.Token, request.Password), cancellationToken);
        return opened.Succeeded ? TypedResults.Ok(SessionIssued.From(opened.Value)) : Problems.From(opened.Problem!);
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> VerifySecondFactor(
        SecondFactorRequest request, VerifySecondFactorHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var opened = await handler.HandleAsync(
            new VerifySecondFactor(SessionToken.Read(http.Request) ?? string.Empty, http.User.OfficerUsername(), request.Code, request.RecoveryCode, ClientNetworks.KeyOf(http)),
            cancellationToken);
        return opened.Succeeded ? TypedResults.Ok(SessionIssued.From(opened.Value)) : Problems.From(opened.Problem!);
    }

    public static async Task<Results<Ok<SecondFactorEnrolmentView>, ProblemHttpResult>> BeginEnrolment(
        BeginSecondFactorEnrolmentHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var begun = await handler.HandleAsync(new BeginSecondFactorEnrolment(http.User.OfficerUsername()), cancellationToken);
        return begun.Succeeded ? TypedResults.Ok(new SecondFactorEnrolmentView(begun.Value.Secret, begun.Value.ProvisioningUri)) : Problems.From(begun.Problem!);
    }

    public static async Task<Results<Ok<SecondFactorEnrolledView>, ProblemHttpResult>> ConfirmEnrolment(
        SecondFactorConfirmationRequest request, ConfirmSecondFactorEnrolmentHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var pending = http.User.HasClaim(SessionClaims.Kind, SessionKinds.OfficerPending) ? SessionToken.Read(http.Request) : null;
        var enrolled = await handler.HandleAsync(
            new ConfirmSecondFactorEnrolment(http.User.OfficerUsername(), request.Code, pending, ClientNetworks.KeyOf(http)), cancellationToken);
        return enrolled.Succeeded
            ? TypedResults.Ok(new SecondFactorEnrolledView(enrolled.Value.RecoveryCodes, enrolled.Value.Session is { } session ? SessionIssued.From(session) : null))
            : Problems.From(enrolled.Problem!);
    }

    public static async Task<NoContent> Logout(HttpContext http, ISessionStore sessions, SessionCache cache, CancellationToken cancellationToken)
    {
        var token = SessionToken.Read(http.Request) ?? string.Empty;
        await sessions.EndAsync(token, cancellationToken);
        cache.Remove(TokenHash.Of(token));
        return TypedResults.NoContent();
    }
}
