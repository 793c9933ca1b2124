using System.Security.Cryptography;
using IdReissue.Domain.Common;
using IdReissue.Domain.Regions;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.DemoData;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>Hands a demo user a freshly generated resident of the profile asked for, so every walk-through
/// starts from a resident nobody used before (no reset needed).</summary>
public sealed class SandboxResidentIssuer(IdReissueDbContext db, SandboxDbContext sandbox, TimeProvider time)
{
    public async Task<SandboxResident> IssueAsync(RegionPolicy region, string profile, CancellationToken cancellationToken)
    {
        if (!SyntheticResidentFactory.Profiles.Contains(profile))
        {
            throw new DomainException("unknown_profile", $"未知的演示居民类型“{profile}”，可选：{string.Join("、", SyntheticResidentFactory.Profiles)}。");
        }

        var factory = new SyntheticResidentFactory(new Random(RandomNumberGenerator.GetInt32(int.MaxValue)));
        var resident = factory.Create(region, profile, ChinaTime.DateOf(time.GetUtcNow()),
            id => sandbox.SandboxResidents.Any(r => r.CitizenIdIndex == sandbox.BlindIndex(BlindIndexKinds.CitizenId, id)),
            phone => sandbox.SandboxResidents.Any(r => r.PhoneIndex == sandbox.BlindIndex(BlindIndexKinds.Phone, phone))
                || db.ApplicantAccounts.Any(a => EF.Property<string>(a, PersonalDataColumns.AccountPhoneIndex) == db.BlindIndex(BlindIndexKinds.Phone, phone)));
        resident.HandedOut = true;
        sandbox.SandboxResidents.Add(resident);
        await sandbox.SaveChangesAsync(cancellationToken);
        return resident;
    }
}
