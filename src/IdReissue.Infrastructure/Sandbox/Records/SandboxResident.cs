namespace IdReissue.Infrastructure.Sandbox.Records;

/// <summary>A synthetic resident of the sandbox household registry (generated, never a real person).</summary>
public sealed class SandboxResident
{
    public Guid Id { get; set; }

    /// <summary>The registry's look-up: the blind index of <see cref="CitizenId"/> (set on save).</summary>
    public string CitizenIdIndex { get; set; } = string.Empty;

    public required string CitizenId { get; set; }

    public required string Name { get; set; }

    public required string HouseholdNumber { get; set; }

    public required string HouseholdDivisionCode { get; set; }

    public DateOnly? LastCardIssuedOn { get; set; }

    public string? LastCardIssuingDivisionCode { get; set; }

    public bool FingerprintsRecorded { get; set; }

    public bool CardReportedLost { get; set; }

    public string? LossReceiptNumber { get; set; }

    public DateOnly? HistoricPhotoTakenOn { get; set; }

    /// <summary>The registry photo (人口库照片): a file of the sandbox's photo library of real faces
    /// (<see cref="SandboxRegistryPhotos"/>), e.g. "img15.jpg"; null when the registry holds none.</summary>
    public string? RegistryPhoto { get; set; }

    /// <summary>The demo profile the resident was generated for (e.g. "eligible", "card-too-old").</summary>
    public required string Profile { get; set; }

    /// <summary>The demo phone number that belongs to this resident.</summary>
    public required string Phone { get; set; }

    public string PhoneIndex { get; set; } = string.Empty;

    /// <summary>Handed out to a demo user already (POST /sandbox/residents gives a fresh one each time).</summary>
    public bool HandedOut { get; set; }
}
