using IdReissue.Application.Inspection;

namespace IdReissue.Application.Ports;

/// <summary>
/// The audit log as inspection (督察) reads it, never tracked: entries by filter, newest first, and the same
/// check of the chain and its anchors as `security verify-audit`.
/// </summary>
public interface IAuditInspection
{
    /// <summary>The entries that match, newest first, from <paramref name="skip"/>, at most <paramref name="take"/>, with how many match in all.</summary>
    Task<AuditRecordPage> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>The distinct actions recorded so far, for the search form's choice.</summary>
    Task<IReadOnlyList<string>> ListActionsAsync(CancellationToken cancellationToken);

    /// <summary>Walks the chain and holds it against every anchor kept outside the database (what `security verify-audit` does).</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);
}

/// <summary>One stored entry as written (its detail is free text, to be masked before anyone sees it).</summary>
public sealed record AuditRecord(long Id, long? Sequence, DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

public sealed record AuditRecordPage(IReadOnlyList<AuditRecord> Records, int Total);

/// <summary>
/// The chain's check: intact or the first entry that does not hold, the anchors it was held against, and the
/// operator's sentence (<see cref="Summary"/>, the very line `security verify-audit` prints).
/// </summary>
public sealed record AuditVerification(
    bool Intact, long EntriesChecked, long? FirstBrokenSequence, long? FirstBrokenId, int AnchorsChecked, long? LatestAnchoredSequence,
    bool AnchorFileConfigured, string Summary);
