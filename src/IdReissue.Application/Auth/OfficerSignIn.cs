using IdReissue.Application.Officers;
using IdReissue.Application.Ports;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Auth;

/// <summary>
/// What follows a right password: the officer's session, or, when the officer has a second factor (or the service
/// requires one and they have none yet), a short pending session that authorizes only that step.
/// </summary>
public sealed class OfficerSignIn(ISessionStore sessions, IAuditLog audit, OfficerOptions options, TimeProvider time)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Adds the session to the unit of work (the caller saves); audited as a log-in only when it is the full session.</summary>
    public SessionOpened AfterPassword(OfficerCredentials officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (!officer.HasSecondFactor && !options.RequireSecondFactor)
        {
            return Open(officer, "password");
        }

        return Pending(officer, "login.password");
    }

    /// <summary>What follows the identity provider's sign-in (single sign-on): the full session when the provider asserted several
    /// factors (and the service accepts that), or when no second factor is owed; otherwise the same pending session as after a
    /// password, so the TOTP code (or its enrolment) is still asked for.</summary>
    public SessionOpened AfterProvider(OfficerCredentials officer, bool providerAssertedMfa)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (providerAssertedMfa)
        {
            return Open(officer, "sso (provider mfa)");
        }

        if (!officer.HasSecondFactor && !options.RequireSecondFactor)
        {
            return Open(officer, "sso");
        }

        return Pending(officer, "login.sso");
    }

    /// <summary>The officer's full session (added to the unit of work), and its audit entry naming how they signed in.</summary>
    public SessionOpened Open(OfficerCredentials officer, string how)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var now = time.GetUtcNow();
        var token = sessions.Open(SessionKinds.Officer, officer.Username, now, SessionLifetime);
        audit.Record(Actor.Officer(officer.Username), "login", "officer-session", how == "password" ? null : how);
        return new SessionOpened(token, now + SessionLifetime, SessionKinds.Officer, officer.Username, officer.Roles, officer.Regions.ToList());
    }

    /// <summary>The short session that authorizes only the second factor (or its enrolment), audited as the first step passed.</summary>
    private SessionOpened Pending(OfficerCredentials officer, string firstStep)
    {
        var now = time.GetUtcNow();
        var token = sessions.Open(SessionKinds.OfficerPending, officer.Username, now, PendingLifetime);
        audit.Record(Actor.Officer(officer.Username), firstStep, "officer-session", officer.HasSecondFactor ? "second factor owed" : "second factor enrolment owed");
        return new SessionOpened(token, now + PendingLifetime, SessionKinds.OfficerPending, officer.Username, [], null,
            officer.HasSecondFactor ? SecondFactorSteps.Code : SecondFactorSteps.Enrol);
    }

    public static string LockKey(string username) => $"login-officer:{(username.Length > 60 ? username[..60] : username)}";
}
