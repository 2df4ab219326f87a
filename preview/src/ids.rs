//! Random identifiers: request ids, trace ids, log stream names. They only need to be unique and
//! look like AWS's, so std's randomly keyed SipHash is enough and no RNG crate is pulled in.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub fn random_u64() -> u64 {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    RandomState::new().hash_one((n, std::time::SystemTime::now()))
}

/// A version 4 UUID, as Lambda request ids are.
pub fn uuid() -> String {
    let (a, b) = (random_u64(), random_u64());
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// `len` random lowercase hex digits.
pub fn hex_id(len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        out.push_str(&format!("{:016x}", random_u64()));
    }
    out.truncate(len);
    out
}

/// `len` random characters of `[a-z0-9]`, like API Gateway's ids.
pub fn alphanumeric_id(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..len).map(|_| ALPHABET[(random_u64() % ALPHABET.len() as u64) as usize] as char).collect()
}

/// An X-Ray trace header value: `Root=1-<epoch hex>-<96 bits>;Parent=<64 bits>;Sampled=0`.
pub fn trace_id(epoch_seconds: u64) -> String {
    format!("Root=1-{epoch_seconds:08x}-{};Parent={};Sampled=0", hex_id(24), hex_id(16))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let a = uuid();
        let b = uuid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        assert!(alphanumeric_id(10).chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        assert_eq!(hex_id(32).len(), 32);
    }
}
