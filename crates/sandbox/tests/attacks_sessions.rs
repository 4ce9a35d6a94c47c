//! Who gets a session, as an attacker would try it (issue 25): a phone-side token held by
//! someone else, and what an earlier binding leaves behind once the citizen enrolls again.
//! Each test fails on the code before its fix.

mod common;

use std::time::Duration;

use common::*;
use mobile_auth_core::contract::*;
use mobile_auth_core::device::DeviceKind;
use reqwest::StatusCode;

/// On the direct path the phone is the browser that applied; its token travels in the app's
/// address (`#/verify/<token>`), its storage and on screen. Anyone else holding it gets nothing:
/// no summary, no verification, no session.
#[tokio::test]
async fn on_the_direct_path_a_token_alone_is_never_a_session() {
    let s = Server::start(|_| {}).await;
    let (phone, stranger) = (s.client(), s.client());
    let p = Person::new(2501, 11);
    let app = phone.apply_ok(&p, DeviceKind::Phone).await;
    let summary = format!("/verifications/{}", app.token);

    let seen = stranger.get(&summary).await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND, "{}", seen.body);
    assert_eq!(seen.code(), "token_invalid");
    let taken = stranger.start(&app.token).await;
    assert_eq!(taken.status, StatusCode::NOT_FOUND, "{}", taken.body);
    assert!(!taken.headers.contains_key("set-cookie"));
    assert_eq!(stranger.get("/session").await.code(), "session_expired");
    assert_eq!(stranger.get("/records").await.code(), "session_expired");

    // The applicant's own phone is unaffected by the attempt.
    assert_eq!(phone.get(&summary).await.status, StatusCode::OK);
    let own = phone.start(&app.token).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert!(own.parse::<StartVerificationResponse>().session.is_some());
    assert_eq!(phone.get("/session").await.status, StatusCode::OK);
    s.stop();
}

/// The QR path's phone is another device by design: it verifies, and the session goes to the
/// desktop that applied, never to the phone.
#[tokio::test]
async fn on_the_qr_path_the_phone_verifies_and_only_the_desktop_gets_the_session() {
    let s = Server::start(|_| {}).await;
    let (desktop, phone) = (s.client(), s.client());
    let p = Person::new(2502, 12);
    let app = desktop.apply_ok(&p, DeviceKind::Desktop).await;
    let started = phone.start(&app.token).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert!(started
        .parse::<StartVerificationResponse>()
        .session
        .is_none());
    assert!(!started.headers.contains_key("set-cookie"));
    assert_eq!(phone.get("/session").await.code(), "session_expired");
    let claim = format!("/applications/{}/session", app.application_id);
    assert_eq!(desktop.post_empty(&claim).await.status, StatusCode::OK);
    s.stop();
}

/// An application verified on the QR path but not yet claimed, and one still pending, both for
/// an ID that is then enrolled again elsewhere: neither is a way back in.
#[tokio::test]
async fn re_enrolling_voids_every_unclaimed_application_of_the_id() {
    let s = Server::start(|_| {}).await;
    let (old_desktop, old_phone, other_tab) = (s.client(), s.client(), s.client());
    let p = Person::new(2503, 13);
    let verified = old_desktop.apply_ok(&p, DeviceKind::Desktop).await;
    assert_eq!(
        old_phone.start(&verified.token).await.status,
        StatusCode::OK
    );
    let pending = other_tab
        .apply_ok(&p.in_another_browser(), DeviceKind::Desktop)
        .await;

    // The citizen enrolls again from a new phone (the desktop was a shared office PC).
    let new_phone = s.client();
    new_phone.enroll(&p.in_another_browser()).await;

    let claim = format!("/applications/{}/session", verified.application_id);
    let late = old_desktop.post_empty(&claim).await;
    assert_eq!(late.status, StatusCode::NOT_FOUND, "{}", late.body);
    assert!(!late.headers.contains_key("set-cookie"));
    assert_eq!(old_desktop.get("/session").await.code(), "session_expired");
    let st = old_desktop
        .get(&format!("/applications/{}", verified.application_id))
        .await;
    assert_eq!(st.status, StatusCode::NOT_FOUND);
    // The pending one's QR code leads nowhere.
    let later = s.client().start(&pending.token).await;
    assert_eq!(later.code(), "token_invalid", "{}", later.body);
    // The new binding works.
    assert_eq!(new_phone.get("/session").await.status, StatusCode::OK);
    s.stop();
}

/// A login whose password check is running when the ID is enrolled again: whatever the order,
/// no session of the replaced binding outlives the re-enrollment. Tried at several offsets into
/// the check (the argon2 hash takes tens of milliseconds).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_login_in_flight_during_re_enrollment_leaves_no_session() {
    let s = Server::start(|_| {}).await;
    for (i, delay_ms) in [0u64, 2, 5, 10, 15, 20, 30, 45, 60, 90]
        .into_iter()
        .enumerate()
    {
        let (old_browser, p) = s.enrolled(2510 + i as u32, 20).await;
        assert_eq!(
            old_browser.delete("/session").await.status,
            StatusCode::NO_CONTENT
        );
        let new_phone = s.client();
        let again = p.in_another_browser();
        let app = new_phone.apply_ok(&again, DeviceKind::Phone).await;

        let ch = old_browser.challenge(&p).await;
        let body = p.login_body(&ch, NAME, PASSWORD);
        let login = {
            let http = old_browser.http.clone();
            let url = format!("{}/login", old_browser.base);
            tokio::spawn(async move { http.post(url).json(&body).send().await.map(|r| r.status()) })
        };
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        let re = new_phone.start(&app.token).await;
        assert_eq!(re.status, StatusCode::OK, "{}", re.body);
        let login_status = login.await.unwrap().unwrap();

        let after = old_browser.get("/session").await;
        assert_eq!(
            after.code(),
            "session_expired",
            "delay {delay_ms} ms: the login answered {login_status} and its session outlived the re-enrollment"
        );
        assert_eq!(new_phone.get("/session").await.status, StatusCode::OK);
    }
    s.stop();
}
