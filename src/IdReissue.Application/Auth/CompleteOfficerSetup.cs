using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>The officer opens their one-time set-up link (a new account, or a reset) and chooses a password; the link is
/// used up, and they are signed in as after a password (to enrol the second factor first, where it is required).</summary>
public sealed record CompleteOfficerSetup(string? Token, string? Password);

public sealed class CompleteOfficerSetupHandler(
    IOfficerAccountStore officers, IOfficerSecrets secrets, PasswordRules passwords, OfficerSignIn signIn, IAuditLog audit, IUnitOfWork unitOfWork, TimeProvider time)
{
    public static readonly Problem LinkInvalid = Problem.NotFound("setup_link_invalid", "设置链接无效、已使用或已过期，请联系管理员重新发放。");

    /// <summary>Whose link it is (for the page), or null when it does not work.</summary>
    public async Task<string?> FindAsync(string? token, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(token) ? null : await officers.FindBySetupTokenAsync(secrets.Digest(token), time.GetUtcNow(), cancellationToken);

    public async Task<Result<SessionOpened>> HandleAsync(CompleteOfficerSetup command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await FindAsync(command.Token, cancellationToken) is not { } username || await officers.FindAsync(username, cancellationToken) is not { } officer)
        {
            return LinkInvalid;
        }

        if (passwords.Check(command.Password, username) is { } weak)
        {
            return weak;
        }

        await officers.SetPasswordAsync(username, command.Password!, cancellationToken);
        audit.Record(Actor.Officer(username), "officer.setup", $"officer:{username}", "password set through the set-up link");
        var opened = signIn.AfterPassword(officer);
        await unitOfWork.SaveAsync(cancellationToken);
        return opened;
    }
}
