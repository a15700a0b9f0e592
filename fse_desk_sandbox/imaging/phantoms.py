"""Procedural pixels for the synthetic studies: nothing is stored, everything is recomputed.

Each function is deterministic and vectorised; a 512×512 CT slice takes a few
milliseconds, so a 300-slice series streams out as fast as it is written.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

CT_SIZE = 512
CT_SLICES = 300
CT_SPACING_MM = 0.7
CT_THICKNESS_MM = 1.0
RX_ROWS, RX_COLUMNS = 1760, 1440
RX_SPACING_MM = 0.25
US_ROWS, US_COLUMNS, US_FRAMES = 480, 640, 40


@lru_cache(maxsize=4)
def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    axis = (np.arange(size, dtype=np.float32) - size / 2 + 0.5) / (size / 2)
    return np.meshgrid(axis, axis)  # x (columns), y (rows), in [-1, 1]


def _noise(shape: tuple[int, ...], seed: int, scale: float) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, scale, shape).astype(np.float32)


def ct_slice(index: int, *, head: bool = False, slices: int = CT_SLICES) -> np.ndarray:
    """Stored values (HU + 1024, uint16) of slice ``index`` of a chest or head CT."""
    x, y = _grid(CT_SIZE)
    z = index / max(slices - 1, 1)  # 0 = feet end, 1 = head end
    hu = np.full((CT_SIZE, CT_SIZE), -1000.0, dtype=np.float32)  # air
    if head:
        r = 0.62 + 0.18 * np.sin(np.pi * min(max(z, 0.05), 0.95))
        skull = (x / (r * 0.82)) ** 2 + (y / r) ** 2
        hu[skull <= 1.0] = 1200.0  # bone
        brain = skull <= 0.84
        hu[brain] = 35.0
        ventricles = ((np.abs(x) - 0.12) / 0.07) ** 2 + (y / 0.25) ** 2 <= 1.0
        hu[brain & ventricles & (0.3 < z < 0.7)] = 5.0
        grey = brain & (skull > 0.65)
        hu[grey] = 42.0
    else:
        body = (x / 0.86) ** 2 + ((y - 0.05) / 0.62) ** 2
        hu[body <= 1.0] = 40.0  # soft tissue
        hu[(body <= 1.0) & (body > 0.82)] = -90.0  # subcutaneous fat
        lung_r = 0.25 + 0.12 * np.sin(np.pi * z)
        for side in (-1.0, 1.0):
            lung = ((x - side * 0.4) / lung_r) ** 2 + ((y + 0.02) / (lung_r * 1.5)) ** 2 <= 1.0
            hu[lung] = -850.0
            vessels = np.sin(x * 60 + z * 9) * np.sin(y * 55 - z * 7) > 0.96
            hu[lung & vessels] = -300.0
        heart = ((x + 0.1) / 0.22) ** 2 + ((y + 0.05) / 0.2) ** 2 <= 1.0
        if 0.25 < z < 0.7:
            hu[heart] = 45.0
        aorta = ((x + 0.05) / 0.06) ** 2 + ((y - 0.25) / 0.06) ** 2 <= 1.0
        hu[aorta] = 50.0
        spine = (x / 0.09) ** 2 + ((y - 0.45) / 0.09) ** 2 <= 1.0
        hu[spine] = 700.0 if index % 24 < 20 else 80.0  # vertebra or disc
        ribs = (body <= 0.8) & (body > 0.7) & (np.sin(np.arctan2(y, x) * 9 + z * 40) > 0.6)
        hu[ribs] = 900.0
    hu += _noise(hu.shape, index, 12.0)
    return np.clip(hu + 1024.0, 0, 4095).astype(np.uint16)


def chest_radiograph() -> np.ndarray:
    """A PA chest radiograph, 12-bit MONOCHROME2 (bright = dense)."""
    cols = np.linspace(-1, 1, RX_COLUMNS, dtype=np.float32)
    rows = np.linspace(-1, 1, RX_ROWS, dtype=np.float32)
    x, y = np.meshgrid(cols, rows)
    img = np.full(x.shape, 300.0, dtype=np.float32)
    thorax = (x / 0.85) ** 2 + ((y + 0.05) / 0.95) ** 2 <= 1.0
    img[thorax] = 1900.0
    for side in (-1.0, 1.0):
        lung = ((x - side * 0.38) / 0.3) ** 2 + ((y + 0.1) / 0.62) ** 2 <= 1.0
        img[lung] = 700.0 + 250.0 * (y[lung] + 1.0)
    heart = ((x + 0.12) / 0.3) ** 2 + ((y - 0.28) / 0.27) ** 2 <= 1.0
    img[heart] = 2100.0
    spine = np.abs(x) < 0.08
    img[spine & thorax] = 2600.0
    for n in range(9):
        rib_y = -0.65 + n * 0.15
        curve = rib_y + 0.12 * x**2
        ribs = (np.abs(y - curve) < 0.018) & thorax
        img[ribs] += 500.0
    img += _noise(img.shape, 7, 30.0)
    return np.clip(img, 0, 4095).astype(np.uint16)


def ultrasound_frame(index: int, frames: int = US_FRAMES) -> np.ndarray:
    """One frame of a B-mode cine loop (8-bit, a fan-shaped sector with a pulsating vessel)."""
    cols = np.linspace(-1, 1, US_COLUMNS, dtype=np.float32)
    rows = np.linspace(0, 1, US_ROWS, dtype=np.float32)
    x, y = np.meshgrid(cols, rows)
    angle = np.arctan2(x, y + 0.15)
    depth = np.hypot(x, y + 0.15)
    sector = (np.abs(angle) < 0.7) & (depth > 0.2) & (depth < 1.1)
    speckle = np.abs(_noise(x.shape, 1000 + index % 4, 1.0))
    img = np.zeros(x.shape, dtype=np.float32)
    tissue = 70.0 + 40.0 * np.sin(depth * 18) ** 2
    img[sector] = (tissue * speckle)[sector]
    phase = np.sin(2 * np.pi * index / frames)
    radius = 0.1 + 0.02 * phase
    vessel = (x / radius) ** 2 + ((y - 0.55) / radius) ** 2 <= 1.0
    img[sector & vessel] = 8.0
    wall = ((x / (radius + 0.02)) ** 2 + ((y - 0.55) / (radius + 0.02)) ** 2 <= 1.0) & ~vessel
    img[sector & wall] = 220.0
    return np.clip(img, 0, 255).astype(np.uint8)
