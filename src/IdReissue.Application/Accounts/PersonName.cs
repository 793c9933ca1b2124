using IdReissue.Domain.Common;

namespace IdReissue.Application.Accounts;

/// <summary>A name as typed for real-name verification or an application: what the card carries, 1 to 30 characters.</summary>
public static class PersonName
{
    public static string Require(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > 30 || trimmed.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            throw new DomainException("name_invalid", "请填写与身份证一致的姓名（1至30个字）。");
        }

        return trimmed;
    }
}
