//! Pieces of page shared by the routes.

pub mod byline;
pub mod counted;
pub mod layout;
pub mod months;
pub mod pager;
pub mod post_list;
pub mod sidebar;
pub mod status;
pub mod theme;
