using IdReissue.Domain.Cards;

namespace IdReissue.Domain.Tests;

public class CardValidityTests
{
    private static readonly DateOnly Issued = new(2026, 11, 25);

    [Theory]
    [InlineData(10, 5)]
    [InlineData(15, 5)]
    [InlineData(16, 10)]
    [InlineData(25, 10)]
    [InlineData(26, 20)]
    [InlineData(45, 20)]
    public void Validity_follows_the_age_at_issue(int age, int years)
    {
        var validity = CardValidity.For(Issued.AddYears(-age), Issued);

        Assert.Equal(years, validity.Years);
        Assert.Equal(Issued.AddYears(years), validity.ValidUntil);
    }

    [Fact]
    public void Forty_six_and_over_is_long_term()
    {
        var validity = CardValidity.For(Issued.AddYears(-46), Issued);

        Assert.True(validity.LongTerm);
        Assert.Null(validity.ValidUntil);
        Assert.Equal("2026.11.25-长期", validity.Printed);
    }

    [Fact]
    public void The_day_before_the_sixteenth_birthday_still_counts_as_fifteen()
    {
        Assert.Equal(5, CardValidity.For(Issued.AddYears(-16).AddDays(1), Issued).Years);
        Assert.Equal(10, CardValidity.For(Issued.AddYears(-16), Issued).Years);
    }

    [Fact]
    public void The_printed_period_has_dotted_dates()
    {
        Assert.Equal("2026.11.25-2046.11.25", CardValidity.For(new DateOnly(1990, 1, 1), Issued).Printed);
    }
}
