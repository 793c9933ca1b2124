namespace IdReissue.Application.Common;

/// <summary>What a piece of follow-up work (outbox) answers: done, or to be run again at <paramref name="AgainAt"/>, with a note.</summary>
public sealed record FollowUp(DateTimeOffset? AgainAt, string Note)
{
    public static FollowUp Done(string note) => new(null, note);

    public static FollowUp Again(DateTimeOffset at, string note) => new(at, note);
}
