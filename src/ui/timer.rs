//! Time for countdowns: a clock signal that ticks every second while the component using it is
//! mounted (like leptos' examples/timer), and the mm:ss format.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::now_ms;

/// The current time in ms, updated every second until the owner is cleaned up.
pub fn use_clock() -> ReadSignal<f64> {
    let (now, set_now) = signal(now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || set_now.set(now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    now
}

/// Whole seconds from `now` until `deadline` (both ms), never negative.
pub fn seconds_left(deadline: f64, now: f64) -> u32 {
    ((deadline - now) / 1000.0).ceil().max(0.0) as u32
}

/// "04:44".
pub fn mm_ss(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}
