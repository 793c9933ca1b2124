namespace IdReissue.Domain.Common;

/// <summary>Who caused something: recorded with every state transition and audit entry.</summary>
public sealed record Actor(ActorKind Kind, string Id)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Applicant(Guid accountId) => new(ActorKind.Applicant, accountId.ToString("N"));

    public static Actor Officer(string username) => new(ActorKind.Officer, username);

    public static Actor Gateway(string name) => new(ActorKind.Gateway, name);

    /// <summary>The card's holder as the household registry knows them, reached on the registry's phone (not signed in).</summary>
    public static Actor Holder(string channel) => new(ActorKind.Holder, channel);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";

    public static Actor Parse(string value)
    {
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !Enum.TryParse<ActorKind>(value[..separator], ignoreCase: true, out var kind))
        {
            throw new FormatException($"Not an actor: {value}");
        }

        return new Actor(kind, value[(separator + 1)..]);
    }
}

public enum ActorKind
{
    System,
    Applicant,
    Officer,
    Gateway,
    Holder,
}
