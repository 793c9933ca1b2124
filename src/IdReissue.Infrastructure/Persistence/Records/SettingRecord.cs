namespace IdReissue.Infrastructure.Persistence.Records;

/// <summary>A value shared by every node (e.g. the sandbox gateways' generated signing key).</summary>
public sealed class SettingRecord
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
