//! Badges: the volumes or disks (purple) and floating or public IPs (orange) drawn as small
//! labels under their instance, or in the list of those attached to nothing.

use std::fmt::Write as _;

use super::graph::{Graph, Kind, Node};
use super::layout::BOX_W;
use super::svg::{fit, text_at, text_width, title, INK, MUTED};

pub(super) const BADGE_H: i32 = 16;
/// Lines of badges under a box, at most.
const BADGE_LINES: i32 = 2;
/// Width of the `+n` badge that stands for the badges that do not fit.
pub(super) const MORE_W: i32 = 30;

pub(super) const VOLUME_FILL: &str = "#ede9fe";
pub(super) const VOLUME_STROKE: &str = "#6d28d9";
pub(super) const IP_FILL: &str = "#ffedd5";
pub(super) const IP_STROKE: &str = "#c2410c";

/// A volume or an IP as drawn: its kind, its text and its tooltip.
#[derive(Clone)]
pub(super) struct Badge {
    pub(super) kind: Kind,
    pub(super) text: String,
    pub(super) tip: String,
}

/// What a badge says: an IP's address, a volume's name and size.
pub(super) fn badge_text(node: &Node) -> String {
    match node.kind {
        Kind::Volume if !node.detail.is_empty() => format!("{} · {}", node.name, node.detail),
        _ => node.name.clone(),
    }
}

/// A badge's tooltip: what it is, its name, ID, size and state.
pub(super) fn badge_tip(graph: &Graph, node: &Node) -> String {
    let word = match node.kind {
        Kind::Volume => graph.volume_word,
        _ => graph.ip_word,
    };
    let mut tip = format!("{word} {} (ID {})", node.name, node.id);
    if !node.detail.is_empty() && node.kind == Kind::Volume {
        let _ = write!(tip, ", {}", node.detail);
    }
    if !node.state.is_empty() {
        let _ = write!(tip, ", {}", node.state);
    }
    tip
}

/// Where the badges under a box go: up to [`BADGE_LINES`] lines of `width`, then a `+n`
/// badge for the rest.
pub(super) struct BadgePlan {
    /// (badge, x, line, width, text shown).
    pub(super) placed: Vec<(usize, i32, i32, i32, String)>,
    /// (x, line, how many) of the `+n` badge, if some do not fit.
    pub(super) more: Option<(i32, i32, usize)>,
    pub(super) lines: i32,
}

pub(super) fn place_badges(badges: &[Badge], width: i32) -> BadgePlan {
    let widths: Vec<i32> = badges
        .iter()
        .map(|b| (text_width(&b.text, 10.0, false) as i32 + 22).min(width))
        .collect();
    let mut placed = Vec::new();
    let (mut x, mut line, mut k) = (0, 0, 0);
    while k < badges.len() {
        let w = widths[k];
        if line == BADGE_LINES - 1 {
            // On the last line, keep room for `+n` unless everything left fits.
            let rest: i32 = widths[k..].iter().map(|w| w + 4).sum::<i32>() - 4;
            let reserve = if x + rest <= width { 0 } else { MORE_W + 4 };
            if x + w + reserve > width {
                let room = width - x - reserve;
                if room >= 64 {
                    let text = fit(&badges[k].text, (room - 22) as f32, 10.0, false);
                    placed.push((k, x, line, room, text));
                    x += room + 4;
                    k += 1;
                }
                break;
            }
        } else if x > 0 && x + w > width {
            line += 1;
            x = 0;
            continue;
        }
        let text = if w < widths[k] || w == width {
            fit(&badges[k].text, (w - 22) as f32, 10.0, false)
        } else {
            badges[k].text.clone()
        };
        placed.push((k, x, line, w, text));
        x += w + 4;
        k += 1;
    }
    let more = (k < badges.len()).then_some((x, line, badges.len() - k));
    let lines = if badges.is_empty() { 0 } else { line + 1 };
    BadgePlan {
        placed,
        more,
        lines,
    }
}

/// The badges under an instance's box.
pub(super) fn badge_rows(out: &mut String, x: i32, y: i32, badges: &[Badge]) {
    let plan = place_badges(badges, BOX_W);
    for (k, dx, line, w, text) in &plan.placed {
        draw_badge(out, x + dx, y + line * (BADGE_H + 4), *w, &badges[*k], text);
    }
    if let Some((dx, line, count)) = plan.more {
        let by = y + line * (BADGE_H + 4);
        out.push_str("<g>");
        let hidden: Vec<&str> = badges[badges.len() - count..]
            .iter()
            .map(|b| b.tip.as_str())
            .collect();
        title(out, &hidden.join("\n"));
        let _ = write!(
            out,
            r##"<rect x="{}" y="{by}" width="{MORE_W}" height="{BADGE_H}" rx="3" fill="#f3f4f6" stroke="#9ca3af"/>"##,
            x + dx
        );
        text_at(
            out,
            x + dx + 6,
            by + 12,
            &format!("+{count}"),
            r#"font-size="10""#,
            MUTED,
        );
        out.push_str("</g>");
    }
}

/// One badge of width `w` at (`x`, `y`), showing `text` (its text, cut to fit).
pub(super) fn draw_badge(out: &mut String, x: i32, y: i32, w: i32, badge: &Badge, text: &str) {
    let (fill, stroke) = match badge.kind {
        Kind::Volume => (VOLUME_FILL, VOLUME_STROKE),
        _ => (IP_FILL, IP_STROKE),
    };
    out.push_str("<g>");
    title(out, &badge.tip);
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="{w}" height="{BADGE_H}" rx="3" fill="{fill}" stroke="{stroke}"/>"#
    );
    // A disk for volumes, a dot for addresses.
    match badge.kind {
        Kind::Volume => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="8" height="9" rx="2" fill="{stroke}"/>"#,
                x + 5,
                y + 4
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="4" fill="{stroke}"/>"#,
                x + 9,
                y + 8
            );
        }
    }
    text_at(out, x + 17, y + 12, text, r#"font-size="10""#, INK);
    out.push_str("</g>");
}
