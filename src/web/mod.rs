//! What runs in the browser on both sides of the app's web workers (see
//! [`crate::core::job`]): fetching the builder's files, the search engine
//! the search worker runs, and the loop each worker answers jobs in. No
//! Leptos here, so the workers' wasm stays small; nothing here may need a
//! `window`, which a worker has not.

pub mod fetch;
pub mod search;
pub mod worker;
