namespace IdReissue.Domain.Gateways;

/// <summary>The card production centre (制证中心) that receives approved batches.</summary>
public interface IProductionCentre
{
    /// <summary>Hands a batch over; handing the same batch number over again is harmless.</summary>
    Task SubmitBatchAsync(string batchNumber, string content, int lines, CancellationToken cancellationToken);
}
