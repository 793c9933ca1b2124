using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IdReissue.Domain.Common;
using IdReissue.Domain.Gateways;
using IdReissue.Infrastructure.Security.Protection;
using IdReissue.Infrastructure.TencentFaceId;
using IdReissue.Infrastructure.TencentSms;
using IdReissue.Infrastructure.Tests.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdReissue.Infrastructure.Tests.TencentFaceId;

/// <summary>One database for the class: completed BizTokens are unique, so tests do not see each other's.</summary>
public sealed class FaceIdDatabase : IAsyncLifetime
{
    internal ProtectedDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Database = await new ProtectedDatabase(ProtectedDatabase.NewFile(), RandomNumberGenerator.GetBytes(32), CipherAlgorithm.Sm4Gcm).StartAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>实人认证 through the Tencent Cloud FaceID adapter against its simulator: signatures, the H5 attempt, verdicts, provider codes, once only.</summary>
public class TencentFaceIdTests(FaceIdDatabase database) : IClassFixture<FaceIdDatabase>
{
    private const string CitizenId = "11010519491231002X";
    private const string Name = "韦小宝";
    private static readonly Uri ReturnUrl = new("https://idreissue.example.gov.cn/apply/3f2c/face?handler=Returned");

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero));
    private readonly TencentFaceIdOptions _options = new() { Enabled = true, SecretId = TencentFaceIdSimulator.SecretId, RuleId = TencentFaceIdSimulator.RuleId };
    private TencentFaceIdSimulator? _simulator;
    private TamperingHandler? _tampering;

    private TencentFaceIdSimulator Simulator => _simulator ??= new TencentFaceIdSimulator(_clock);

    private TamperingHandler Tampering => _tampering ??= new TamperingHandler(Simulator);

    private TencentFaceIdVerification Adapter()
    {
        _options.SecretKey ??= Simulator.SecretKey;
        _options.Endpoint = TencentFaceIdSimulator.Endpoint;
        return new TencentFaceIdVerification(new HandlerClientFactory(Tampering), database.Database, Options.Create(_options), _clock,
            NullLogger<TencentFaceIdVerification>.Instance);
    }

    private static string NewReference() => "A" + RandomNumberGenerator.GetHexString(16);

    private static RealPersonRequest Request(string reference) => new(CitizenId, Name, reference, ReturnUrl);

    private static RealPersonCompletion Completion(string reference, string token, string citizenId = CitizenId) => new(citizenId, reference, token, []);

    private async Task<RealPersonResult> PlayAsync(PageOutcome outcome)
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
        Simulator.Play(attempt.Token, outcome);
        return await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);
    }

    private async Task<DomainException> RefusedAsync(PageOutcome outcome) => await Assert.ThrowsAsync<DomainException>(() => PlayAsync(outcome));

    [Fact]
    public void The_signing_derivation_gives_the_signature_of_Tencents_worked_example()
    {
        // Tencent Cloud API 3.0 docs, 签名方法 v3, worked example: CVM DescribeInstances at 1551113065 with the example key.
        const string payload = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
        var hashed = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(payload)));
        Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", hashed);
        var canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" + hashed;

        var signature = TencentCloudSignature.Sign("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", canonical, DateTimeOffset.FromUnixTimeSeconds(1551113065));

        Assert.Equal("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168", signature);
    }

    [Fact]
    public void The_authorization_names_the_faceid_service_and_the_UTC_date_of_the_timestamp()
    {
        // 00:44 in Beijing is still the day before in UTC: the scope must say the UTC date.
        var now = new DateTimeOffset(2026, 3, 2, 0, 44, 25, TimeSpan.FromHours(8));

        var authorization = TencentCloudSignature.Authorization("AKIDx", "key", "faceid", "faceid.tencentcloudapi.com", "application/json; charset=utf-8",
            "DetectAuth", "{}", now);

        Assert.Matches("^TC3-HMAC-SHA256 Credential=AKIDx/2026-03-01/faceid/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$",
            authorization);
    }

    [Fact]
    public async Task An_attempt_opens_Tencents_page_for_the_resident_with_our_return_address_and_reference()
    {
        var reference = NewReference();

        var attempt = await Adapter().BeginAsync(Request(reference), CancellationToken.None);

        var (action, payload) = Assert.Single(Simulator.Received);
        Assert.Equal("DetectAuth", action);
        Assert.Equal(TencentFaceIdSimulator.RuleId, payload["RuleId"]!.GetValue<string>());
        Assert.Equal(CitizenId, payload["IdCard"]!.GetValue<string>());
        Assert.Equal(Name, payload["Name"]!.GetValue<string>());
        Assert.Equal(ReturnUrl.AbsoluteUri, payload["RedirectUrl"]!.GetValue<string>());
        Assert.Equal(reference, payload["Extra"]!.GetValue<string>());
        Assert.True(Simulator.Sessions.ContainsKey(attempt.Token));
        Assert.Equal(new Uri($"https://faceid.qq.com/api/auth/h5?token={attempt.Token}"), attempt.VerificationUrl);
        Assert.Empty(attempt.Challenge);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(7200), attempt.ExpiresAt);
    }

    [Theory]
    [InlineData(600, 600)]
    [InlineData(86400, 7200)]
    public async Task An_attempt_is_offered_for_the_configured_time_but_never_longer_than_Tencent_keeps_the_token(int configured, int offered)
    {
        _options.TokenLifetime = TimeSpan.FromSeconds(configured);

        var attempt = await Adapter().BeginAsync(Request(NewReference()), CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(offered), attempt.ExpiresAt);
    }

    [Fact]
    public async Task A_passed_verification_is_live_and_a_match_with_Tencents_similarity_and_best_frame()
    {
        var frame = RandomNumberGenerator.GetBytes(300);

        var result = await PlayAsync(PageOutcome.Passed("95.51", frame));

        Assert.Equal("tencent-faceid", result.Channel);
        Assert.Equal(LivenessVerdict.Live, result.Liveness);
        Assert.Equal(FaceVerificationOutcome.Match, result.Outcome);
        Assert.Equal(95.51, result.Similarity);
        Assert.Null(result.Problem);
        Assert.Null(result.AttackScore);
        Assert.Equal(frame, result.BestFrame);
        Assert.Equal("0", result.ProviderCode);
        var fetch = Assert.Single(Simulator.Received, r => r.Action == "GetDetectInfoEnhanced").Payload;
        Assert.Equal("13", fetch["InfoType"]!.GetValue<string>());
        Assert.Equal(TencentFaceIdSimulator.RuleId, fetch["RuleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_comparison_Tencent_passed_below_its_one_in_ten_thousand_similarity_goes_to_a_window_by_default()
    {
        var result = await PlayAsync(PageOutcome.Passed("76.52", [1, 2, 3]));

        Assert.Equal(LivenessVerdict.Live, result.Liveness);
        Assert.Equal(FaceVerificationOutcome.AppearanceChanged, result.Outcome);
        Assert.Equal(76.52, result.Similarity);
        Assert.NotNull(result.Problem);
    }

    [Theory]
    [InlineData(1002, "疑似非真人录制")]
    [InlineData(1003, "人脸识别验证未成功，请重试")]
    [InlineData(1005, "人脸验证失败，请重试")]
    [InlineData(1101, "未检测到声音")]
    public async Task A_failed_liveness_check_is_not_live_whatever_the_comparison(int code, string message)
    {
        var result = await PlayAsync(PageOutcome.LivenessCode(code, message));

        Assert.Equal(LivenessVerdict.NotLive, result.Liveness);
        Assert.Equal(FaceVerificationOutcome.CaptureUnusable, result.Outcome);
        Assert.Contains(message, result.Reasons);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ProviderCode);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public async Task The_frame_of_a_failed_liveness_check_is_not_handed_on()
    {
        var result = await PlayAsync(PageOutcome.NotLive() with { BestFrame = [7, 7, 7] });

        Assert.Equal(LivenessVerdict.NotLive, result.Liveness);
        Assert.Null(result.BestFrame);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(1006)]
    [InlineData(1008)]
    public async Task Liveness_engine_trouble_says_nothing_about_the_applicant_and_is_unavailable(int code)
    {
        var refused = await RefusedAsync(PageOutcome.LivenessCode(code, "引擎超时，请稍后重试"));

        Assert.Equal("face_unavailable", refused.Code);
        Assert.Equal(DomainErrorKind.Unavailable, refused.Kind);
    }

    [Theory]
    [InlineData("38.20", FaceVerificationOutcome.NoMatch)]
    [InlineData("61.07", FaceVerificationOutcome.AppearanceChanged)]
    public async Task A_failed_comparison_is_another_person_or_a_changed_appearance_by_the_similarity(string sim, FaceVerificationOutcome expected)
    {
        var result = await PlayAsync(PageOutcome.CompareFailed(sim));

        Assert.Equal(LivenessVerdict.Live, result.Liveness);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(double.Parse(sim, System.Globalization.CultureInfo.InvariantCulture), result.Similarity);
        Assert.Equal("2016", result.ProviderCode);
        Assert.Contains("无法判断为同一人，请确认身份后重试", result.Reasons);
    }

    [Theory]
    [InlineData(2004, "视频提取照片出错，请重试或更换手机进行验证")]
    [InlineData(2010, "脸部未完整露出，请保持正脸面对屏幕")]
    public async Task A_capture_Tencent_could_not_use_is_unusable(int code, string message)
    {
        var result = await PlayAsync(PageOutcome.CompareCode(code, message));

        Assert.Equal(FaceVerificationOutcome.CaptureUnusable, result.Outcome);
        Assert.Contains(message, result.Reasons);
    }

    [Theory]
    [InlineData(2006, "face_identity_mismatch", DomainErrorKind.Unprocessable)]
    [InlineData(2002, "face_identity_mismatch", DomainErrorKind.Unprocessable)]
    [InlineData(2005, "face_registry_photo_unavailable", DomainErrorKind.Unavailable)]
    [InlineData(2007, "face_registry_photo_unavailable", DomainErrorKind.Unavailable)]
    [InlineData(2009, "face_registry_photo_unavailable", DomainErrorKind.Unavailable)]
    [InlineData(2001, "face_unavailable", DomainErrorKind.Unavailable)]
    public async Task Comparison_codes_that_are_not_about_the_face_are_refused_with_their_meaning(int status, string code, DomainErrorKind kind)
    {
        var refused = await RefusedAsync(PageOutcome.CompareCode(status, "x"));

        Assert.Equal(code, refused.Code);
        Assert.Equal(kind, refused.Kind);
    }

    [Theory]
    [InlineData(15, "face_session_expired")]
    [InlineData(16, "face_retry_limit")]
    [InlineData(14, "face_session_used")]
    [InlineData(17, "face_session_incomplete")]
    [InlineData(301, "face_identity_mismatch")]
    [InlineData(4, "face_unavailable")]
    [InlineData(1, "face_unavailable")]
    [InlineData(204, "face_unavailable")]
    public async Task Final_result_codes_of_the_page_are_refused_with_their_meaning(int errCode, string code)
    {
        var refused = await RefusedAsync(PageOutcome.Final(errCode, "x"));

        Assert.Equal(code, refused.Code);
    }

    [Fact]
    public async Task A_token_whose_page_was_not_finished_in_7200_seconds_has_expired()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(7201));
        var refused = await Assert.ThrowsAsync<DomainException>(() => adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None));

        Assert.Equal("face_session_expired", refused.Code);
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.True(attempt.ExpiresAt < _clock.GetUtcNow());
    }

    [Fact]
    public async Task Coming_back_before_finishing_the_page_is_refused_without_using_up_the_attempt()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);

        var early = await Assert.ThrowsAsync<DomainException>(() => adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Simulator.Play(attempt.Token, PageOutcome.Passed("88.00", [9]));
        var result = await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);

        Assert.Equal("face_session_incomplete", early.Code);
        Assert.Equal(FaceVerificationOutcome.Match, result.Outcome);
    }

    [Fact]
    public async Task A_token_completed_once_is_refused_the_second_time_though_Tencent_would_answer_again()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
        Simulator.Play(attempt.Token, PageOutcome.Passed("95.51", [1]));
        await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);

        // Another node, the same database.
        var again = await Assert.ThrowsAsync<DomainException>(() => Adapter().CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None));

        Assert.Equal("face_session_used", again.Code);
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Single(Simulator.Received, r => r.Action == "GetDetectInfoEnhanced");
    }

    [Fact]
    public async Task A_failed_attempt_is_used_up_too_so_it_cannot_be_replayed_for_a_better_verdict()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
        Simulator.Play(attempt.Token, PageOutcome.NotLive());
        await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);

        var again = await Assert.ThrowsAsync<DomainException>(() => adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None));

        Assert.Equal("face_session_used", again.Code);
    }

    [Fact]
    public async Task A_token_Tencent_never_issued_is_unknown()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Adapter().CompleteAsync(Completion(NewReference(), Guid.NewGuid().ToString().ToUpperInvariant()), CancellationToken.None));

        Assert.Equal("face_session_unknown", refused.Code);
        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
    }

    [Fact]
    public async Task A_token_begun_for_another_application_is_refused()
    {
        var adapter = Adapter();
        var attempt = await adapter.BeginAsync(Request(NewReference()), CancellationToken.None);
        Simulator.Play(attempt.Token, PageOutcome.Passed("95.51", [1]));

        var refused = await Assert.ThrowsAsync<DomainException>(() => adapter.CompleteAsync(Completion(NewReference(), attempt.Token), CancellationToken.None));

        Assert.Equal("face_session_mismatch", refused.Code);
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
    }

    [Fact]
    public async Task A_token_begun_for_another_resident_is_refused()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
        Simulator.Play(attempt.Token, PageOutcome.Passed("95.51", [1]));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            adapter.CompleteAsync(Completion(reference, attempt.Token, "440111199001011234"), CancellationToken.None));

        Assert.Equal("face_session_mismatch", refused.Code);
    }

    [Fact]
    public async Task A_page_that_verified_another_number_than_we_sent_is_refused()
    {
        var refused = await RefusedAsync(PageOutcome.Passed("95.51", [1]) with { IdCard = "440111199001011234" });

        Assert.Equal("face_session_mismatch", refused.Code);
    }

    [Fact]
    public async Task A_number_with_a_lower_case_check_digit_is_the_same_number()
    {
        var result = await PlayAsync(PageOutcome.Passed("95.51", [1]) with { IdCard = CitizenId.ToLowerInvariant() });

        Assert.Equal(FaceVerificationOutcome.Match, result.Outcome);
    }

    [Fact]
    public async Task A_request_changed_after_signing_is_refused_by_the_provider_and_reported_unavailable()
    {
        Tampering.Tamper = body => body.Replace(CitizenId, "440111199001011234", StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Adapter().BeginAsync(Request(NewReference()), CancellationToken.None));

        Assert.Equal("face_unavailable", refused.Code);
        Assert.Equal(DomainErrorKind.Unavailable, refused.Kind);
        Assert.Empty(Simulator.Received);
        Assert.Empty(Simulator.Sessions);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_by_the_provider_and_reported_unavailable()
    {
        Simulator.CheckWithKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

        var refused = await Assert.ThrowsAsync<DomainException>(() => Adapter().BeginAsync(Request(NewReference()), CancellationToken.None));

        Assert.Equal("face_unavailable", refused.Code);
        Assert.Empty(Simulator.Received);
    }

    [Fact]
    public async Task A_request_from_a_node_whose_clock_is_wrong_is_refused()
    {
        var skewed = new TencentFaceIdSimulator(new ManualClock(_clock.GetUtcNow().AddMinutes(6)));
        var offClock = new TencentFaceIdVerification(new HandlerClientFactory(skewed), database.Database,
            Options.Create(new TencentFaceIdOptions { SecretId = TencentFaceIdSimulator.SecretId, SecretKey = skewed.SecretKey, RuleId = TencentFaceIdSimulator.RuleId }),
            _clock, NullLogger<TencentFaceIdVerification>.Instance);

        var refused = await Assert.ThrowsAsync<DomainException>(() => offClock.BeginAsync(Request(NewReference()), CancellationToken.None));

        Assert.Equal("face_unavailable", refused.Code);
        Assert.Empty(skewed.Received);
    }

    [Fact]
    public async Task A_RuleId_the_console_does_not_know_is_unavailable()
    {
        _options.RuleId = "99";

        var refused = await Assert.ThrowsAsync<DomainException>(() => Adapter().BeginAsync(Request(NewReference()), CancellationToken.None));

        Assert.Equal("face_unavailable", refused.Code);
    }

    [Theory]
    [InlineData("DetectAuth", "AuthFailure.SignatureExpire", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "AuthFailure.SecretIdNotFound", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "UnauthorizedOperation.Arrears", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "UnauthorizedOperation.Nonactivated", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "InvalidParameterValue.RuleIdDisabled", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "InvalidParameter", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "RequestLimitExceeded", "face_rate_limited", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "FailedOperation.RequestLimitExceeded", "face_rate_limited", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "InternalError", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("DetectAuth", "FailedOperation.IdNameMisMatch", "face_identity_mismatch", DomainErrorKind.Unprocessable)]
    [InlineData("DetectAuth", "FailedOperation.IdPhotoNoExist", "face_registry_photo_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("GetDetectInfoEnhanced", "InvalidParameterValue.BizTokenExpired", "face_session_expired", DomainErrorKind.Conflict)]
    [InlineData("GetDetectInfoEnhanced", "InvalidParameterValue.BizTokenIllegal", "face_session_unknown", DomainErrorKind.NotFound)]
    [InlineData("GetDetectInfoEnhanced", "InvalidParameter", "face_session_unknown", DomainErrorKind.NotFound)]
    [InlineData("GetDetectInfoEnhanced", "RequestLimitExceeded", "face_rate_limited", DomainErrorKind.Unavailable)]
    [InlineData("GetDetectInfoEnhanced", "InternalError.UnKnown", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("GetDetectInfoEnhanced", "FailedOperation.DbError", "face_unavailable", DomainErrorKind.Unavailable)]
    [InlineData("GetDetectInfoEnhanced", "AuthFailure.SignatureFailure", "face_unavailable", DomainErrorKind.Unavailable)]
    public async Task A_provider_error_becomes_a_coded_refusal(string action, string providerCode, string code, DomainErrorKind kind)
    {
        var adapter = Adapter();
        var reference = NewReference();
        Func<Task> call = async () => await adapter.BeginAsync(Request(reference), CancellationToken.None);
        if (action == "GetDetectInfoEnhanced")
        {
            var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
            Simulator.Play(attempt.Token, PageOutcome.Passed("95.51", [1]));
            call = async () => await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);
        }

        Simulator.ErrorFor[action] = providerCode;
        var refused = await Assert.ThrowsAsync<DomainException>(call);

        Assert.Equal(code, refused.Code);
        Assert.Equal(kind, refused.Kind);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
    }

    [Fact]
    public async Task A_refused_fetch_does_not_use_up_the_attempt()
    {
        var adapter = Adapter();
        var reference = NewReference();
        var attempt = await adapter.BeginAsync(Request(reference), CancellationToken.None);
        Simulator.Play(attempt.Token, PageOutcome.Passed("95.51", [1]));
        Simulator.ErrorFor["GetDetectInfoEnhanced"] = "InternalError";
        await Assert.ThrowsAsync<DomainException>(() => adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None));

        var result = await adapter.CompleteAsync(Completion(reference, attempt.Token), CancellationToken.None);

        Assert.Equal(FaceVerificationOutcome.Match, result.Outcome);
    }

    [Fact]
    public async Task An_answer_that_is_not_Tencents_envelope_is_unavailable()
    {
        var adapter = new TencentFaceIdVerification(new HandlerClientFactory(new FixedAnswer("<html>502 Bad Gateway</html>")), database.Database,
            Options.Create(new TencentFaceIdOptions { SecretId = "x", SecretKey = "y", RuleId = "1" }), _clock, NullLogger<TencentFaceIdVerification>.Instance);

        var refused = await Assert.ThrowsAsync<DomainException>(() => adapter.BeginAsync(Request(NewReference()), CancellationToken.None));

        Assert.Equal("face_unavailable", refused.Code);
    }

    [Fact]
    public void The_adapter_is_registered_as_the_real_person_verification_only_when_enabled()
    {
        static IServiceCollection Registered(bool enabled)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TencentFaceId:Enabled"] = enabled ? "true" : "false",
                ["TencentFaceId:SecretId"] = "AKIDx",
                ["TencentFaceId:RuleId"] = "1",
                ["TencentFaceId:Resilience:AttemptTimeout:Timeout"] = "00:00:05",
            }).Build();
            var services = new ServiceCollection();
            Assert.Equal(enabled, services.AddTencentFaceId(configuration));
            return services;
        }

        Assert.Contains(Registered(true), d => d.ServiceType == typeof(IRealPersonVerification) && d.ImplementationType == typeof(TencentFaceIdVerification));
        Assert.DoesNotContain(Registered(false), d => d.ServiceType == typeof(IRealPersonVerification));
    }

    [Fact]
    public void Settings_bind_from_the_TencentFaceId_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TencentFaceId:Enabled"] = "true",
            ["TencentFaceId:SecretId"] = "AKIDx",
            ["TencentFaceId:SecretKeyFile"] = "/run/secrets/tencent-faceid-secret-key",
            ["TencentFaceId:RuleId"] = "12",
            ["TencentFaceId:TokenLifetime"] = "00:30:00",
            ["TencentFaceId:MatchSimilarity"] = "80",
        }).Build();
        var services = new ServiceCollection();
        services.AddTencentFaceId(configuration);

        var bound = services.BuildServiceProvider().GetRequiredService<IOptions<TencentFaceIdOptions>>().Value;

        Assert.Equal("12", bound.RuleId);
        Assert.Equal("/run/secrets/tencent-faceid-secret-key", bound.SecretKeyFile);
        Assert.Equal(TimeSpan.FromMinutes(30), bound.TokenLifetime);
        Assert.Equal(80, bound.MatchSimilarity);
        Assert.Equal(50, bound.AppearanceChangedSimilarity);
        Assert.Equal(new Uri("https://faceid.tencentcloudapi.com"), bound.Endpoint);
    }

    private sealed class FixedAnswer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { Content = new StringContent(body) });
    }
}
