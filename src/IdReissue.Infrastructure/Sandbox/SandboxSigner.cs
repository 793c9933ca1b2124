using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// Signs and verifies sandbox gateway messages the way WeChat Pay v3 lays them out (timestamp, nonce,
/// body), with HMAC-SHA256 standing in for the gateway's certificate. Timestamps older than
/// <see cref="MaxAge"/> are refused so a captured message cannot be replayed later.
/// </summary>
public sealed class SandboxSigner
{
    public const string TimestampHeader = "Sandbox-Timestamp";
    public const string NonceHeader = "Sandbox-Nonce";
    public const string SignatureHeader = "Sandbox-Signature";

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private byte[] _key = [];

    public bool HasKey => _key.Length > 0;

    public void UseKey(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The sandbox signing key must be at least 256 bits.", nameof(key));
        }

        _key = key;
    }

    public Dictionary<string, string> Sign(string body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return new Dictionary<string, string>
        {
            [TimestampHeader] = timestamp,
            [NonceHeader] = nonce,
            [SignatureHeader] = Compute(timestamp, nonce, Encoding.UTF8.GetBytes(body)),
        };
    }

    /// <summary>Null when genuine and fresh, otherwise the reason code.</summary>
    public string? Verify(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!headers.TryGetValue(TimestampHeader, out var timestamp) || !headers.TryGetValue(NonceHeader, out var nonce)
            || !headers.TryGetValue(SignatureHeader, out var signature))
        {
            return "signature_missing";
        }

        var expected = Compute(timestamp, nonce, body);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return "invalid_signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge)
        {
            return "stale_notification";
        }

        return null;
    }

    private string Compute(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        if (_key.Length == 0)
        {
            throw new InvalidOperationException("The sandbox signing key has not been loaded.");
        }

        var prefix = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n");
        var message = new byte[prefix.Length + body.Length + 1];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        message[^1] = (byte)'\n';
        return Convert.ToBase64String(HMACSHA256.HashData(_key, message));
    }
}
