using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using IdReissue.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace IdReissue.Web.Tests.Gateways;

/// <summary>SMS through the Tencent Cloud SMS adapter against its simulator: TC3 signatures, templates, provider codes, sending once.</summary>
public class TencentSmsTests(TencentSmsService service) : IClassFixture<TencentSmsService>
{
    private Api Api => service.Api;

    private TencentSmsSimulator Sms => service.Sms;

    [Fact]
    public async Task A_log_in_code_goes_out_as_the_approved_template_with_its_parameters_and_logs_in()
    {
        var phone = NewPhone();

        await Api.Expect(await Api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.Accepted);

        var sent = Assert.Single(Sms.Sent, s => s.Phone == "+86" + phone);
        Assert.Equal(TencentSmsSimulator.LoginTemplateId, sent.TemplateId);
        Assert.Equal(SmsText.Signature, sent.SignName);
        Assert.Matches("^[0-9]{6}$", sent.Parameters[0]);
        Assert.Equal("5", sent.Parameters[1]);
        await Api.Expect(await Api.Http.PostAsJsonAsync("/api/auth/applicant-sessions", new { phone, code = sent.Parameters[0] }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_message_sent_again_under_the_same_id_goes_out_once()
    {
        var phone = NewPhone();
        var sender = service.Services.GetRequiredService<ISmsSender>();
        var message = SmsText.ApplicationProgress("4301002025112500001", "已受理", "请等待审核。");
        var id = Guid.NewGuid().ToString("N");

        await sender.SendAsync(id, phone, message, CancellationToken.None);
        await sender.SendAsync(id, phone, message, CancellationToken.None);

        var sent = Assert.Single(Sms.Sent, s => s.Phone == "+86" + phone);
        Assert.Equal(TencentSmsSimulator.ProgressTemplateId, sent.TemplateId);
        Assert.Equal(["4301002025112500001", "已受理", "请等待审核。"], sent.Parameters);
    }

    [Theory]
    [InlineData("LimitExceeded.PhoneNumberThirtySecondLimit", HttpStatusCode.Conflict, "sms_rate_limited")]
    [InlineData("LimitExceeded.PhoneNumberDailyLimit", HttpStatusCode.Conflict, "sms_rate_limited")]
    [InlineData("InvalidParameterValue.IncorrectPhoneNumber", HttpStatusCode.UnprocessableEntity, "sms_number_rejected")]
    [InlineData("FailedOperation.PhoneNumberInBlacklist", HttpStatusCode.UnprocessableEntity, "sms_number_rejected")]
    [InlineData("FailedOperation.TemplateIncorrectOrUnapproved", HttpStatusCode.ServiceUnavailable, "sms_unavailable")]
    [InlineData("FailedOperation.InsufficientBalanceInSmsPackage", HttpStatusCode.ServiceUnavailable, "sms_unavailable")]
    [InlineData("InternalError.Timeout", HttpStatusCode.ServiceUnavailable, "sms_unavailable")]
    public async Task A_provider_refusal_becomes_a_clear_answer_to_the_person(string providerCode, HttpStatusCode status, string code)
    {
        var phone = NewPhone();
        Sms.CodeFor["+86" + phone] = providerCode;

        await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), status, code);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_by_the_provider_and_reported_unavailable()
    {
        var phone = NewPhone();
        Sms.CheckWithKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        try
        {
            await Api.ExpectProblem(await Api.Http.PostAsJsonAsync("/api/auth/sms-codes", new { phone }), HttpStatusCode.ServiceUnavailable, "sms_unavailable");
        }
        finally
        {
            Sms.CheckWithKey = null;
        }

        Assert.DoesNotContain(Sms.Sent, s => s.Phone == "+86" + phone);
    }

    private static string NewPhone() => "139" + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
}
