//! Pure Rust shared by the builder and the browser app: no I/O, no web-sys.

pub mod date;
pub mod escape;
pub mod fast;
pub mod hash;
pub mod index;
pub mod job;
pub mod listing;
pub mod markdown;
pub mod route;
pub mod search;
pub mod slug;
