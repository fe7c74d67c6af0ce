//! Folio: a blog that is nothing but a folder of static files.
//!
//! Data flows one way: post files → `build` (native) → JSON files in the
//! site's output → the browser `app` (wasm, with its workers' `web`) →
//! views. [`core`] holds the logic both sides share.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod build;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub mod app;
