using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Alipay;

/// <summary>
/// RSA2 (SHA256withRSA) as the Alipay open platform uses it: requests are signed over their parameters
/// sorted by name ("k=v&amp;…", empty ones and "sign" left out) with the application private key; responses
/// (the raw JSON of the "…_response" member) and notifications (their parameters less "sign" and
/// "sign_type") are verified with Alipay's public key.
/// </summary>
public sealed class AlipaySignature : IDisposable
{
    private readonly RSA _appKey;
    private readonly RSA _alipayKey;

    public AlipaySignature(IOptions<AlipayOptions> options)
    {
        var settings = options.Value;
        _appKey = GatewaySecret.ImportRsa(GatewaySecret.Require(settings.AppPrivateKey, settings.AppPrivateKeyFile, "Alipay:AppPrivateKey"), "Alipay:AppPrivateKey");
        _alipayKey = GatewaySecret.ImportRsa(GatewaySecret.Require(settings.AlipayPublicKey, settings.AlipayPublicKeyFile, "Alipay:AlipayPublicKey"), "Alipay:AlipayPublicKey");
    }

    /// <summary>The string both sides sign: the parameters sorted by name, less the signature (and, for notifications, its type) and empty values.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters, bool withoutSignType) =>
        string.Join('&', parameters
            .Where(p => p.Key != "sign" && !(withoutSignType && p.Key == "sign_type") && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    public string Sign(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Convert.ToBase64String(_appKey.SignData(Encoding.UTF8.GetBytes(Canonical(parameters, withoutSignType: false)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public bool VerifyNotification(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue("sign", out var signature) && Verify(Canonical(parameters, withoutSignType: true), signature);

    public bool Verify(string content, string signature)
    {
        try
        {
            return _alipayKey.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _appKey.Dispose();
        _alipayKey.Dispose();
    }
}
