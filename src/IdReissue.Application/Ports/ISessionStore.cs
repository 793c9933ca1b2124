namespace IdReissue.Application.Ports;

/// <summary>Sessions every node can check, kept only as token digests.</summary>
public interface ISessionStore
{
    /// <summary>Adds a session to the unit of work; returns the token, which is never stored itself.</summary>
    string Open(string kind, string subject, DateTimeOffset now, TimeSpan lifetime);

    /// <summary>The unexpired session whose token has this digest, or null.</summary>
    Task<ActiveSession?> FindActiveAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends the token's session at once, on every node (each node's cache forgets it within its own lifetime).</summary>
    Task EndAsync(string token, CancellationToken cancellationToken);
}

/// <summary>A session as a request is authenticated by it: whose it is, which kind (applicant or officer), until when.</summary>
public sealed record ActiveSession(string Kind, string Subject, DateTimeOffset ExpiresAt);
