using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using IdReissue.Domain.Common;

namespace IdReissue.Domain.Identity;

/// <summary>A mainland China mobile number: 11 digits starting 13–19.</summary>
public static partial class PhoneNumber
{
    public static string Require(string? input) =>
        TryNormalize(input, out var phone) ? phone : throw new DomainException("invalid_phone", "请输入正确的11位手机号码。");

    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? phone)
    {
        var trimmed = (input ?? string.Empty).Trim();
        phone = Pattern().IsMatch(trimmed) ? trimmed : null;
        return phone is not null;
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Pattern();
}
