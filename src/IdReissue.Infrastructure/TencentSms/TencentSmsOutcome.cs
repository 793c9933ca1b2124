namespace IdReissue.Infrastructure.TencentSms;

/// <summary>What a Tencent Cloud SMS answer code means for us.</summary>
public enum TencentSmsOutcome
{
    Sent,

    /// <summary>The number cannot receive it (malformed, unsupported region, blacklisted / unsubscribed): asking again will not help.</summary>
    NumberRejected,

    /// <summary>The provider's per-number frequency limits (30 s, hour, day): the person should wait.</summary>
    RateLimited,

    /// <summary>Our account or setup is wrong (credentials, sign, template, balance, app limits): an operator must act.</summary>
    Misconfigured,

    /// <summary>The provider failed this time (internal error, timeout, request throttling): try again later.</summary>
    Transient,
}

public static class TencentSmsCodes
{
    /// <summary>Maps Tencent Cloud's error code (SendStatusSet[].Code or Response.Error.Code) to an outcome.</summary>
    public static TencentSmsOutcome Classify(string code) => code switch
    {
        "Ok" => TencentSmsOutcome.Sent,
        "InvalidParameterValue.IncorrectPhoneNumber" or "FailedOperation.PhoneNumberInBlacklist" or "FailedOperation.PhoneNumberParseFail"
            or "UnsupportedOperation.UnsupportedRegion" or "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone"
            or "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber" => TencentSmsOutcome.NumberRejected,
        "LimitExceeded.PhoneNumberThirtySecondLimit" or "LimitExceeded.PhoneNumberOneHourLimit" or "LimitExceeded.PhoneNumberDailyLimit"
            or "LimitExceeded.PhoneNumberSameContentDailyLimit" => TencentSmsOutcome.RateLimited,
        _ when code.StartsWith("InternalError.", StringComparison.Ordinal) || code is "RequestLimitExceeded" or "FailedOperation.FailResolvePacket"
            or "FailedOperation.JsonParseFail" => TencentSmsOutcome.Transient,
        // AuthFailure.*, UnauthorizedOperation.*, FailedOperation.TemplateIncorrectOrUnapproved, FailedOperation.SignatureIncorrectOrUnapproved,
        // FailedOperation.InsufficientBalanceInSmsPackage, LimitExceeded.AppDailyLimit, InvalidParameterValue.* of the template, and
        // whatever code is new to us: nothing the person can fix, and not to be retried blindly.
        _ => TencentSmsOutcome.Misconfigured,
    };
}
