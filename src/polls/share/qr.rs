//! (ssr) A QR code of a link, as the path of an inline SVG: rows of dark modules as
//! rectangles, so the page needs no image file and no JavaScript to show it.

use super::QrPath;
use qrcode::{Color, EcLevel, QrCode};
use std::{
    collections::HashMap,
    fmt::Write,
    sync::{Mutex, OnceLock},
};

/// The light margin a reader needs around the code, in modules (the standard's minimum).
const QUIET_ZONE: u32 = 4;

/// Links drawn recently, at most this many (a few kilobytes each).
const REMEMBERED: usize = 512;

/// `qr_path`, drawn once per link. Choosing the mask was a sixth of a poll page's CPU time
/// (`perf`, see docs/performance.md), and a link's code never changes. This is a memo of a
/// pure function, not state: nothing a test would replace. It forgets everything when full,
/// so forged `Host` headers cannot grow it.
pub fn remembered_qr_path(data: &str) -> Option<QrPath> {
    static DRAWN: OnceLock<Memo> = OnceLock::new();
    DRAWN.get_or_init(|| Memo::new(REMEMBERED)).path(data)
}

struct Memo {
    limit: usize,
    drawn: Mutex<HashMap<String, QrPath>>,
}

impl Memo {
    fn new(limit: usize) -> Self {
        Self {
            limit,
            drawn: Mutex::default(),
        }
    }

    fn path(&self, data: &str) -> Option<QrPath> {
        let lock = || {
            self.drawn
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(path) = lock().get(data) {
            return Some(path.clone());
        }
        // Drawn outside the lock: another page's link need not wait for this one.
        let path = qr_path(data)?;
        let mut drawn = lock();
        if drawn.len() >= self.limit {
            drawn.clear();
        }
        drawn.insert(data.to_owned(), path.clone());
        Some(path)
    }
}

/// `None` only for data too long for any QR code (a few kilobytes), which no poll link is.
pub fn qr_path(data: &str) -> Option<QrPath> {
    // Medium error correction: still readable with a smudge, and small for a short link.
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let (left, top) = (start as u32 + QUIET_ZONE, y as u32 + QUIET_ZONE);
            // Writing to a String cannot fail.
            let _ = write!(d, "M{left} {top}h{}v1h-{}z", x - start, x - start);
        }
    }
    Some(QrPath {
        size: width as u32 + 2 * QUIET_ZONE,
        d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the path back into modules, to compare with the code itself.
    fn dark_modules(path: &QrPath) -> Vec<(u32, u32)> {
        let mut dark = Vec::new();
        for rect in path.d.split('M').filter(|r| !r.is_empty()) {
            let (left, rest) = rect.split_once(' ').unwrap();
            let (top, rest) = rest.split_once('h').unwrap();
            let run: u32 = rest.split_once('v').unwrap().0.parse().unwrap();
            let (left, top): (u32, u32) = (left.parse().unwrap(), top.parse().unwrap());
            dark.extend((left..left + run).map(|x| (x, top)));
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules_inside_a_quiet_zone() {
        let url = "https://polls.example.org/polls/123";
        let path = qr_path(url).unwrap();
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
        let width = code.width() as u32;
        assert_eq!(path.size, width + 8);
        let mut expected = Vec::new();
        for y in 0..width {
            for x in 0..width {
                if code[(x as usize, y as usize)] == Color::Dark {
                    expected.push((x + 4, y + 4));
                }
            }
        }
        assert_eq!(dark_modules(&path), expected);
    }

    #[test]
    fn a_qr_reader_reads_the_drawing_back_as_the_link() {
        let url = "http://127.0.0.1:3000/polls/42";
        let path = qr_path(url).unwrap();
        let dark: std::collections::HashSet<(u32, u32)> = dark_modules(&path).into_iter().collect();
        // Four pixels a module, as a phone's camera would see the page.
        const SCALE: usize = 4;
        let side = path.size as usize * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_bitmap(side, side, |x, y| {
            dark.contains(&((x / SCALE) as u32, (y / SCALE) as u32))
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, url);
    }

    #[test]
    fn data_too_long_for_a_code_gives_none() {
        assert!(qr_path(&"x".repeat(4000)).is_none());
        assert!(remembered_qr_path(&"x".repeat(4000)).is_none());
    }

    #[test]
    fn a_remembered_drawing_is_the_drawing_of_its_own_link() {
        let memo = Memo::new(4);
        let links: Vec<String> = (0..6)
            .map(|n| format!("https://polls.example.org/polls/{n}"))
            .collect();
        // Past the limit too, where the memo starts again.
        for link in links.iter().chain(links.iter().rev()) {
            assert_eq!(memo.path(link), qr_path(link), "{link}");
            assert!(memo.drawn.lock().unwrap().len() <= 4);
        }
        assert_eq!(remembered_qr_path(&links[0]), qr_path(&links[0]));
    }
}
