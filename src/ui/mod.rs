//! What draws: the pieces screens are made of. None asks the backend; each takes signals and
//! renders them (a field with its message, the error summary, a step heading and its focus, a
//! focus trap, the QR image, a timer, the binding notices, object URLs, the chunk loader).

pub mod audio;
pub mod binding;
pub mod field;
pub mod focus_trap;
pub mod object_url;
pub mod on_first_use;
pub mod qr;
pub mod step_heading;
pub mod summary;
pub mod timer;
