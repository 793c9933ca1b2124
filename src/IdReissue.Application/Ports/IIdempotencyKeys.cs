namespace IdReissue.Application.Ports;

/// <summary>
/// Idempotency keys of commands, shared by every node: the first request with a key claims it and its response is
/// kept; a retry gets the kept response. Written in a unit of work of their own, so a claim stands before the command runs.
/// </summary>
public interface IIdempotencyKeys
{
    /// <param name="abandonedAfter">A claim older than this with no response belongs to a request whose node died: one retry may take it over.</param>
    Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, DateTimeOffset now, TimeSpan abandonedAfter, CancellationToken cancellationToken);

    /// <summary>Keeps the response of the claimed key, or with null gives the key up (the command wrote nothing; it may be retried).</summary>
    Task CompleteAsync(string key, KeptResponse? response, CancellationToken cancellationToken);
}

public enum IdempotencyClaimOutcome
{
    /// <summary>This request owns the key and runs.</summary>
    Claimed,

    /// <summary>The key was used for another request (method, path or body differ).</summary>
    OtherRequest,

    /// <summary>A request with the key is still running.</summary>
    InProgress,

    /// <summary>The key's request ran: answer with its kept response.</summary>
    Replay,
}

public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, KeptResponse? Response = null);

/// <summary>What a command answered, to be replayed for a retry with the same key.</summary>
public sealed record KeptResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, string? Location);
