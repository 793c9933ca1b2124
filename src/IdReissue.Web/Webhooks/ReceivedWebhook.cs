namespace IdReissue.Web.Webhooks;

/// <summary>
/// Marks an endpoint that a gateway calls, not a client: the OpenAPI document describes it under
/// <c>webhooks</c> (with its signature headers) instead of <c>paths</c>, so generated clients do not
/// offer bureaus a method to fake a payment notification.
/// </summary>
public sealed record ReceivedWebhook(string Name);

public static class ReceivedWebhookExtensions
{
    public static RouteHandlerBuilder ReceivedAsWebhook(this RouteHandlerBuilder builder, string name) =>
        builder.WithMetadata(new ReceivedWebhook(name));
}
