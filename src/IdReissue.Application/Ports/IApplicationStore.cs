using IdReissue.Domain.Applications;

namespace IdReissue.Application.Ports;

/// <summary>Re-issue applications with their timeline; what is loaded is tracked and written by <see cref="IUnitOfWork"/>.</summary>
public interface IApplicationStore
{
    Task<ReissueApplication?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The account's own application; another account's reads as none.</summary>
    Task<ReissueApplication?> FindOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken);

    /// <summary>An application with its timeline read for showing or texting about, not changed.</summary>
    Task<ReissueApplication?> ReadAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The application with this number, with its timeline.</summary>
    Task<ReissueApplication?> FindByNumberAsync(string applicationNumber, CancellationToken cancellationToken);

    /// <summary>The application a photo number was issued to, with its timeline.</summary>
    Task<ReissueApplication?> FindByPhotoNumberAsync(string photoNumber, CancellationToken cancellationToken);

    /// <summary>How many applications stand in each state, across every region.</summary>
    IReadOnlyList<StateCount> CountByState();

    /// <summary>The number and region of an application, without loading it.</summary>
    Task<ApplicationLabel?> LabelAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> PhotoNumberTakenAsync(string photoNumber, CancellationToken cancellationToken);

    /// <summary>The account's own application read for showing (progress), not changed; another account's reads as none.</summary>
    Task<ReissueApplication?> ReadOwnAsync(Guid id, Guid accountId, CancellationToken cancellationToken);

    /// <summary>The account's applications read for showing, newest first.</summary>
    Task<IReadOnlyList<ReissueApplication>> ReadAllOfAccountAsync(Guid accountId, CancellationToken cancellationToken);

    Task<bool> AccountHasOpenApplicationAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>An open application for <paramref name="citizenId"/> whose applicant passed face verification, other than <paramref name="exceptId"/>.</summary>
    Task<bool> OpenProvenApplicationExistsAsync(string citizenId, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>
    /// A queue read for showing: applications in <paramref name="state"/> not held by a holder's denial, or with
    /// <paramref name="suspected"/> every held one whatever its step; in <paramref name="regionIds"/> (null: every region);
    /// at most <paramref name="count"/>.
    /// </summary>
    Task<IReadOnlyList<ReissueApplication>> ReadQueueAsync(ApplicationState state, bool suspected, IReadOnlyCollection<string>? regionIds, int count, CancellationToken cancellationToken);

    /// <summary>The application whose card went out under the waybill, with its timeline.</summary>
    Task<ReissueApplication?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken);

    void Add(ReissueApplication application);
}

public sealed record StateCount(ApplicationState State, long Count);

public sealed record ApplicationLabel(Guid Id, string ApplicationNumber, string RegionId);
