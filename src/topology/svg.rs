//! SVG text primitives: escaping, `<text>` and `<title>` elements, a small square marker,
//! and how wide text is drawn, with cutting it to fit.

use std::fmt::Write as _;

/// The font stack of the whole picture.
const FONT: &str = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";
/// Text colour.
pub(super) const INK: &str = "#1f2937";
/// Colour of secondary text.
pub(super) const MUTED: &str = "#6b7280";

/// Writes a `<text>` element; `content` is escaped.
pub(super) fn text_at(out: &mut String, x: i32, y: i32, content: &str, attrs: &str, fill: &str) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" {attrs} fill="{fill}">{}</text>"#,
        escape(content)
    );
}

/// Writes a `<title>` (a tooltip); `content` is escaped.
pub(super) fn title(out: &mut String, content: &str) {
    let _ = write!(out, "<title>{}</title>", escape(content));
}

/// Text made safe for XML character data and attribute values: markup characters become
/// entities, and characters XML 1.0 forbids (most control characters, lone surrogates cannot
/// occur in a `str`, U+FFFE, U+FFFF) become U+FFFD.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Roughly how wide text is, in pixels: fonts differ, so this errs wide.
pub(super) fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    let per_em = if bold { 0.68 } else { 0.62 };
    s.chars().map(char_ems).sum::<f32>() * size * per_em
}

/// How many average characters wide `c` is: about two for wide scripts and emoji.
fn char_ems(c: char) -> f32 {
    match c as u32 {
        // CJK, Hangul, full-width forms and emoji take about two columns.
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 1.8,
        _ => 1.0,
    }
}

/// `s` on one line, cut with an ellipsis to fit `max` pixels.
pub(super) fn fit(s: &str, max: f32, size: f32, bold: bool) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if text_width(&one_line, size, bold) <= max {
        return one_line;
    }
    let budget = max - text_width("…", size, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in one_line.chars() {
        let w = char_ems(c) * size * if bold { 0.68 } else { 0.62 };
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A small square in `color`, in front of a label.
pub(super) fn marker(out: &mut String, x: i32, y: i32, color: &str) {
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="8" height="8" rx="1" fill="{color}"/>"#
    );
}

/// The standalone SVG document: `width` by `height` on white, titled `name`, with `layers`
/// drawn in order, each over the ones before.
pub(super) fn document(name: &str, width: i32, height: i32, layers: &[&str]) -> String {
    let mut svg = String::with_capacity(layers.iter().map(|l| l.len()).sum::<usize>() + 512);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="10">"#
    );
    svg.push('\n');
    title(&mut svg, name);
    let _ = write!(
        svg,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    svg.push('\n');
    for layer in layers {
        svg.push_str(layer);
        svg.push('\n');
    }
    svg.push_str("</svg>\n");
    svg
}
