using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>An officer signed in at the bureau's identity provider, whose id_token the web host has validated (signature,
/// issuer, audience, nonce): <paramref name="Issuer"/> and <paramref name="Subject"/> name them there, <paramref name="Methods"/>
/// is the token's <c>amr</c>. The subject reaches only the account an administrator linked it to; roles and region are the
/// account's, never the provider's.</summary>
public sealed record LogInOfficerBySso(string Issuer, string Subject, IReadOnlyCollection<string> Methods, string ClientKey);

public sealed class LogInOfficerBySsoHandler(
    IOfficerAccountStore officers, OfficerSignIn signIn, LoginAttempts attempts, OfficerOidcOptions oidc, IAuditLog audit, IUnitOfWork unitOfWork)
{
    /// <summary>The audit actor of a provider's answer that reached no account: not a username (they never hold brackets), so
    /// a subject can never pass for an officer in the log.</summary>
    public const string UnknownActor = "(sso)";

    public static readonly Problem NotLinked = new Problem(DomainErrorKind.Unauthenticated, "sso_not_linked", "您的统一身份认证账号尚未关联办事人员账号，请联系管理员关联后再登录。");

    public static readonly Problem Disabled = new Problem(DomainErrorKind.Unauthenticated, "sso_officer_disabled", "该办事人员账号已停用，不能登录。如有疑问请联系管理员。");

    public static readonly Problem Failed = new Problem(DomainErrorKind.Unauthenticated, "sso_failed", "统一身份认证登录未成功，请重试或使用用户名和密码登录。");

    public async Task<Result<SessionOpened>> HandleAsync(LogInOfficerBySso command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Counts against the network like a password attempt (given back on success), so a client cannot make the audit log
        // write without limit.
        var reserved = await attempts.BeginForClientAsync(command.ClientKey, cancellationToken);
        var key = OfficerSsoLink.Key(command.Issuer, command.Subject);
        var officer = string.IsNullOrWhiteSpace(command.Subject) || oidc.Issuer != OfficerSsoLink.NormalizeIssuer(command.Issuer)
            ? null
            : await officers.FindBySsoSubjectAsync(key, cancellationToken);
        if (officer is null || officer.Disabled)
        {
            // The subject is recorded, so an administrator sees whom to link; it is the provider's opaque id, not personal data.
            audit.Record(Actor.Officer(officer?.Username ?? UnknownActor), "login.sso-failed", "officer-session",
                officer is null ? Cut($"not linked: {key}") : "disabled");
            await unitOfWork.SaveAsync(cancellationToken);
            return officer is null ? NotLinked : Disabled;
        }

        var mfa = oidc.AcceptProviderMfa && command.Methods.Any(OfficerSsoLink.MultiFactorMethods.Contains);
        var opened = signIn.AfterProvider(officer, mfa);
        await unitOfWork.SaveAsync(cancellationToken);
        await attempts.ReleaseAsync(reserved, cancellationToken);
        return opened;
    }

    /// <summary>The provider's answer was refused before it named anyone (a forged, tampered or foreign token, a cancelled
    /// sign-in): audited as a failed log-in.</summary>
    public async Task RecordFailureAsync(string reason, string clientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await attempts.BeginForClientAsync(clientKey, cancellationToken);
        audit.Record(Actor.Officer(UnknownActor), "login.sso-failed", "officer-session", Cut(reason));
        await unitOfWork.SaveAsync(cancellationToken);
    }

    private static string Cut(string text) => text.Length > 200 ? text[..200] : text;
}
