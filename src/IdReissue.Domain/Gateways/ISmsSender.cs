namespace IdReissue.Domain.Gateways;

/// <summary>Sends text messages (verification codes, progress notices).</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}
