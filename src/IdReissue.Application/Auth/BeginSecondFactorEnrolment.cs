using IdReissue.Application.Common;
using IdReissue.Application.Officers;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Auth;

/// <summary>Draws a TOTP secret for the officer to add to an authenticator app (by its QR code); it becomes the second
/// factor only once a code from the app confirms it. An officer who has one keeps it: a new one comes through a reset.</summary>
public sealed record BeginSecondFactorEnrolment(string Username);

public sealed record SecondFactorEnrolment(string Username, string Secret, string ProvisioningUri);

public sealed class BeginSecondFactorEnrolmentHandler(IOfficerAccountStore officers, IOfficerSecrets secrets, OfficerOptions options, IUnitOfWork unitOfWork)
{
    public async Task<Result<SecondFactorEnrolment>> HandleAsync(BeginSecondFactorEnrolment command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var officer = await officers.FindAsync(command.Username, cancellationToken);
        if (officer is null || officer.Disabled)
        {
            return Problem.NotFound("officer_not_found", "未找到该办事人员账号。");
        }

        if (officer.HasSecondFactor)
        {
            return Problem.Conflict("second_factor_enrolled", "已绑定身份验证器。如需更换，请联系管理员重置账号。");
        }

        // The same secret while the enrolment is open, so a page shown again still matches the app already set up.
        var secret = officer.PendingSecondFactorSecret ?? secrets.NewSecondFactorSecret();
        if (officer.PendingSecondFactorSecret is null)
        {
            await officers.BeginSecondFactorAsync(officer.Username, secret, cancellationToken);
            await unitOfWork.SaveAsync(cancellationToken);
        }

        return new SecondFactorEnrolment(officer.Username, secret, secrets.ProvisioningUri(secret, officer.Username, options.Issuer));
    }
}
