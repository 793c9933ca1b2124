using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.WeChatPay;

/// <summary>
/// The keys of a WeChat Pay API v3 merchant: the merchant private key signs requests
/// (WECHATPAY2-SHA256-RSA2048), the platform public key(s), chosen by the Wechatpay-Serial header,
/// verify responses and notifications, and the APIv3 key decrypts notification resources (AEAD_AES_256_GCM).
/// </summary>
public sealed class WeChatPayCredentials : IDisposable
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";
    public const string TimestampHeader = "Wechatpay-Timestamp";
    public const string NonceHeader = "Wechatpay-Nonce";
    public const string SignatureHeader = "Wechatpay-Signature";
    public const string SerialHeader = "Wechatpay-Serial";

    private readonly RSA _merchantKey;
    private readonly Dictionary<string, RSA> _platformKeys;
    private readonly byte[] _apiV3Key;
    private readonly WeChatPayOptions _options;

    public WeChatPayCredentials(IOptions<WeChatPayOptions> options)
    {
        _options = options.Value;
        _merchantKey = GatewaySecret.ImportRsa(
            GatewaySecret.Require(_options.MerchantPrivateKey, _options.MerchantPrivateKeyFile, "WeChatPay:MerchantPrivateKey"), "WeChatPay:MerchantPrivateKey");
        _apiV3Key = Encoding.UTF8.GetBytes(GatewaySecret.Require(_options.ApiV3Key, _options.ApiV3KeyFile, "WeChatPay:ApiV3Key"));
        if (_apiV3Key.Length != 32)
        {
            throw new InvalidOperationException("WeChatPay:ApiV3Key must be the 32-character APIv3 key set in the merchant platform.");
        }

        _platformKeys = new Dictionary<string, RSA>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(_options.PlatformPublicKey) || !string.IsNullOrWhiteSpace(_options.PlatformPublicKeyFile))
        {
            var id = string.IsNullOrWhiteSpace(_options.PlatformPublicKeyId)
                ? throw new InvalidOperationException("Set WeChatPay:PlatformPublicKeyId (PUB_KEY_ID_…) beside the WeChat Pay public key.")
                : _options.PlatformPublicKeyId;
            _platformKeys[id] = GatewaySecret.ImportRsa(
                GatewaySecret.Require(_options.PlatformPublicKey, _options.PlatformPublicKeyFile, "WeChatPay:PlatformPublicKey"), "WeChatPay:PlatformPublicKey");
        }

        if (!string.IsNullOrWhiteSpace(_options.PlatformCertificateFile))
        {
            using var certificate = X509Certificate2.CreateFromPemFile(_options.PlatformCertificateFile);
            _platformKeys[certificate.SerialNumber] = certificate.GetRSAPublicKey()
                ?? throw new InvalidOperationException("WeChatPay:PlatformCertificateFile holds no RSA public key.");
        }

        if (_platformKeys.Count == 0)
        {
            throw new InvalidOperationException("Set WeChatPay:PlatformPublicKey(File) with WeChatPay:PlatformPublicKeyId, or WeChatPay:PlatformCertificateFile.");
        }
    }

    public string MchId => _options.MchId;

    /// <summary>The Authorization header value of one request (method, path with query, timestamp, nonce, body).</summary>
    public string Authorization(string method, string pathAndQuery, string body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var message = Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{body}\n");
        var signature = Convert.ToBase64String(_merchantKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return $"mchid=\"{_options.MchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{_options.MerchantSerialNumber}\"";
    }

    /// <summary>paySign of WeChat's JSAPI payment sheet: SHA256withRSA with the merchant key over "appId\ntimeStamp\nnonceStr\npackage\n", base64.</summary>
    public string SignPaySheet(string appId, string timeStamp, string nonceStr, string package) =>
        Convert.ToBase64String(_merchantKey.SignData(
            Encoding.UTF8.GetBytes($"{appId}\n{timeStamp}\n{nonceStr}\n{package}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>Checks a response's or notification's signature and age. Null when genuine and fresh, otherwise the reason code.</summary>
    public string? Verify(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!headers.TryGetValue(TimestampHeader, out var timestamp) || !headers.TryGetValue(NonceHeader, out var nonce)
            || !headers.TryGetValue(SignatureHeader, out var signature) || !headers.TryGetValue(SerialHeader, out var serial))
        {
            return "signature_missing";
        }

        if (!_platformKeys.TryGetValue(serial, out var platformKey))
        {
            // A serial we do not know: the platform key was rotated without updating configuration, or a forgery.
            return "unknown_platform_serial";
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return "invalid_signature";
        }

        var prefix = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n");
        var message = new byte[prefix.Length + body.Length + 1];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        message[^1] = (byte)'\n';
        if (!platformKey.VerifyData(message, signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "invalid_signature";
        }

        return long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= _options.MaxSignatureAge
            ? null
            : "stale_notification";
    }

    /// <summary>Decrypts a notification's resource (AEAD_AES_256_GCM: the last 16 bytes of the ciphertext are the tag).</summary>
    public byte[] Decrypt(string ciphertext, string nonce, string associatedData)
    {
        var sealedBytes = Convert.FromBase64String(ciphertext);
        if (sealedBytes.Length < AesGcm.TagByteSizes.MaxSize)
        {
            throw new CryptographicException("The resource is shorter than its tag.");
        }

        var tag = sealedBytes.AsSpan(sealedBytes.Length - AesGcm.TagByteSizes.MaxSize);
        var plaintext = new byte[sealedBytes.Length - tag.Length];
        using var aes = new AesGcm(_apiV3Key, tag.Length);
        aes.Decrypt(Encoding.UTF8.GetBytes(nonce), sealedBytes.AsSpan(0, plaintext.Length), tag, plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }

    public void Dispose()
    {
        _merchantKey.Dispose();
        foreach (var key in _platformKeys.Values)
        {
            key.Dispose();
        }
    }
}
