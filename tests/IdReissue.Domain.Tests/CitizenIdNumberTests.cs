using IdReissue.Domain.Identity;

namespace IdReissue.Domain.Tests;

public class CitizenIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void The_standards_own_example_with_check_character_X_is_valid()
    {
        var result = CitizenIdNumber.Parse("11010519491231002X", Today);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(new DateOnly(1949, 12, 31), result.Number!.BirthDate);
        Assert.Equal(Sex.Female, result.Number.Sex);
        Assert.Equal("110105", result.Number.AddressCode);
    }

    [Fact]
    public void A_lower_case_x_is_read_as_X()
    {
        var result = CitizenIdNumber.Parse("11010519491231002x", Today);

        Assert.True(result.IsValid);
        Assert.Equal("11010519491231002X", result.Number!.Value);
    }

    [Fact]
    public void Check_character_follows_ISO_7064_MOD_11_2()
    {
        // Sum 167 → 167 mod 11 = 2 → 'X', as worked in the standard.
        Assert.Equal('X', CitizenIdNumber.CheckCharacterFor("11010519491231002"));
        Assert.Equal('7', CitizenIdNumber.CheckCharacterFor("43110219920908232"));
    }

    [Fact]
    public void An_odd_sequence_code_means_male()
    {
        var first17 = "43010219800101001";
        var result = CitizenIdNumber.Parse(first17 + CitizenIdNumber.CheckCharacterFor(first17), Today);

        Assert.Equal(Sex.Male, result.Number!.Sex);
    }

    [Theory]
    [InlineData("11010519491231002", "id_number_wrong_length")]
    [InlineData("11010519491231002XX", "id_number_wrong_length")]
    [InlineData("", "id_number_wrong_length")]
    [InlineData("1101051949123A002X", "id_number_not_digits")]
    [InlineData("11010519491231002Y", "id_number_not_digits")]
    [InlineData("110105194912310021", "id_number_wrong_check_digit")]
    public void Malformed_numbers_name_the_wrong_part(string input, string code)
    {
        var result = CitizenIdNumber.Parse(input, Today);

        Assert.False(result.IsValid);
        Assert.Equal(code, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("110199")]
    [InlineData("000000")]
    public void An_address_code_outside_GB_T_2260_is_an_unknown_region(string addressCode)
    {
        var result = CitizenIdNumber.Parse(WithCheck(addressCode + "19800101001"), Today);

        Assert.Equal("id_number_unknown_region", result.Code);
        Assert.Contains(addressCode, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abolished_district_code_from_before_a_merger_is_still_accepted()
    {
        // 110104 宣武区 was merged into 西城区 in 2010; numbers issued before keep it.
        Assert.True(CitizenIdNumber.Parse(WithCheck("11010419800101001"), Today).IsValid);
    }

    [Theory]
    [InlineData("19490230")]
    [InlineData("19491301")]
    [InlineData("18991231")]
    [InlineData("20230229")]
    public void An_impossible_birth_date_is_refused(string birthDate)
    {
        Assert.Equal("id_number_invalid_birth_date", CitizenIdNumber.Parse(WithCheck("110105" + birthDate + "001"), Today).Code);
    }

    [Fact]
    public void A_leap_day_birth_date_is_valid()
    {
        Assert.True(CitizenIdNumber.Parse(WithCheck("11010520000229001"), Today).IsValid);
    }

    [Fact]
    public void A_birth_date_after_today_is_refused()
    {
        Assert.Equal("id_number_future_birth_date", CitizenIdNumber.Parse(WithCheck("11010520261126001"), Today).Code);
        Assert.True(CitizenIdNumber.Parse(WithCheck("11010520261125001"), Today).IsValid);
    }

    [Fact]
    public void Sequence_code_000_is_refused()
    {
        Assert.Equal("id_number_invalid_sequence", CitizenIdNumber.Parse(WithCheck("11010519800101000"), Today).Code);
    }

    [Fact]
    public void Every_single_digit_typo_is_caught_by_the_check_character()
    {
        var correct = WithCheck("43010219850115441");
        Assert.True(CitizenIdNumber.Parse(correct, Today).IsValid);
        for (var position = 6; position < 17; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (correct[position] == digit)
                {
                    continue;
                }

                var typo = correct[..position] + digit + correct[(position + 1)..];
                Assert.False(CitizenIdNumber.Parse(typo, Today).IsValid, typo);
            }
        }
    }

    [Fact]
    public void Masked_form_keeps_the_region_and_last_four()
    {
        var number = CitizenIdNumber.Parse("11010519491231002X", Today).Number!;

        Assert.Equal("110105********002X", number.Masked);
        Assert.Equal(number.Masked, number.ToString());
    }

    [Fact]
    public void Age_counts_full_years_up_to_the_birthday()
    {
        var number = CitizenIdNumber.Parse(WithCheck("11010520001126001"), Today).Number!;

        Assert.Equal(25, number.AgeOn(Today));
        Assert.Equal(26, number.AgeOn(Today.AddDays(1)));
    }

    [Fact]
    public void The_division_data_covers_every_province_and_county_level_code()
    {
        var divisions = AdministrativeDivisions.Official;

        Assert.True(divisions.Count > 3000, $"only {divisions.Count} codes");
        Assert.Equal("湖南省", divisions.Find("430000")!.Name);
        Assert.Equal("芙蓉区", divisions.Find("430102")!.Name);
        Assert.Equal("天津市", divisions.ProvinceOf("120101")!.Name);
        Assert.Equal("湖南省长沙市芙蓉区", divisions.Describe("430102"));
    }

    private static string WithCheck(string first17) => first17 + CitizenIdNumber.CheckCharacterFor(first17);
}
