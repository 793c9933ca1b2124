namespace IdReissue.Application.Ports;

/// <summary>Keyed digests of personal data (HMAC): equal values give equal indexes and nothing else is learnt, so counters and look-ups never hold the value.</summary>
public interface IBlindIndexes
{
    string OfPhone(string phone);

    string OfCitizenId(string citizenId);

    /// <summary>The digest behind the holder's link of an application (<see cref="HolderAlerts.HolderLinkCode"/>).</summary>
    string OfHolderLink(Guid applicationId);
}
