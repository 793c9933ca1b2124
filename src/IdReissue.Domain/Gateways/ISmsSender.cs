namespace IdReissue.Domain.Gateways;

/// <summary>Sends text messages (verification codes, progress notices).</summary>
public interface ISmsSender
{
    /// <summary>Sends once per <paramref name="messageId"/>: a repeated call with the same id (a retry after a crash) sends nothing new.
    /// Throws a <see cref="Common.DomainException"/> when the provider refuses the message (its reason in the code).</summary>
    Task SendAsync(string messageId, string phone, SmsText message, CancellationToken cancellationToken);
}
