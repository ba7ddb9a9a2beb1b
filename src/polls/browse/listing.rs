//! (ssr) Which page of the list a request asks for, read from its query: the tab, where the
//! page starts, and the search words.

use crate::error::{AppError, Field};

/// Polls on a page of the list.
pub const PAGE_SIZE: i64 = 20;
/// The longest search the box takes.
pub const SEARCH_MAX_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Open,
    Closed,
}

/// Where a page starts: just below this poll in the newest-first order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub published_at: i64,
    pub id: i64,
}

impl Cursor {
    /// `published_at.id`, as the "Older polls" link carries it.
    pub fn encode(self) -> String {
        format!("{}.{}", self.published_at, self.id)
    }

    /// Anything else is no cursor: the list starts from the newest.
    pub fn parse(raw: &str) -> Option<Self> {
        let (published_at, id) = raw.trim().split_once('.')?;
        Some(Self {
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub tab: Tab,
    pub before: Option<Cursor>,
    /// Lower-cased, trimmed; none when empty.
    pub search: Option<String>,
}

impl Listing {
    pub fn parse(
        tab: Option<&str>,
        before: Option<&str>,
        search: Option<&str>,
    ) -> Result<Self, AppError> {
        let tab = match tab.map(str::trim) {
            Some("closed") => Tab::Closed,
            _ => Tab::Open,
        };
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        if search.is_some_and(|s| s.chars().count() > SEARCH_MAX_CHARS) {
            return Err(AppError::invalid(
                Field::Search,
                format!("Please search for at most {SEARCH_MAX_CHARS} characters."),
            ));
        }
        Ok(Self {
            tab,
            before: before.and_then(Cursor::parse),
            search: search.map(str::to_lowercase),
        })
    }

    /// The LIKE pattern for the search: its words as typed, `%`, `_` and `\` taken literally.
    pub fn like_pattern(&self) -> String {
        let escaped: String = self
            .search
            .as_deref()
            .unwrap_or_default()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        format!("%{escaped}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_reads_its_tab_cursor_and_search_leniently_but_bounds_the_search() {
        let listing =
            Listing::parse(Some("closed"), Some("1469451264.3"), Some("  Dogs ")).unwrap();
        assert_eq!(listing.tab, Tab::Closed);
        assert_eq!(
            listing.before,
            Some(Cursor {
                published_at: 1_469_451_264,
                id: 3
            })
        );
        assert_eq!(listing.search.as_deref(), Some("dogs"));
        let first = Listing::parse(Some("nonsense"), Some("not.a cursor"), Some("  ")).unwrap();
        assert_eq!(
            (first.tab, first.before, first.search),
            (Tab::Open, None, None)
        );
        let long = "x".repeat(101);
        assert!(Listing::parse(None, None, Some(&long)).is_err());
    }

    #[test]
    fn search_wildcards_are_taken_literally() {
        let listing = Listing::parse(None, None, Some("100%_a\\b")).unwrap();
        assert_eq!(listing.like_pattern(), "%100\\%\\_a\\\\b%");
        assert_eq!(
            Listing::parse(None, None, None).unwrap().like_pattern(),
            "%%"
        );
    }

    #[test]
    fn a_cursor_round_trips() {
        let cursor = Cursor {
            published_at: 5,
            id: 9,
        };
        assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor));
    }
}
