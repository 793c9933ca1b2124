using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Encrypts personal data for the database and computes its blind indexes. A protected value names the
/// data key that sealed it, so keys can be added (rotation) while old values stay readable.
/// </summary>
/// <remarks>
/// Two envelopes. `e2.` (binary marker 0xE2), written for every personal column: the column and the
/// row's key are associated data, and the row key is carried in the envelope, so the value opens only
/// as the value of that column in that row — the materialization check (PersonalDataRowCheck) compares
/// the row it opened for with the row it was read from, so a ciphertext copied into another row is
/// refused. `e1.` (0xE1): the column alone is associated data; values written before row binding, and
/// the framework's own keys (which have no row). `security reseal` rewrites `e1.` column values as `e2.`.
/// A value in a protected column with neither prefix is refused, never passed through as plaintext:
/// otherwise anyone who can write the table could plant a value the service would take as genuine.
/// </remarks>
public sealed class PersonalDataProtector(IMasterKeyStore masterKeys, TimeProvider time)
{
    private const string ColumnBoundPrefix = "e1.";
    private const string RowBoundPrefix = "e2.";
    private const byte ColumnBoundMarker = 0xE1;
    private const byte RowBoundMarker = 0xE2;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();

    /// <summary>Each value opened from a row-bound envelope, and the row it was bound to (checked once the entity is built).</summary>
    private readonly ConditionalWeakTable<object, string> _openedFor = new();

    private KeyRing? _ring;
    private Func<IReadOnlyList<DataKeyRecord>>? _reload;

    public bool IsReady => _ring is not null;

    /// <summary>
    /// `Security:ReadUnsealedValues`: reads a value without an envelope as plaintext. Only for the one
    /// `security reseal` run that seals a database written before encryption existed; never while serving.
    /// </summary>
    public bool ReadUnsealedValues { get; init; }

    /// <summary>Installs the key ring read from the database, and how to read it again when a new key appears.</summary>
    public void Use(IReadOnlyList<DataKeyRecord> records, Func<IReadOnlyList<DataKeyRecord>> reload)
    {
        _reload = reload;
        _ring = KeyRing.Unwrap(records, masterKeys, time.GetUtcNow());
    }

    /// <summary>Seals a value bound to its column only: for what has no row (the framework's keys).</summary>
    public string Protect(string plaintext, string column) =>
        ColumnBoundPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), column, row: null));

    /// <summary>Seals a value bound to its column and its row's key.</summary>
    public string Protect(string plaintext, string column, string row) =>
        RowBoundPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), column, row));

    public static bool IsRowBound(string stored) => stored.StartsWith(RowBoundPrefix, StringComparison.Ordinal);

    public static bool IsRowBound(byte[] stored) => stored.Length > 0 && stored[0] == RowBoundMarker;

    /// <summary>Opens a stored value of the column; a row-bound value's row is remembered for <see cref="RowOpenedFor"/>.</summary>
    public string Unprotect(string stored, string column)
    {
        if (stored.StartsWith(RowBoundPrefix, StringComparison.Ordinal))
        {
            var (plaintext, row) = Open(Decode(stored, RowBoundPrefix, column), column, rowBound: true);
            return Remember(Encoding.UTF8.GetString(plaintext), row!);
        }

        if (stored.StartsWith(ColumnBoundPrefix, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetString(Open(Decode(stored, ColumnBoundPrefix, column), column, rowBound: false).Plaintext);
        }

        return ReadUnsealedValues ? stored : throw new UnsealedPersonalDataException(column);
    }

    public byte[] ProtectBytes(byte[] plaintext, string column, string row) => [RowBoundMarker, .. Seal(plaintext, column, row)];

    public byte[] UnprotectBytes(byte[] stored, string column)
    {
        var sealedLength = 1 + 16 + AuthenticatedCipher.NonceBytes + AuthenticatedCipher.TagBytes;
        if (stored.Length > sealedLength && stored[0] == RowBoundMarker)
        {
            var (plaintext, row) = Open(stored.AsSpan(1).ToArray(), column, rowBound: true);
            return Remember(plaintext, row!);
        }

        if (stored.Length > sealedLength && stored[0] == ColumnBoundMarker)
        {
            return Open(stored.AsSpan(1).ToArray(), column, rowBound: false).Plaintext;
        }

        return ReadUnsealedValues ? stored : throw new UnsealedPersonalDataException(column);
    }

    /// <summary>The row a value was sealed for, when it was just opened from a row-bound envelope; null otherwise.</summary>
    public string? RowOpenedFor(object value) => _openedFor.TryGetValue(value, out var row) ? row : null;

    /// <summary>HMAC-SM3 of a normalised value under the index key: equal values give equal indexes, and nothing else is learnt.</summary>
    public string BlindIndex(string kind, string value)
    {
        var ring = Ring();
        return Convert.ToHexStringLower(Sm3.Hmac(ring.IndexKey, Encoding.UTF8.GetBytes(kind + "\n" + value)));
    }

    /// <summary>
    /// The keyed digest of a stored file (StoredFile.Sha256): HMAC-SHA256 under a key derived from the index key, upper-case
    /// hex as the plain SHA-256 was. Equal files still give equal digests (a copy can be found, a file checked against its
    /// row), but without the key ring a stolen database cannot confirm whether a given face image is in it.
    /// </summary>
    public string FileDigest(ReadOnlySpan<byte> content)
    {
        Span<byte> key = stackalloc byte[32];
        HMACSHA256.HashData(Ring().IndexKey, "IdReissue stored-file digest v1"u8, key);
        return Convert.ToHexString(HMACSHA256.HashData(key, content));
    }

    public Guid ActiveDataKeyId => Ring().ActiveDataKeyId;

    /// <summary>data key id ‖ [row length ‖ row, when row-bound] ‖ nonce ‖ ciphertext ‖ tag.</summary>
    private byte[] Seal(byte[] plaintext, string column, string? row)
    {
        var ring = Ring();
        var key = ring.Keys[ring.ActiveDataKeyId];
        var rowBytes = row is null ? null : Encoding.UTF8.GetBytes(row);
        if (rowBytes is { Length: > byte.MaxValue })
        {
            throw new ArgumentException("A row key is at most 255 bytes.", nameof(row));
        }

        var sealedValue = AuthenticatedCipher.Seal(key.Algorithm, key.Key, plaintext, Aad(ring.ActiveDataKeyId, column, rowBytes));
        var header = rowBytes is null ? 16 : 16 + 1 + rowBytes.Length;
        var output = new byte[header + sealedValue.Length];
        ring.ActiveDataKeyId.TryWriteBytes(output);
        if (rowBytes is not null)
        {
            output[16] = (byte)rowBytes.Length;
            rowBytes.CopyTo(output, 17);
        }

        sealedValue.CopyTo(output, header);
        return output;
    }

    private (byte[] Plaintext, string? Row) Open(byte[] data, string column, bool rowBound)
    {
        if (data.Length < 16 + (rowBound ? 1 : 0) || (rowBound && data.Length < 17 + data[16]))
        {
            throw new CryptographicException($"The sealed value in {column} is truncated.");
        }

        var keyId = new Guid(data.AsSpan(0, 16));
        var rowBytes = rowBound ? data.AsSpan(17, data[16]).ToArray() : null;
        var ring = Ring();
        if (!ring.Keys.TryGetValue(keyId, out var key))
        {
            ring = Reload();
            key = ring.Keys.TryGetValue(keyId, out var found) ? found : throw new CryptographicException($"Data key {keyId} is unknown.");
        }

        var body = data.AsSpan(rowBound ? 17 + rowBytes!.Length : 16);
        return (AuthenticatedCipher.Open(key.Algorithm, key.Key, body, Aad(keyId, column, rowBytes)), rowBytes is null ? null : Encoding.UTF8.GetString(rowBytes));
    }

    /// <summary>Column-bound: key id ‖ column. Row-bound: key id ‖ 0x02 ‖ column ‖ 0x00 ‖ row (column names are ASCII without NUL, so the two never coincide).</summary>
    private static byte[] Aad(Guid keyId, string column, byte[]? row)
    {
        var columnBytes = Encoding.ASCII.GetBytes(column);
        if (row is null)
        {
            return [.. keyId.ToByteArray(), .. columnBytes];
        }

        return [.. keyId.ToByteArray(), 0x02, .. columnBytes, 0x00, .. row];
    }

    private static byte[] Decode(string stored, string prefix, string column)
    {
        try
        {
            return Convert.FromBase64String(stored[prefix.Length..]);
        }
        catch (FormatException invalid)
        {
            throw new CryptographicException($"The sealed value in {column} is not valid base64.", invalid);
        }
    }

    /// <summary>Empty values are one shared instance, so they cannot be told apart; there is nothing in them to move.</summary>
    private T Remember<T>(T value, string row)
        where T : class
    {
        if (value is not "" and not byte[] { Length: 0 })
        {
            _openedFor.AddOrUpdate(value, row);
        }

        return value;
    }

    private KeyRing Ring()
    {
        var ring = _ring ?? throw new InvalidOperationException("The key ring is not loaded yet (DatabaseInitializer loads it at start).");
        return time.GetUtcNow() - ring.LoadedAt > RefreshEvery ? Reload() : ring;
    }

    /// <summary>Another node may have added a data key (rotation); read the ring again.</summary>
    private KeyRing Reload()
    {
        lock (_gate)
        {
            if (_reload is null)
            {
                return _ring!;
            }

            _ring = KeyRing.Unwrap(_reload(), masterKeys, time.GetUtcNow());
            return _ring;
        }
    }

    private sealed record KeyRing(IReadOnlyDictionary<Guid, UnwrappedKey> Keys, Guid ActiveDataKeyId, byte[] IndexKey, DateTimeOffset LoadedAt)
    {
        public static KeyRing Unwrap(IReadOnlyList<DataKeyRecord> records, IMasterKeyStore masterKeys, DateTimeOffset now)
        {
            var keys = records.ToDictionary(r => r.Id, r => new UnwrappedKey(
                CipherAlgorithms.Parse(r.Algorithm), masterKeys.Unwrap(r.MasterKeyId, r.WrappedKey, r.Id.ToString())));
            var active = records.Where(r => r.Purpose == DataKeyRecord.DataPurpose).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).FirstOrDefault()
                ?? throw new InvalidOperationException("No data key exists.");
            var index = records.SingleOrDefault(r => r.Purpose == DataKeyRecord.IndexPurpose)
                ?? throw new InvalidOperationException("No blind-index key exists.");
            return new KeyRing(keys, active.Id, keys[index.Id].Key, now);
        }
    }

    private sealed record UnwrappedKey(CipherAlgorithm Algorithm, byte[] Key);
}

/// <summary>
/// A protected column held something that is not a sealed value of that column and row: a plaintext
/// written past the service, or a ciphertext copied from another row. Never read as if it were genuine.
/// </summary>
public sealed class UnsealedPersonalDataException : CryptographicException
{
    public UnsealedPersonalDataException(string column)
        : base($"{column} holds a value that is not sealed; it is refused rather than read as plaintext.")
    {
        Column = column;
    }

    public UnsealedPersonalDataException(string column, string storedFor, string readFrom)
        : base($"{column} holds a value sealed for row {storedFor}, but it was read from row {readFrom}; it is refused.")
    {
        Column = column;
    }

    public UnsealedPersonalDataException()
    {
        Column = string.Empty;
    }

    public UnsealedPersonalDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Column = string.Empty;
    }

    public string Column { get; }
}
