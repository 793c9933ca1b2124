using IdReissue.Domain.Gateways;
using IdReissue.Domain.Registry;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Sandbox.Records;
using Microsoft.EntityFrameworkCore;

namespace IdReissue.Infrastructure.Sandbox;

/// <summary>The household registry sandbox, backed by generated synthetic residents.</summary>
public sealed class SandboxHouseholdRegistry(IDbContextFactory<SandboxDbContext> dbFactory) : IHouseholdRegistry
{
    public async Task<ResidentRecord?> FindAsync(string citizenId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var resident = await db.SandboxResidents.AsNoTracking().SingleOrDefaultAsync(r => r.CitizenIdIndex == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId), cancellationToken);
        return resident is null ? null : ToRecord(resident);
    }

    public async Task MarkCardLostAsync(string citizenId, string receiptNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var resident = await db.SandboxResidents.SingleAsync(r => r.CitizenIdIndex == db.BlindIndex(BlindIndexKinds.CitizenId, citizenId), cancellationToken);
        resident.CardReportedLost = true;
        resident.LossReceiptNumber = receiptNumber;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static ResidentRecord ToRecord(SandboxResident resident) => new()
    {
        CitizenId = resident.CitizenId,
        Name = resident.Name,
        HouseholdNumber = resident.HouseholdNumber,
        HouseholdDivisionCode = resident.HouseholdDivisionCode,
        HistoricPhotoTakenOn = resident.HistoricPhotoTakenOn,
        // The demo resident's own phone: signed in with it, the holder is texted nothing; another account applying
        // in the resident's name texts it.
        Phone = resident.Phone,
        LastCard = resident.LastCardIssuedOn is { } issued
            ? new IssuedCard
            {
                IssuedOn = issued,
                IssuingDivisionCode = resident.LastCardIssuingDivisionCode ?? resident.HouseholdDivisionCode,
                FingerprintsRecorded = resident.FingerprintsRecorded,
                ReportedLost = resident.CardReportedLost,
            }
            : null,
    };
}
