//! FNV-1a, a small stable hash: the same bytes give the same hash on every
//! machine and in the browser, so the builder and the app agree on file
//! names, and an unchanged blog keeps the names (and the caches) it had.

/// The FNV-1a offset basis: the hash of no bytes.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds `bytes` into `hash` (start from [`FNV_START`]).
pub fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// What a file's name is made from, without the file: the hash and length
/// of its bytes. A file can be fingerprinted in parts as it is made
/// ([`Fingerprint::then`]), so the builder need not keep a large blog's
/// files in memory to name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    pub hash: u64,
    pub len: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint { hash: FNV_START, len: 0 }.then(bytes)
    }

    /// The fingerprint of these bytes followed by `more`.
    pub fn then(self, more: &[u8]) -> Fingerprint {
        Fingerprint { hash: fnv1a(self.hash, more), len: self.len + more.len() as u64 }
    }
}

/// A hash as the 12 hex digits used in file and folder names.
pub fn short_hex(hash: u64) -> String {
    format!("{hash:016x}")[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vectors() {
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_START, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn folding_in_parts_is_folding_the_whole() {
        assert_eq!(fnv1a(fnv1a(FNV_START, b"foo"), b"bar"), fnv1a(FNV_START, b"foobar"));
        assert_eq!(short_hex(0x8594_4171_f739_67e8), "85944171f739");
        assert_eq!(Fingerprint::of(b"foo").then(b"bar"), Fingerprint::of(b"foobar"));
        assert_eq!(Fingerprint::of(b"foobar").len, 6);
    }
}
