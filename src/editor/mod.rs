//! `mentorcard edit`'s pure half: the card written through a form in the browser instead of
//! in TOML. [`form`] is what the page shows (fields, labels, hints, words per language),
//! [`values`] reads the card's text as the form's values and writes changes back keeping
//! everything else byte for byte, [`cite`] shows a pasted citation as it will print, and
//! [`session`] answers the page's requests. The sockets and the watcher are the CLI's
//! (`cli/edit`).

pub mod cite;
pub mod form;
pub mod session;
pub mod values;

pub use session::{Answer, CardFile, Request, Session};
