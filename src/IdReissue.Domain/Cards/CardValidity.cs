namespace IdReissue.Domain.Cards;

/// <summary>
/// Validity of a resident ID card from the holder's age at issue (居民身份证法 Article 5):
/// under 16 → 5 years, 16–25 → 10, 26–45 → 20, 46 and over → long-term (长期).
/// </summary>
public sealed record CardValidity(DateOnly IssuedOn, int? Years)
{
    public bool LongTerm => Years is null;

    /// <summary>The last day the card is valid; null for a long-term card.</summary>
    public DateOnly? ValidUntil => Years is { } years ? IssuedOn.AddYears(years) : null;

    /// <summary>The period as printed on the card, e.g. "2026.11.25-2046.11.25" or "2026.11.25-长期".</summary>
    public string Printed => $"{IssuedOn:yyyy.MM.dd}-{(ValidUntil is { } until ? until.ToString("yyyy.MM.dd", System.Globalization.CultureInfo.InvariantCulture) : "长期")}";

    public string Description => Years is { } y ? $"{y}年" : "长期";

    public static CardValidity For(DateOnly birthDate, DateOnly issuedOn)
    {
        var age = issuedOn.Year - birthDate.Year;
        if (issuedOn < birthDate.AddYears(age))
        {
            age--;
        }

        int? years = age switch
        {
            < 0 => throw new ArgumentException("A card cannot be issued before its holder was born.", nameof(issuedOn)),
            < 16 => 5,
            <= 25 => 10,
            <= 45 => 20,
            _ => null,
        };
        return new CardValidity(issuedOn, years);
    }
}
