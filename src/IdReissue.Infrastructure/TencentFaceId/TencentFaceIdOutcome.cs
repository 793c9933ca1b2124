namespace IdReissue.Infrastructure.TencentFaceId;

/// <summary>What a Tencent Cloud FaceID error code (Response.Error.Code or Text.ErrCode) means for us.</summary>
public enum TencentFaceIdOutcome
{
    /// <summary>The BizToken outlived its 7,200 s (InvalidParameterValue.BizTokenExpired, ErrCode 15): begin again.</summary>
    SessionExpired,

    /// <summary>Tencent does not know the BizToken (InvalidParameterValue.BizTokenIllegal, InvalidParameter "非法BizToken").</summary>
    SessionUnknown,

    /// <summary>The attempt's result was taken once already (our own record, or ErrCode 14 "本次校验已完成").</summary>
    SessionUsed,

    /// <summary>The applicant has not finished the page (ErrCode null or 17 "本次流程未完成").</summary>
    SessionIncomplete,

    /// <summary>The page's own retries are used up (ErrCode 16 "已达到重试上限"): begin again.</summary>
    RetryLimit,

    /// <summary>The name and number do not belong together, or differ from what we sent (FailedOperation.IdNameMisMatch, 2006, 301).</summary>
    IdentityMismatch,

    /// <summary>The authority has no usable photo of the resident (FailedOperation.IdPhotoNoExist, 2005, 2007–2009): a window must help.</summary>
    RegistryPhotoMissing,

    /// <summary>Tencent's request frequency limits (RequestLimitExceeded, FailedOperation.RequestLimitExceeded).</summary>
    RateLimited,

    /// <summary>Our account or setup is wrong (AuthFailure.*, UnauthorizedOperation.*, RuleId, parameters): an operator must act.</summary>
    Misconfigured,

    /// <summary>Tencent failed this time (InternalError, engine timeouts, network): try again later.</summary>
    Transient,
}

public static class TencentFaceIdCodes
{
    /// <summary>Maps Response.Error.Code of DetectAuth or GetDetectInfoEnhanced to an outcome.</summary>
    public static TencentFaceIdOutcome ClassifyError(string code, bool fetchingResult) => code switch
    {
        "InvalidParameterValue.BizTokenExpired" => TencentFaceIdOutcome.SessionExpired,
        "InvalidParameterValue.BizTokenIllegal" => TencentFaceIdOutcome.SessionUnknown,
        // Tencent's own example answers an unknown BizToken with the bare code ("非法BizToken。"); for DetectAuth
        // the same code means our request is wrong.
        "InvalidParameter" or "InvalidParameterValue" when fetchingResult => TencentFaceIdOutcome.SessionUnknown,
        "RequestLimitExceeded" or "FailedOperation.RequestLimitExceeded" => TencentFaceIdOutcome.RateLimited,
        _ when code.StartsWith("LimitExceeded", StringComparison.Ordinal) || code.StartsWith("RequestLimitExceeded.", StringComparison.Ordinal)
            => TencentFaceIdOutcome.RateLimited,
        "FailedOperation.IdNameMisMatch" or "FailedOperation.IdFormatError" or "FailedOperation.NameFormatError" => TencentFaceIdOutcome.IdentityMismatch,
        "FailedOperation.IdNoExistSystem" or "FailedOperation.IdPhotoNoExist" or "FailedOperation.IdPhotoPoorQuality" => TencentFaceIdOutcome.RegistryPhotoMissing,
        _ when code.StartsWith("InternalError", StringComparison.Ordinal) => TencentFaceIdOutcome.Transient,
        "FailedOperation.DbError" or "FailedOperation.UnKnown" or "FailedOperation.IdPhotoSystemNoanswer" or "FailedOperation.CompareSystemError"
            or "FailedOperation.LivessSystemError" or "FailedOperation.DownLoadError" or "FailedOperation.FileSaveError" or "ResourceUnavailable"
            => TencentFaceIdOutcome.Transient,
        // AuthFailure.* (SignatureFailure, SignatureExpire, SecretIdNotFound, …), UnauthorizedOperation.* (Arrears,
        // Nonactivated, NonAuthorize), InvalidParameter.RuleId, InvalidParameterValue.RuleIdNotExist / RuleIdDisabled,
        // UnsupportedOperation, and whatever code is new to us: nothing the applicant can fix, not to be retried blindly.
        _ => TencentFaceIdOutcome.Misconfigured,
    };

    /// <summary>
    /// Maps Text.ErrCode, the final result of the attempt, when it is not one of the liveness (1xxx) or
    /// comparison (2xxx) codes that <see cref="TencentFaceIdVerification"/> reads as a verdict; null when it is.
    /// </summary>
    public static TencentFaceIdOutcome? ClassifyFinal(int? errCode) => errCode switch
    {
        null or 17 => TencentFaceIdOutcome.SessionIncomplete,
        0 => null,
        >= 1000 and < 3000 => null,
        14 => TencentFaceIdOutcome.SessionUsed,
        15 => TencentFaceIdOutcome.SessionExpired,
        16 => TencentFaceIdOutcome.RetryLimit,
        301 => TencentFaceIdOutcome.IdentityMismatch,
        // 1–3: "调用方式出错" (our DetectAuth call); 203/204: no rights / the 公众号 not authorised for 慧眼.
        1 or 2 or 3 or 203 or 204 => TencentFaceIdOutcome.Misconfigured,
        // 4, 8, 10, 12, 13: "服务异常"; 201/202: image or video not fetched from WeChat; anything else: Tencent's trouble.
        _ => TencentFaceIdOutcome.Transient,
    };
}
