namespace IdReissue.Application.Common;

/// <summary>
/// The regions an officer works in: a set of region ids, or every region. Stored and carried as one text ("*" for every
/// region, else the ids sorted and comma-separated), so an account of one region reads the same as before officers held
/// several, and two sets are equal exactly when their texts are.
/// </summary>
public sealed class OfficerRegions : IEquatable<OfficerRegions>
{
    /// <summary>How "every region" is written, stored and sent.</summary>
    public const string EveryMark = "*";

    private readonly string[] _ids;

    private OfficerRegions(bool every, string[] ids)
    {
        IsEvery = every;
        _ids = ids;
    }

    public static OfficerRegions Every { get; } = new(every: true, []);

    /// <summary>Every region, including any added later (no list to keep up to date).</summary>
    public bool IsEvery { get; }

    /// <summary>The region ids, sorted; empty for <see cref="Every"/>.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The one region of an officer of exactly one, else null.</summary>
    public string? OnlyOne => !IsEvery && _ids.Length == 1 ? _ids[0] : null;

    /// <summary>The set of these ids ("*" among them: every region), trimmed, without blanks or repeats.</summary>
    public static OfficerRegions Of(IEnumerable<string?>? ids)
    {
        var cleaned = (ids ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return cleaned.Contains(EveryMark) ? Every : new OfficerRegions(every: false, cleaned);
    }

    /// <summary>The set as stored ("*", or "a,b").</summary>
    public static OfficerRegions Parse(string? stored) => Of((stored ?? string.Empty).Split(','));

    public bool Contains(string? regionId) => IsEvery || (regionId is not null && _ids.Contains(regionId, StringComparer.Ordinal));

    /// <summary>Whether every region of <paramref name="other"/> is one of these (what an administrator may grant).</summary>
    public bool Covers(OfficerRegions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IsEvery || (!other.IsEvery && other._ids.All(Contains));
    }

    /// <summary>As the API and the audit show it: ["*"] for every region, else the ids.</summary>
    public IReadOnlyList<string> ToList() => IsEvery ? [EveryMark] : _ids;

    /// <summary>The filter a query applies: null for every region, else these ids.</summary>
    public IReadOnlyCollection<string>? Filter => IsEvery ? null : _ids;

    /// <summary>The regions a query covers when the officer names one (an empty name: all of theirs). A named region they do
    /// not hold narrows nothing: they still see only their own.</summary>
    public IReadOnlyCollection<string>? Narrowed(string? named) =>
        !string.IsNullOrEmpty(named) && Contains(named) ? [named] : Filter;

    public override string ToString() => IsEvery ? EveryMark : string.Join(',', _ids);

    public bool Equals(OfficerRegions? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as OfficerRegions);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
