//! A small raster canvas for drawing the demo images: antialiased lines,
//! discs, rings and polygons, and Chinese text rasterized from the bundled
//! font with `ab_glyph` (also rotated, for seals and watermarks).
//!
//! Coordinates are pixels, x to the right and y downwards.

use ab_glyph::{point, Font, FontRef, Glyph, ScaleFont};
use image::{Rgb, RgbImage};

/// An RGB colour.
pub(crate) type Colour = [u8; 3];

/// A drawing surface with the font used for its text.
pub(crate) struct Canvas<'f> {
    image: RgbImage,
    font: &'f FontRef<'f>,
}

impl<'f> Canvas<'f> {
    /// A canvas of `width` × `height` filled with `background`.
    pub(crate) fn new(width: u32, height: u32, background: Colour, font: &'f FontRef<'f>) -> Self {
        Self {
            image: RgbImage::from_pixel(width, height, Rgb(background)),
            font,
        }
    }

    /// The finished image.
    pub(crate) fn into_image(self) -> RgbImage {
        self.image
    }

    /// Mixes `colour` into one pixel with coverage `alpha` (0–1); off-canvas pixels are ignored.
    pub(crate) fn blend(&mut self, x: i32, y: i32, colour: Colour, alpha: f32) {
        if x < 0 || y < 0 || alpha <= 0.0 {
            return;
        }
        let (x, y) = (x as u32, y as u32);
        if x >= self.image.width() || y >= self.image.height() {
            return;
        }
        let a = alpha.min(1.0);
        let pixel = self.image.get_pixel_mut(x, y);
        for (channel, &target) in pixel.0.iter_mut().zip(colour.iter()) {
            let mixed = f32::from(*channel) * (1.0 - a) + f32::from(target) * a;
            *channel = mixed.round().clamp(0.0, 255.0) as u8;
        }
    }

    /// Fills an axis-aligned rectangle.
    pub(crate) fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.fill_rect_alpha(x, y, w, h, colour, 1.0);
    }

    /// Fills an axis-aligned rectangle, partly transparent.
    pub(crate) fn fill_rect_alpha(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
        alpha: f32,
    ) {
        let (x0, y0) = (x.round() as i32, y.round() as i32);
        let (x1, y1) = ((x + w).round() as i32, (y + h).round() as i32);
        for py in y0..y1 {
            for px in x0..x1 {
                self.blend(px, py, colour, alpha);
            }
        }
    }

    /// Fills a rectangle with a vertical gradient from `top` to `bottom`.
    pub(crate) fn gradient_rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        top: Colour,
        bottom: Colour,
    ) {
        let (y0, y1) = (y.round() as i32, (y + h).round() as i32);
        let span = (y1 - y0).max(1) as f32;
        for py in y0..y1 {
            let t = (py - y0) as f32 / span;
            let colour = mix(top, bottom, t);
            self.fill_rect(x, py as f32, w, 1.0, colour);
        }
    }

    /// Outlines an axis-aligned rectangle with a border `t` pixels wide, drawn inside it.
    pub(crate) fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, t: f32, colour: Colour) {
        self.fill_rect(x, y, w, t, colour);
        self.fill_rect(x, y + h - t, w, t, colour);
        self.fill_rect(x, y, t, h, colour);
        self.fill_rect(x + w - t, y, t, h, colour);
    }

    /// An antialiased line `width` pixels wide with round ends.
    pub(crate) fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32, colour: Colour) {
        let half = width / 2.0;
        let (min_x, max_x) = (x0.min(x1) - half - 1.0, x0.max(x1) + half + 1.0);
        let (min_y, max_y) = (y0.min(y1) - half - 1.0, y0.max(y1) + half + 1.0);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let length_sq = (dx * dx + dy * dy).max(1e-6);
        for py in min_y.floor() as i32..=max_y.ceil() as i32 {
            for px in min_x.floor() as i32..=max_x.ceil() as i32 {
                let (cx, cy) = (px as f32 + 0.5, py as f32 + 0.5);
                let t = (((cx - x0) * dx + (cy - y0) * dy) / length_sq).clamp(0.0, 1.0);
                let (nx, ny) = (x0 + t * dx - cx, y0 + t * dy - cy);
                let distance = (nx * nx + ny * ny).sqrt();
                self.blend(px, py, colour, (half - distance + 0.5).clamp(0.0, 1.0));
            }
        }
    }

    /// A filled, antialiased circle.
    pub(crate) fn disc(&mut self, cx: f32, cy: f32, r: f32, colour: Colour) {
        self.ellipse(cx, cy, r, r, colour, 1.0);
    }

    /// A filled, antialiased ellipse, partly transparent.
    pub(crate) fn ellipse(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        colour: Colour,
        alpha: f32,
    ) {
        for py in (cy - ry - 1.0).floor() as i32..=(cy + ry + 1.0).ceil() as i32 {
            for px in (cx - rx - 1.0).floor() as i32..=(cx + rx + 1.0).ceil() as i32 {
                let (dx, dy) = ((px as f32 + 0.5 - cx) / rx, (py as f32 + 0.5 - cy) / ry);
                // Signed distance, approximately in pixels.
                let d = ((dx * dx + dy * dy).sqrt() - 1.0) * rx.min(ry);
                self.blend(px, py, colour, (0.5 - d).clamp(0.0, 1.0) * alpha);
            }
        }
    }

    /// A circle outline `width` pixels wide, partly transparent.
    pub(crate) fn ring(
        &mut self,
        cx: f32,
        cy: f32,
        r: f32,
        width: f32,
        colour: Colour,
        alpha: f32,
    ) {
        let outer = r + width;
        for py in (cy - outer - 1.0).floor() as i32..=(cy + outer + 1.0).ceil() as i32 {
            for px in (cx - outer - 1.0).floor() as i32..=(cx + outer + 1.0).ceil() as i32 {
                let (dx, dy) = (px as f32 + 0.5 - cx, py as f32 + 0.5 - cy);
                let d = ((dx * dx + dy * dy).sqrt() - r).abs();
                self.blend(
                    px,
                    py,
                    colour,
                    (width / 2.0 - d + 0.5).clamp(0.0, 1.0) * alpha,
                );
            }
        }
    }

    /// A filled polygon (even-odd rule), antialiased by 4×4 supersampling.
    pub(crate) fn polygon(&mut self, points: &[(f32, f32)], colour: Colour, alpha: f32) {
        if points.len() < 3 {
            return;
        }
        let min_x = points.iter().map(|p| p.0).fold(f32::MAX, f32::min).floor() as i32;
        let max_x = points.iter().map(|p| p.0).fold(f32::MIN, f32::max).ceil() as i32;
        let min_y = points.iter().map(|p| p.1).fold(f32::MAX, f32::min).floor() as i32;
        let max_y = points.iter().map(|p| p.1).fold(f32::MIN, f32::max).ceil() as i32;
        for py in min_y..=max_y {
            for px in min_x..=max_x {
                let mut inside = 0_u32;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let x = px as f32 + (sx as f32 + 0.5) / 4.0;
                        let y = py as f32 + (sy as f32 + 0.5) / 4.0;
                        if contains(points, x, y) {
                            inside += 1;
                        }
                    }
                }
                self.blend(px, py, colour, inside as f32 / 16.0 * alpha);
            }
        }
    }

    /// A five-pointed star centred on (`cx`, `cy`) with outer radius `r`.
    pub(crate) fn star(&mut self, cx: f32, cy: f32, r: f32, colour: Colour, alpha: f32) {
        let points: Vec<(f32, f32)> = (0..10)
            .map(|i| {
                let radius = if i % 2 == 0 { r } else { r * 0.382 };
                let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
                (cx + radius * angle.cos(), cy + radius * angle.sin())
            })
            .collect();
        // The even-odd rule would hollow out the centre of a self-crossing star; this outline does not cross.
        self.polygon(&points, colour, alpha);
    }

    fn glyph(&self, ch: char, px: f32, x: f32, baseline: f32) -> Glyph {
        self.font
            .glyph_id(ch)
            .with_scale_and_position(px, point(x, baseline))
    }

    /// Width of `text` at `px` pixels, with `spacing` extra pixels after each character.
    pub(crate) fn text_width(&self, text: &str, px: f32, spacing: f32) -> f32 {
        let scaled = self.font.as_scaled(px);
        let total: f32 = text
            .chars()
            .map(|ch| scaled.h_advance(self.font.glyph_id(ch)) + spacing)
            .sum();
        if text.is_empty() {
            0.0
        } else {
            total - spacing
        }
    }

    /// Draws `text` with its baseline at `baseline`, starting at `x`; returns the x after it.
    pub(crate) fn text(
        &mut self,
        x: f32,
        baseline: f32,
        px: f32,
        text: &str,
        colour: Colour,
    ) -> f32 {
        self.text_spaced(x, baseline, px, text, colour, 0.0, 1.0)
    }

    /// Draws `text` with `spacing` extra pixels between characters and opacity `alpha`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_spaced(
        &mut self,
        x: f32,
        baseline: f32,
        px: f32,
        text: &str,
        colour: Colour,
        spacing: f32,
        alpha: f32,
    ) -> f32 {
        let scaled = self.font.as_scaled(px);
        let mut pen = x;
        for ch in text.chars() {
            let glyph = self.glyph(ch, px, pen, baseline);
            pen += scaled.h_advance(glyph.id) + spacing;
            if let Some(outline) = self.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (ox, oy) = (bounds.min.x as i32, bounds.min.y as i32);
                let mut coverage = Vec::new();
                outline.draw(|gx, gy, c| coverage.push((ox + gx as i32, oy + gy as i32, c)));
                for (gx, gy, c) in coverage {
                    self.blend(gx, gy, colour, c * alpha);
                }
            }
        }
        pen
    }

    /// Draws `text` centred on `cx`.
    pub(crate) fn text_centered(
        &mut self,
        cx: f32,
        baseline: f32,
        px: f32,
        text: &str,
        colour: Colour,
    ) {
        let width = self.text_width(text, px, 0.0);
        self.text(cx - width / 2.0, baseline, px, text, colour);
    }

    /// Draws `text` rotated by `angle` radians (clockwise on screen) about its
    /// centre, which lands on (`cx`, `cy`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_rotated(
        &mut self,
        cx: f32,
        cy: f32,
        px: f32,
        text: &str,
        angle: f32,
        colour: Colour,
        alpha: f32,
    ) {
        // Rasterize upright into a coverage mask, then sample it rotated.
        let scaled = self.font.as_scaled(px);
        let width = self.text_width(text, px, 0.0).ceil().max(1.0) as usize + 2;
        let height = (scaled.ascent() - scaled.descent()).ceil().max(1.0) as usize + 2;
        let baseline = scaled.ascent() + 1.0;
        let mut mask = vec![0.0_f32; width * height];
        let mut pen = 1.0;
        for ch in text.chars() {
            let glyph = self.glyph(ch, px, pen, baseline);
            pen += scaled.h_advance(glyph.id);
            if let Some(outline) = self.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, c| {
                    let (mx, my) = (
                        bounds.min.x as i64 + i64::from(gx),
                        bounds.min.y as i64 + i64::from(gy),
                    );
                    if mx >= 0 && my >= 0 && (mx as usize) < width && (my as usize) < height {
                        let slot = &mut mask[my as usize * width + mx as usize];
                        *slot = (*slot + c).min(1.0);
                    }
                });
            }
        }
        let sample = |x: f32, y: f32| -> f32 {
            let (x0, y0) = (x.floor(), y.floor());
            let (fx, fy) = (x - x0, y - y0);
            let at = |ix: f32, iy: f32| -> f32 {
                if ix < 0.0 || iy < 0.0 || ix >= width as f32 || iy >= height as f32 {
                    0.0
                } else {
                    mask[iy as usize * width + ix as usize]
                }
            };
            at(x0, y0) * (1.0 - fx) * (1.0 - fy)
                + at(x0 + 1.0, y0) * fx * (1.0 - fy)
                + at(x0, y0 + 1.0) * (1.0 - fx) * fy
                + at(x0 + 1.0, y0 + 1.0) * fx * fy
        };
        let (sin, cos) = angle.sin_cos();
        let (mcx, mcy) = (width as f32 / 2.0, height as f32 / 2.0);
        let reach = (mcx * mcx + mcy * mcy).sqrt() + 1.0;
        for py in (cy - reach).floor() as i32..=(cy + reach).ceil() as i32 {
            for px_ in (cx - reach).floor() as i32..=(cx + reach).ceil() as i32 {
                let (dx, dy) = (px_ as f32 + 0.5 - cx, py as f32 + 0.5 - cy);
                // Inverse rotation back into the upright mask.
                let (sx, sy) = (
                    dx * cos + dy * sin + mcx - 0.5,
                    -dx * sin + dy * cos + mcy - 0.5,
                );
                let c = sample(sx, sy);
                if c > 0.0 {
                    self.blend(px_, py, colour, c * alpha);
                }
            }
        }
    }

    /// Draws `text` along the upper arc of a circle, as on a round seal:
    /// characters spread from `start` to `end` (radians, screen angles,
    /// clockwise from 3 o'clock), tops facing outwards.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_on_arc(
        &mut self,
        cx: f32,
        cy: f32,
        radius: f32,
        px: f32,
        text: &str,
        start: f32,
        end: f32,
        colour: Colour,
        alpha: f32,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let steps = chars.len().saturating_sub(1).max(1) as f32;
        for (i, ch) in chars.iter().enumerate() {
            let theta = start + (end - start) * i as f32 / steps;
            let (x, y) = (cx + radius * theta.cos(), cy + radius * theta.sin());
            self.text_rotated(
                x,
                y,
                px,
                &ch.to_string(),
                theta + std::f32::consts::FRAC_PI_2,
                colour,
                alpha,
            );
        }
    }

    /// Breaks `text` into lines no wider than `max_width` at `px` (any
    /// character may break; closing punctuation stays on its line).
    pub(crate) fn wrap(&self, text: &str, px: f32, max_width: f32) -> Vec<String> {
        let scaled = self.font.as_scaled(px);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut width = 0.0;
        for ch in text.chars() {
            let advance = scaled.h_advance(self.font.glyph_id(ch));
            let hangs = matches!(ch, '，' | '。' | '、' | '；' | '：' | '）' | '”');
            if width + advance > max_width && !line.is_empty() && !hangs {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(ch);
            width += advance;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Linear mix of two colours, `t` = 0 gives `a`.
pub(crate) fn mix(a: Colour, b: Colour, t: f32) -> Colour {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

/// Even-odd point-in-polygon test.
fn contains(points: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let (xi, yi) = points[i];
        let (xj, yj) = points[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}
