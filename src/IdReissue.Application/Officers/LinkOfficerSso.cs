using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Officers;

/// <summary>An administrator links an officer's account to the subject the bureau's identity provider knows them by (its
/// <c>sub</c>, as the provider's user page shows it), or unlinks it (empty). The link is the only way the provider's
/// sign-in reaches an account; a subject links to one account at most.</summary>
public sealed record LinkOfficerSso(OfficerScope Administrator, string Username, string? Subject);

public sealed class LinkOfficerSsoHandler(
    IOfficerAccountStore officers, OfficerAdministration rules, OfficerOidcOptions oidc, IAuditLog audit, IUnitOfWork unitOfWork)
{
    public async Task<Result<OfficerCredentials>> HandleAsync(LinkOfficerSso command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (oidc.Issuer is not { } issuer)
        {
            return Problem.Conflict("sso_disabled", "本服务未启用统一身份认证，无法关联账号。");
        }

        var administered = await rules.AdministerAsync(command.Administrator, command.Username, cancellationToken);
        if (!administered.Succeeded)
        {
            return administered.Problem!;
        }

        var subject = command.Subject?.Trim();
        if (subject is { Length: > 200 } || (subject?.Any(char.IsControl) ?? false))
        {
            return Problem.Invalid("invalid_sso_subject", "统一身份认证标识须为200个字符以内。", "subject");
        }

        var key = string.IsNullOrEmpty(subject) ? null : OfficerSsoLink.Key(issuer, subject);
        var before = administered.Value.Target;
        if (key == before.SsoSubject)
        {
            return before;
        }

        if (key is not null && await officers.FindBySsoSubjectAsync(key, cancellationToken) is { } other && other.Username != before.Username)
        {
            return Problem.Conflict("sso_subject_taken", "该统一身份认证标识已关联另一名办事人员的账号。");
        }

        await officers.SetSsoSubjectAsync(before.Username, key, cancellationToken);
        audit.Record(command.Administrator.Actor, "officer.sso-link", $"officer:{before.Username}",
            OfficerAdministration.Changes(("sso", before.SsoSubject, key)));
        await unitOfWork.SaveAsync(cancellationToken);
        return before with { SsoSubject = key };
    }
}
