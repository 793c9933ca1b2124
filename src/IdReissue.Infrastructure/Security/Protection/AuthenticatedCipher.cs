using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// GCM encryption with a 96-bit random nonce and a 128-bit tag: SM4 through BouncyCastle, AES through
/// the platform. The associated data binds a ciphertext to what it protects (a key to its id), so a
/// value copied into another place does not decrypt.
/// </summary>
public static class AuthenticatedCipher
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>nonce ‖ ciphertext ‖ tag.</summary>
    public static byte[] Seal(CipherAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        if (algorithm == CipherAlgorithm.Aes256Gcm)
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associatedData);
            return output;
        }

        var gcm = Sm4(forEncryption: true, key, nonce, associatedData);
        var written = gcm.ProcessBytes(plaintext, output.AsSpan(NonceBytes));
        gcm.DoFinal(output.AsSpan(NonceBytes + written));
        return output;
    }

    public static byte[] Open(CipherAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        if (sealedData.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("Ciphertext too short.");
        }

        var nonce = sealedData[..NonceBytes];
        var body = sealedData[NonceBytes..];
        var plaintext = new byte[body.Length - TagBytes];
        if (algorithm == CipherAlgorithm.Aes256Gcm)
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, body[..^TagBytes], body[^TagBytes..], plaintext, associatedData);
            return plaintext;
        }

        var gcm = Sm4(forEncryption: false, key, nonce, associatedData);
        var buffer = new byte[gcm.GetOutputSize(body.Length)];
        try
        {
            var written = gcm.ProcessBytes(body, buffer);
            written += gcm.DoFinal(buffer.AsSpan(written));
            return written == plaintext.Length ? buffer : buffer[..written];
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException invalid)
        {
            throw new CryptographicException("The data was altered or the key is wrong.", invalid);
        }
    }

    private static GcmBlockCipher Sm4(bool forEncryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBytes * 8, nonce.ToArray(), associatedData.ToArray()));
        return gcm;
    }
}
