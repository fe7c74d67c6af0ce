//! The app's web worker (`src/bin/folio-worker.rs`: posts and search) as trunk
//! leaves it beside the app: `folio-worker.js` and `folio-worker_bg.wasm`,
//! named for the binary without a hash, as trunk expects an app to know a
//! worker's name. Like the app's own files, they get a name from a hash of
//! their content, so hosts may keep them forever, and every page names
//! them to the app in its `<meta name="folio-worker">`.

use super::error::BuildError;
use crate::core::hash::{short_hex, Fingerprint};
use crate::core::job::WORKER_META;
use std::path::Path;

/// The worker's binary, which trunk names its files after.
pub const WORKER: &str = "folio-worker";

/// Renames the worker's files in `site`, if trunk has just left them there,
/// and returns trunk's page `shell` naming them. A shell made by an earlier
/// run, beside files renamed already, is returned as it is.
pub fn name_in_shell(site: &Path, shell: String) -> Result<String, BuildError> {
    let (js, wasm) = (site.join(format!("{WORKER}.js")), site.join(format!("{WORKER}_bg.wasm")));
    if !js.exists() {
        return Ok(shell);
    }
    let read = |path: &Path| std::fs::read(path).map_err(|e| BuildError::io(path, e));
    let name = format!("{WORKER}-{}", short_hex(Fingerprint::of(&read(&js)?).then(&read(&wasm)?).hash));
    for (from, to) in [(&js, format!("{name}.js")), (&wasm, format!("{name}_bg.wasm"))] {
        std::fs::rename(from, site.join(to)).map_err(|e| BuildError::io(from, e))?;
    }
    let head_end = shell.find("</head>").ok_or_else(|| BuildError::Io {
        path: site.join("index.html"),
        message: "has no </head> to name the app's worker in; keep it in index.html".into(),
    })?;
    let mut named = shell;
    named.insert_str(head_end, &format!("<meta name=\"{WORKER_META}\" content=\"{name}\" />\n  "));
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workers_files_are_named_for_their_content_and_in_the_shell() {
        let site = std::env::temp_dir().join(format!("folio-worker-test-{}", std::process::id()));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("folio-worker.js"), "glue").unwrap();
        std::fs::write(site.join("folio-worker_bg.wasm"), "wasm").unwrap();
        let shell = name_in_shell(&site, "<html><head><title>x</title></head><body></body></html>".into()).unwrap();
        let name = format!("folio-worker-{}", short_hex(Fingerprint::of(b"gluewasm").hash));
        assert_eq!(shell, format!("<html><head><title>x</title><meta name=\"folio-worker\" content=\"{name}\" />\n  </head><body></body></html>"));
        assert_eq!(std::fs::read_to_string(site.join(format!("{name}.js"))).unwrap(), "glue");
        assert_eq!(std::fs::read_to_string(site.join(format!("{name}_bg.wasm"))).unwrap(), "wasm");
        assert!(!site.join("folio-worker.js").exists());
        // A later run finds the files named and the shell naming them.
        assert_eq!(name_in_shell(&site, shell.clone()).unwrap(), shell);
        std::fs::remove_dir_all(&site).unwrap();
    }
}
