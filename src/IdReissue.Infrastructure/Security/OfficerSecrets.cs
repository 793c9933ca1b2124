using System.Globalization;
using System.Security.Cryptography;
using IdReissue.Application.Ports;
using OtpNet;

namespace IdReissue.Infrastructure.Security;

/// <summary>Officers' secrets: set-up tokens and recovery codes (stored as SHA-256 only) and the TOTP second factor
/// (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every authenticator app reads them), through Otp.NET.</summary>
public sealed class OfficerSecrets : IOfficerSecrets
{
    /// <summary>Recovery codes use letters and digits that cannot be mistaken for one another.</summary>
    private const string RecoveryAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public string NewToken() => TokenHash.NewToken();

    public string Digest(string token) => TokenHash.Of(token);

    public string NewSecondFactorSecret() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));

    public string ProvisioningUri(string secret, string username, string issuer) =>
        new OtpUri(OtpType.Totp, secret, username, issuer).ToString();

    public long? MatchTimeStep(string secret, string? code, DateTimeOffset now)
    {
        code = code?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    public string NewRecoveryCode()
    {
        var chars = Enumerable.Range(0, 10).Select(_ => RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)]).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}");
    }

    public string RecoveryCodeDigest(string code) =>
        TokenHash.Of(new string((code ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()));
}
