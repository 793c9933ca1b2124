using IdReissue.Domain.Applications;
using IdReissue.Domain.Regions;

namespace IdReissue.Domain.Tests;

public class PhotoNumberTests
{
    [Fact]
    public void A_new_photo_number_has_province_date_nine_random_digits_and_a_valid_check_digit()
    {
        var numbers = Enumerable.Range(0, 200).Select(_ => PhotoNumber.New("43", new DateOnly(2026, 11, 25))).ToList();

        Assert.All(numbers, n => Assert.Matches("^43261125\\d{10}$", n.Value));
        Assert.Equal(200, numbers.Distinct().Count());
        Assert.True(PhotoNumber.TryParse(numbers[0].Value, out var parsed));
        Assert.Equal(numbers[0], parsed);
    }

    [Fact]
    public void A_sixteen_digit_number_issued_before_the_longer_numbers_still_parses()
    {
        Assert.True(PhotoNumber.TryParse("4326112500000015", out _));
        Assert.False(PhotoNumber.TryParse("4326112500000016", out _));
        Assert.False(PhotoNumber.TryParse("43261125000000150", out _));
    }

    [Fact]
    public void A_mistyped_digit_is_caught()
    {
        var value = PhotoNumber.New("43", new DateOnly(2026, 11, 25)).Value;
        var typo = value[..10] + (char)('0' + ((value[10] - '0' + 1) % 10)) + value[11..];

        Assert.False(PhotoNumber.TryParse(typo, out _));
        Assert.False(PhotoNumber.TryParse("abc", out _));
        Assert.False(PhotoNumber.TryParse(null, out _));
    }

    [Fact]
    public void Postage_is_same_city_when_the_address_is_in_the_household_city()
    {
        var postage = new PostagePolicy { SameCityFen = 1500, ElsewhereFen = 2200 };

        Assert.Equal(1500, postage.Quote("120101", "120116").Amount.Fen);
        Assert.Equal(2200, postage.Quote("120101", "130102").Amount.Fen);
        Assert.Contains("邮资到付", postage.Quote("120101", "120116").Description, StringComparison.Ordinal);
    }
}
