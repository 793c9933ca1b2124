using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>
/// The sandbox registry's photos (人口库照片): real photos of real people from a photo library
/// (../shared/face-pairs, nine people, MIT), never generated faces, so face verification is the real
/// comparison. Demo residents are given one photo of person p03, whose other photos (face-pairs
/// img13/img57/img58 and the dev set's df__img13__* portraits) then pass 实人认证; a "face-mismatch"
/// resident holds a photo of another person (p07), so the same captures are refused.
/// </summary>
/// The "camera-clip" resident's photo is a frame of the sample webcam recordings instead
/// (<see cref="SandboxLivenessClips.RegistryFrame"/>), so that their clips pass the camera's 实人认证.
public sealed class SandboxRegistryPhotos(IDbContextFactory<SandboxDbContext> dbFactory, IOptions<SandboxOptions> options, SandboxLivenessClips clips)
    : IRegistryPhotos
{
    public const string DemoPersonPhoto = "img15.jpg";
    public const string OtherPersonPhoto = "img26.jpg";

    private readonly Lazy<string?> _directory = new(() => Locate(options.Value.RegistryPhotoDirectory));

    public async Task<byte[]?> FindAsync(string citizenId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var file = await db.SandboxResidents.Where(r => r.CitizenIdIndex == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId))
            .Select(r => r.RegistryPhoto).SingleOrDefaultAsync(cancellationToken);
        if (file == SandboxLivenessClips.RegistryFrame)
        {
            return File.Exists(clips.RegistryFramePath) ? await File.ReadAllBytesAsync(clips.RegistryFramePath, cancellationToken) : null;
        }

        if (file is null || _directory.Value is not { } directory)
        {
            return null;
        }

        // Only a plain file name of the library: a stored value can never reach outside it.
        var path = Path.Combine(directory, Path.GetFileName(file));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    private static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "face-pairs");
            if (File.Exists(Path.Combine(candidate, "identities.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
