using System.Globalization;
using System.Security.Cryptography;

namespace IdReissue.Domain.Applications;

/// <summary>
/// 相片编号: the unique number under which the applicant or a photo studio submits the new photo.
/// Sixteen digits: province code (2), date (yyMMdd), seven random digits, Luhn check digit, so a
/// mistyped number is caught before any look-up. Randomness keeps nodes from coordinating a sequence.
/// </summary>
public readonly record struct PhotoNumber
{
    private PhotoNumber(string value) => Value = value;

    public string Value { get; }

    public static PhotoNumber New(string provinceCode, DateOnly today)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{provinceCode}{today:yyMMdd}{RandomNumberGenerator.GetInt32(0, 10_000_000):D7}");
        return new PhotoNumber(body + LuhnDigit(body));
    }

    public static bool TryParse(string? input, out PhotoNumber number)
    {
        number = default;
        var value = input?.Trim() ?? string.Empty;
        if (value.Length != 16 || !value.All(char.IsAsciiDigit) || LuhnDigit(value[..15]) != value[15])
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
