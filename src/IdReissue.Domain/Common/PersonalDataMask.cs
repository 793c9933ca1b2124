namespace IdReissue.Domain.Common;

/// <summary>
/// The masked forms of personal data shown wherever the full value is not needed
/// (e.g. 430102********1234, 张*, 138****5678).
/// </summary>
public static class PersonalDataMask
{
    public static string CitizenId(string idNumber) =>
        idNumber.Length < 10 ? new string('*', idNumber.Length) : idNumber[..6] + new string('*', idNumber.Length - 10) + idNumber[^4..];

    public static string Name(string name) =>
        name.Length switch
        {
            0 => string.Empty,
            1 => "*",
            _ => name[..1] + new string('*', name.Length - 1),
        };

    public static string Phone(string phone) =>
        phone.Length < 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    public static string HouseholdNumber(string householdNumber) =>
        householdNumber.Length <= 4 ? new string('*', householdNumber.Length) : new string('*', householdNumber.Length - 4) + householdNumber[^4..];
}
