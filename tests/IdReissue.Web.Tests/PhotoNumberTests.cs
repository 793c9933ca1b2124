using System.Diagnostics.Metrics;
using System.Net;
using IdReissue.Domain.Applications;
using IdReissue.Infrastructure;

namespace IdReissue.Web.Tests;

/// <summary>A service where a client may try only a few unknown photo numbers.</summary>
public sealed class PhotoNumberLimitedService() : ServiceFixture(new Dictionary<string, string>
{
    ["Abuse:PhotoNumberMissesPerClientPerHour"] = "3",
});

/// <summary>The photo number authorises an anonymous studio, so it must not be found by trying.</summary>
public sealed class PhotoNumberTests(PhotoNumberLimitedService service) : IClassFixture<PhotoNumberLimitedService>
{
    private Api Api => service.Api;

    [Fact]
    public async Task A_client_trying_unknown_photo_numbers_is_refused_for_the_hour_and_reported_as_scanning()
    {
        var journey = await Journey.Begin(Api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("WeChatPay"));
        var real = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        Assert.Equal(PhotoNumber.Length, real.Length);
        using var scans = new ScanCounter();

        for (var guess = 0; guess < 3; guess++)
        {
            var number = PhotoNumber.New("43", DateOnly.FromDateTime(DateTime.UtcNow)).Value;
            await Api.ExpectProblem(await Api.Send(HttpMethod.Get, $"/api/photos/{number}", null), HttpStatusCode.NotFound, "photo_number_not_found");
        }

        // Even the right number is refused now: the limit is checked before the look-up.
        var refused = await Api.Send(HttpMethod.Get, $"/api/photos/{real}", null);
        await Api.ExpectProblem(refused, HttpStatusCode.TooManyRequests, "photo_number_miss_limit");
        Assert.NotNull(refused.Headers.RetryAfter);
        await Api.ExpectProblem(await Api.Post($"/api/photos/{real}", null, Api.Upload("photo", Journey.GoodPhoto)), HttpStatusCode.TooManyRequests, "photo_number_miss_limit");
        Assert.Equal(1, scans.Count);
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    /// <summary>Counts the service's scan alerts as a monitoring system would read them.</summary>
    private sealed class ScanCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ScanCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Telemetry.MeterName && instrument.Name == "idreissue.photo_number.scans_suspected")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
