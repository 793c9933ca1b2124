using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Review;

/// <summary>A queue of the officer's regions (an officer of several may name one of theirs): applications in a state
/// (default: under review), only the overdue ones, or every application its holder disowned (不是我本人).</summary>
public sealed record ListQueuedApplications(OfficerScope Officer, ApplicationState? State, bool Overdue, bool Suspected, string? Region);

public sealed class ListQueuedApplicationsHandler(IApplicationStore applications, TimeProvider time)
{
    private const int Longest = 500;

    public async Task<IReadOnlyList<ReissueApplication>> HandleAsync(ListQueuedApplications query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var region = query.Officer.Regions.Narrowed(query.Region);
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var found = await applications.ReadQueueAsync(query.State ?? ApplicationState.UnderReview, query.Suspected, region, Longest, cancellationToken);
        return [.. found.Where(a => !query.Overdue || a.IsOverdue(today)).OrderBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.CompletedAt)];
    }
}
