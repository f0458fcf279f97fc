//! The demo round's image materials, drawn from code: a workshop photo
//! (JPEG, stored sideways with an EXIF Orientation tag), a business licence
//! scan and a machine-vision station photo (PNG).
//!
//! Every document-like image carries a visible "演示" (demo) mark and a
//! clearly fictional seal, so none can pass for a real certificate.

use ab_glyph::FontRef;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, RgbImage};

use crate::canvas::{mix, Canvas, Colour};
use crate::exif;
use crate::DemoError;

const INK: Colour = [30, 30, 34];
const SEAL_RED: Colour = [200, 30, 36];
const WHITE: Colour = [255, 255, 255];

/// JPEG quality for the workshop photo.
const JPEG_QUALITY: u8 = 85;

fn encode_png(image: &RgbImage) -> Result<Vec<u8>, DemoError> {
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )?;
    Ok(out)
}

/// `A01-workshop-photo.jpg`: an automotive-parts workshop, 960 × 640 when shown
/// upright. The pixels are stored rotated 90° counter-clockwise (640 × 960)
/// and the file says Orientation = 6, so a viewer that honours EXIF shows it
/// upright and one that ignores EXIF shows it lying on its side.
pub(crate) fn workshop_jpeg(font: &FontRef<'_>) -> Result<Vec<u8>, DemoError> {
    let upright = draw_workshop(font);
    let stored = image::imageops::rotate270(&upright);
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    encoder
        .set_exif_metadata(exif::orientation_block(
            exif::ORIENTATION_ROTATE_90_CW,
            "reviewdesk-demo-gen",
        ))
        .map_err(|e| DemoError::Image(image::ImageError::Unsupported(e)))?;
    encoder.write_image(
        stored.as_raw(),
        stored.width(),
        stored.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(out)
}

/// The upright workshop scene.
pub(crate) fn draw_workshop(font: &FontRef<'_>) -> RgbImage {
    let (w, h) = (960.0_f32, 640.0_f32);
    let horizon = 360.0;
    let mut c = Canvas::new(w as u32, h as u32, [200, 206, 212], font);

    // Back wall, ceiling trusses, windows.
    c.gradient_rect(0.0, 0.0, w, horizon, [214, 222, 230], [188, 196, 204]);
    c.fill_rect(0.0, 0.0, w, 34.0, [120, 128, 138]);
    for i in 0..13 {
        let x = i as f32 * 80.0;
        c.line(x, 34.0, x + 40.0, 0.0, 3.0, [96, 104, 114]);
        c.line(x + 40.0, 0.0, x + 80.0, 34.0, 3.0, [96, 104, 114]);
    }
    for i in 0..8 {
        let x = 28.0 + i as f32 * 118.0;
        c.gradient_rect(x, 52.0, 96.0, 70.0, [170, 206, 236], [214, 232, 246]);
        c.stroke_rect(x, 52.0, 96.0, 70.0, 4.0, [110, 118, 128]);
        c.fill_rect(x + 46.0, 52.0, 4.0, 70.0, [110, 118, 128]);
    }

    // Red banner with the workshop slogan.
    c.fill_rect(150.0, 128.0, 660.0, 42.0, [196, 28, 34]);
    c.text_centered(
        480.0,
        159.0,
        26.0,
        "安全生产 · 质量第一 · 精益求精",
        [255, 236, 160],
    );

    // Andon board (看板) on the wall.
    c.fill_rect(760.0, 200.0, 170.0, 110.0, [24, 30, 38]);
    c.stroke_rect(760.0, 200.0, 170.0, 110.0, 4.0, [70, 76, 86]);
    c.text(772.0, 226.0, 17.0, "产线看板", [120, 220, 140]);
    c.text(772.0, 252.0, 16.0, "OEE 78.6%", [240, 240, 240]);
    c.text(772.0, 276.0, 15.0, "良品率 99.1%", [240, 240, 240]);
    for (i, level) in [0.6_f32, 0.8, 0.7, 0.9, 0.75].iter().enumerate() {
        let bar = 22.0 * level;
        c.fill_rect(
            872.0 + i as f32 * 10.0,
            298.0 - bar,
            7.0,
            bar,
            [90, 200, 120],
        );
    }

    // Floor with perspective joints and yellow walkway lines.
    c.gradient_rect(
        0.0,
        horizon,
        w,
        h - horizon,
        [150, 156, 160],
        [112, 118, 122],
    );
    let vanish = (480.0, 250.0);
    for i in -8..=8 {
        let x = 480.0 + i as f32 * 150.0;
        let t = (horizon - vanish.1) / (h - vanish.1);
        let top_x = vanish.0 + (x - vanish.0) * t;
        c.line(top_x, horizon, x, h, 1.5, [134, 140, 144]);
    }
    for y in [400.0_f32, 460.0, 540.0] {
        c.line(0.0, y, w, y, 1.5, [134, 140, 144]);
    }
    c.polygon(
        &[(300.0, horizon), (318.0, horizon), (120.0, h), (84.0, h)],
        [230, 190, 40],
        1.0,
    );
    c.polygon(
        &[(642.0, horizon), (660.0, horizon), (876.0, h), (840.0, h)],
        [230, 190, 40],
        1.0,
    );

    // Three machining centres along the back wall.
    for (i, label) in ["CNC-01", "CNC-02", "CNC-03"].iter().enumerate() {
        let x = 40.0 + i as f32 * 230.0;
        c.fill_rect(x, 220.0, 190.0, 150.0, [232, 234, 236]);
        c.fill_rect(x, 220.0, 190.0, 24.0, [60, 110, 170]);
        c.text(x + 8.0, 238.0, 15.0, label, WHITE);
        c.fill_rect(x + 14.0, 254.0, 110.0, 84.0, [52, 62, 72]);
        c.fill_rect(x + 20.0, 260.0, 98.0, 30.0, [76, 88, 100]);
        c.fill_rect(x + 136.0, 254.0, 42.0, 56.0, [40, 44, 50]);
        c.fill_rect(x + 140.0, 258.0, 34.0, 22.0, [90, 170, 220]);
        for (k, colour) in [[220, 60, 50], [240, 200, 40], [70, 190, 90]]
            .iter()
            .enumerate()
        {
            c.disc(x + 146.0 + k as f32 * 11.0, 296.0, 4.0, *colour);
        }
        c.fill_rect(x, 366.0, 190.0, 8.0, [90, 96, 104]);
        // Stack light on a pole.
        c.fill_rect(x + 178.0, 200.0, 4.0, 20.0, [80, 80, 80]);
        let lit = [[220, 50, 40], [240, 200, 40], [60, 200, 80]];
        for (k, colour) in lit.iter().enumerate() {
            let on = k == 2 || (i == 1 && k == 1);
            let shade = if on {
                *colour
            } else {
                mix(*colour, [60, 60, 60], 0.6)
            };
            c.fill_rect(x + 172.0, 176.0 + k as f32 * 8.0, 16.0, 7.0, shade);
        }
    }

    // Conveyor in the foreground with parts on it.
    let belt = [(40.0, 520.0), (920.0, 470.0), (940.0, 505.0), (60.0, 560.0)];
    c.polygon(&belt, [54, 58, 64], 1.0);
    c.line(40.0, 520.0, 920.0, 470.0, 4.0, [150, 156, 164]);
    c.line(60.0, 560.0, 940.0, 505.0, 4.0, [150, 156, 164]);
    for i in 0..12 {
        let t = i as f32 / 11.0;
        let (x0, y0) = (40.0 + 880.0 * t, 520.0 - 50.0 * t);
        c.line(
            x0 + 10.0,
            y0 + 40.0,
            x0 + 10.0,
            y0 + 80.0,
            5.0,
            [100, 106, 112],
        );
    }
    for i in 0..6 {
        let t = 0.1 + i as f32 * 0.15;
        let (x, y) = (60.0 + 860.0 * t, 515.0 - 50.0 * t);
        c.ellipse(x, y, 22.0, 9.0, [168, 174, 182], 1.0);
        c.ellipse(x, y - 4.0, 22.0, 9.0, [206, 210, 216], 1.0);
        c.ellipse(x, y - 4.0, 8.0, 3.5, [120, 126, 134], 1.0);
    }

    // Robot arm picking a part off the conveyor.
    let orange = [238, 128, 30];
    c.fill_rect(600.0, 420.0, 70.0, 46.0, [70, 74, 80]);
    c.ellipse(635.0, 420.0, 38.0, 12.0, [90, 96, 102], 1.0);
    c.line(635.0, 412.0, 600.0, 320.0, 26.0, orange);
    c.line(600.0, 320.0, 700.0, 300.0, 20.0, orange);
    c.line(700.0, 300.0, 742.0, 380.0, 14.0, orange);
    c.disc(635.0, 412.0, 18.0, [60, 64, 70]);
    c.disc(600.0, 320.0, 16.0, [60, 64, 70]);
    c.disc(700.0, 300.0, 12.0, [60, 64, 70]);
    c.line(736.0, 386.0, 730.0, 406.0, 5.0, [80, 84, 90]);
    c.line(750.0, 386.0, 756.0, 406.0, 5.0, [80, 84, 90]);

    // A worker in overalls and a helmet.
    c.fill_rect(250.0, 430.0, 34.0, 60.0, [40, 80, 150]);
    c.line(256.0, 488.0, 254.0, 540.0, 11.0, [34, 60, 110]);
    c.line(278.0, 488.0, 282.0, 540.0, 11.0, [34, 60, 110]);
    c.line(252.0, 440.0, 236.0, 478.0, 9.0, [40, 80, 150]);
    c.line(282.0, 440.0, 300.0, 470.0, 9.0, [40, 80, 150]);
    c.disc(267.0, 416.0, 14.0, [236, 200, 170]);
    c.ellipse(267.0, 408.0, 16.0, 10.0, [250, 210, 30], 1.0);
    c.fill_rect(300.0, 456.0, 26.0, 18.0, [220, 220, 220]);

    // Overhead lamps and their light.
    for i in 0..4 {
        let x = 150.0 + i as f32 * 220.0;
        c.line(x, 34.0, x, 60.0, 2.0, [80, 80, 80]);
        c.polygon(
            &[
                (x - 30.0, 72.0),
                (x + 30.0, 72.0),
                (x + 16.0, 60.0),
                (x - 16.0, 60.0),
            ],
            [70, 74, 80],
            1.0,
        );
        c.polygon(
            &[
                (x - 30.0, 72.0),
                (x + 30.0, 72.0),
                (x + 120.0, 360.0),
                (x - 120.0, 360.0),
            ],
            [255, 250, 220],
            0.12,
        );
    }

    // Area sign.
    c.fill_rect(34.0, 188.0, 200.0, 26.0, [30, 90, 60]);
    c.text(44.0, 207.0, 16.0, "2号车间 · 柔性装配线", WHITE);
    c.into_image()
}

/// `A04-business-license.png`: a licence-like document (营业执照 副本) for
/// 东莞鼎安工控安全技术有限公司, with a fictional demo seal.
pub(crate) fn business_license_png(font: &FontRef<'_>) -> Result<Vec<u8>, DemoError> {
    encode_png(&draw_business_license(font))
}

fn draw_business_license(font: &FontRef<'_>) -> RgbImage {
    let (w, h) = (1100.0_f32, 780.0_f32);
    let paper = [250, 246, 236];
    let frame = [150, 62, 40];
    let mut c = Canvas::new(w as u32, h as u32, paper, font);

    // Frame: an outer rule, a hatched band, an inner rule.
    c.stroke_rect(18.0, 18.0, w - 36.0, h - 36.0, 5.0, frame);
    c.stroke_rect(40.0, 40.0, w - 80.0, h - 80.0, 2.0, frame);
    let band = mix(frame, paper, 0.55);
    let mut t = 0.0;
    while t < 2.0 * (w + h) {
        // Short diagonal strokes running round the band between the rules.
        let (x, y, dx, dy) = if t < w {
            (t, 23.0, 1.0, 0.0)
        } else if t < w + h {
            (w - 23.0, t - w, 0.0, 1.0)
        } else if t < 2.0 * w + h {
            (w - (t - w - h), h - 23.0, -1.0, 0.0)
        } else {
            (23.0, h - (t - 2.0 * w - h), 0.0, -1.0)
        };
        let (nx, ny) = (-dy, dx);
        let (x0, y0) = (x + nx * 1.0, y + ny * 1.0);
        let (x1, y1) = (x + nx * 14.0 + dx * 8.0, y + ny * 14.0 + dy * 8.0);
        if x0 > 22.0 && x0 < w - 22.0 && y0 > 22.0 && y0 < h - 22.0 {
            c.line(x0, y0, x1, y1, 1.2, band);
        }
        t += 9.0;
    }

    // Credit code, top left.
    c.text(70.0, 92.0, 18.0, "统一社会信用代码", INK);
    c.text(70.0, 122.0, 22.0, "91441900MA5QQJE70C", INK);
    c.text(
        70.0,
        150.0,
        15.0,
        "证照编号：演示A04-2025-0612",
        [90, 90, 90],
    );

    // A QR-code-like block, top right (not a real code).
    let (qx, qy, cell) = (930.0, 66.0, 5.0);
    let mut state: u32 = 0x9144_1900;
    for row in 0..21 {
        for col in 0..21 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let finder = |r: i32, c: i32| -> Option<bool> {
                for (fr, fc) in [(0, 0), (0, 14), (14, 0)] {
                    let (dr, dc) = (r - fr, c - fc);
                    if (0..7).contains(&dr) && (0..7).contains(&dc) {
                        let edge = dr == 0 || dr == 6 || dc == 0 || dc == 6;
                        let core = (2..5).contains(&dr) && (2..5).contains(&dc);
                        return Some(edge || core);
                    }
                }
                None
            };
            let dark = finder(row, col).unwrap_or(state.is_multiple_of(3));
            if dark {
                c.fill_rect(
                    qx + col as f32 * cell,
                    qy + row as f32 * cell,
                    cell,
                    cell,
                    INK,
                );
            }
        }
    }
    c.text(915.0, 190.0, 12.0, "扫码查询（演示）", [90, 90, 90]);

    // Title.
    let title_px = 66.0;
    let spacing = 26.0;
    let title_width = c.text_width("营业执照", title_px, spacing);
    c.text_spaced(
        (w - title_width) / 2.0,
        168.0,
        title_px,
        "营业执照",
        [40, 30, 30],
        spacing,
        1.0,
    );
    c.text_centered(w / 2.0, 212.0, 26.0, "（副　本）", [40, 30, 30]);

    // Fields: two columns.
    let label_px = 21.0;
    let value_px = 21.0;
    let left_fields = [
        ("名　　称", "东莞鼎安工控安全技术有限公司"),
        ("类　　型", "有限责任公司（自然人投资或控股）"),
        ("法定代表人", "钟文博"),
    ];
    let mut y = 282.0;
    for (label, value) in left_fields {
        c.text(80.0, y, label_px, label, INK);
        c.text(210.0, y, value_px, value, INK);
        y += 48.0;
    }
    c.text(80.0, y, label_px, "经营范围", INK);
    let scope = "一般项目：工业控制系统安全产品研发、生产与销售；网络与信息安全软件开发；\
                 信息系统集成服务；工业互联网安全检测与评估服务；技术服务、技术开发、技术咨询、\
                 技术交流、技术转让、技术推广。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）";
    for line in c.wrap(scope, 18.0, 345.0) {
        c.text(210.0, y, 18.0, &line, INK);
        y += 29.0;
    }

    let right_fields = [
        ("注册资本", "人民币伍仟万元"),
        ("成立日期", "2017年08月21日"),
        ("营业期限", "2017年08月21日至长期"),
    ];
    let mut y = 282.0;
    for (label, value) in right_fields {
        c.text(600.0, y, label_px, label, INK);
        c.text(710.0, y, value_px, value, INK);
        y += 48.0;
    }
    c.text(600.0, y, label_px, "住　　所", INK);
    for line in c.wrap(
        "广东省东莞市松山湖高新技术产业开发区工业南路演示大厦6栋801室",
        value_px,
        300.0,
    ) {
        c.text(710.0, y, value_px, &line, INK);
        y += 32.0;
    }

    // Registration authority, date and the demo seal.
    c.text(700.0, 648.0, 21.0, "登记机关", INK);
    c.text(760.0, 706.0, 21.0, "2025年06月12日", INK);
    let (sx, sy, sr) = (860.0, 628.0, 78.0);
    c.ring(sx, sy, sr, 5.0, SEAL_RED, 0.85);
    c.star(sx, sy, 26.0, SEAL_RED, 0.85);
    c.text_on_arc(
        sx,
        sy,
        sr - 20.0,
        19.0,
        "评审台演示数据专用章",
        -2.55,
        -0.59,
        SEAL_RED,
        0.85,
    );
    c.text_rotated(sx, sy + 44.0, 14.0, "非真实印章", 0.0, SEAL_RED, 0.85);

    // Footnote, as on real licences.
    c.text(
        80.0,
        706.0,
        14.0,
        "市场主体应当于每年1月1日至6月30日通过",
        [80, 80, 80],
    );
    c.text(
        80.0,
        726.0,
        14.0,
        "国家企业信用信息公示系统报送公示年度报告。",
        [80, 80, 80],
    );

    // Watermark: this is demo material.
    c.text_rotated(
        w / 2.0,
        h / 2.0 + 40.0,
        58.0,
        "评审台演示材料 · 内容虚构",
        -0.32,
        [170, 60, 50],
        0.13,
    );
    c.into_image()
}

/// `A06-vision-station-photo.png`: a machine-vision inspection station.
pub(crate) fn vision_station_png(font: &FontRef<'_>) -> Result<Vec<u8>, DemoError> {
    encode_png(&draw_vision_station(font))
}

fn draw_vision_station(font: &FontRef<'_>) -> RgbImage {
    let (w, h) = (1000.0_f32, 700.0_f32);
    let mut c = Canvas::new(w as u32, h as u32, [226, 230, 234], font);
    let alu = [186, 192, 198];
    let alu_dark = [140, 146, 152];

    // Wall and floor.
    c.fill_rect(0.0, 560.0, w, h - 560.0, [170, 176, 180]);
    c.fill_rect(0.0, 556.0, w, 4.0, [150, 156, 160]);

    // Conveyor running left to right.
    c.fill_rect(0.0, 430.0, w, 46.0, [50, 54, 60]);
    c.fill_rect(0.0, 424.0, w, 8.0, alu);
    c.fill_rect(0.0, 476.0, w, 10.0, alu_dark);
    for i in 0..12 {
        let x = 20.0 + i as f32 * 86.0;
        c.fill_rect(x, 486.0, 12.0, 74.0, alu_dark);
    }

    // Aluminium profile frame over the conveyor.
    for x in [250.0_f32, 610.0] {
        c.fill_rect(x, 90.0, 30.0, 470.0, alu);
        c.fill_rect(x + 12.0, 90.0, 6.0, 470.0, alu_dark);
    }
    c.fill_rect(250.0, 90.0, 390.0, 30.0, alu);
    c.fill_rect(250.0, 102.0, 390.0, 6.0, alu_dark);

    // Camera and lens, pointing down.
    c.fill_rect(400.0, 120.0, 90.0, 78.0, [44, 48, 56]);
    c.fill_rect(406.0, 126.0, 78.0, 16.0, [70, 76, 86]);
    c.text(410.0, 139.0, 12.0, "5MP GigE", [200, 210, 220]);
    c.fill_rect(420.0, 198.0, 50.0, 48.0, [30, 32, 36]);
    c.fill_rect(416.0, 214.0, 58.0, 6.0, [200, 160, 40]);
    c.ellipse(445.0, 246.0, 25.0, 7.0, [20, 40, 70], 1.0);

    // Ring light and its cone.
    c.polygon(
        &[
            (395.0, 292.0),
            (495.0, 292.0),
            (540.0, 440.0),
            (350.0, 440.0),
        ],
        [255, 255, 230],
        0.35,
    );
    c.ellipse(445.0, 286.0, 62.0, 14.0, [232, 236, 240], 1.0);
    c.ellipse(445.0, 286.0, 46.0, 9.0, [250, 252, 255], 1.0);
    c.ellipse(445.0, 286.0, 30.0, 5.0, [120, 126, 134], 1.0);
    c.line(383.0, 286.0, 300.0, 200.0, 6.0, alu_dark);
    c.line(507.0, 286.0, 590.0, 200.0, 6.0, alu_dark);

    // Parts on the belt; the one under the camera is boxed green.
    for (i, x) in [80.0_f32, 210.0, 445.0, 700.0, 850.0].iter().enumerate() {
        c.ellipse(*x, 440.0, 40.0, 12.0, [150, 156, 166], 1.0);
        c.fill_rect(x - 40.0, 428.0, 80.0, 12.0, [150, 156, 166]);
        c.ellipse(*x, 428.0, 40.0, 12.0, [214, 218, 224], 1.0);
        c.ellipse(*x, 428.0, 14.0, 4.5, [100, 106, 116], 1.0);
        if i == 2 {
            c.stroke_rect(x - 52.0, 408.0, 104.0, 48.0, 3.0, [40, 200, 90]);
        }
    }
    c.line(960.0, 380.0, 900.0, 420.0, 3.0, [220, 60, 50]);

    // Control cabinet with buttons and a stack light.
    c.fill_rect(40.0, 250.0, 150.0, 170.0, [210, 214, 218]);
    c.stroke_rect(40.0, 250.0, 150.0, 170.0, 3.0, [150, 154, 160]);
    c.fill_rect(56.0, 266.0, 118.0, 50.0, [30, 36, 44]);
    c.text(64.0, 288.0, 14.0, "运行中", [110, 230, 140]);
    c.text(64.0, 308.0, 13.0, "节拍 0.8 s", [220, 220, 220]);
    c.disc(76.0, 350.0, 12.0, [60, 180, 80]);
    c.disc(115.0, 350.0, 12.0, [220, 60, 50]);
    c.disc(154.0, 350.0, 12.0, [240, 200, 40]);
    c.fill_rect(60.0, 380.0, 110.0, 22.0, [250, 250, 250]);
    c.text(66.0, 397.0, 13.0, "急停 / 复位", INK);
    c.fill_rect(180.0, 170.0, 6.0, 80.0, [90, 90, 90]);
    for (k, colour) in [[220, 50, 40], [240, 200, 40], [60, 200, 80]]
        .iter()
        .enumerate()
    {
        let shade = if k == 2 {
            *colour
        } else {
            mix(*colour, [70, 70, 70], 0.6)
        };
        c.fill_rect(173.0, 130.0 + k as f32 * 14.0, 20.0, 13.0, shade);
    }

    // Monitor on an arm, showing the inspection result.
    c.line(640.0, 200.0, 700.0, 200.0, 8.0, alu_dark);
    c.fill_rect(700.0, 110.0, 270.0, 190.0, [36, 40, 46]);
    c.fill_rect(710.0, 120.0, 250.0, 170.0, [18, 24, 32]);
    c.fill_rect(722.0, 132.0, 120.0, 100.0, [60, 66, 74]);
    c.ellipse(782.0, 182.0, 40.0, 40.0, [170, 176, 186], 1.0);
    c.ellipse(782.0, 182.0, 14.0, 14.0, [70, 76, 86], 1.0);
    c.stroke_rect(736.0, 136.0, 92.0, 92.0, 2.0, [40, 210, 90]);
    c.text(852.0, 160.0, 30.0, "OK", [60, 220, 110]);
    c.text(852.0, 186.0, 16.0, "良品", [230, 230, 230]);
    c.text(852.0, 210.0, 13.0, "直径 42.03 mm", [200, 200, 200]);
    c.text(
        724.0,
        256.0,
        13.0,
        "缺陷：无  划痕检出率 99.7%",
        [200, 200, 200],
    );
    c.text(724.0, 278.0, 13.0, "今日检测 12,486 件", [200, 200, 200]);

    // Reject bin.
    c.fill_rect(880.0, 500.0, 90.0, 60.0, [200, 60, 50]);
    c.text(905.0, 538.0, 22.0, "NG", WHITE);

    // Station plate.
    c.fill_rect(250.0, 30.0, 500.0, 44.0, [30, 80, 140]);
    c.text_centered(500.0, 60.0, 22.0, "机器视觉检测工位 VS-03", WHITE);
    c.text(
        20.0,
        680.0,
        14.0,
        "中山明途机器视觉科技有限公司 · 演示图片（绘制）",
        [70, 74, 80],
    );
    c.into_image()
}
