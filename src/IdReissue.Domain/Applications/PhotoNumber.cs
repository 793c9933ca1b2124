using System.Globalization;
using System.Security.Cryptography;

namespace IdReissue.Domain.Applications;

/// <summary>
/// 相片编号: the unique number under which the applicant or a photo studio submits the new photo.
/// Eighteen digits: province code (2), date (yyMMdd), nine random digits, Luhn check digit, so a
/// mistyped number is caught before any look-up. Holding the number is the authorisation to submit a
/// photo, so the random part is large (10⁹ a province a day) and guessing is also rate-limited.
/// Sixteen-digit numbers (seven random digits) issued before remain valid.
/// </summary>
public readonly record struct PhotoNumber
{
    public const int Length = 18;

    private const int LegacyLength = 16;

    private PhotoNumber(string value) => Value = value;

    public string Value { get; }

    public static PhotoNumber New(string provinceCode, DateOnly today)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{provinceCode}{today:yyMMdd}{RandomNumberGenerator.GetInt32(0, 1_000_000_000):D9}");
        return new PhotoNumber(body + LuhnDigit(body));
    }

    /// <summary>Eighteen (or, issued before, sixteen) digits, whatever the check digit says.</summary>
    public static bool HasShape(string? input)
    {
        var value = input?.Trim() ?? string.Empty;
        return value.Length is LegacyLength or Length && value.All(char.IsAsciiDigit);
    }

    public static bool TryParse(string? input, out PhotoNumber number)
    {
        number = default;
        var value = input?.Trim() ?? string.Empty;
        if (value.Length is not (LegacyLength or Length) || !value.All(char.IsAsciiDigit) || LuhnDigit(value[..^1]) != value[^1])
        {
            return false;
        }

        number = new PhotoNumber(value);
        return true;
    }

    public override string ToString() => Value;

    private static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
