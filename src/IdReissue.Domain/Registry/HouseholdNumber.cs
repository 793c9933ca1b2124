using System.Diagnostics.CodeAnalysis;

namespace IdReissue.Domain.Registry;

/// <summary>户号: the number of a household in the register, as printed on the household register's first page.</summary>
public static class HouseholdNumber
{
    public const string InvalidCode = "household_number_invalid";
    public const string InvalidMessage = "户号应为6至20位数字，可在户口簿首页查到。";

    /// <summary>The number as typed, trimmed, when it is 6 to 20 digits.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? number)
    {
        var trimmed = (input ?? string.Empty).Trim();
        number = trimmed.Length is >= 6 and <= 20 && trimmed.All(char.IsAsciiDigit) ? trimmed : null;
        return number is not null;
    }
}
