using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security;

/// <summary>Session tokens and one-time codes are stored only as SHA-256 digests.</summary>
public static class TokenHash
{
    public static string Of(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
