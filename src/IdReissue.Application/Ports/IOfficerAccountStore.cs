namespace IdReissue.Application.Ports;

/// <summary>Officers' accounts as log-in needs them.</summary>
public interface IOfficerAccountStore
{
    Task<OfficerCredentials?> FindAsync(string username, CancellationToken cancellationToken);

    /// <summary>Whether the password is the officer's; hashed even for no officer, so the time taken does not tell which usernames exist.</summary>
    bool PasswordMatches(OfficerCredentials? officer, string password);
}

public sealed record OfficerCredentials(string Username, string PasswordHash, bool Disabled, IReadOnlyList<string> Roles, string RegionId);
