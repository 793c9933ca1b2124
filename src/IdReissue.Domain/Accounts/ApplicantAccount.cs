using IdReissue.Domain.Common;
using IdReissue.Domain.Registry;

namespace IdReissue.Domain.Accounts;

/// <summary>
/// An applicant's account, identified by a mobile phone number verified by SMS. Real-name verification gives it
/// one identity (name and citizen ID number as the registry holds them), for good; face verification then proves
/// its holder to be that person, and only a proven account holds the identity exclusively — name and number alone
/// are no proof, since anyone who knows them can type them.
/// </summary>
public sealed class ApplicantAccount
{
    public const string AlreadyVerifiedCode = "real_name_already_verified";

    private ApplicantAccount()
    {
        Phone = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Phone { get; private set; }

    /// <summary>Set once real-name verification (name + citizen ID number) succeeded.</summary>
    public string? RealName { get; private set; }

    public string? CitizenId { get; private set; }

    public DateTimeOffset? RealNameVerifiedAt { get; private set; }

    /// <summary>When face verification proved the account's holder to be the person of <see cref="CitizenId"/>.</summary>
    public DateTimeOffset? IdentityProvenAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool HasRealName => CitizenId is not null && RealName is not null;

    /// <summary>A new account for a phone number whose SMS code was just proven.</summary>
    public static ApplicantAccount Register(Guid id, string phone, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        return new ApplicantAccount { Id = id, Phone = phone, CreatedAt = now };
    }

    /// <summary>The same name and number again is the verification already made.</summary>
    public bool IsVerifiedAs(string name, string citizenId) => CitizenId == citizenId && RealName == name;

    /// <summary>Real-name verification against the registry's record; an account keeps the first identity it was given.</summary>
    public void VerifyRealName(ResidentRecord resident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resident);
        if (CitizenId is not null)
        {
            if (IsVerifiedAs(resident.Name, resident.CitizenId))
            {
                return;
            }

            throw new DomainException(AlreadyVerifiedCode, "本账号已完成实名认证，不能更换为其他身份。", DomainErrorKind.Conflict);
        }

        RealName = resident.Name;
        CitizenId = resident.CitizenId;
        RealNameVerifiedAt = now;
    }

    /// <summary>Face verification matched the registry photo for this account's identity: from now on it is this account's alone.</summary>
    public void ProveIdentity(string citizenId, DateTimeOffset now)
    {
        if (CitizenId != citizenId)
        {
            throw new DomainException("not_account_holder", "只能为本账号实名认证的本人申请。", DomainErrorKind.Forbidden);
        }

        IdentityProvenAt ??= now;
    }

    /// <summary>An officer found the proof wanting (the application was rejected): the identity is free for the real person again.</summary>
    public void ReleaseIdentity() => IdentityProvenAt = null;
}
