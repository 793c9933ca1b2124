using IdReissue.Domain.Registry;

namespace IdReissue.Domain.Gateways;

/// <summary>The household registry (人口信息库). A real adapter calls the bureau's registry service.</summary>
public interface IHouseholdRegistry
{
    /// <summary>The resident with this citizen ID number, or null when the registry has none.</summary>
    Task<ResidentRecord?> FindAsync(string citizenId, CancellationToken cancellationToken);

    /// <summary>Marks the resident's current card as lost, so it can no longer be used.</summary>
    Task MarkCardLostAsync(string citizenId, string receiptNumber, CancellationToken cancellationToken);
}
