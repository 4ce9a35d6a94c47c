//! Entry point: only mounts the app.
fn main() {
    mobile_auth::mount();
}
