//! Pieces the screens are made of.

pub mod application;
pub mod binding;
pub mod captcha;
pub mod field;
pub mod focus_trap;
pub mod form_errors;
pub mod id_check;
pub mod object_url;
pub mod on_first_use;
pub mod qr;
pub mod qr_wait;
pub mod records;
pub mod session;
pub mod sign_in;
pub mod step_heading;
pub mod summary;
pub mod timer;
pub mod verification;
