//! Sharing a poll: its link with "Copy link", a QR code of the link drawn on the server, and
//! the Open Graph / Twitter card tags that make a pasted link preview well. A stranger who
//! opens the link is sent to log in first (issue 2's rule), so the login and sign-up pages
//! carry the same tags and say which poll the person was invited to.

#[cfg(feature = "ssr")]
pub mod card;
pub mod invitation;
pub mod meta;
#[cfg(feature = "ssr")]
mod qr;
pub mod share_box;

use serde::{Deserialize, Serialize};

/// A poll's address and what a link preview shows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollLink {
    /// The poll's page, absolute (`https://polls.example.org/polls/7`).
    pub url: String,
    /// The question.
    pub title: String,
    /// The choices, "A · B · C", shortened to what previews show.
    pub description: String,
}

/// What the share box shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareCard {
    pub link: PollLink,
    /// The QR code of the link; none if the link were too long for one (it never is).
    pub qr: Option<QrPath>,
}

/// A QR code as one SVG path: the dark modules of a `size` × `size` square, quiet zone
/// included, one unit per module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrPath {
    pub size: u32,
    pub d: String,
}
