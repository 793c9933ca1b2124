using IdReissue.Application.Officers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IdReissue.Domain.Common;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Regions;
using IdReissue.Infrastructure.Sandbox.Records;
using IdReissue.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox.DemoData;

/// <summary>
/// Fills an empty sandbox database with officers and synthetic residents, and writes the demo log-ins
/// (generated passwords, never committed) to a file that ./run.sh prints.
/// </summary>
public sealed class DemoDataSeeder(RegionCatalog regions, TimeProvider time)
{
    public async Task SeedAsync(IdReissueDbContext db, SandboxOptions options, string loginsFile, CancellationToken cancellationToken)
    {
        if (await db.Officers.AnyAsync(cancellationToken))
        {
            return;
        }

        // The officers in the service's tables, the residents in the sandbox's: written together, or not at all.
        await using var sandbox = SandboxDbContext.Beside(db);

        var logins = new StringBuilder();
        logins.AppendLine("# IdReissue demo log-ins (sandbox only; generated on first start)");
        logins.AppendLine("# officer username / password / roles / region");
        foreach (var (username, displayName, roles, regionId) in OfficerAccounts())
        {
            var password = NewPassword();
            db.Officers.Add(new OfficerAccount
            {
                Username = username,
                DisplayName = displayName,
                PasswordHash = PasswordHasher.Hash(password),
                Roles = roles,
                Regions = regionId,
            });
            logins.AppendLine(CultureInfo.InvariantCulture, $"officer {username} {password} {roles} {regionId}");
        }

        var today = ChinaTime.DateOf(time.GetUtcNow());
        var factory = new SyntheticResidentFactory(new Random(RandomNumberGenerator.GetInt32(int.MaxValue)));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        logins.AppendLine("# applicant phone (log in with an SMS code from the sandbox outbox) / name / citizen ID / household number / profile / region");
        logins.AppendLine(CultureInfo.InvariantCulture,
            $"# face verification (实人认证): the registry photo is a real photo of person p03 ({SandboxRegistryPhotos.DemoPersonPhoto} of ../shared/face-pairs); capture p03's other photos (face-pairs img13.jpg, img57.jpg, img58.jpg, or portrait-dev-set df__img13__ok.jpg); face-mismatch residents hold another person's photo");
        foreach (var region in regions.All)
        {
            foreach (var profile in SyntheticResidentFactory.Profiles)
            {
                var count = profile == ResidentProfiles.Eligible ? options.DemoResidentsPerRegion : 2;
                for (var i = 0; i < count; i++)
                {
                    var resident = factory.Create(region, profile, today, ids.Contains, phones.Contains);
                    ids.Add(resident.CitizenId);
                    phones.Add(resident.Phone);
                    sandbox.SandboxResidents.Add(resident);
                    if (i == 0)
                    {
                        logins.AppendLine(CultureInfo.InvariantCulture,
                            $"applicant {resident.Phone} {resident.Name} {resident.CitizenId} {resident.HouseholdNumber} {profile} {region.Id}");
                    }
                }
            }
        }

        await sandbox.SaveTogetherAsync(db, cancellationToken);
        var directory = Path.GetDirectoryName(Path.GetFullPath(loginsFile));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(loginsFile, logins.ToString(), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(loginsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private IEnumerable<(string Username, string DisplayName, string Roles, string RegionId)> OfficerAccounts()
    {
        foreach (var region in regions.All)
        {
            yield return ($"{region.Id}-review", $"{region.Name}受理审核民警", $"{OfficerRights.Acceptance},{OfficerRights.Review},{OfficerRights.Finance},{OfficerRights.Reveal}", region.Id);
            yield return ($"{region.Id}-production", $"{region.Name}制证民警", OfficerRights.Production, region.Id);
        }

        yield return ("admin", "系统管理员", $"{OfficerRights.Admin},{OfficerRights.Reveal}", "*");
    }

    private static string NewPassword() => "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
}
