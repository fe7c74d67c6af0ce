//! The app's web workers (see [`crate::core::job`]) as trunk leaves them
//! beside the app: `NAME.js` and `NAME_bg.wasm` for each, named for the
//! binary without a hash, as trunk expects an app to know a worker's name.
//! Like the app's own files, they get a name from a hash of their content,
//! so hosts may keep them forever, and every page names them to the app
//! in a `<meta name="NAME">`.

use super::error::BuildError;
use crate::core::hash::{short_hex, Fingerprinter};
use crate::core::job::Worker;
use std::path::Path;

/// Renames each worker's files in `site`, if trunk has just left them
/// there, and returns trunk's page `shell` naming them. A shell made by an
/// earlier run, beside files renamed already, is returned as it is.
pub fn name_in_shell(site: &Path, shell: String) -> Result<String, BuildError> {
    let mut named = shell;
    for worker in Worker::ALL {
        let binary = worker.name();
        let (js, wasm) = (site.join(format!("{binary}.js")), site.join(format!("{binary}_bg.wasm")));
        if !js.exists() {
            continue;
        }
        let read = |path: &Path| std::fs::read(path).map_err(|e| BuildError::io(path, e));
        let name = format!("{binary}-{}", short_hex(Fingerprinter::default().then(&read(&js)?).then(&read(&wasm)?).finish().hash));
        for (from, to) in [(&js, format!("{name}.js")), (&wasm, format!("{name}_bg.wasm"))] {
            std::fs::rename(from, site.join(to)).map_err(|e| BuildError::io(from, e))?;
        }
        let head_end = named.find("</head>").ok_or_else(|| BuildError::Io {
            path: site.join("index.html"),
            message: "has no </head> to name the app's workers in; keep it in index.html".into(),
        })?;
        named.insert_str(head_end, &format!("<meta name=\"{binary}\" content=\"{name}\" />\n  "));
    }
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hash::Fingerprint;

    #[test]
    fn the_workers_files_are_named_for_their_content_and_in_the_shell() {
        let site = crate::build::scratch_dir("workers-test");
        for (binary, glue) in [("folio-render", "render"), ("folio-search", "search")] {
            std::fs::write(site.join(format!("{binary}.js")), glue).unwrap();
            std::fs::write(site.join(format!("{binary}_bg.wasm")), "wasm").unwrap();
        }
        let shell = name_in_shell(&site, "<html><head><title>x</title></head><body></body></html>".into()).unwrap();
        let render = format!("folio-render-{}", short_hex(Fingerprint::of(b"renderwasm").hash));
        let search = format!("folio-search-{}", short_hex(Fingerprint::of(b"searchwasm").hash));
        assert_eq!(
            shell,
            format!(
                "<html><head><title>x</title><meta name=\"folio-render\" content=\"{render}\" />\n  \
                 <meta name=\"folio-search\" content=\"{search}\" />\n  </head><body></body></html>"
            )
        );
        for (name, glue) in [(&render, "render"), (&search, "search")] {
            assert_eq!(std::fs::read_to_string(site.join(format!("{name}.js"))).unwrap(), glue);
            assert_eq!(std::fs::read_to_string(site.join(format!("{name}_bg.wasm"))).unwrap(), "wasm");
        }
        assert!(!site.join("folio-render.js").exists() && !site.join("folio-search.js").exists());
        // A later run finds the files named and the shell naming them.
        assert_eq!(name_in_shell(&site, shell.clone()).unwrap(), shell);
        std::fs::remove_dir_all(&site).unwrap();
    }
}
