//! Pagination: the flow cut into A4 pages. Body lines keep a uniform pitch; a table is
//! drawn row by row, a row that does not fit is split between two lines of its cells, and
//! the header row is repeated at the top of every page the table continues on. A lone first
//! line at a page foot (orphan) or last line at a page head (widow) is avoided where the page
//! allows it; nothing is dropped or drawn twice.

use super::flow::{Flow, TableFlow, CELL_INSET_X, CELL_INSET_Y, PT_PER_MM};
use super::linebreak::Line;
use crate::profile::Profile;

/// A4 in points.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;

/// A line placed on a page: left x and baseline y, both from the page's top-left corner.
pub struct Placed {
    pub x: f32,
    pub y: f32,
    pub line: Line,
}

#[derive(Default)]
pub struct Page {
    pub lines: Vec<Placed>,
    /// Grid lines: x0, y0, x1, y1 from the top-left corner.
    pub rules: Vec<[f32; 4]>,
}

pub struct Geometry {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn new(p: &Profile) -> Geometry {
        Geometry {
            left: p.margin_left_mm * PT_PER_MM,
            right: p.margin_right_mm * PT_PER_MM,
            top: p.margin_top_mm * PT_PER_MM,
            bottom: p.margin_bottom_mm * PT_PER_MM,
        }
    }

    pub fn width(&self) -> f32 {
        (PAGE_W - self.left - self.right).max(36.0)
    }

    fn limit(&self) -> f32 {
        (PAGE_H - self.bottom).max(self.top + 36.0)
    }
}

/// The top of a text line box is 0.8 em above the baseline, the bottom 0.2 em below it, as
/// in Typst's reference (`top-edge: 0.8em, bottom-edge: -0.2em`).
const ASC: f32 = 0.8;
const DESC: f32 = 0.2;
const EPS: f32 = 0.01;

struct Pager<'a> {
    g: &'a Geometry,
    pages: Vec<Page>,
    /// Bottom edge of the last thing on the current page; `None` at the page top.
    cursor: Option<f32>,
    size: f32,
    pitch: f32,
}

impl Pager<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.cursor = None;
    }

    /// A new page unless this one is still empty.
    fn page_break(&mut self) {
        let used = self.cursor.is_some() || !self.page().lines.is_empty();
        if used {
            self.new_page();
        }
    }

    /// A page of its own: the groups at the top, at a third and two thirds of the text
    /// height, and ending at the foot; what follows starts on a new page.
    fn title_page(&mut self, groups: &[Vec<Line>; 4]) {
        self.page_break();
        let (top, limit) = (self.g.top, self.g.limit());
        let height = limit - top;
        let block = |lines: &[Line]| -> f32 { lines.iter().map(|l| l.size * 1.3).sum::<f32>() };
        let starts = [
            top,
            top + height / 3.0,
            top + height * 2.0 / 3.0,
            limit - block(&groups[3]),
        ];
        let x = self.g.left;
        for (lines, start) in groups.iter().zip(starts) {
            let mut y = start;
            for l in lines {
                y += l.size * (ASC + 0.3);
                self.page().lines.push(Placed {
                    x,
                    y,
                    line: l.clone(),
                });
                y += l.size * (DESC + 0.2);
            }
        }
        self.cursor = Some(limit);
    }

    fn first_baseline(&self) -> f32 {
        match self.cursor {
            None => self.g.top + ASC * self.size,
            Some(c) => c + (self.pitch - self.size) + ASC * self.size,
        }
    }

    /// How many body lines still fit on this page.
    fn room(&self) -> usize {
        let first = self.first_baseline();
        let limit = self.g.limit() - DESC * self.size + EPS;
        if first > limit {
            0
        } else {
            (((limit - first) / self.pitch) as usize).saturating_add(1)
        }
    }

    fn place_lines(&mut self, lines: &[Line]) {
        let mut y = self.first_baseline();
        let x0 = self.g.left;
        for l in lines {
            self.page().lines.push(Placed {
                x: x0,
                y,
                line: l.clone(),
            });
            y += self.pitch;
        }
        if !lines.is_empty() {
            self.cursor = Some(y - self.pitch + DESC * self.size);
        }
    }

    fn lines(&mut self, lines: &[Line], need_after: usize) {
        let mut rest = lines;
        while !rest.is_empty() {
            let room = self.room();
            let n = rest.len();
            let mut take = room.min(n);
            if take == n && need_after > 0 && self.cursor.is_some() && room < n + need_after {
                // A heading must not end a page: move it with the start of what follows.
                self.new_page();
                continue;
            }
            if take < n {
                // Leave at least two lines on each side of the page break; if the page
                // cannot, move the whole paragraph on (Typst does the same).
                if n - take == 1 {
                    take = take.saturating_sub(1);
                }
                if take == 1 {
                    take = 0;
                }
            }
            if take == 0 {
                if self.cursor.is_none() {
                    // Even an empty page cannot hold two lines: place one to progress.
                    take = 1;
                } else {
                    self.new_page();
                    continue;
                }
            }
            self.place_lines(&rest[..take]);
            rest = &rest[take..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
    }

    fn table(&mut self, t: &TableFlow) {
        let (ts, tp) = (t.size, t.pitch);
        let x0 = self.g.left;
        let mut xs = [x0; 4];
        for c in 0..3 {
            xs[c + 1] = xs[c] + t.cols[c];
        }
        let slice_h = |k: usize| 2.0 * CELL_INSET_Y + ts + t.pad + (k.max(1) - 1) as f32 * tp;
        let header_n = t.header.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let top_of_table = |cursor: Option<f32>, g: &Geometry| match cursor {
            None => g.top,
            Some(c) => c + (self.pitch - self.size),
        };
        let limit = self.g.limit() + EPS;
        let fits = |y: f32| -> usize {
            let free = limit - y - 2.0 * CELL_INSET_Y - ts - t.pad;
            if free < 0.0 {
                0
            } else {
                ((free / tp) as usize).saturating_add(1)
            }
        };
        let mut y = top_of_table(self.cursor, self.g);
        let first_need = t.rows.first().map(row_len).unwrap_or(1).min(2);
        if self.cursor.is_some() && fits(y + slice_h(header_n)) < first_need {
            self.new_page();
            y = self.g.top;
        }
        y = self.slice(&t.header, 0, header_n, y, &xs, (ts, tp, t.pad));
        let mut fresh = true;
        for (ri, row) in t.rows.iter().enumerate() {
            let n = row_len(row);
            let mut s = 0;
            while s < n {
                let room = fits(y);
                let r = n - s;
                let mut take = room.min(r);
                if take < r && !fresh {
                    if r - take == 1 {
                        take = take.saturating_sub(1);
                    }
                    if take == 1 {
                        take = 0;
                    }
                }
                if take == 0 {
                    if fresh {
                        take = 1;
                    } else {
                        self.new_page();
                        y = self.slice(&t.header, 0, header_n, self.g.top, &xs, (ts, tp, t.pad));
                        fresh = true;
                        continue;
                    }
                }
                y = match t.continued.get(ri) {
                    // On the page it goes on to, a row shows its number and its label marked
                    // as continued beside the rest of its text.
                    Some([num, label]) if s > 0 => {
                        let rest = part(&row[2], s, s + take);
                        self.slice_cells([num, label, rest], y, &xs, (ts, tp, t.pad))
                    }
                    _ => self.slice(row, s, s + take, y, &xs, (ts, tp, t.pad)),
                };
                fresh = false;
                s += take;
                // A row is split only at a page break: the widow rule may leave room for
                // the rest, which must not become a second framed row on the same page.
                if s < n {
                    self.new_page();
                    y = self.slice(&t.header, 0, header_n, self.g.top, &xs, (ts, tp, t.pad));
                    fresh = true;
                }
            }
        }
        self.cursor = Some(y);
    }

    /// Draw lines `from..to` of every cell as one framed slice at `y`; returns its bottom.
    /// `metrics`: the table's size, pitch and bottom pad.
    fn slice(
        &mut self,
        cells: &[Vec<Line>; 3],
        from: usize,
        to: usize,
        y: f32,
        xs: &[f32; 4],
        metrics: (f32, f32, f32),
    ) -> f32 {
        let parts = [0, 1, 2].map(|c| part(&cells[c], from, to));
        self.slice_cells(parts, y, xs, metrics)
    }

    /// Draw the given lines of each cell as one framed slice at `y`, as tall as the longest;
    /// returns its bottom.
    fn slice_cells(
        &mut self,
        cells: [&[Line]; 3],
        y: f32,
        xs: &[f32; 4],
        (ts, tp, pad): (f32, f32, f32),
    ) -> f32 {
        let k = cells.iter().map(|c| c.len()).max().unwrap_or(0);
        let h = 2.0 * CELL_INSET_Y + ts + pad + (k.max(1) - 1) as f32 * tp;
        let page = self.page();
        for (c, cell) in cells.iter().enumerate() {
            for (i, line) in cell.iter().enumerate() {
                page.lines.push(Placed {
                    x: xs[c] + CELL_INSET_X,
                    y: y + CELL_INSET_Y + ASC * ts + i as f32 * tp,
                    line: line.clone(),
                });
            }
        }
        page.rules.push([xs[0], y, xs[3], y]);
        page.rules.push([xs[0], y + h, xs[3], y + h]);
        for x in xs {
            page.rules.push([*x, y, *x, y + h]);
        }
        y + h
    }
}

/// Lines `from..to` of a cell, as many as it has.
fn part(cell: &[Line], from: usize, to: usize) -> &[Line] {
    &cell[from.min(cell.len())..to.min(cell.len())]
}

fn row_len(row: &[Vec<Line>; 3]) -> usize {
    row.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

pub fn paginate(flow: &[Flow], g: &Geometry, p: &Profile) -> Vec<Page> {
    let mut pager = Pager {
        g,
        pages: vec![Page::default()],
        cursor: None,
        size: p.font_size_pt,
        pitch: p.line_pitch_pt.max(p.font_size_pt * 0.5),
    };
    for (i, item) in flow.iter().enumerate() {
        match item {
            Flow::Lines {
                lines,
                keep_with_next,
                space_before,
            } => {
                if let Some(c) = pager.cursor.as_mut() {
                    *c += space_before;
                }
                let need_after = if *keep_with_next {
                    match flow.get(i + 1) {
                        Some(Flow::Lines { lines, .. }) => lines.len().min(2),
                        Some(Flow::Table(_)) => 3,
                        Some(Flow::PageBreak | Flow::TitlePage(_)) | None => 0,
                    }
                } else {
                    0
                };
                pager.lines(lines, need_after)
            }
            Flow::Table(t) => pager.table(t),
            Flow::PageBreak => pager.page_break(),
            Flow::TitlePage(groups) => pager.title_page(groups),
        }
    }
    pager.pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(tag: &str, n: usize) -> Vec<Line> {
        (0..n)
            .map(|i| Line {
                size: 14.0,
                outline: Some((9, format!("{tag}{i}"))),
                ..Line::default()
            })
            .collect()
    }

    fn tags_of(placed: &Placed) -> String {
        placed
            .line
            .outline
            .as_ref()
            .map(|o| o.1.clone())
            .unwrap_or_default()
    }

    fn tags(page: &Page) -> Vec<String> {
        page.lines
            .iter()
            .filter_map(|p| p.line.outline.as_ref().map(|o| o.1.clone()))
            .collect()
    }

    /// The criteria table's three columns on a gost page, 14 pt on a 24.15 pt pitch, with
    /// header «h0» and the given rows.
    fn table_of(g: &Geometry, rows: Vec<[Vec<Line>; 3]>) -> TableFlow {
        TableFlow {
            cols: [34.0, 127.0, g.width() - 161.0],
            size: 14.0,
            pitch: 24.15,
            header: [lines("h", 1), vec![], vec![]],
            rows,
            continued: Vec::new(),
            pad: 0.0,
        }
    }

    fn para(tag: &str, n: usize) -> Flow {
        Flow::Lines {
            lines: lines(tag, n),
            keep_with_next: false,
            space_before: 0.0,
        }
    }

    /// gost: 257 mm of text height at 24.15 pt holds 30 lines.
    const PER_PAGE: usize = 30;

    #[test]
    fn a_page_holds_thirty_gost_lines_and_nothing_is_lost_or_doubled() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        let flow: Vec<Flow> = (0..20).map(|i| para(&format!("p{i}-"), 7)).collect();
        let pages = paginate(&flow, &g, &p);
        let all: Vec<String> = pages.iter().flat_map(tags).collect();
        let expected: Vec<String> = (0..20)
            .flat_map(|i| (0..7).map(move |k| format!("p{i}-{k}")))
            .collect();
        assert_eq!(all, expected);
        let first = pages[0].lines.first().map(|l| l.y).unwrap_or_default();
        assert!((first - (g.top + 0.8 * 14.0)).abs() < 1e-3);
        for page in &pages {
            assert!(page.lines.len() <= PER_PAGE);
            for l in &page.lines {
                assert!(
                    l.y + 0.2 * 14.0 <= PAGE_H - g.bottom + 0.02,
                    "line below the margin"
                );
            }
        }
    }

    #[test]
    fn no_orphan_or_widow_where_avoidable() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        // 28 lines leave room for 2: a 3-line paragraph would leave a widow, so it moves.
        let pages = paginate(&[para("a", 28), para("b", 3)], &g, &p);
        assert_eq!(tags(&pages[1]), vec!["b0", "b1", "b2"]);
        // 29 lines leave room for 1: a 5-line paragraph must not start with an orphan.
        let pages = paginate(&[para("a", 29), para("c", 5)], &g, &p);
        assert_eq!(tags(&pages[1]).len(), 5);
        // 25 lines leave 5: a 6-line paragraph splits 4 + 2, not 5 + 1.
        let pages = paginate(&[para("a", 25), para("d", 6)], &g, &p);
        assert_eq!(tags(&pages[1]), vec!["d4", "d5"]);
    }

    #[test]
    fn table_rows_split_between_lines_with_the_header_on_every_page() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        let t = table_of(
            &g,
            vec![
                [lines("n", 1), lines("l", 2), lines("x", 100)],
                [lines("m", 1), vec![], lines("y", 3)],
            ],
        );
        let pages = paginate(&[para("a", 5), Flow::Table(t)], &g, &p);
        assert!(pages.len() >= 4);
        let all: Vec<String> = pages.iter().flat_map(tags).collect();
        for k in 0..100 {
            assert_eq!(
                all.iter().filter(|t| **t == format!("x{k}")).count(),
                1,
                "x{k}"
            );
        }
        for page in &pages {
            assert_eq!(
                tags(page).iter().filter(|t| *t == "h0").count(),
                1,
                "header per page"
            );
            for l in &page.lines {
                assert!(l.y + 0.2 * 14.0 <= PAGE_H - g.bottom + 0.02);
            }
            for r in &page.rules {
                assert!(
                    r[1].max(r[3]) <= PAGE_H - g.bottom + 0.02,
                    "grid below the margin"
                );
            }
        }
        // The last row is whole on one page (3 lines, no widow).
        let last = pages
            .iter()
            .rev()
            .find(|p| tags(p).iter().any(|t| t == "y0"))
            .map(tags);
        let last = last.unwrap_or_default();
        assert!(last.contains(&"y2".to_string()) && last.contains(&"m0".to_string()));
    }

    /// A face whose descenders reach 0.28 em (PT Serif) keeps them off the rule under a
    /// cell's last line, split or not (issue 22, point 4).
    #[test]
    fn descenders_stay_clear_of_the_rule_below() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        let (size, deep) = (14.0, 0.28 * 14.0);
        let t = TableFlow {
            pad: (0.28 - 0.2) * size,
            ..table_of(
                &g,
                vec![
                    [lines("n", 1), lines("l", 2), lines("x", 45)],
                    [lines("m", 1), lines("k", 1), lines("y", 3)],
                ],
            )
        };
        for page in paginate(&[para("a", 7), Flow::Table(t)], &g, &p) {
            let rules: Vec<f32> = page
                .rules
                .iter()
                .filter(|r| r[1] == r[3])
                .map(|r| r[1])
                .collect();
            for l in page.lines.iter().filter(|l| !tags_of(l).starts_with('a')) {
                let below = rules
                    .iter()
                    .filter(|&&r| r > l.y)
                    .fold(f32::MAX, |a, &r| a.min(r));
                assert!(
                    below - (l.y + deep) >= 1.0,
                    "{}: {} pt to the rule",
                    tags_of(l),
                    below - l.y - deep
                );
            }
        }
    }

    /// A row that goes on to the next page shows its number and its label, marked as
    /// continued, beside the rest of its text there (issue 22, point 2).
    #[test]
    fn a_continued_row_repeats_its_number_and_label() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        let t = TableFlow {
            continued: vec![[lines("cn", 1), lines("cl", 3)]],
            ..table_of(&g, vec![[lines("n", 1), lines("l", 2), lines("x", 60)]])
        };
        let pages = paginate(&[Flow::Table(t)], &g, &p);
        assert!(pages.len() >= 3);
        for (i, page) in pages.iter().enumerate() {
            let tags = tags(page);
            let has = |t: &str| tags.iter().any(|x| x == t);
            if i == 0 {
                assert!(has("n0") && has("l1") && !has("cl0"), "{tags:?}");
            } else {
                assert!(has("cn0") && has("cl2") && !has("l0"), "page {i}: {tags:?}");
            }
        }
    }

    /// Wherever a long row falls, its parts are on different pages: a row split on one page
    /// drew a full-width rule through a criterion (issue 22, point 1).
    #[test]
    fn a_row_is_split_only_at_a_page_break() {
        let p = Profile::gost();
        let g = Geometry::new(&p);
        for before in 0..32 {
            for long in [3, 4, 5, 6, 7, 9, 13] {
                let t = table_of(&g, vec![[lines("n", 1), lines("l", 1), lines("x", long)]]);
                let pages = paginate(&[para("a", before), Flow::Table(t)], &g, &p);
                for page in &pages {
                    let parts = page
                        .lines
                        .iter()
                        .filter(|l| tags_of(l).starts_with('x'))
                        .count();
                    let first = page.lines.iter().position(|l| tags_of(l).starts_with('x'));
                    let last = page.lines.iter().rposition(|l| tags_of(l).starts_with('x'));
                    if let (Some(a), Some(b)) = (first, last) {
                        // the row's lines on a page are one run, drawn as one slice
                        assert_eq!(b - a + 1, parts, "before {before}, {long} lines");
                    }
                    // one slice of the row per page: its frame's top and bottom, the header's
                    let horizontal = page.rules.iter().filter(|r| r[1] == r[3]).count();
                    assert!(
                        horizontal <= 4,
                        "before {before}, {long} lines: {horizontal} rules"
                    );
                }
            }
        }
    }
}
