//! The locales Verify accepts: v1's `lg` (the current spec's enum, verify-api.md §1.3) and
//! v2's `locale` (the SDKs' enum, §2.3). Shared by the client, which refuses others before
//! calling, and the simulator, which refuses them as the real API does, so the two cannot
//! drift apart.

pub(crate) const V1_LOCALES: [&str; 39] = [
    "ar-xa", "cs-cz", "cy-cy", "cy-gb", "da-dk", "de-de", "el-gr", "en-au", "en-gb", "en-in",
    "en-us", "es-es", "es-mx", "es-us", "fi-fi", "fil-ph", "fr-ca", "fr-fr", "hi-in", "hu-hu",
    "id-id", "is-is", "it-it", "ja-jp", "ko-kr", "nb-no", "nl-nl", "pl-pl", "pt-br", "pt-pt",
    "ro-ro", "ru-ru", "sv-se", "th-th", "tr-tr", "vi-vn", "yue-cn", "zh-cn", "zh-tw",
];

/// v2 knows fewer languages than v1; the client refuses a v1 `lg` that v2 cannot honour
/// rather than send a message in a language the person did not ask for.
pub(crate) const V2_LOCALES: [&str; 13] = [
    "en-us", "en-gb", "es-es", "es-mx", "es-us", "it-it", "fr-fr", "de-de", "ru-ru", "hi-in",
    "pt-br", "pt-pt", "id-id",
];
