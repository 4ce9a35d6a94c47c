//! What asks the backend and changes the app's state: one module per request a screen needs.
//! Each action is a struct of signals a screen reads (busy, the problem, the result) and methods
//! a screen calls; the three forms share `FormAction`.

pub mod application;
pub mod captcha;
pub mod form_action;
pub mod id_check;
pub mod language;
pub mod qr_wait;
pub mod records;
pub mod session;
pub mod sign_in;
pub mod verification;
