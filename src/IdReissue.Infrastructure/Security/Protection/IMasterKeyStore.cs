namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// The key-encryption keys. Data keys are stored only wrapped by one of these; the master keys never
/// touch the database. Configured keys are the default; a hardware or cloud KMS implements the same
/// calls. A wrapped key must carry whatever its store needs to open it again (the cipher it was wrapped
/// with included), since the configuration may change between wrapping and unwrapping.
/// </summary>
public interface IMasterKeyStore
{
    /// <summary>The master key new data keys (and rotated ones) are wrapped with.</summary>
    string ActiveKeyId { get; }

    byte[] Wrap(ReadOnlySpan<byte> dataKey, string dataKeyId);

    byte[] Unwrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey, string dataKeyId);

    /// <summary>Whether `rotate-master-key` should re-wrap this key (an old master key, or an outdated wrapping).</summary>
    bool NeedsRewrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey) => masterKeyId != ActiveKeyId;
}
