using System.Globalization;
using IdReissue.Domain.Common;

namespace IdReissue.Application.Inspection;

/// <summary>
/// What an inspector searches the audit log by; every part is optional. Dates are calendar days in China time,
/// both ends included.
/// </summary>
/// <param name="Officer">An officer's username: the entries they caused.</param>
/// <param name="ApplicationNumber">The entries about this application (its target, or named in the detail, as a refund is).</param>
/// <param name="Action">One action code, e.g. application.reveal.</param>
public sealed record AuditFilter(string? Officer, string? ApplicationNumber, string? Action, DateOnly? From, DateOnly? To)
{
    public const int MaxTextLength = 64;

    public static AuditFilter None { get; } = new(null, null, null, null, null);

    /// <summary>The filter with surrounding blanks removed and empty parts dropped.</summary>
    public AuditFilter Normalized() => new(Clean(Officer), Clean(ApplicationNumber), Clean(Action), From, To);

    /// <summary>The stored actor the officer filter matches.</summary>
    public string? OfficerActor => Officer is null ? null : Actor.Officer(Officer).ToString();

    /// <summary>From the start of <see cref="From"/> in China time.</summary>
    public DateTimeOffset? FromInstant => From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime() : null;

    /// <summary>Up to (not including) the start of the day after <see cref="To"/> in China time.</summary>
    public DateTimeOffset? ToInstantExclusive => To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime() : null;

    /// <summary>The filter as an audit entry's detail, masked: what the inspector asked for.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add("officer", Officer);
        Add("application", ApplicationNumber);
        Add("action", Action);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "all" : AuditTextMask.Mask(string.Join("; ", parts));

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
