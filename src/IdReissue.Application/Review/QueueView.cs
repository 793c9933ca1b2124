namespace IdReissue.Application.Review;

/// <summary>The views of the officers' workbench queue, each a kind of work waiting.</summary>
public enum QueueView
{
    /// <summary>Waiting for a decision (待审核).</summary>
    Review,

    /// <summary>Every application its holder disowned (不是我本人), whatever its step: only there can anything be done with it.</summary>
    Suspected,

    /// <summary>Under review with a photo that passed near the standard's limits, for the officer's own look.</summary>
    Borderline,

    /// <summary>Past the due date and not finished (the rule of <see cref="Domain.Applications.ReissueApplication.IsOverdue"/>).</summary>
    Overdue,

    Approved,

    Production,

    Dispatched,
}
