namespace IdReissue.Domain.Gateways;

/// <summary>The population registry's photo of a resident (人口库照片), which faces are compared with.</summary>
public interface IRegistryPhotos
{
    /// <summary>The photo's bytes, or null when the registry holds none for the resident.</summary>
    Task<byte[]?> FindAsync(string citizenId, CancellationToken cancellationToken);
}
