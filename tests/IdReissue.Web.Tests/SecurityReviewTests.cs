using IdReissue.Application.Ports;
using IdReissue.Application.Abuse;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.FaceVerification;
using IdReissue.Infrastructure.Persistence;
using IdReissue.Infrastructure.Persistence.Records;
using IdReissue.Infrastructure.Retention;
using IdReissue.Infrastructure.Sandbox;
using IdReissue.Portrait;
using IdReissue.Portrait.Specifications;
using IdReissue.Portrait.Verification;
using IdReissue.Web.Abuse;
using IdReissue.Web.Applications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IdReissue.Web.Tests;

/// <summary>
/// Regression tests of five fixes of the security review: the band rule of a submitted photo, the officer's
/// warning, a registry photo without a face, the retention sweep during a database outage, and the storage
/// quota checked before any face comparison.
/// </summary>
public sealed class SecurityReviewTests(SecurityReviewService service) : IClassFixture<SecurityReviewService>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private Api Api => service.Api;

    [Fact]
    public async Task The_officer_is_not_warned_when_all_three_similarities_reach_the_same_person_limit()
    {
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        // Registry photo face-pairs img15 (p03), capture img57 (p03), photo df__img13__ok (cut from img13, p03): three pictures of one person.
        await ReviewSteps.KeepCaptureAsync(service, journey.ApplicationId, ReviewSteps.FacePair("img57.jpg"));
        var photo = await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto);
        Assert.True(photo.GetProperty("accepted").GetBoolean());

        var html = await ReviewSteps.OfficerPageAsync(Api, journey.ApplicationId);

        foreach (var pair in new[] { "capture-registry", "photo-registry", "photo-capture" })
        {
            Assert.True(ReviewSteps.Score(html, pair) >= FaceMatchPolicy.Default.SameAtLeast, pair);
        }

        Assert.DoesNotContain("id=\"face-attention\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("请仔细核对", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_officer_is_warned_when_the_submitted_photo_is_the_same_picture_as_the_capture()
    {
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        // Capture img13 and a photo cut from img13: the same picture, not a photo taken for the card.
        await ReviewSteps.KeepCaptureAsync(service, journey.ApplicationId, ReviewSteps.FacePair("img13.jpg"));
        var photo = await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto);
        Assert.True(photo.GetProperty("accepted").GetBoolean());

        var html = await ReviewSteps.OfficerPageAsync(Api, journey.ApplicationId);
        Assert.True(ReviewSteps.Score(html, "photo-capture") >= IdReissue.Portrait.Liveness.LivenessLimits.RegistryCopyAtLeast);
        Assert.DoesNotContain("id=\"face-attention\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"photo-copies\"", html, StringComparison.Ordinal);
        Assert.Contains("提交的证件照片与实人认证人脸几乎完全相同", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_officer_page_of_a_registry_photo_without_a_face_renders_says_no_face_was_found_and_shows_no_registry_similarity()
    {
        // A genuine capture first (the camera's 实人认证 of the sandbox recording), then the registry photo
        // replaced by one in which no face can be found.
        var journey = await Journey.Begin(Api, "hunan", "camera-clip");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        await Api.Expect(await journey.VerifyFaceWithSandboxClip(), HttpStatusCode.OK);
        await using (var scope = service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SandboxDbContext>();
            var index = db.BlindIndex(BlindIndexKinds.CitizenId, journey.Field("citizenId"));
            Assert.Equal(1, await db.SandboxResidents.Where(r => r.CitizenIdIndex == index)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RegistryPhoto, SecurityReviewService.FacelessRegistryPhoto)));
        }

        var html = await ReviewSteps.OfficerPageWithFacesAsync(Api, journey.ApplicationId);

        Assert.Matches("<img src=\"data:image/jpeg;base64,[^\"]+\" alt=\"人口库照片\"", html);
        Assert.Contains("人口库照片中未检测到人脸", html, StringComparison.Ordinal);
        Assert.Equal("—", ReviewSteps.ScoreText(html, "capture-registry"));
        Assert.Equal("—", ReviewSteps.ScoreText(html, "photo-registry"));
    }

    [Fact]
    public async Task A_retention_sweep_during_a_database_outage_deletes_nothing_keeps_running_and_deletes_everything_due_once_the_database_is_back()
    {
        var closing = new List<Journey>();
        for (var i = 0; i < 2; i++)
        {
            closing.Add(await ReviewSteps.FaceVerifiedAsync(Api));
        }

        var open = await ReviewSteps.FaceVerifiedAsync(Api);
        foreach (var journey in closing)
        {
            await Api.Expect(await Api.Post($"/api/applications/{journey.ApplicationId}/cancel", journey.Token), HttpStatusCode.OK);
        }

        var all = closing.Append(open).ToList();
        var before = await FileCountsAsync(all);
        Assert.All(before, count => Assert.True(count > 0));

        // The real sweep (its own loop, timer and query) on a clock past the retention period, against the
        // fixture's database through a connection every command of which fails while the database is down.
        var retention = service.Services.GetRequiredService<IOptions<RetentionOptions>>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(retention.Value.FilesKeptAfterClosedDays + 1));
        var outage = new DatabaseOutage { Down = true };
        var options = new DbContextOptionsBuilder<IdReissueDbContext>(service.Services.GetRequiredService<DbContextOptions<IdReissueDbContext>>())
            .AddInterceptors(outage).Options;
        using var sweeper = new ClosedApplicationFiles(new OptionsDbContextFactory(options), retention, clock, NullLogger<ClosedApplicationFiles>.Instance);

        await sweeper.StartAsync(CancellationToken.None);
        await outage.Refused.Task.WaitAsync(Patience);

        Assert.Equal(before, await FileCountsAsync(all));

        outage.Down = false;
        clock.Advance(retention.Value.SweepInterval);
        var first = await Task.WhenAny(outage.Deleted.Task, sweeper.ExecuteTask!).WaitAsync(Patience);

        Assert.True(first == outage.Deleted.Task, $"the sweep stopped after the outage instead of running again: {sweeper.ExecuteTask!.Exception}");
        Assert.False(sweeper.ExecuteTask!.IsCompleted);
        Assert.Equal([0, 0, before[2]], await FileCountsAsync(all));
        // The service itself answered throughout.
        Assert.Equal("FaceVerified", (await open.Progress()).GetProperty("state").GetString());
        await sweeper.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_capture_over_the_storage_quota_is_refused_before_it_is_judged_and_its_challenge_still_answers()
    {
        var journey = await Journey.Begin(Api, "hunan", "camera-clip");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        var attempt = await RealPerson.Begin(Api, journey.Token, journey.ApplicationId);
        var token = attempt.GetProperty("token").GetString();
        var clip = await RealPerson.SandboxClip(Api, attempt);
        // One frame large enough that keeping it once per action (and as the best frame) exceeds the quota.
        var quota = service.Services.GetRequiredService<IOptions<AbuseLimitOptions>>().Value.StoredBytesPerApplication;
        var oversized = ReviewSteps.PaddedTo(Journey.GoodPhoto, (quota / (RandomLivenessChallenges.MostActions + 1)) + 1);

        await Api.ExpectProblem(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, clip.Prepend(oversized)),
            HttpStatusCode.Conflict, "storage_quota_exceeded");

        // Had the challenge been judged, its token would be used up (challenge_used); it answers once still.
        var face = await Api.Expect(await RealPerson.Answer(Api, journey.Token, journey.ApplicationId, token, clip), HttpStatusCode.OK);
        Assert.Equal("FaceVerified", face.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_photo_over_the_storage_quota_is_refused_before_any_face_comparison()
    {
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        var citizenId = journey.Field("citizenId");
        var faces = service.Services.GetRequiredService<CountingFaceVerification>();
        var quota = service.Services.GetRequiredService<IOptions<AbuseLimitOptions>>().Value.StoredBytesPerApplication;

        await Api.ExpectProblem(await Api.Post($"/api/photos/{journey.PhotoNumber}", null, Api.Upload("photo", ReviewSteps.PaddedTo(Journey.GoodPhoto, quota + 1))),
            HttpStatusCode.Conflict, "storage_quota_exceeded");

        Assert.Equal(0, faces.PhotoMatchesOf(citizenId));
        var accepted = await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto);
        Assert.True(accepted.GetProperty("accepted").GetBoolean());
        Assert.Equal(1, faces.PhotoMatchesOf(citizenId));
    }

    private async Task<int[]> FileCountsAsync(IEnumerable<Journey> journeys)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdReissueDbContext>();
        var counts = new List<int>();
        foreach (var journey in journeys)
        {
            counts.Add(await db.Files.CountAsync(f => f.ApplicationId == journey.ApplicationId));
        }

        return [.. counts];
    }

    /// <summary>The database unreachable: every command fails as the provider's own exception would (a DbException).</summary>
    private sealed class DatabaseOutage : DbCommandInterceptor
    {
        public bool Down { get; set; }

        /// <summary>Set when a command was refused during the outage.</summary>
        public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when a DELETE went through after the outage.</summary>
        public TaskCompletionSource Deleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Refuse(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Refuse(result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) => Refuse(result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Refuse(result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) => Refuse(result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Refuse(result));

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Executed(command, result);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Executed(command, result));

        private T Refuse<T>(T result)
        {
            if (Down)
            {
                Refused.TrySetResult();
                throw new DatabaseUnavailableException();
            }

            return result;
        }

        private int Executed(DbCommand command, int result)
        {
            if (command.CommandText.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                Deleted.TrySetResult();
            }

            return result;
        }
    }

    private sealed class DatabaseUnavailableException() : DbException("The database server is unavailable.");

    private sealed class OptionsDbContextFactory(DbContextOptions<IdReissueDbContext> options) : IDbContextFactory<IdReissueDbContext>
    {
        public IdReissueDbContext CreateDbContext() => new(options);
    }
}

/// <summary>
/// The default face limits, a per-application quota small enough for the quota tests, a registry photo library
/// of its own (the demo person's and a faceless image) and a count of the photo comparisons.
/// </summary>
public sealed class SecurityReviewService() : ServiceFixture(new Dictionary<string, string>
{
    // Room for what these tests keep (photos of 20–170 KB, a recording's frames of a few KB each), yet
    // exceeded by one upload within the 8 MB upload limit.
    ["Abuse:StoredBytesPerApplication"] = (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
})
{
    /// <summary>The name, in this fixture's registry library, of an image in which no face can be found.</summary>
    public const string FacelessRegistryPhoto = "noface.jpg";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var library = Directory.CreateDirectory(Path.Combine(DataDirectory, "registry-photos")).FullName;
        foreach (var name in new[] { SandboxRegistryPhotos.DemoPersonPhoto, SandboxRegistryPhotos.OtherPersonPhoto })
        {
            File.WriteAllBytes(Path.Combine(library, name), SharedPhoto("face-pairs", name));
        }

        File.WriteAllBytes(Path.Combine(library, FacelessRegistryPhoto), DevSetPhoto("df__img13__noface.jpg"));
        builder.UseSetting("Sandbox:RegistryPhotoDirectory", library);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<RegistryFaceVerification>();
            services.AddSingleton<CountingFaceVerification>();
            services.AddSingleton<IFaceVerification>(sp => sp.GetRequiredService<CountingFaceVerification>());
        });
    }
}

/// <summary>The real face verification, counting the photo comparisons per citizen ID number.</summary>
public sealed class CountingFaceVerification(RegistryFaceVerification inner) : IFaceVerification
{
    private readonly ConcurrentDictionary<string, int> _photoMatches = new(StringComparer.Ordinal);

    public int PhotoMatchesOf(string citizenId) => _photoMatches.GetValueOrDefault(citizenId);

    public Task<FaceVerificationResult> VerifyAsync(string citizenId, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken) =>
        inner.VerifyAsync(citizenId, capture, cancellationToken);

    public Task<PhotoFaceMatch> MatchPhotoAsync(string citizenId, ReadOnlyMemory<byte> photo, ReadOnlyMemory<byte>? verifiedCapture, CancellationToken cancellationToken)
    {
        _photoMatches.AddOrUpdate(citizenId, 1, (_, count) => count + 1);
        return inner.MatchPhotoAsync(citizenId, photo, verifiedCapture, cancellationToken);
    }
}

/// <summary>
/// Face limits that put a real pair in the uncertain band: the compliant photo df__img13__ok (p03) against the
/// demo registry photo face-pairs img15 (p03) scores a little lower than against face-pairs img13, the photo it
/// was cut from. "Same" is set halfway between the two measured similarities, "different" stays
/// <see cref="FaceMatchPolicy.Default"/>'s, so the photo is uncertain against the registry photo and clearly the
/// same person as a capture of img13.
/// </summary>
public sealed class BandRuleService() : ServiceFixture(BandLimits.Settings);

public static class BandLimits
{
    private static readonly Lazy<(double ToRegistry, double ToClearCapture)> Measured = new(Measure);

    /// <summary>The registry photo of demo residents.</summary>
    public static byte[] RegistryPhoto => ReviewSteps.FacePair(SandboxRegistryPhotos.DemoPersonPhoto);

    /// <summary>A capture that is clearly the photo's person.</summary>
    public static byte[] ClearCapture => ReviewSteps.FacePair("img13.jpg");

    public static double PhotoToRegistry => Measured.Value.ToRegistry;

    public static double PhotoToClearCapture => Measured.Value.ToClearCapture;

    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["FaceVerification:SameAtLeast"] = ((PhotoToRegistry + PhotoToClearCapture) / 2).ToString("R", CultureInfo.InvariantCulture),
        ["FaceVerification:DifferentBelow"] = FaceMatchPolicy.Default.DifferentBelow.ToString("R", CultureInfo.InvariantCulture),
    };

    private static (double, double) Measure()
    {
        using var engine = new PortraitEngine(ModelLocation.Find(), SpecificationCatalog.Load(ModelLocation.SpecificationDirectory));
        using var matcher = new FaceMatcher(engine, ModelLocation.Find(), FaceMatchPolicy.Default);
        var photo = matcher.Extract(Journey.GoodPhoto).Template!;
        return (matcher.Compare(photo, matcher.Extract(RegistryPhoto).Template!).Similarity,
            matcher.Compare(photo, matcher.Extract(ClearCapture).Template!).Similarity);
    }
}

public sealed class BandRuleTests(BandRuleService service) : IClassFixture<BandRuleService>
{
    private Api Api => service.Api;

    private FaceMatchPolicy Policy => service.Services.GetRequiredService<FaceMatcher>().Policy;

    [Fact]
    public async Task A_photo_in_the_band_of_the_registry_photo_is_accepted_when_the_verified_capture_clearly_matches_it()
    {
        Assert.Equal(FaceMatch.Uncertain, Policy.Judge(BandLimits.PhotoToRegistry));
        Assert.Equal(FaceMatch.Same, Policy.Judge(BandLimits.PhotoToClearCapture));
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        await ReviewSteps.KeepCaptureAsync(service, journey.ApplicationId, BandLimits.ClearCapture);

        var photo = await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto);

        Assert.True(photo.GetProperty("accepted").GetBoolean());
        Assert.Empty(photo.GetProperty("reasons").EnumerateArray());
    }

    public static TheoryData<string> UnclearCaptures => ["none", "uncertain"];

    [Theory]
    [MemberData(nameof(UnclearCaptures))]
    public async Task A_photo_in_the_band_of_the_registry_photo_fails_as_not_the_applicant_without_a_clearly_matching_verified_capture(string capture)
    {
        Assert.Equal(FaceMatch.Uncertain, Policy.Judge(BandLimits.PhotoToRegistry));
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        if (capture == "uncertain")
        {
            // The registry photo itself as the capture: exactly as uncertain as the registry comparison.
            await ReviewSteps.KeepCaptureAsync(service, journey.ApplicationId, BandLimits.RegistryPhoto);
        }

        var photo = await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto);

        Assert.False(photo.GetProperty("accepted").GetBoolean());
        Assert.Equal(["not_the_applicant"], photo.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal("PhotoPending", (await journey.Progress()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_officer_is_told_to_check_closely_when_a_similarity_is_below_the_same_person_limit()
    {
        var journey = await ReviewSteps.AtPhotoStepAsync(Api);
        await ReviewSteps.KeepCaptureAsync(service, journey.ApplicationId, BandLimits.ClearCapture);
        Assert.True((await ReviewSteps.SubmitPhotoAsync(Api, journey, Journey.GoodPhoto)).GetProperty("accepted").GetBoolean());

        var html = await ReviewSteps.OfficerPageAsync(Api, journey.ApplicationId);

        Assert.True(ReviewSteps.Score(html, "photo-registry") < Policy.SameAtLeast);
        Assert.True(ReviewSteps.Score(html, "photo-capture") >= Policy.SameAtLeast);
        Assert.Matches("<p class=\"alert bad\" role=\"alert\" id=\"face-attention\"><strong>请仔细核对", html);
    }
}

/// <summary>Steps the security review's tests share.</summary>
public static class ReviewSteps
{
    public static byte[] FacePair(string name) => ServiceFixture.SharedPhoto("face-pairs", name);

    /// <summary>A "hunan" applicant through 实人认证 by the sandbox's certified provider.</summary>
    public static async Task<Journey> FaceVerifiedAsync(Api api)
    {
        var journey = await Journey.Begin(api, "hunan");
        await journey.VerifyRealName();
        await journey.Start("Damage");
        await journey.CheckEligibility();
        await journey.VerifyFace();
        return journey;
    }

    /// <summary>A "hunan" applicant whose application waits for its photo.</summary>
    public static async Task<PhotoJourney> AtPhotoStepAsync(Api api)
    {
        var journey = await Journey.Begin(api, "hunan");
        await journey.ToAddressGiven("Damage");
        await journey.PayAtCashier(await journey.CreatePayment("Alipay"));
        var photoNumber = (await journey.WaitFor("PhotoPending")).GetProperty("photoNumber").GetString()!;
        return new PhotoJourney(journey, photoNumber);
    }

    /// <summary>
    /// Keeps a face capture that passed 实人认证, as a certified provider's best frame is kept (the Tencent
    /// adapter hands one back; the sandbox's simulated provider has none), so the photo is compared with it.
    /// </summary>
    public static async Task KeepCaptureAsync(ServiceFixture service, Guid applicationId, byte[] capture)
    {
        await using var scope = service.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IFileStore>().AddImage(capture, StoredFileKind.FaceCapture, applicationId, DateTimeOffset.UtcNow);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveAsync(CancellationToken.None);
    }

    public static async Task<JsonElement> SubmitPhotoAsync(Api api, PhotoJourney journey, byte[] photo) =>
        await Api.Expect(await api.Post($"/api/photos/{journey.PhotoNumber}", null, Api.Upload("photo", photo)), HttpStatusCode.OK);

    public static async Task<string> OfficerPageAsync(Api api, Guid applicationId)
    {
        var reviewer = await api.LoginOfficer("hunan-review");
        var page = await api.Send(HttpMethod.Get, $"/officer/applications/{applicationId}", reviewer);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    /// <summary>The page after the officer asked to see the faces (查看人像照片, a post that is audited).</summary>
    public static async Task<string> OfficerPageWithFacesAsync(Api api, Guid applicationId, string username = "hunan-review")
    {
        var officer = await api.LoginOfficer(username);
        var page = await (await api.Send(HttpMethod.Get, $"/officer/applications/{applicationId}", officer)).Content.ReadAsStringAsync();
        using var shown = await PageForms.PostWithBearerAsync(api.Http, officer, $"/officer/applications/{applicationId}?handler=Faces", page);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.True(shown.StatusCode == HttpStatusCode.OK, $"{shown.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    /// <summary>The text of one similarity on the officer's 人证比对 card.</summary>
    public static string ScoreText(string html, string pair)
    {
        var match = Regex.Match(html, $"data-score=\"{pair}\">([^<]*)<");
        Assert.True(match.Success, pair);
        return match.Groups[1].Value;
    }

    public static double Score(string html, string pair)
    {
        var text = ScoreText(html, pair);
        Assert.True(double.TryParse(text, CultureInfo.InvariantCulture, out var value), $"{pair}: {text}");
        return value;
    }

    /// <summary>The same JPEG with zero bytes after its end, which decoders ignore, to reach a size.</summary>
    public static byte[] PaddedTo(byte[] jpeg, long size)
    {
        var padded = new byte[Math.Max(size, jpeg.Length)];
        jpeg.CopyTo(padded, 0);
        return padded;
    }
}

/// <summary>A journey at the photo step with its photo number.</summary>
public sealed record PhotoJourney(Journey Journey, string PhotoNumber)
{
    public Guid ApplicationId => Journey.ApplicationId;

    public string Field(string name) => Journey.Field(name);

    public Task<JsonElement> Progress() => Journey.Progress();
}
