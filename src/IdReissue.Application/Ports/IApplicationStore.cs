using IdReissue.Domain.Applications;

namespace IdReissue.Application.Ports;

/// <summary>Re-issue applications with their timeline; what is loaded is tracked and written by <see cref="IUnitOfWork"/>.</summary>
public interface IApplicationStore
{
    Task<ReissueApplication?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account's own application; another account's reads as none.</summary>
    Task<ReissueApplication?> FindOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken);

    /// <summary>The number and region of an application, without loading it.</summary>
    Task<ApplicationLabel?> LabelAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> PhotoNumberTakenAsync(string photoNumber, CancellationToken cancellationToken);
}

public sealed record ApplicationLabel(Guid Id, string ApplicationNumber, string RegionId);
