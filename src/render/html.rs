//! HTML renderer (not written yet).

use super::{RenderError, RenderOptions, Rendered};
use crate::document::Document;

pub fn render(_doc: &Document, _options: &RenderOptions) -> Result<Rendered, RenderError> {
    Err(RenderError::new("HTML output is not available yet"))
}
