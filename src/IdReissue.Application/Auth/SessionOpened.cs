namespace IdReissue.Application.Auth;

/// <summary>A session begun by a log-in: its token (given to the client once), and whom it is for. A session of kind
/// <see cref="SessionKinds.OfficerPending"/> names the step still owed (<see cref="SecondFactorSteps"/>).</summary>
public sealed record SessionOpened(string Token, DateTimeOffset ExpiresAt, string Kind, string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string>? Regions, string? NextStep = null);

/// <summary>What an officer still owes after the password.</summary>
public static class SecondFactorSteps
{
    /// <summary>A code from the authenticator app (or a recovery code).</summary>
    public const string Code = "second-factor";

    /// <summary>Enrol an authenticator app first (the service requires one).</summary>
    public const string Enrol = "enrol-second-factor";
}
