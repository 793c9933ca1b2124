#!/usr/bin/python3
"""Simulated presentation attacks for measuring PresentationAttackNet (docs: the PAD report).

Nothing here is a real re-capture: no printer, screen or camera was used. Each real photo is turned into
  print   the photo printed and photographed: gamut and contrast reduced (ink on paper), a CMY halftone dot
          screen (rotated screens, ~1/220 of the short side per cell), warm paper tint, uneven light, a slight
          blur, a perspective tilt with the desk around the page, sensor noise, JPEG q 80
  screen  the photo shown on a display and photographed: a backlit, bluer, gamma-shifted picture on an RGB
          stripe sub-pixel grid with dark gaps, sampled by a camera slightly rotated and scaled against the grid
          (moire), glare spot, blur, sensor noise, JPEG q 85
Deterministic (each file's own seed). Needs python3-opencv and python3-numpy (Debian; /usr/bin/python3).
usage: simulate-recapture.py OUT DIR...   writes OUT/print/<dir>__<file>.jpg and OUT/screen/<dir>__<file>.jpg
"""
import os
import sys
import zlib

import cv2
import numpy as np


def seed_for(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def halftone(img, rng):
    """CMY halftone: each ink thresholded against its own rotated dot screen at 3x resolution, then averaged back."""
    h, w = img.shape[:2]
    up = 3
    big = cv2.resize(img, (w * up, h * up), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255.0
    cell = max(4.0, min(h, w) * up / 220.0)
    yy, xx = np.mgrid[0:h * up, 0:w * up].astype(np.float32)
    out = np.empty_like(big)
    # OpenCV is BGR: ink for B is yellow, G magenta, R cyan; classic screen angles.
    for ch, angle in zip(range(3), (0.0, 75.0, 15.0)):
        a = np.deg2rad(angle + rng.uniform(-3, 3))
        u = xx * np.cos(a) + yy * np.sin(a)
        v = -xx * np.sin(a) + yy * np.cos(a)
        screen = 0.5 + 0.25 * (np.cos(2 * np.pi * u / cell) + np.cos(2 * np.pi * v / cell))
        ink = 1.0 - big[:, :, ch]
        out[:, :, ch] = np.where(ink > screen, 0.0, 1.0)
    out = cv2.GaussianBlur(out, (0, 0), up * 0.6)
    return cv2.resize(out, (w, h), interpolation=cv2.INTER_AREA)


def perspective(img, rng, border):
    h, w = img.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    m = 0.06
    dst = src + np.float32([[rng.uniform(0, m) * w, rng.uniform(0, m) * h],
                            [-rng.uniform(0, m) * w, rng.uniform(0, m) * h],
                            [-rng.uniform(0, m) * w, -rng.uniform(0, m) * h],
                            [rng.uniform(0, m) * w, -rng.uniform(0, m) * h]])
    M = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(img, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def noise_jpeg(img, rng, sigma, quality):
    noisy = img.astype(np.float32) + rng.normal(0, sigma, img.shape)
    ok, data = cv2.imencode(".jpg", np.clip(noisy, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, quality])
    return data


def print_attack(img, rng):
    f = img.astype(np.float32) / 255.0
    grey = f.mean(axis=2, keepdims=True)
    f = grey + 0.75 * (f - grey)                       # ink gamut: less saturation
    f = 0.08 + 0.80 * f                                # ink black is not black, paper white not white
    f = halftone((f * 255).astype(np.uint8), rng)
    f = f * np.float32([0.86, 0.95, 1.0])              # warm paper (BGR)
    h, w = f.shape[:2]
    gx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    gy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    light = 1.0 + 0.12 * (rng.uniform(-1, 1) * gx + rng.uniform(-1, 1) * gy)
    f = f * light[:, :, None]
    f = cv2.GaussianBlur(f, (0, 0), 1.0)
    out = np.clip(f * 255, 0, 255).astype(np.uint8)
    out = perspective(out, rng, border=(60, 75, 95))   # a desk around the page
    return noise_jpeg(out, rng, 3.0, 80)


def screen_attack(img, rng):
    h, w = img.shape[:2]
    f = img.astype(np.float32) / 255.0
    f = np.power(f, 0.85) * np.float32([1.08, 1.0, 0.94])   # display gamma, cooler white point (BGR)
    up = 3
    # Each image pixel becomes 3 stripes (R, G, B) of 1 sub-pixel, with a dark row gap: the display's grid.
    big = cv2.resize(f, (w * up, h * up), interpolation=cv2.INTER_NEAREST)
    mask = np.zeros((h * up, w * up, 3), np.float32)
    for ch, col in ((2, 0), (1, 1), (0, 2)):          # BGR order: R stripe first
        mask[:, col::up, ch] = 1.0
    mask[up - 1::up, :, :] *= 0.35
    grid = big * mask * 2.6                            # the backlight makes up for the stripes' fill
    # The camera: a slight rotation and a scale that does not fit the grid, so the grid beats into moire.
    angle = rng.uniform(-3, 3)
    scale = 1.0 / up * rng.uniform(0.93, 0.99)
    M = cv2.getRotationMatrix2D((w * up / 2, h * up / 2), angle, 1.0)
    grid = cv2.warpAffine(grid, M, (w * up, h * up), borderMode=cv2.BORDER_CONSTANT, borderValue=(0.05, 0.05, 0.05))
    # The lens blurs over about one display pixel before the sensor samples: the stripes mostly average out and
    # leave a faint colour moire, as in a real photo of a screen.
    grid = cv2.GaussianBlur(grid, (0, 0), 0.45 * up)
    small = cv2.resize(grid, (int(w * up * scale), int(h * up * scale)), interpolation=cv2.INTER_LINEAR)
    canvas = np.full((h, w, 3), 0.06, np.float32)      # dark bezel around the shown picture
    sh, sw = small.shape[:2]
    y0, x0 = (h - sh) // 2, (w - sw) // 2
    canvas[y0:y0 + sh, x0:x0 + sw] = small
    canvas = cv2.GaussianBlur(canvas, (0, 0), 0.8)
    # Glare: a soft bright spot where a lamp reflects in the glass.
    cy, cx = rng.uniform(0.1, 0.9) * h, rng.uniform(0.1, 0.9) * w
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = 0.25 * min(h, w)
    canvas += 0.35 * np.exp(-(((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * r * r)))[:, :, None]
    out = np.clip(canvas * 255, 0, 255).astype(np.uint8)
    return noise_jpeg(out, rng, 2.5, 85)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    for kind in ("print", "screen"):
        os.makedirs(os.path.join(out, kind), exist_ok=True)
    for folder in sys.argv[2:]:
        tag = os.path.basename(os.path.normpath(folder))
        for name in sorted(os.listdir(folder)):
            if not name.lower().endswith((".jpg", ".jpeg", ".png")):
                continue
            img = cv2.imread(os.path.join(folder, name), cv2.IMREAD_COLOR)
            if img is None:
                continue
            base = f"{tag}__{os.path.splitext(name)[0]}"
            for kind, attack in (("print", print_attack), ("screen", screen_attack)):
                data = attack(img, seed_for(kind + base))
                with open(os.path.join(out, kind, base + ".jpg"), "wb") as fh:
                    fh.write(data.tobytes())


if __name__ == "__main__":
    main()
