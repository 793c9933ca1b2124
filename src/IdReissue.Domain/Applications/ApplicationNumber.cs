using System.Globalization;
using System.Security.Cryptography;

namespace IdReissue.Domain.Applications;

/// <summary>受理编号: "BH" + province code + date + eight random digits, unique by a database index.</summary>
public static class ApplicationNumber
{
    public static string New(string provinceCode, DateOnly today) =>
        string.Create(CultureInfo.InvariantCulture, $"BH{provinceCode}{today:yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 100_000_000):D8}");
}
