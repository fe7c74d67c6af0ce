//! The browser entry point: mounts the reader app. Built by trunk for wasm.

#[cfg(target_arch = "wasm32")]
fn main() {
    folio::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-app is the browser app; build it with `trunk build` (see README.md)");
}
