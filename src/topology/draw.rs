//! Writing a laid-out graph as SVG: subnet chips, the volumes and IPs attached to nothing,
//! routers, bands and instances, each in its layer, under the title block.

use std::fmt::Write as _;

use super::badges::{badge_rows, draw_badge};
use super::graph::Graph;
use super::head::head;
use super::layout::{
    flow, Band, InstanceView, Picture, RouterSlot, RouterView, BAND_GAP, BOX_H, BOX_W, CHIP_ROW,
    HEADER_H, MARGIN, ROUTER_LANE, ROUTER_W, TITLE_H,
};
use super::svg::{document, fit, marker, text_at, text_width, title, INK, MUTED};

const CHIP_H: i32 = 18;
pub(super) const ROUTER_FILL: &str = "#fef3c7";
pub(super) const ROUTER_STROKE: &str = "#b45309";

/// The SVG being written, in three layers so that lines pass under boxes and headers.
#[derive(Default)]
struct Layers {
    back: String,
    wires: String,
    front: String,
}

/// Lays the graph out and writes it as a standalone SVG document.
///
/// Pure and deterministic: the same graph gives the same text.
pub(super) fn draw(graph: &Graph) -> String {
    let picture = Picture::new(graph);
    let mut out = Layers::default();
    for band in &picture.bands {
        draw_chips(&mut out.front, band);
    }
    let mut y = picture.y;
    if !picture.loose.is_empty() {
        y = draw_loose(&mut out.front, &picture, y);
    }
    if picture.instances.is_empty() && picture.bands.is_empty() && picture.loose.is_empty() {
        text_at(
            &mut out.front,
            picture.x0,
            y + 12,
            "Nothing in this account yet.",
            r#"font-size="12""#,
            MUTED,
        );
        y += 24;
    }
    for (lane, slot) in picture.router_slots.iter().enumerate() {
        let view = &picture.routers[slot.router];
        router_wires(&mut out, &picture, view, lane, slot.top);
        router_box(&mut out.front, &picture.bands, view, slot);
    }
    for band in &picture.bands {
        band_header(&mut out, &picture, band);
        band_trunk(&mut out.wires, &picture, band);
    }
    for view in &picture.instances {
        instance_wires(&mut out, &picture.bands, view);
        instance_box(&mut out.front, &picture.bands, view);
    }

    let (head, legend_w) = head(graph);
    let width = (picture.x0 + picture.content_w + MARGIN).max(MARGIN + legend_w + MARGIN);
    let height = (y - BAND_GAP + MARGIN)
        .max(picture.routers_bottom() + MARGIN)
        .max(MARGIN + TITLE_H + 20);
    document(
        &graph.title,
        width,
        height,
        &[&head, &out.back, &out.wires, &out.front],
    )
}

/// Draws a band's subnets as chips under its header.
fn draw_chips(out: &mut String, band: &Band<'_>) {
    for chip in &band.chips {
        let (cx, cy, w) = (chip.x, chip.y, chip.w);
        let _ = write!(
            out,
            r##"<rect x="{cx}" y="{cy}" width="{w}" height="{CHIP_H}" rx="9" fill="#ffffff" stroke="{}" stroke-width="1"/>"##,
            band.color
        );
        text_at(out, cx + 8, cy + 13, &chip.text, r#"font-size="10""#, INK);
    }
}

/// Draws the volumes and IPs attached to no instance, under a heading at `y`; returns the
/// `y` below them.
fn draw_loose(out: &mut String, picture: &Picture<'_>, y: i32) -> i32 {
    let x0 = picture.x0;
    text_at(
        out,
        x0,
        y + 12,
        "Not attached to any instance",
        r#"font-size="12" font-weight="bold""#,
        INK,
    );
    let sized: Vec<(String, i32)> = picture
        .loose
        .iter()
        .map(|b| {
            let text = fit(&b.text, 240.0, 10.0, false);
            let w = text_width(&text, 10.0, false) as i32 + 22;
            (text, w)
        })
        .collect();
    let (rows, placed) = flow(&sized, picture.content_w);
    for ((badge, (text, w)), (dx, row)) in picture.loose.iter().zip(&sized).zip(&placed) {
        draw_badge(out, x0 + dx, y + 22 + row * CHIP_ROW, *w, badge, text);
    }
    y + 22 + rows * CHIP_ROW + 4
}

/// Draws the lines from a router's box, down its lane in the gutter, to each network it
/// joins, with a dot where each meets the network's header.
fn router_wires(
    out: &mut Layers,
    picture: &Picture<'_>,
    view: &RouterView<'_>,
    lane: usize,
    top: i32,
) {
    let x0 = picture.x0;
    let lane_x = MARGIN + ROUTER_W + 14 + lane as i32 * ROUTER_LANE;
    let cy = top + 15;
    let mut lo = cy;
    let mut hi = cy;
    for (b, _) in &view.links {
        let hy = picture.bands[*b].top + HEADER_H / 2;
        lo = lo.min(hy);
        hi = hi.max(hy);
        let _ = write!(
            out.wires,
            r#"<line x1="{lane_x}" y1="{hy}" x2="{x0}" y2="{hy}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
        );
        let _ = write!(
            out.front,
            r#"<circle cx="{x0}" cy="{hy}" r="3.5" fill="{ROUTER_STROKE}"/>"#
        );
    }
    let right = MARGIN + ROUTER_W;
    let _ = write!(
        out.wires,
        r#"<line x1="{right}" y1="{cy}" x2="{lane_x}" y2="{cy}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/><line x1="{lane_x}" y1="{lo}" x2="{lane_x}" y2="{hi}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
    );
}

/// Draws a router's box: its name and, for up to six networks, its addresses there (or the
/// network's name), with a tooltip listing them all.
fn router_box(out: &mut String, bands: &[Band<'_>], view: &RouterView<'_>, slot: &RouterSlot) {
    let (top, height) = (slot.top, slot.height);
    let mut tip = format!("router {}\nID {}", view.node.name, view.node.id);
    if !view.node.state.is_empty() {
        let _ = write!(tip, "\nstatus {}", view.node.state);
    }
    for (b, labels) in &view.links {
        let _ = write!(tip, "\n{}: {}", bands[*b].name, labels.join(", "));
    }
    out.push_str("<g>");
    title(out, &tip);
    let _ = write!(
        out,
        r#"<rect x="{MARGIN}" y="{top}" width="{ROUTER_W}" height="{height}" rx="6" fill="{ROUTER_FILL}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
    );
    let name = fit(&view.node.name, (ROUTER_W - 16) as f32, 12.0, true);
    text_at(
        out,
        MARGIN + 8,
        top + 18,
        &name,
        r#"font-size="12" font-weight="bold""#,
        INK,
    );
    for (k, (b, labels)) in view.links.iter().take(6).enumerate() {
        let ly = top + 34 + 14 * k as i32;
        let text = if labels.is_empty() {
            bands[*b].name.clone()
        } else {
            labels.join(", ")
        };
        marker(out, MARGIN + 8, ly - 8, bands[*b].color);
        let text = fit(&text, (ROUTER_W - 30) as f32, 10.0, false);
        text_at(out, MARGIN + 20, ly, &text, r#"font-size="10""#, INK);
    }
    if view.links.len() > 6 {
        let ly = top + 34 + 14 * 6;
        let more = format!("+{} more", view.links.len() - 6);
        text_at(out, MARGIN + 20, ly, &more, r#"font-size="10""#, MUTED);
    }
    out.push_str("</g>");
}

/// Draws a band's tinted background and its header: the network's name on the left, its
/// detail and how many instances use it on the right.
fn band_header(out: &mut Layers, picture: &Picture<'_>, band: &Band<'_>) {
    let (x0, content_w) = (picture.x0, picture.content_w);
    let h = band.bottom - band.top;
    let _ = write!(
        out.back,
        r#"<rect x="{x0}" y="{}" width="{content_w}" height="{h}" rx="6" fill="{}" fill-opacity="0.06" stroke="{}" stroke-opacity="0.25"/>"#,
        band.top, band.color, band.color
    );
    let _ = write!(
        out.front,
        r#"<rect x="{x0}" y="{}" width="{content_w}" height="{HEADER_H}" rx="6" fill="{}"/>"#,
        band.top, band.color
    );
    let mut right = band.detail.clone();
    let count = match band.attached {
        1 => "1 instance".to_owned(),
        n => format!("{n} instances"),
    };
    if right.is_empty() {
        right = count;
    } else {
        right = format!("{right} · {count}");
    }
    let right = fit(&right, (content_w / 2 - 12) as f32, 11.0, false);
    let right_w = text_width(&right, 11.0, false) as i32;
    let name_room = (content_w - right_w - 36).max(60) as f32;
    let name = fit(&band.name, name_room, 13.0, true);
    text_at(
        &mut out.front,
        x0 + 10,
        band.top + 20,
        &name,
        r#"font-size="13" font-weight="bold""#,
        "#ffffff",
    );
    text_at(
        &mut out.front,
        x0 + content_w - 10,
        band.top + 20,
        &right,
        r#"font-size="11" text-anchor="end""#,
        "#ffffff",
    );
}

/// Draws a band's trunk: a line down its left edge, one along each row of boxes, and one
/// down to each box.
fn band_trunk(out: &mut String, picture: &Picture<'_>, band: &Band<'_>) {
    let instances = &picture.instances;
    let Some(&last) = band.members.last() else {
        return;
    };
    let trunk = picture.x0 + 9;
    let last_row_y = instances[last].y - 8;
    let _ = write!(
        out,
        r#"<line x1="{trunk}" y1="{}" x2="{trunk}" y2="{last_row_y}" stroke="{}" stroke-width="2"/>"#,
        band.top + HEADER_H,
        band.color
    );
    for row in band.members.chunks(picture.columns as usize) {
        let ry = instances[row[0]].y - 8;
        let end = instances[row[row.len() - 1]].x + BOX_W / 2;
        let _ = write!(
            out,
            r#"<line x1="{trunk}" y1="{ry}" x2="{end}" y2="{ry}" stroke="{}" stroke-width="2"/>"#,
            band.color
        );
        for &v in row {
            let cx = instances[v].x + BOX_W / 2;
            let _ = write!(
                out,
                r#"<line x1="{cx}" y1="{ry}" x2="{cx}" y2="{}" stroke="{}" stroke-width="2"/>"#,
                instances[v].y, band.color
            );
        }
    }
}

/// Draws the lines from an instance's right edge, down the gap between boxes, to the header
/// of each network it is on besides its home.
fn instance_wires(out: &mut Layers, bands: &[Band<'_>], view: &InstanceView<'_>) {
    let (bx, by) = (view.x, view.y);
    for (b, _) in &view.links {
        if *b == view.home {
            continue;
        }
        let slot = (*b % 4) as i32;
        let lane_x = bx + BOX_W + 4 + slot * 4;
        let py = by + 14 + slot * 10;
        let target = &bands[*b];
        let ty = if target.top < by {
            target.top + HEADER_H
        } else {
            target.top
        };
        let _ = write!(
            out.wires,
            r#"<polyline points="{},{py} {lane_x},{py} {lane_x},{ty}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.8"/>"#,
            bx + BOX_W,
            target.color
        );
        let _ = write!(
            out.front,
            r#"<circle cx="{lane_x}" cy="{ty}" r="3" fill="{}"/><circle cx="{}" cy="{py}" r="2.5" fill="{}"/>"#,
            target.color,
            bx + BOX_W,
            target.color
        );
    }
}

/// Draws an instance's box: its name, status dot, detail and addresses on up to two private
/// networks, its badges underneath, and a tooltip with everything.
fn instance_box(out: &mut String, bands: &[Band<'_>], view: &InstanceView<'_>) {
    let (bx, by) = (view.x, view.y);
    let node = view.node;
    let mut tip = format!("instance {}\nID {}", node.name, node.id);
    if !node.detail.is_empty() {
        let _ = write!(tip, "\n{}", node.detail);
    }
    for (b, labels) in &view.links {
        let _ = write!(tip, "\n{}: {}", bands[*b].name, labels.join(", "));
    }
    for badge in &view.badges {
        let _ = write!(tip, "\n{}", badge.tip);
    }
    out.push_str("<g>");
    title(out, &tip);
    let _ = write!(
        out,
        r##"<rect x="{bx}" y="{by}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#ffffff" stroke="#94a3b8" stroke-width="1.2"/><circle cx="{}" cy="{}" r="4.5" fill="{}"/>"##,
        bx + BOX_W - 12,
        by + 13,
        state_color(&node.state)
    );
    let name = fit(&node.name, (BOX_W - 32) as f32, 12.0, true);
    text_at(
        out,
        bx + 8,
        by + 18,
        &name,
        r#"font-size="12" font-weight="bold""#,
        INK,
    );
    let detail = fit(&node.detail, (BOX_W - 16) as f32, 10.0, false);
    text_at(out, bx + 8, by + 32, &detail, r#"font-size="10""#, MUTED);
    let private: Vec<&(usize, Vec<String>)> = view
        .links
        .iter()
        .filter(|(b, _)| !bands[*b].external)
        .collect();
    for (k, (b, labels)) in private.iter().take(2).enumerate() {
        let ly = by + 46 + 13 * k as i32;
        let mut text = if labels.is_empty() {
            bands[*b].name.clone()
        } else {
            labels.join(", ")
        };
        if k == 1 && private.len() > 2 {
            text = format!("{text} (+{} more)", private.len() - 2);
        }
        marker(out, bx + 8, ly - 8, bands[*b].color);
        let text = fit(&text, (BOX_W - 28) as f32, 10.0, false);
        text_at(out, bx + 20, ly, &text, r#"font-size="10""#, INK);
    }
    badge_rows(out, bx, by + BOX_H + 6, &view.badges);
    out.push_str("</g>");
}

/// Colour of an instance's status dot.
fn state_color(state: &str) -> &'static str {
    let state = state.to_ascii_lowercase();
    if state.contains("error") || state.contains("fail") {
        "#dc2626"
    } else if ["active", "running", "ready", "attached", "available"].contains(&state.as_str()) {
        "#16a34a"
    } else if [
        "stopped",
        "shutoff",
        "terminated",
        "suspended",
        "paused",
        "",
    ]
    .contains(&state.as_str())
    {
        "#6b7280"
    } else {
        "#d97706"
    }
}
