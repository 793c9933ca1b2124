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

    /// <summary>The subject's unexpired sessions of these kinds, newest first; each named by its token's digest.</summary>
    Task<IReadOnlyList<SessionSummary>> ListAsync(IReadOnlyList<string> kinds, string subject, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends one of the subject's sessions of these kinds, named by its digest, at once; false when there is none.</summary>
    Task<bool> EndAsync(IReadOnlyList<string> kinds, string subject, string tokenHash, CancellationToken cancellationToken);

    /// <summary>Ends every session of these kinds the subject holds, at once; answers how many.</summary>
    Task<int> EndAllAsync(IReadOnlyList<string> kinds, string subject, CancellationToken cancellationToken);
}

/// <summary>A session as its holder or an administrator sees it: its digest (the token itself is never stored), kind and times.</summary>
public sealed record SessionSummary(string Id, string Kind, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A session as a request is authenticated by it: whose it is, which kind (applicant or officer), until when.</summary>
public sealed record ActiveSession(string Kind, string Subject, DateTimeOffset ExpiresAt);
