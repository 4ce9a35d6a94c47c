//! One module per screen of the manual; `which_screen` decides which one shows, `app` draws it.

pub mod accessibility;
pub mod enroll;
pub mod help;
pub mod home;
pub mod id_entry;
pub mod login;
pub mod phone;
pub mod qr;
pub mod records;
pub mod tabs;
pub mod welcome;
