using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Domain.Applications;

namespace IdReissue.Application.Review;

/// <summary>An application as an officer may reach it: only in the officer's region; another region's reads as not found.</summary>
public sealed class OfficerApplications(IApplicationStore applications)
{
    public async Task<ReissueApplication?> FindAsync(Guid id, OfficerScope officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var application = await applications.FindAsync(id, cancellationToken);
        return application is not null && officer.MaySee(application.RegionId) ? application : null;
    }
}
