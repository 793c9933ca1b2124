namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>`Security:Algorithm` (SM4-GCM by default, or AES-256-GCM) for new data keys.</summary>
public sealed record SecurityOptions(CipherAlgorithm Algorithm);
