using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>SM3 (GB/T 32905) hashes and HMAC-SM3, for the audit chain and the blind indexes.</summary>
public static class Sm3
{
    public const int HashBytes = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[HashBytes];
        digest.DoFinal(output);
        return output;
    }

    public static string HashHex(string text) => Convert.ToHexStringLower(Hash(Encoding.UTF8.GetBytes(text)));

    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var output = new byte[HashBytes];
        mac.DoFinal(output);
        return output;
    }
}
