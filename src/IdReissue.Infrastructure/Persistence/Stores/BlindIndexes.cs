using IdReissue.Application.Ports;
using IdReissue.Infrastructure.Security.Protection;

namespace IdReissue.Infrastructure.Persistence.Stores;

public sealed class BlindIndexes(PersonalDataProtector protector) : IBlindIndexes
{
    public string OfPhone(string phone) => protector.BlindIndex(BlindIndexKinds.Phone, phone);

    public string OfCitizenId(string citizenId) => protector.BlindIndex(BlindIndexKinds.CitizenId, citizenId);

    public string OfHolderLink(Guid applicationId) => protector.BlindIndex("holder-link", applicationId.ToString("N"));
}
