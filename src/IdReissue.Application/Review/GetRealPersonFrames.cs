using IdReissue.Application.Common;
using IdReissue.Application.Ports;

namespace IdReissue.Application.Review;

/// <summary>The stored frames a report of 实人认证 names, each proving one asked action; only of an application in the officer's region.</summary>
public sealed record GetRealPersonFrames(Guid ApplicationId, OfficerScope Officer, IReadOnlyCollection<Guid> FrameFileIds);

public sealed record RealPersonFrames(IReadOnlyList<FileContent> Frames);

public sealed class GetRealPersonFramesHandler(IApplicationStore applications, IReviewEvidence evidence)
{
    public async Task<Result<RealPersonFrames>> HandleAsync(GetRealPersonFrames query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await applications.LabelAsync(query.ApplicationId, cancellationToken) is not { } label || !query.Officer.MaySee(label.RegionId))
        {
            return ApplicationProblems.NotFound;
        }

        return new RealPersonFrames(query.FrameFileIds.Count == 0 ? [] : await evidence.ReadFilesAsync(label.Id, query.FrameFileIds, cancellationToken));
    }
}
