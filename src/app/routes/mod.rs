//! One module per kind of page.

pub mod listing;
pub mod not_found;
pub mod post;
pub mod search;
