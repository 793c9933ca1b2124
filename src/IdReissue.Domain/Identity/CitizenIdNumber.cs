using System.Globalization;

namespace IdReissue.Domain.Identity;

/// <summary>
/// A citizen ID number (公民身份号码) under GB 11643-1999: six-digit address code (GB/T 2260), eight-digit
/// birth date, three-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character.
/// </summary>
public sealed class CitizenIdNumber : IEquatable<CitizenIdNumber>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private CitizenIdNumber(string value, DateOnly birthDate, Sex sex)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
    }

    public string Value { get; }

    public string AddressCode => Value[..6];

    public DateOnly BirthDate { get; }

    public Sex Sex { get; }

    public string Masked => Common.PersonalDataMask.CitizenId(Value);

    /// <summary>Parses and validates; the result names the first part that is wrong.</summary>
    public static CitizenIdParseResult Parse(string? input, DateOnly today, AdministrativeDivisions? divisions = null)
    {
        divisions ??= AdministrativeDivisions.Official;
        var value = (input ?? string.Empty).Trim().ToUpperInvariant();

        if (value.Length != 18)
        {
            return Fail(CitizenIdError.WrongLength, $"公民身份号码应为18位，您输入了{value.Length}位。");
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return Fail(CitizenIdError.NotDigits, $"公民身份号码前17位只能是数字，第{i + 1}位“{value[i]}”不是数字。");
            }
        }

        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
        {
            return Fail(CitizenIdError.NotDigits, "公民身份号码最后一位只能是数字或字母X。");
        }

        var addressCode = value[..6];
        if (divisions.Find(addressCode) is null || divisions.ProvinceOf(addressCode) is null)
        {
            return Fail(CitizenIdError.UnknownRegion, $"公民身份号码前6位地址码“{addressCode}”不是有效的行政区划代码，请核对。");
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate.Year < 1900)
        {
            return Fail(CitizenIdError.InvalidBirthDate, $"公民身份号码第7至14位出生日期“{value.Substring(6, 8)}”不是有效日期。");
        }

        if (birthDate > today)
        {
            return Fail(CitizenIdError.FutureBirthDate, $"公民身份号码中的出生日期{birthDate:yyyy年M月d日}晚于今天，请核对。");
        }

        var sequence = value.AsSpan(14, 3);
        if (sequence.SequenceEqual("000"))
        {
            return Fail(CitizenIdError.InvalidSequence, "公民身份号码第15至17位顺序码不能为000。");
        }

        var expected = CheckCharacterFor(value.AsSpan(0, 17));
        if (value[17] != expected)
        {
            return Fail(CitizenIdError.WrongCheckDigit, $"公民身份号码最后一位校验码应为“{expected}”，您输入的是“{value[17]}”，请核对是否输错。");
        }

        var sex = (sequence[2] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return new CitizenIdParseResult(new CitizenIdNumber(value, birthDate, sex), null, null);
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first seventeen digits.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Full years of age on <paramref name="date"/>.</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    public bool Equals(CitizenIdNumber? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as CitizenIdNumber);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Masked on purpose: the full value must be asked for through <see cref="Value"/>.</summary>
    public override string ToString() => Masked;

    private static CitizenIdParseResult Fail(CitizenIdError error, string message) => new(null, error, message);
}

/// <summary>Outcome of <see cref="CitizenIdNumber.Parse"/>: either a number or the part that is wrong.</summary>
public sealed record CitizenIdParseResult(CitizenIdNumber? Number, CitizenIdError? Error, string? Message)
{
    public bool IsValid => Number is not null;

    /// <summary>The stable error code of the rejected part.</summary>
    public string? Code => Error switch
    {
        null => null,
        CitizenIdError.WrongLength => "id_number_wrong_length",
        CitizenIdError.NotDigits => "id_number_not_digits",
        CitizenIdError.UnknownRegion => "id_number_unknown_region",
        CitizenIdError.InvalidBirthDate => "id_number_invalid_birth_date",
        CitizenIdError.FutureBirthDate => "id_number_future_birth_date",
        CitizenIdError.InvalidSequence => "id_number_invalid_sequence",
        CitizenIdError.WrongCheckDigit => "id_number_wrong_check_digit",
        _ => "id_number_invalid",
    };
}

public enum CitizenIdError
{
    WrongLength,
    NotDigits,
    UnknownRegion,
    InvalidBirthDate,
    FutureBirthDate,
    InvalidSequence,
    WrongCheckDigit,
}

public enum Sex
{
    Female,
    Male,
}
