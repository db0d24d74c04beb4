//! The live preview's pure half, which `watch` and `serve` drive: which URLs the preview
//! server answers and how it talks to the page ([`protocol`]), the page it serves — the HTML
//! renderer's output with the reload script and, while the card is broken, the diagnostics
//! panel injected ([`page`]) — and which file events call for a rebuild ([`watchset`]). The
//! sockets, the watcher and the clock are the CLI's (`cli/serve.rs`, `cli/live.rs`).

pub mod page;
pub mod protocol;
pub mod watchset;

pub use page::Preview;
pub use protocol::Route;
pub use watchset::WatchSet;
