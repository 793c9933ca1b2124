using System.Text.RegularExpressions;
using IdReissue.Domain.Common;
using IdReissue.Domain.Identity;

namespace IdReissue.Application.Inspection;

/// <summary>
/// Masks the personal data free text in the audit log may hold before an inspector sees or exports it: citizen ID
/// numbers (18 characters with a valid check character, or 15 digits), mainland mobile numbers, and names that
/// follow a label (姓名、申请人、收件人、持证人、联系人、显示名, name, displayName), each with
/// <see cref="PersonalDataMask"/>. Entries are written with masked values only; this is the second line, for a
/// reason typed by an officer or a value written by a future action.
/// </summary>
public static partial class AuditTextMask
{
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var masked = CitizenId().Replace(text, m => IsCitizenId(m.Value) ? PersonalDataMask.CitizenId(m.Value) : m.Value);
        masked = OldCitizenId().Replace(masked, m => PersonalDataMask.CitizenId(m.Value));
        masked = Mobile().Replace(masked, m => m.Groups["prefix"].Value + PersonalDataMask.Phone(m.Groups["number"].Value));
        return LabelledName().Replace(masked, m => m.Groups["label"].Value + ChineseName().Replace(m.Groups["names"].Value, n => PersonalDataMask.Name(n.Value)));
    }

    /// <summary>GB 11643: 17 digits and their check character, as the domain computes it.</summary>
    private static bool IsCitizenId(string value) =>
        char.ToUpperInvariant(value[17]) == CitizenIdNumber.CheckCharacterFor(value.AsSpan(0, 17));

    [GeneratedRegex("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex CitizenId();

    [GeneratedRegex("(?<![0-9A-Za-z])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9A-Za-z])")]
    private static partial Regex OldCitizenId();

    [GeneratedRegex("(?<![0-9A-Za-z])(?<prefix>\\+?86[- ]?)?(?<number>1[3-9][0-9]{9})(?![0-9A-Za-z])")]
    private static partial Regex Mobile();

    [GeneratedRegex("(?<label>(?:姓名|申请人|收件人|持证人|联系人|显示名称?|(?i:display\\s*name|name))(?:\\s*[:：=]\\s*|\\s+))(?<names>[\\p{IsCJKUnifiedIdeographs}·]{1,12}(?:\\s*(?:→|->|=>)\\s*[\\p{IsCJKUnifiedIdeographs}·]{1,12})?)")]
    private static partial Regex LabelledName();

    [GeneratedRegex("[\\p{IsCJKUnifiedIdeographs}·]{1,12}")]
    private static partial Regex ChineseName();
}
