//! Random ids and codes, shaped like the real API's.

use rand::Rng;

/// `bytes` random bytes as lowercase hex: 16 make a v1 request id.
pub(super) fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect()
}

/// A PIN of `length` decimal digits.
pub(super) fn random_digits(length: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..length)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}
