//! The blog's authors by key, from an `authors.yml` beside the posts, as
//! Docusaurus keeps them: a post's `authors: [ann]` then shows the name
//! the file gives (`ann: {name: Ann Example, …}`) rather than the key.

use super::error::BuildError;
use crate::core::hash::{fnv1a, FNV_START};
use std::collections::HashMap;
use std::path::Path;

/// The names in the posts folder's authors file, by key.
#[derive(Default)]
pub struct Authors {
    names: HashMap<String, String>,
    /// A hash of the file, which the build cache is keyed by: what it held
    /// for a post is right only with the same names.
    pub fingerprint: u64,
}

impl Authors {
    /// The authors file in `posts_dir` (`authors.yml` or `authors.yaml`);
    /// none if there is no such file.
    pub fn load(posts_dir: &Path) -> Result<Authors, BuildError> {
        let Some(path) = ["authors.yml", "authors.yaml"].iter().map(|name| posts_dir.join(name)).find(|p| p.is_file()) else {
            return Ok(Authors::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| BuildError::io(&path, e))?;
        let entries: HashMap<String, serde_norway::Value> = serde_norway::from_str(&text).map_err(|e| BuildError::Io {
            path: path.clone(),
            message: format!("is not a list of authors ({e}); give each author's key, then `name:` under it"),
        })?;
        let names = entries
            .into_iter()
            .filter_map(|(key, entry)| Some((key, entry.get("name")?.as_str()?.trim().to_string())))
            .filter(|(_, name)| !name.is_empty())
            .collect();
        Ok(Authors { names, fingerprint: fnv1a(FNV_START, text.as_bytes()) })
    }

    /// An author as a post names them: the name the file gives a key, or
    /// else the name as it is.
    pub fn name(&self, author: String) -> String {
        self.names.get(&author).cloned().unwrap_or(author)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_the_names_the_file_gives() {
        let dir = crate::build::scratch_dir("authors-test");
        assert_eq!(Authors::load(&dir).unwrap().name("ann".into()), "ann");
        std::fs::write(dir.join("authors.yml"), "ann:\n  name: Ann Example\n  url: https://ann.example\nbob:\n  title: no name\n").unwrap();
        let authors = Authors::load(&dir).unwrap();
        assert_eq!([authors.name("ann".into()), authors.name("bob".into()), authors.name("Cy".into())], ["Ann Example", "bob", "Cy"]);
        assert_ne!(authors.fingerprint, 0);
        std::fs::write(dir.join("authors.yml"), "- just\n- a list\n").unwrap();
        let error = Authors::load(&dir).err().unwrap().to_string();
        assert!(error.contains("authors.yml") && error.contains("`name:`"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
