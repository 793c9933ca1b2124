namespace IdReissue.Domain.Applications;

/// <summary>Where an application stands. Stored by name, so the order of members may change.</summary>
public enum ApplicationState
{
    Draft,
    IdentityVerified,
    EligibilityChecked,
    Ineligible,
    LossReported,
    FaceVerified,
    ReferredToWindow,
    AddressGiven,
    Paid,
    PhotoPending,
    PhotoAccepted,
    UnderReview,
    Approved,
    Rejected,
    InProduction,
    Dispatched,
    Delivered,
    Cancelled,
}

public static class ApplicationStateText
{
    /// <summary>The state as the applicant reads it in the timeline.</summary>
    public static string Chinese(this ApplicationState state) => state switch
    {
        ApplicationState.Draft => "已创建申请",
        ApplicationState.IdentityVerified => "身份信息核验通过",
        ApplicationState.EligibilityChecked => "符合网上办理条件",
        ApplicationState.Ineligible => "不符合网上办理条件",
        ApplicationState.LossReported => "已挂失原证",
        ApplicationState.FaceVerified => "实人认证通过",
        ApplicationState.ReferredToWindow => "须到公安机关窗口办理",
        ApplicationState.AddressGiven => "已填写邮寄地址",
        ApplicationState.Paid => "已缴纳工本费",
        ApplicationState.PhotoPending => "等待提交电子照片",
        ApplicationState.PhotoAccepted => "照片检测合格",
        ApplicationState.UnderReview => "公安机关审核中",
        ApplicationState.Approved => "审核通过",
        ApplicationState.Rejected => "审核未通过",
        ApplicationState.InProduction => "证件制作中",
        ApplicationState.Dispatched => "证件已寄出",
        ApplicationState.Delivered => "证件已签收",
        ApplicationState.Cancelled => "申请已取消",
        _ => state.ToString(),
    };

    /// <summary>What the applicant has to do, or can expect, next.</summary>
    public static string NextStep(this ApplicationState state) => state switch
    {
        ApplicationState.Draft => "请核验身份信息。",
        ApplicationState.IdentityVerified => "请进行办理条件检查。",
        ApplicationState.EligibilityChecked => "请进行实人认证（人脸识别），证明是证件持有人本人。",
        ApplicationState.Ineligible => "请按提示就近到公安机关窗口办理。",
        ApplicationState.LossReported => "请填写证件邮寄地址。",
        ApplicationState.FaceVerified => "请填写证件邮寄地址。",
        ApplicationState.ReferredToWindow => "请本人携带户口簿到公安机关窗口办理。",
        ApplicationState.AddressGiven => "请确认办理须知并缴纳工本费；缴费后申请不能取消，工本费不予退还。",
        ApplicationState.Paid => "系统正在确认照片要求。",
        ApplicationState.PhotoPending => "请凭相片编号提交符合制证标准的电子照片，可请照相馆协助拍摄上传，检测免费。",
        ApplicationState.PhotoAccepted => "材料已齐全，等待公安机关审核。",
        ApplicationState.UnderReview => "公安机关正在审核，无需操作。",
        ApplicationState.Approved => "审核已通过，等待制证。",
        ApplicationState.Rejected => "请查看未通过原因，按提示到公安机关窗口办理。",
        ApplicationState.InProduction => "证件制作中，完成后将通过邮政速递（EMS）寄出。",
        ApplicationState.Dispatched => "证件已通过EMS寄出，请留意快递员电话，邮资到付。",
        ApplicationState.Delivered => "办理完成。",
        ApplicationState.Cancelled => "申请已取消，如需办理请重新申请。",
        _ => string.Empty,
    };

    /// <summary>No further transition can happen.</summary>
    public static bool IsFinal(this ApplicationState state) =>
        state is ApplicationState.Ineligible or ApplicationState.ReferredToWindow or ApplicationState.Rejected
            or ApplicationState.Delivered or ApplicationState.Cancelled;
}
