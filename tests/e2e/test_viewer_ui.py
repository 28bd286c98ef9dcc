"""The viewer's text and its on-screen report of models left out, as headless screenshots
(lavapipe) of the real greentwin-viewer:

1. --ui-scale 2 bakes the font atlas at twice the size instead of stretching a small one: the
   glyph edges in the side panel are as sharp as at scale 1 (intermediate grey pixels per
   edge do not double), the text is larger, and Chinese still renders.
2. A site with one good and one missing [[model]] draws the good one and says on screen which
   file was left out (a dark red strip with white text along the bottom); a site whose models
   all load has no strip."""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from harness import parse_args

# model_load_overlay.h's kModelProblemsRgb.
STRIP_RGB = (128, 22, 22)


def write_cube(folder):
    """A 2 m orange cube (the engine tests' cube), so the render is quick."""
    (folder / "cube.mtl").write_text("newmtl orange\nKd 0.8 0.45 0.1\n")
    (folder / "cube.obj").write_text(
        "mtllib cube.mtl\no Cube\n"
        "v -1 -1 -1\nv 1 -1 -1\nv 1 1 -1\nv -1 1 -1\n"
        "v -1 -1 1\nv 1 -1 1\nv 1 1 1\nv -1 1 1\n"
        "usemtl orange\nf 1 4 3 2\nf 5 6 7 8\nf 1 5 8 4\nf 2 3 7 6\nf 4 8 7 3\nf 1 2 6 5\n")
    return folder / "cube.obj"


def run_viewer(viewer, args, work):
    r = subprocess.run([str(viewer), "--headless", "--frames", "1", "--msaa", "1"] + args,
                       cwd=work, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"viewer {args} exited {r.returncode}:\n{r.stdout}\n{r.stderr}"
    return r


def luminance(p):
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]


def edge_sharpness(img, box):
    """Mean count of intermediate pixels across a glyph edge along the rows of `box`: runs of
    pixels between the panel's dark background (< 60) and white text (> 200), bounded by one
    of each. A glyph drawn one texel per pixel gives about 1; a bitmap stretched 2x about 2.
    Returns (mean width, edges, white pixels)."""
    x0, y0, x1, y1 = box
    px = img.load()
    widths, white = [], 0
    for y in range(y0, y1):
        last_kind, run = None, 0
        for x in range(x0, x1):
            lum = luminance(px[x, y])
            kind = "bg" if lum < 60 else "fg" if lum > 200 else "mid"
            if kind == "fg":
                white += 1
            if kind == "mid":
                run += 1
                continue
            if last_kind is not None and last_kind != kind:
                widths.append(run)
            last_kind, run = kind, 0
    return (sum(widths) / max(len(widths), 1), len(widths), white)


def strip_pixels(img):
    """(strip-coloured pixels, white pixels on the strip's rows) in the bottom third."""
    px = img.load()
    strip = white = 0
    rows = set()
    for y in range(img.height * 2 // 3, img.height):
        for x in range(img.width):
            r, g, b = px[x, y][:3]
            if abs(r - STRIP_RGB[0]) <= 6 and abs(g - STRIP_RGB[1]) <= 6 and abs(b - STRIP_RGB[2]) <= 6:
                strip += 1
                rows.add(y)
    for y in rows:
        for x in range(img.width):
            white += luminance(px[x, y]) > 220
    return strip, white


def orange_pixels(img):
    px = img.load()
    return sum(1 for y in range(0, img.height, 2) for x in range(0, img.width, 2)
               if px[x, y][0] > 120 and px[x, y][0] > 1.4 * px[x, y][2] and px[x, y][1] > 0.3 * px[x, y][0])


def check_ui_scale(viewer, work, cube):
    shots = {}
    for scale in ("1", "2"):
        shot = work / f"scale{scale}.png"
        run_viewer(viewer, [str(cube), "--lang", "en", "--size", "640x480", "--ui-scale", scale,
                            "--screenshot", str(shot)], work)
        shots[scale] = Image.open(shot).convert("RGB")
    # The side panel: 0.45 of the width at this size (side_panel.cpp's sidePanelRect).
    box = (0, 0, int(640 * 0.45), 480)
    w1, e1, white1 = edge_sharpness(shots["1"], box)
    w2, e2, white2 = edge_sharpness(shots["2"], box)
    print(f"ui scale 1: {w1:.2f} px per edge over {e1} edges, {white1} white px; "
          f"ui scale 2: {w2:.2f} px per edge over {e2} edges, {white2} white px")
    assert e1 >= 100 and e2 >= 100, "too little text in the side panel to measure"
    assert white2 >= 2.0 * white1, "at --ui-scale 2 the text should cover about 4x the pixels"
    assert w2 <= 1.35 * w1 + 0.2, (
        f"glyph edges at --ui-scale 2 are {w2:.2f} px wide against {w1:.2f} at 1: stretched")

    shot = work / "zh.png"
    run_viewer(viewer, [str(cube), "--lang", "zh", "--size", "640x480", "--ui-scale", "2",
                        "--screenshot", str(shot)], work)
    _, edges, white = edge_sharpness(Image.open(shot).convert("RGB"), box)
    assert edges >= 100 and white >= 0.5 * white2, f"Chinese text missing: {edges} edges, {white} white"


def check_left_out_model(viewer, work, cube):
    def site(models):
        text = '[site]\nid = "ui-test"\n'
        for i, f in enumerate(models):
            text += f'\n[[model]]\nid = "m{i}"\nfile = "{f}"\ntranslate = [{4 * i}, 0, 0]\n'
        path = work / f"site-{len(models)}-{models[-1].replace('/', '_')}.toml"
        path.write_text(text)
        return path

    missing = work / "missing-hall.glb"
    for with_missing in (True, False):
        files = [str(cube), str(missing) if with_missing else str(cube)]
        shot = work / f"site-missing-{with_missing}.png"
        r = run_viewer(viewer, ["--site", str(site(files)), "--lang", "en", "--size", "960x540",
                                "--wait-data-ms", "0", "--screenshot", str(shot)], work)
        img = Image.open(shot).convert("RGB")
        strip, white = strip_pixels(img)
        orange = orange_pixels(img)
        print(f"missing model {with_missing}: strip {strip} px, white on it {white} px, "
              f"cube {orange} px")
        assert orange >= 50, "the model that loaded should still be drawn"
        if with_missing:
            assert "missing-hall.glb" in r.stderr, r.stderr
            assert strip >= 2000, "no left-out strip on screen"
            assert white >= 100, "the left-out strip has no text"
        else:
            assert strip < 200, "a strip is drawn though every model loaded"


def main():
    args = parse_args(sys.argv[1:])
    viewer = Path(args.bin) / "greentwin-viewer"
    work = Path(tempfile.mkdtemp(prefix="gt-viewer-ui-"))
    cube = write_cube(work)
    check_ui_scale(viewer, work, cube)
    check_left_out_model(viewer, work, cube)
    print("viewer ui: ok")


if __name__ == "__main__":
    main()
