//! Writing the built site: every file is written beside its target and
//! renamed into place, so a reader or a crash never sees half a file.

use super::error::BuildError;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, creating folders as needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let io = |p: &Path, e: std::io::Error| BuildError::Io { path: p.to_path_buf(), message: e.to_string() };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".folio-tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path, e)
    })
}

/// Copies one asset file atomically.
pub fn copy_atomic(from: &Path, to: &Path) -> Result<(), BuildError> {
    let bytes = std::fs::read(from).map_err(|e| BuildError::Io { path: from.into(), message: e.to_string() })?;
    write_atomic(to, &bytes)
}
