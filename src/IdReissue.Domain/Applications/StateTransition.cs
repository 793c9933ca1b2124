using IdReissue.Domain.Common;

namespace IdReissue.Domain.Applications;

/// <summary>One recorded step of an application's timeline. Never changed once written.</summary>
public sealed class StateTransition
{
    public StateTransition(int sequence, ApplicationState? from, ApplicationState to, DateTimeOffset at, Actor actor, string? note)
    {
        Sequence = sequence;
        From = from;
        To = to;
        At = at;
        ActorId = actor.ToString();
        Note = note;
    }

    private StateTransition()
    {
        ActorId = string.Empty;
    }

    public long Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    /// <summary>1 for the creation, then one more for every transition.</summary>
    public int Sequence { get; private set; }

    /// <summary>Null for the creation of the application.</summary>
    public ApplicationState? From { get; private set; }

    public ApplicationState To { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The actor as "kind:id".</summary>
    public string ActorId { get; private set; }

    /// <summary>A note the applicant may read (e.g. an officer's reason).</summary>
    public string? Note { get; private set; }

    public Actor Actor => Actor.Parse(ActorId);

    /// <summary>False for a step recorded without a change of state (an upload, such as the 户口页): the timeline shows it,
    /// but nothing that follows a state change (notices, alerts, deadlines) may act on it.</summary>
    public bool ChangesState => From != To;
}
