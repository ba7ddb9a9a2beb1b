//! Random ids and codes, shaped like the real API's.

use rand::Rng;

/// `bytes` random bytes as lowercase hex: 16 make a v1 request id.
pub(super) fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect()
}

/// A random (version 4) UUID, lowercase and hyphenated like v2's request ids
/// (`c11236f4-00bf-4b89-84ba-88b25df97315`). Made here from `rand` because the crate has
/// no UUID dependency and needs no more than this.
pub(super) fn random_uuid() -> String {
    let mut bytes: [u8; 16] = rand::thread_rng().gen();
    // RFC 9562: the version (4) in the high nibble of byte 6, the variant (10xx) in the
    // high bits of byte 8.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A PIN of `length` decimal digits.
pub(super) fn random_digits(length: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..length)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_with_the_rfc_variant_and_lowercase_hex() {
        for _ in 0..50 {
            let uuid = random_uuid();
            let groups: Vec<&str> = uuid.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{uuid}");
            assert!(
                uuid.chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)),
                "{uuid}"
            );
            assert!(groups[2].starts_with('4'), "{uuid}");
            assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "{uuid}");
        }
        assert_ne!(random_uuid(), random_uuid());
    }
}
