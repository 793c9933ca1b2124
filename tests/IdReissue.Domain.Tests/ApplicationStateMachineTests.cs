using IdReissue.Domain.Applications;
using IdReissue.Domain.Cards;
using IdReissue.Domain.Common;
using IdReissue.Domain.Eligibility;
using IdReissue.Domain.Regions;
using static IdReissue.Domain.Tests.TestPolicies;

namespace IdReissue.Domain.Tests;

public class ApplicationStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly WorkingDayCalendar Calendar = new([], [], [2026]);
    private static readonly Actor Applicant = Actor.Applicant(Guid.Parse("6d0f1c7e-8a0b-4b7f-9a2b-2f3b1d7c0e11"));
    private static readonly Actor Officer = Actor.Officer("hunan-review");

    /// <summary>The workflow of the issue, edge by edge; anything else must be impossible.</summary>
    private static readonly HashSet<(ApplicationState, ApplicationState)> SpecifiedEdges =
    [
        (ApplicationState.Draft, ApplicationState.IdentityVerified),
        (ApplicationState.IdentityVerified, ApplicationState.EligibilityChecked),
        (ApplicationState.IdentityVerified, ApplicationState.Ineligible),
        (ApplicationState.EligibilityChecked, ApplicationState.FaceVerified),
        (ApplicationState.EligibilityChecked, ApplicationState.ReferredToWindow),
        (ApplicationState.FaceVerified, ApplicationState.LossReported),
        (ApplicationState.FaceVerified, ApplicationState.AddressGiven),
        (ApplicationState.LossReported, ApplicationState.AddressGiven),
        (ApplicationState.LossReported, ApplicationState.FaceVerified),
        (ApplicationState.LossReported, ApplicationState.ReferredToWindow),
        (ApplicationState.AddressGiven, ApplicationState.AddressGiven),
        (ApplicationState.AddressGiven, ApplicationState.Paid),
        (ApplicationState.Paid, ApplicationState.PhotoPending),
        (ApplicationState.Paid, ApplicationState.PhotoAccepted),
        (ApplicationState.PhotoPending, ApplicationState.PhotoAccepted),
        (ApplicationState.PhotoAccepted, ApplicationState.UnderReview),
        (ApplicationState.UnderReview, ApplicationState.Approved),
        (ApplicationState.UnderReview, ApplicationState.Rejected),
        (ApplicationState.UnderReview, ApplicationState.PhotoPending),
        (ApplicationState.Approved, ApplicationState.InProduction),
        (ApplicationState.InProduction, ApplicationState.Dispatched),
        (ApplicationState.Dispatched, ApplicationState.Delivered),
        (ApplicationState.Draft, ApplicationState.Cancelled),
        (ApplicationState.IdentityVerified, ApplicationState.Cancelled),
        (ApplicationState.EligibilityChecked, ApplicationState.Cancelled),
        (ApplicationState.LossReported, ApplicationState.Cancelled),
        (ApplicationState.FaceVerified, ApplicationState.Cancelled),
        (ApplicationState.AddressGiven, ApplicationState.Cancelled),
        // Only for an application its registered holder disowned (不是我本人): Reject checks the hold.
        (ApplicationState.FaceVerified, ApplicationState.Rejected),
        (ApplicationState.LossReported, ApplicationState.Rejected),
        (ApplicationState.AddressGiven, ApplicationState.Rejected),
        (ApplicationState.Paid, ApplicationState.Rejected),
        (ApplicationState.PhotoPending, ApplicationState.Rejected),
        (ApplicationState.PhotoAccepted, ApplicationState.Rejected),
        (ApplicationState.Approved, ApplicationState.Rejected),
        (ApplicationState.InProduction, ApplicationState.Rejected),
    ];

    [Fact]
    public void The_transition_table_allows_exactly_the_specified_edges()
    {
        foreach (var from in Enum.GetValues<ApplicationState>())
        {
            foreach (var to in Enum.GetValues<ApplicationState>())
            {
                Assert.True(SpecifiedEdges.Contains((from, to)) == ApplicationStateMachine.IsAllowed(from, to), $"{from} → {to}");
            }
        }
    }

    [Fact]
    public void Final_states_have_no_way_out()
    {
        foreach (var state in Enum.GetValues<ApplicationState>().Where(s => s.IsFinal()))
        {
            Assert.Empty(ApplicationStateMachine.TargetsOf(state));
        }
    }

    public static TheoryData<ApplicationState> ReachableStates() =>
    [
        ApplicationState.IdentityVerified, ApplicationState.EligibilityChecked, ApplicationState.Ineligible, ApplicationState.LossReported,
        ApplicationState.FaceVerified, ApplicationState.ReferredToWindow, ApplicationState.AddressGiven, ApplicationState.PhotoPending,
        ApplicationState.UnderReview, ApplicationState.Approved, ApplicationState.Rejected, ApplicationState.InProduction,
        ApplicationState.Dispatched, ApplicationState.Delivered, ApplicationState.Cancelled,
    ];

    /// <summary>What the applicant, the system and officers may do in each state of a loss re-issue; everything else is refused.</summary>
    private static readonly Dictionary<ApplicationState, string[]> LegalOperations = new()
    {
        [ApplicationState.IdentityVerified] = ["eligible", "ineligible", "cancel"],
        [ApplicationState.EligibilityChecked] = ["face-verified", "refer-to-window", "cancel"],
        [ApplicationState.Ineligible] = [],
        [ApplicationState.FaceVerified] = ["report-loss", "cancel"],
        [ApplicationState.LossReported] = ["address", "cancel"],
        [ApplicationState.ReferredToWindow] = [],
        [ApplicationState.AddressGiven] = ["address", "paid", "cancel"],
        [ApplicationState.PhotoPending] = ["accept-photo"],
        [ApplicationState.UnderReview] = ["approve", "reject", "request-new-photo"],
        [ApplicationState.Approved] = ["start-production"],
        [ApplicationState.Rejected] = [],
        [ApplicationState.InProduction] = ["dispatch"],
        [ApplicationState.Dispatched] = ["deliver"],
        [ApplicationState.Delivered] = [],
        [ApplicationState.Cancelled] = [],
    };

    [Theory]
    [MemberData(nameof(ReachableStates))]
    public void Every_operation_outside_the_workflow_is_refused_and_changes_nothing(ApplicationState state)
    {
        foreach (var (name, operation) in Operations)
        {
            var application = InState(state);
            var transitionsBefore = application.Transitions.Count;
            var versionBefore = application.Version;
            var legal = LegalOperations[state].Contains(name);

            if (legal)
            {
                operation(application);
                Assert.True(application.Transitions.Count > transitionsBefore, $"{name} in {state} recorded nothing");
                Assert.All(application.Transitions.Skip(1), t => Assert.True(ApplicationStateMachine.IsAllowed(t.From!.Value, t.To), $"{t.From} → {t.To}"));
            }
            else
            {
                var error = Assert.ThrowsAny<DomainException>(() => operation(application));
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.Equal(state, application.State);
                Assert.Equal(transitionsBefore, application.Transitions.Count);
                Assert.Equal(versionBefore, application.Version);
            }
        }
    }

    [Fact]
    public void A_damage_replacement_skips_the_loss_report()
    {
        var application = Started(ReissueCase.Damage);
        application.RecordEligibility(new EligibilityResult([]), Hunan(), Now, Actor.System);

        application.RecordFaceVerified(Now, Actor.Gateway("face"));
        Assert.Equal("loss_report_not_applicable", Assert.Throws<DomainException>(() => Report(application)).Code);
        application.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant);
        Assert.Equal(ApplicationState.AddressGiven, application.State);
    }

    [Fact]
    public void A_card_cannot_be_reported_lost_before_face_verification_proves_the_holder()
    {
        var application = Started();
        Assert.Equal("step_out_of_order", Assert.Throws<DomainException>(() => Report(application)).Code);
        application.RecordEligibility(new EligibilityResult([]), Hunan(), Now, Actor.System);

        var error = Assert.Throws<DomainException>(() => Report(application));

        Assert.Equal("step_out_of_order", error.Code);
        Assert.Contains("实人认证", error.Message, StringComparison.Ordinal);
        Assert.Null(application.LossReport);
        Assert.Equal(ApplicationState.EligibilityChecked, application.State);
        application.RecordFaceVerified(Now, Actor.Gateway("face"));
        Report(application);
        Assert.Equal(ApplicationState.LossReported, application.State);
    }

    [Fact]
    public void An_application_that_reported_the_loss_before_face_verification_must_still_pass_it_before_the_address()
    {
        // As stored by the earlier order of steps (loss report first): LossReported, no face on record.
        var application = Started();
        application.RecordEligibility(new EligibilityResult([]), Hunan(), Now, Actor.System);
        typeof(ReissueApplication).GetProperty(nameof(ReissueApplication.State))!.GetSetMethod(nonPublic: true)!.Invoke(application, [ApplicationState.LossReported]);
        typeof(ReissueApplication).GetProperty(nameof(ReissueApplication.LossReport))!.GetSetMethod(nonPublic: true)!.Invoke(application,
            [new LossReport { ReceiptNumber = "GS0", Place = "长沙火车站", LostAt = Now.AddDays(-3), ReportedAt = Now.AddDays(-2) }]);

        Assert.True(application.FaceVerificationPending);
        Assert.Throws<DomainException>(() => application.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant));
        Assert.Throws<DomainException>(() => application.AttachHouseholdPage(Guid.NewGuid(), Now, Applicant));
        application.RecordFaceVerified(Now, Actor.Gateway("face"));
        application.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant);
        Assert.Equal(ApplicationState.AddressGiven, application.State);
    }

    [Fact]
    public void A_loss_case_needs_its_loss_report_before_the_address()
    {
        var application = InState(ApplicationState.FaceVerified);

        var error = Assert.Throws<DomainException>(() => application.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant));

        Assert.Contains("挂失", error.Message, StringComparison.Ordinal);
        Assert.Null(application.Address);
    }

    [Fact]
    public void Every_transition_is_recorded_with_sequence_time_and_actor()
    {
        var application = InState(ApplicationState.UnderReview);

        Assert.Equal(Enumerable.Range(1, application.Transitions.Count), application.Transitions.Select(t => t.Sequence));
        Assert.Null(application.Transitions[0].From);
        Assert.Equal(ApplicationState.Draft, application.Transitions[0].To);
        Assert.Equal(Applicant, application.Transitions[0].Actor);
        Assert.All(application.Transitions, t => Assert.Equal(Now, t.At));
        Assert.Equal(
            [ApplicationState.Draft, ApplicationState.IdentityVerified, ApplicationState.EligibilityChecked, ApplicationState.FaceVerified,
             ApplicationState.LossReported, ApplicationState.AddressGiven, ApplicationState.Paid, ApplicationState.PhotoPending,
             ApplicationState.PhotoAccepted, ApplicationState.UnderReview],
            application.Transitions.Select(t => t.To));
    }

    [Fact]
    public void A_paid_application_cannot_be_cancelled()
    {
        var application = InState(ApplicationState.PhotoPending);

        var error = Assert.Throws<DomainException>(() => application.Cancel(Now, Applicant));

        Assert.Equal("cancellation_not_allowed", error.Code);
        Assert.Contains("不予退还", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Payment_needs_the_no_refund_acknowledgement_and_the_regions_documents()
    {
        var hunanApplication = InState(ApplicationState.AddressGiven);
        Assert.Equal("acknowledgement_required", Assert.Throws<DomainException>(() => hunanApplication.RequireReadyToPay(Hunan(), acknowledgedNoRefund: false)).Code);
        hunanApplication.RequireReadyToPay(Hunan(), acknowledgedNoRefund: true);

        Assert.Equal("document_missing", Assert.Throws<DomainException>(() => hunanApplication.RequireReadyToPay(Tianjin(), acknowledgedNoRefund: true)).Code);
        hunanApplication.AttachHouseholdPage(Guid.NewGuid(), Now, Applicant);
        hunanApplication.RequireReadyToPay(Tianjin(), acknowledgedNoRefund: true);
    }

    [Fact]
    public void A_household_page_upload_is_on_the_timeline_without_changing_the_state()
    {
        var application = InState(ApplicationState.AddressGiven);
        var before = application.Transitions.Count;

        application.AttachHouseholdPage(Guid.NewGuid(), Now, Applicant);
        application.AttachHouseholdPage(Guid.NewGuid(), Now.AddMinutes(5), Applicant);

        Assert.Equal(ApplicationState.AddressGiven, application.State);
        Assert.Equal(before + 2, application.Transitions.Count);
        var uploads = application.Transitions.Skip(before).ToList();
        Assert.All(uploads, t => Assert.False(t.ChangesState));
        Assert.Equal(["已上传户口页", "已重新上传户口页（替换此前上传的）"], uploads.Select(t => t.Note));
        Assert.All(application.Transitions.Take(before), t => Assert.True(t.ChangesState));
    }

    [Fact]
    public void A_recent_historic_photo_goes_straight_to_review_with_a_due_date_ten_working_days_on()
    {
        var application = InState(ApplicationState.AddressGiven);

        application.MarkPaid("P1", Hunan(), Calendar, historicPhotoTakenOn: new DateOnly(2026, 1, 1), () => throw new InvalidOperationException("no photo number needed"), Now, Actor.Gateway("pay"));

        Assert.Equal(ApplicationState.UnderReview, application.State);
        Assert.Equal(PhotoSource.Historic, application.PhotoSource);
        Assert.Null(application.PhotoNumber);
        Assert.Equal(new DateOnly(2026, 12, 9), application.DueDate);
    }

    [Fact]
    public void A_new_photo_request_keeps_the_photo_number_and_the_due_date()
    {
        var application = InState(ApplicationState.UnderReview);
        var photoNumber = application.PhotoNumber;
        var due = application.DueDate;

        application.RequestNewPhoto("背景有阴影，请重新拍摄", Now.AddDays(1), Officer);
        application.AcceptPhoto(Guid.NewGuid(), Hunan(), Calendar, Now.AddDays(2), Actor.Gateway("studio"));

        Assert.Equal(ApplicationState.UnderReview, application.State);
        Assert.Equal(photoNumber, application.PhotoNumber);
        Assert.Equal(due, application.DueDate);
    }

    [Fact]
    public void Production_sets_the_new_cards_validity_from_the_age_at_issue()
    {
        var application = InState(ApplicationState.InProduction);

        Assert.Equal(20, application.NewCardValidity!.Years);
        Assert.Equal(new DateOnly(2026, 11, 25), application.NewCardValidity.IssuedOn);
    }

    [Fact]
    public void The_open_slot_is_released_when_the_application_ends()
    {
        Assert.NotNull(InState(ApplicationState.Dispatched).OpenForAccount);
        Assert.Null(InState(ApplicationState.Delivered).OpenForAccount);
        Assert.Null(InState(ApplicationState.Ineligible).OpenForAccount);
        Assert.Null(InState(ApplicationState.Cancelled).OpenForAccount);
        Assert.Null(InState(ApplicationState.Rejected).OpenForAccount);
    }

    private static readonly (string Name, Action<ReissueApplication> Run)[] Operations =
    [
        ("eligible", a => a.RecordEligibility(new EligibilityResult([]), Hunan(), Now, Actor.System)),
        ("ineligible", a => a.RecordEligibility(new EligibilityResult([EligibilityPolicy.AppearanceChanged]), Hunan(), Now, Actor.System)),
        ("report-loss", Report),
        ("face-verified", a => a.RecordFaceVerified(Now, Actor.Gateway("face"))),
        ("refer-to-window", a => a.ReferToWindow(Now, Actor.Gateway("face"))),
        ("address", a => a.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant)),
        ("paid", a => a.MarkPaid("P1", Hunan(), Calendar, new DateOnly(2020, 1, 1), () => "4326112500000001", Now, Actor.Gateway("pay"))),
        ("accept-photo", a => a.AcceptPhoto(Guid.NewGuid(), Hunan(), Calendar, Now, Actor.Gateway("studio"))),
        ("approve", a => a.Approve(Now, Officer)),
        ("reject", a => a.Reject("照片与本人不符", Now, Officer)),
        ("request-new-photo", a => a.RequestNewPhoto("照片模糊", Now, Officer)),
        ("start-production", a => a.StartProduction(Guid.NewGuid(), Now, Officer)),
        ("dispatch", a => a.Dispatch("1100000000000", Now, Officer)),
        ("deliver", a => a.Deliver(Now, Actor.Gateway("ems"))),
        ("cancel", a => a.Cancel(Now, Applicant)),
    ];

    [Theory]
    [InlineData(ApplicationState.FaceVerified)]
    [InlineData(ApplicationState.LossReported)]
    [InlineData(ApplicationState.AddressGiven)]
    [InlineData(ApplicationState.PhotoPending)]
    [InlineData(ApplicationState.UnderReview)]
    [InlineData(ApplicationState.Approved)]
    [InlineData(ApplicationState.InProduction)]
    public void An_application_its_holder_disowned_moves_only_by_an_officers_rejection_and_is_left_as_it_was(ApplicationState state)
    {
        var application = InState(state);
        application.RecordHolderDenial(Now);
        var before = Snapshot(application);

        Assert.True(application.HeldAsSuspectedImpersonation);
        foreach (var (name, operation) in Operations.Where(o => o.Name != "reject"))
        {
            var refused = Assert.ThrowsAny<DomainException>(() => operation(application));
            Assert.True(refused.Code == "held_as_suspected_impersonation", $"{name} in {state}: {refused.Code}");
            Assert.Equal(before, Snapshot(application));
        }

        Assert.Equal("held_as_suspected_impersonation", Assert.Throws<DomainException>(() => application.RequireFaceVerificationAllowed()).Code);

        application.Reject("持有人声明非本人办理", Now, Officer);
        Assert.Equal(ApplicationState.Rejected, application.State);
    }

    [Fact]
    public void An_officers_clearance_needs_a_reason_and_lets_the_application_go_on()
    {
        var application = InState(ApplicationState.FaceVerified);
        application.RecordHolderDenial(Now);

        Assert.Equal("reason_required", Assert.Throws<DomainException>(() => application.ClearHolderDenial(" ", Now, Officer)).Code);
        application.ClearHolderDenial("窗口当面核验为本人", Now, Officer);

        Assert.False(application.HeldAsSuspectedImpersonation);
        Report(application);
        Assert.Equal(ApplicationState.LossReported, application.State);
        Assert.Equal("step_out_of_order", Assert.Throws<DomainException>(() => application.Reject("不符", Now, Officer)).Code);

        // Checked in person: the registry's phone (perhaps a number since given to someone else) cannot stop it again.
        Assert.Equal("holder_denial_cleared", Assert.Throws<DomainException>(() => application.RecordHolderDenial(Now)).Code);
        Assert.False(application.HeldAsSuspectedImpersonation);
    }

    /// <summary>What a refused operation must leave untouched.</summary>
    private static string Snapshot(ReissueApplication a) =>
        $"{a.State}|{a.Version}|{a.PaidAt}|{a.PaymentOrderNumber}|{a.PhotoNumber}|{a.PhotoId}|{a.PhotoSource}|{a.DecidedBy}|{a.DecisionReason}|{a.TrackingNumber}|{a.ProductionBatchId}|{a.Address?.Detail}|{a.LossReport?.ReceiptNumber}|{a.FaceVerifiedAt}|{a.Transitions.Count}";

    [Theory]
    [InlineData(ApplicationState.EligibilityChecked, "holder_denial_too_early")]
    [InlineData(ApplicationState.Dispatched, "holder_denial_too_late")]
    [InlineData(ApplicationState.Delivered, "holder_denial_too_late")]
    [InlineData(ApplicationState.Cancelled, "holder_denial_too_late")]
    public void A_denial_before_anything_acts_on_the_card_or_after_it_was_sent_is_refused_and_holds_nothing(ApplicationState state, string code)
    {
        var application = InState(state);

        Assert.Equal(code, Assert.Throws<DomainException>(() => application.RecordHolderDenial(Now)).Code);
        Assert.False(application.HeldAsSuspectedImpersonation);
    }

    [Fact]
    public void A_photo_is_expected_only_while_one_is_pending_and_then_under_its_photo_number()
    {
        Assert.Equal("4326112500000001", InState(ApplicationState.PhotoPending).RequirePhotoExpected());
        foreach (var state in new[] { ApplicationState.AddressGiven, ApplicationState.UnderReview, ApplicationState.Delivered })
        {
            Assert.Equal("photo_not_expected", Assert.Throws<DomainException>(() => InState(state).RequirePhotoExpected()).Code);
        }
    }

    [Fact]
    public void A_card_is_ready_for_dispatch_only_in_production_with_an_address()
    {
        Assert.Equal(Address(), InState(ApplicationState.InProduction).RequireReadyForDispatch());
        Assert.Equal("step_out_of_order", Assert.Throws<DomainException>(() => InState(ApplicationState.Approved).RequireReadyForDispatch()).Code);
    }

    private static ReissueApplication Started(ReissueCase reissueCase = ReissueCase.Loss) =>
        ReissueApplication.Start(Guid.NewGuid(), "BH43", Guid.NewGuid(), Hunan(), reissueCase, Resident(), new DateOnly(1990, 1, 1), Now, Applicant);

    private static void Report(ReissueApplication application) => application.ReportLoss(new LossReport
    {
        ReceiptNumber = "GS1",
        Place = "长沙火车站",
        LostAt = Now.AddDays(-1),
        ReportedAt = Now,
    }, Now, Applicant);

    private static Applications.MailingAddress Address() => new() { Recipient = "王伟", Phone = "13900000000", DivisionCode = "430103", Detail = "解放西路1号" };

    /// <summary>Drives a Hunan loss re-issue with a new photo through the public operations to <paramref name="target"/>.</summary>
    private static ReissueApplication InState(ApplicationState target)
    {
        var path = new (ApplicationState State, Action<ReissueApplication> Step)[]
        {
            (ApplicationState.EligibilityChecked, a => a.RecordEligibility(new EligibilityResult([]), Hunan(), Now, Actor.System)),
            (ApplicationState.FaceVerified, a => a.RecordFaceVerified(Now, Actor.Gateway("face"))),
            (ApplicationState.LossReported, Report),
            (ApplicationState.AddressGiven, a => a.GiveAddress(Address(), Hunan().Postage.Quote("430102", "430103"), Hunan(), Now, Applicant)),
            (ApplicationState.PhotoPending, a => a.MarkPaid("P1", Hunan(), Calendar, new DateOnly(2020, 1, 1), () => "4326112500000001", Now, Actor.Gateway("pay"))),
            (ApplicationState.UnderReview, a => a.AcceptPhoto(Guid.NewGuid(), Hunan(), Calendar, Now, Actor.Gateway("studio"))),
            (ApplicationState.Approved, a => a.Approve(Now, Officer)),
            (ApplicationState.InProduction, a => a.StartProduction(Guid.NewGuid(), Now, Officer)),
            (ApplicationState.Dispatched, a => a.Dispatch("1100000000000", Now, Officer)),
            (ApplicationState.Delivered, a => a.Deliver(Now, Actor.Gateway("ems"))),
        };
        var application = Started();
        switch (target)
        {
            case ApplicationState.IdentityVerified:
                return application;
            case ApplicationState.Ineligible:
                application.RecordEligibility(new EligibilityResult([EligibilityPolicy.AppearanceChanged]), Hunan(), Now, Actor.System);
                return application;
            case ApplicationState.Cancelled:
                application.Cancel(Now, Applicant);
                return application;
            case ApplicationState.ReferredToWindow:
                path[0].Step(application);
                application.ReferToWindow(Now, Actor.Gateway("face"));
                return application;
            case ApplicationState.Rejected:
                foreach (var (_, step) in path.TakeWhile(p => p.State != ApplicationState.Approved))
                {
                    step(application);
                }

                application.Reject("照片与本人不符", Now, Officer);
                return application;
        }

        foreach (var (state, step) in path)
        {
            step(application);
            if (state == target)
            {
                return application;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(target), target, "not on the path");
    }
}
