namespace IdReissue.Application.Ports;

/// <summary>Log-in codes sent by SMS, kept only as digests; each code has a few tries and is used once.</summary>
public interface ISmsCodeStore
{
    /// <summary>When codes were sent to the phone since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> SentSinceAsync(string phone, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Adds a code (its digest) to the unit of work; returns its id.</summary>
    Guid Add(string phone, string clientKey, string code, DateTimeOffset now, DateTimeOffset expiresAt);

    /// <summary>The newest code sent to the phone that is unused and unexpired.</summary>
    Task<PendingSmsCode?> LatestUsableAsync(string phone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes one of the code's tries at once, in one conditional write; false when none is left (or it was used).</summary>
    Task<bool> TakeTryAsync(Guid id, int tries, CancellationToken cancellationToken);

    Task<int> TriesTakenAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="code"/> is the pending one's, compared in fixed time.</summary>
    bool Matches(PendingSmsCode pending, string phone, string code);

    /// <summary>Marks the code used at once; false when another request used it first.</summary>
    Task<bool> UseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record PendingSmsCode(Guid Id, string Digest);
