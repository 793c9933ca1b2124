using IdReissue.Domain.Common;
using IdReissue.Domain.Identity;

namespace IdReissue.Domain.Applications;

/// <summary>Where EMS delivers the new card.</summary>
public sealed record MailingAddress
{
    public required string Recipient { get; init; }

    public required string Phone { get; init; }

    /// <summary>GB/T 2260 code of the district (county level).</summary>
    public required string DivisionCode { get; init; }

    /// <summary>Street, building and room.</summary>
    public required string Detail { get; init; }

    public const int MaxDetailLength = 200;
    public const int MaxRecipientLength = 30;

    /// <summary>An address as typed: trimmed, each part checked, the district a current county-level division that EMS can deliver to.</summary>
    public static MailingAddress From(string? recipient, string? phone, string? divisionCode, string? detail)
    {
        var district = DeliveryDistrict(divisionCode);
        var name = (recipient ?? string.Empty).Trim();
        if (name.Length is 0 or > MaxRecipientLength)
        {
            throw new DomainException("recipient_invalid", $"请填写收件人姓名（1至{MaxRecipientLength}个字）。");
        }

        var street = (detail ?? string.Empty).Trim();
        if (street.Length is < 4 or > MaxDetailLength)
        {
            throw new DomainException("address_detail_invalid", $"请填写详细地址（街道、门牌号，4至{MaxDetailLength}个字）。");
        }

        return new MailingAddress { Recipient = name, Phone = PhoneNumber.Require(phone), DivisionCode = district, Detail = street };
    }

    /// <summary>A current county-level division (6 digits, not a province), as a delivery district or a postage quote needs.</summary>
    public static string DeliveryDistrict(string? input)
    {
        var code = (input ?? string.Empty).Trim();
        if (code.Length != 6 || AdministrativeDivisions.Official.Find(code) is not { Abolished: false } || code.EndsWith("0000", StringComparison.Ordinal))
        {
            throw new DomainException("division_code_invalid", "请选择有效的省、市、区（县）（6位行政区划代码）。");
        }

        return code;
    }
}
