//! What runs in the browser on both sides of the app's web worker (see
//! `src/bin/folio-worker.rs`): fetching the builder's files, and the search
//! engine, which runs in the worker. No Leptos here, so the worker's wasm
//! stays small; nothing here may need a `window`, which a worker has not.

pub mod fetch;
pub mod search;
