using IdReissue.Application.Common;
using IdReissue.Application.Ports;
using IdReissue.Application.Review;
using IdReissue.Domain.Applications;
using IdReissue.Domain.Gateways;

namespace IdReissue.Application.Delivery;

/// <summary>Dispatch the produced card by EMS: the waybill is booked, then tracked until delivered.</summary>
public sealed record DispatchCard(Guid ApplicationId, OfficerScope Officer);

public sealed class DispatchCardHandler(
    OfficerApplications applications, ICourierGateway courier, IOutbox outbox, IAuditLog audit, DeliveryOptions options, IUnitOfWork unitOfWork, TimeProvider time)
{
    public const string TrackKind = "courier.track";

    public async Task<Result<ReissueApplication>> HandleAsync(DispatchCard command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await applications.FindAsync(command.ApplicationId, command.Officer, cancellationToken) is not { } application)
        {
            return ApplicationProblems.NotFound;
        }

        var address = application.RequireReadyForDispatch();
        var postage = application.Postage;
        var tracking = await courier.CreateWaybillAsync(new Shipment(application.ApplicationNumber, address.Recipient, address.Phone, address.DivisionCode, address.Detail,
            postage is { PayOnDelivery: true } ? postage.Amount.Fen : 0), cancellationToken);
        var now = time.GetUtcNow();
        application.Dispatch(tracking, now, command.Officer.Actor);
        outbox.Enqueue(TrackKind, new TrackWaybill(tracking), now, now + options.TrackEvery, $"track:{tracking}");
        audit.Record(command.Officer.Actor, "application.dispatch", application.ApplicationNumber, $"EMS {tracking}");
        await unitOfWork.SaveAsync(cancellationToken);
        return application;
    }
}

/// <summary>Outbox work: ask the courier about a dispatched card.</summary>
public sealed record TrackWaybill(string TrackingNumber);
