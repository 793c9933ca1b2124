namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// The key-encryption keys. Data keys are stored only wrapped by one of these; the master keys never
/// touch the database. Configured keys are the default; a hardware or cloud KMS implements the same
/// two calls.
/// </summary>
public interface IMasterKeyStore
{
    /// <summary>The master key new data keys (and rotated ones) are wrapped with.</summary>
    string ActiveKeyId { get; }

    byte[] Wrap(ReadOnlySpan<byte> dataKey, string dataKeyId);

    byte[] Unwrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey, string dataKeyId);
}
