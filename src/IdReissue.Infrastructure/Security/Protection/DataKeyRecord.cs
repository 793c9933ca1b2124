namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>A data key, stored only wrapped by a master key. The newest "data" key encrypts; all decrypt.</summary>
public sealed class DataKeyRecord
{
    public const string DataPurpose = "data";
    public const string IndexPurpose = "index";

    /// <summary>The one blind-index key: fixed, so every node finds the same one.</summary>
    public static readonly Guid IndexKeyId = new("00000000-0000-0000-0000-00000000b11d");

    public Guid Id { get; set; }

    public required string Purpose { get; set; }

    public required string Algorithm { get; set; }

    public required string MasterKeyId { get; set; }

    public required byte[] WrappedKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
