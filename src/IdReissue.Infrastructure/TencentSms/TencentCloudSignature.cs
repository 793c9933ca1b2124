using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.TencentSms;

/// <summary>
/// Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256: a canonical request (method, path, query,
/// content-type/host/x-tc-action headers, SHA-256 of the payload) hashed into a string to sign, signed
/// with a key derived from the SecretKey by HMAC over the UTC date, the service and "tc3_request".
/// </summary>
public static class TencentCloudSignature
{
    public const string Algorithm = "TC3-HMAC-SHA256";
    public const string SignedHeaders = "content-type;host;x-tc-action";

    public static string Authorization(string secretId, string secretKey, string service, string host, string contentType, string action, string payload, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{service}/tc3_request";
        var signature = Signature(secretKey, service, host, contentType, action, payload, now);
        return $"{Algorithm} Credential={secretId}/{scope}, SignedHeaders={SignedHeaders}, Signature={signature}";
    }

    public static string Signature(string secretKey, string service, string host, string contentType, string action, string payload, DateTimeOffset now)
    {
        var canonicalRequest = $"POST\n/\n\ncontent-type:{contentType}\nhost:{host}\nx-tc-action:{action.ToLowerInvariant()}\n\n{SignedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";
        return Sign(secretKey, service, canonicalRequest, now);
    }

    /// <summary>
    /// Steps 2 and 3 of the algorithm for a canonical request already built: the string to sign and its
    /// HMAC chain. Public so that the derivation can be checked against the worked example in Tencent's
    /// documentation, whose canonical request signs fewer headers than ours.
    /// </summary>
    public static string Sign(string secretKey, string service, string canonicalRequest, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stringToSign = $"{Algorithm}\n{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\n{date}/{service}/tc3_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var secretDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        var secretService = HMACSHA256.HashData(secretDate, Encoding.UTF8.GetBytes(service));
        var secretSigning = HMACSHA256.HashData(secretService, Encoding.UTF8.GetBytes("tc3_request"));
        return Hex(HMACSHA256.HashData(secretSigning, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
