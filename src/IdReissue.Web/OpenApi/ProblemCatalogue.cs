namespace IdReissue.Web.OpenApi;

/// <summary>
/// The stable <c>code</c> values each operation can answer with, by status, beyond those every operation of
/// its kind shares (see <see cref="OperationTransformer"/>: sign-in, ownership, idempotency, body format).
/// Clients branch on these codes, so they are part of the contract: a handler that returns a new code adds it here.
/// </summary>
internal static class ProblemCatalogue
{
    private static readonly string[] CitizenIdCodes =
        [
            "id_number_invalid", "id_number_wrong_length", "id_number_not_digits", "id_number_unknown_region", "id_number_invalid_birth_date",
            "id_number_future_birth_date", "id_number_invalid_sequence", "id_number_wrong_check_digit",
        ];

    private static readonly string[] PhotoUploadCodes = ["file_required", "file_too_large", "unreadable_image"];

    /// <summary>What the application's state machine answers when a step comes at the wrong time.</summary>
    private static readonly string[] OutOfOrder = ["step_out_of_order", "illegal_transition", "held_as_suspected_impersonation"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, string[]>> ByOperation = new Dictionary<string, IReadOnlyDictionary<int, string[]>>
    {
        ["GetRegion"] = Codes((404, ["not_found"])),
        ["SendSmsCode"] = Codes(
            (409, ["sms_rate_limited"]),
            (422, ["invalid_phone", "sms_number_rejected"]),
            (429, ["sms_too_frequent", "sms_daily_limit", "sms_client_limit", "sms_client_daily_limit"]),
            (503, ["sms_unavailable"])),
        ["LogInApplicant"] = Codes((422, ["invalid_phone", "sms_code_expired", "sms_code_invalid"]), (429, ["login_locked", "login_client_limit"])),
        ["LogInOfficer"] = Codes((401, ["invalid_credentials"]), (429, ["login_locked", "login_client_limit"])),
        ["CompleteOfficerSetup"] = Codes((404, ["setup_link_invalid"]), (422, ["password_too_short", "password_too_long", "password_too_common"])),
        ["VerifySecondFactor"] = Codes((401, ["second_factor_unavailable"]), (422, ["second_factor_invalid", "second_factor_replayed", "recovery_code_invalid"]), (429, ["login_locked", "login_client_limit"])),
        ["BeginSecondFactorEnrolment"] = Codes((404, ["officer_not_found"]), (409, ["second_factor_enrolled"])),
        ["ConfirmSecondFactorEnrolment"] = Codes((404, ["officer_not_found"]), (409, ["second_factor_enrolled", "second_factor_not_started"]), (422, ["second_factor_invalid"]), (429, ["login_locked", "login_client_limit"])),
        ["ListOfficers"] = Codes((403, ["not_an_administrator"])),
        ["CreateOfficer"] = Codes((403, ["not_an_administrator", "region_out_of_scope"]), (422, ["invalid_username", "invalid_display_name", "unknown_role", "regions_required", "unknown_region", "username_taken"])),
        ["GetOfficer"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"])),
        ["EditOfficer"] = Codes((403, ["not_an_administrator", "region_out_of_scope", "self_raise_refused"]), (404, ["officer_not_found"]), (409, ["last_administrator"]), (422, ["invalid_display_name", "unknown_role", "regions_required", "unknown_region"])),
        ["DisableOfficer"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"]), (409, ["last_administrator", "cannot_disable_self"])),
        ["EnableOfficer"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"])),
        ["ResetOfficer"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"])),
        ["UnlockOfficer"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"])),
        ["EndOfficerSession"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found", "session_not_found"])),
        ["EndOwnSession"] = Codes((404, ["session_not_found"])),
        ["LinkOfficerSso"] = Codes((403, ["not_an_administrator"]), (404, ["officer_not_found"]), (409, ["sso_disabled", "sso_subject_taken"]), (422, ["invalid_sso_subject"])),
        ["VerifyRealName"] = Codes((409, ["real_name_already_verified", "citizen_id_bound_elsewhere"]), (422, ["name_invalid", "real_name_mismatch", .. CitizenIdCodes])),
        ["StartApplication"] = Codes(
            (403, ["real_name_required", "not_account_holder"]),
            (409, ["application_already_open", "citizen_id_bound_elsewhere"]),
            (422, ["unknown_region", "case_required", "case_not_offered", "name_invalid", "household_number_invalid", "resident_not_found", "name_mismatch", "household_number_mismatch", .. CitizenIdCodes])),
        ["CheckEligibility"] = Codes((422, ["resident_not_found"])),
        ["ReportLoss"] = Codes((409, ["loss_report_not_applicable", .. OutOfOrder]), (422, ["loss_time_required", "loss_time_invalid", "loss_time_in_future", "loss_place_invalid"])),
        ["GetLossReceipt"] = Codes((404, ["loss_report_not_found"])),
        ["BeginFaceVerification"] = Codes(
            (409, ["face_channel_unavailable", .. OutOfOrder]),
            (422, ["face_channel_invalid"]),
            (429, ["face_attempts_exhausted"]),
            (503, ["face_unavailable", "face_rate_limited"])),
        ["VerifyFace"] = Codes(
            (403, ["not_account_holder", "face_session_mismatch"]),
            (404, ["face_session_unknown"]),
            (409, [
                "application_already_open", "citizen_id_bound_elsewhere", "storage_quota_exceeded", "challenge_used", "face_session_expired", "face_session_used",
                "face_session_incomplete", "face_retry_limit", .. OutOfOrder,
            ]),
            (422, [
                "challenge_required", "challenge_invalid", "challenge_expired", "frames_required", "too_many_frames", "liveness_not_proven",
                "face_capture_unusable", "face_not_matched", "face_identity_mismatch", .. PhotoUploadCodes,
            ]),
            (503, ["registry_photo_unavailable", "face_registry_photo_unavailable", "face_rate_limited", "face_unavailable"])),
        ["QuotePostage"] = Codes((422, ["division_code_invalid"])),
        ["GiveAddress"] = Codes((409, ["document_missing", .. OutOfOrder]), (422, ["division_code_invalid", "recipient_invalid", "address_detail_invalid", "invalid_phone", "document_missing"])),
        ["UploadHouseholdRegisterPage"] = Codes((409, ["document_not_required", "storage_quota_exceeded", .. OutOfOrder]), (422, PhotoUploadCodes), (429, ["household_page_too_frequent"])),
        ["CancelApplication"] = Codes((409, ["payment_in_progress", .. OutOfOrder]), (503, ["payment_gateway_unavailable"])),
        ["CreatePayment"] = Codes(
            (409, ["payment_in_progress", .. OutOfOrder]),
            (422, ["payment_channel_not_offered", "acknowledgement_required"]),
            (503, ["payment_channel_unavailable", "payment_gateway_unavailable"])),
        ["GetCurrentPayment"] = Codes((404, ["payment_not_found"])),
        ["SubmitPhoto"] = Codes(
            (409, ["photo_not_expected", "storage_quota_exceeded", .. OutOfOrder]), (422, PhotoUploadCodes), (429, ["photo_upload_too_frequent"]), (503, ["registry_photo_unavailable"])),
        ["GetPhotoByNumber"] = Codes((404, ["photo_number_not_found"]), (422, ["photo_number_invalid"]), (429, ["photo_number_client_limit", "photo_number_miss_limit"])),
        ["SubmitPhotoByNumber"] = Codes(
            (404, ["photo_number_not_found"]),
            (409, ["photo_not_expected", "storage_quota_exceeded", .. OutOfOrder]),
            (422, ["photo_number_invalid", .. PhotoUploadCodes]),
            (429, ["photo_number_client_limit", "photo_number_miss_limit", "photo_upload_too_frequent"]),
            (503, ["registry_photo_unavailable"])),
        ["PrintSheet"] = Codes((422, ["unknown_format", "not_an_id_photo", .. PhotoUploadCodes])),
        ["ClearHolderDenial"] = Codes((409, ["not_held"])),
        ["CheckPortrait"] = Codes((422, ["unknown_specification", .. PhotoUploadCodes]), (429, ["portrait_check_too_frequent"])),
        ["ApproveApplication"] = Codes((409, OutOfOrder)),
        ["RejectApplication"] = Codes((409, OutOfOrder), (422, ["reason_required"])),
        ["RequestNewPhoto"] = Codes((409, OutOfOrder), (422, ["reason_required"])),
        ["DispatchCard"] = Codes((409, OutOfOrder)),
        ["ConfirmDelivery"] = Codes((409, OutOfOrder)),
        ["CreateProductionBatch"] = Codes((409, ["nothing_to_produce"]), (422, ["unknown_region"])),
        ["ExportProductionBatch"] = Codes((404, ["batch_not_found"])),
        ["RecordRefund"] = Codes((404, ["refund_not_found"]), (409, ["refund_not_due"])),
        ["ReceivePaymentNotification"] = Codes(
            (401, ["signature_missing", "invalid_signature", "stale_notification", "malformed_notification", "wrong_merchant"]),
            (404, ["unknown_channel", "order_not_found"]),
            (413, ["notification_too_large"]),
            (422, ["amount_mismatch"])),
        ["ReceiveCourierEvent"] = Codes(
            (401, ["signature_missing", "invalid_signature", "stale_notification", "malformed_event"]),
            (404, ["waybill_not_found"]),
            (413, ["notification_too_large"])),
        ["IssueDemoResident"] = Codes((422, ["unknown_region", "unknown_profile"])),
        ["ReadSandboxSms"] = Codes((422, ["invalid_phone"])),
        ["ShowSandboxCashier"] = Codes((404, ["order_not_found"])),
        ["GetSandboxLivenessClip"] = Codes((404, ["sandbox_clip_unavailable"]), (422, ["challenge_invalid"])),
        ["ShowSandboxFaceIdPage"] = Codes((404, ["face_session_unknown"])),
        ["DecideAtSandboxFaceIdPage"] = Codes((404, ["face_session_unknown"])),
        ["PayAtSandboxCashier"] = Codes((404, ["order_not_found"]), (409, ["order_closed"])),
    };

    private static Dictionary<int, string[]> Codes(params (int Status, string[] Codes)[] entries) =>
        entries.ToDictionary(e => e.Status, e => e.Codes);
}
