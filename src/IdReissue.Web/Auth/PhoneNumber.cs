using System.Text.RegularExpressions;
using IdReissue.Domain.Common;

namespace IdReissue.Web.Auth;

/// <summary>A mainland China mobile number: 11 digits starting 13–19.</summary>
public static partial class PhoneNumber
{
    public static string Require(string? input, string field = "phone")
    {
        var phone = (input ?? string.Empty).Trim();
        if (!Pattern().IsMatch(phone))
        {
            throw new DomainException("invalid_phone", $"请输入正确的11位手机号码（{field}）。");
        }

        return phone;
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Pattern();
}
