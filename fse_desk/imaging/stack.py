"""A series as a stack of frames, decoded on demand into a bounded cache.

Instances are added as they arrive (from WADO-RS or from disk), kept in slice
order, and each instance's frames become stack entries. Decoded pixels live in
an LRU cache capped in bytes, so a series larger than memory allows is held
around the current slice only; the source (the file path, or the bytes as the
PACS sent them, usually compressed) is kept to decode again. Thread-safe: the
loader adds and prefetches on a worker thread while the viewer reads.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset

from fse_desk.imaging.decode import ImageInfo, decode_pixels, image_info, read_dataset

DEFAULT_CACHE_BYTES = 768 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Instance:
    source: Path | bytes
    info: ImageInfo
    key: tuple[float, int, str]


class ImageStack:
    """Frames of one series in display order; ``frame(i)`` decodes through the cache."""

    def __init__(self, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.cache_bytes = cache_bytes
        self._lock = threading.RLock()
        self._instances: list[_Instance] = []
        self._entries: list[tuple[int, int]] = []  # (instance index, frame index)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cached_bytes = 0

    # -- building --------------------------------------------------------------
    def add(
        self, source: Path | bytes, dataset: Dataset | None = None, *, decode: bool = True
    ) -> ImageInfo:
        """Add one instance; with ``decode``, its pixels are decoded now (worker thread)."""
        ds = dataset if dataset is not None else read_dataset(source)
        info = image_info(ds)
        pixels = decode_pixels(ds, info=info) if decode else None
        key = (
            info.position if info.position is not None else float(info.instance_number or 0),
            info.instance_number or 0,
            info.sop_uid,
        )
        with self._lock:
            keys = [i.key for i in self._instances]
            where = bisect.bisect(keys, key)
            self._instances.insert(where, _Instance(source, info, key))
            self._rebuild_entries()
            if pixels is not None:
                self._store(info.sop_uid, pixels)
        return info

    def _rebuild_entries(self) -> None:
        self._entries = [
            (n, f) for n, inst in enumerate(self._instances) for f in range(inst.info.frames)
        ]

    # -- reading ---------------------------------------------------------------
    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def instance_count(self) -> int:
        with self._lock:
            return len(self._instances)

    def info(self, index: int) -> ImageInfo:
        with self._lock:
            n, _ = self._entries[index]
            return self._instances[n].info

    def frame_number(self, index: int) -> int:
        """0-based frame within its instance (for multi-frame cine)."""
        with self._lock:
            return self._entries[index][1]

    def instance_index(self, index: int) -> int:
        with self._lock:
            return self._entries[index][0]

    def frame(self, index: int) -> np.ndarray:
        """The pixels of entry ``index`` in modality units (decoded if not cached)."""
        with self._lock:
            n, f = self._entries[index]
            inst = self._instances[n]
            pixels = self._cache.get(inst.info.sop_uid)
            if pixels is not None:
                self._cache.move_to_end(inst.info.sop_uid)
                cached: np.ndarray = pixels[f]
                return cached
        pixels = decode_pixels(read_dataset(inst.source), info=inst.info)
        with self._lock:
            self._store(inst.info.sop_uid, pixels)
        decoded: np.ndarray = pixels[f]
        return decoded

    def is_cached(self, index: int) -> bool:
        with self._lock:
            n, _ = self._entries[index]
            return self._instances[n].info.sop_uid in self._cache

    def prefetch(self, center: int, radius: int) -> None:
        """Decode entries around ``center`` (nearest first) while the cache has room."""
        count = len(self)
        for step in range(radius + 1):
            for index in (center + step, center - step):
                if 0 <= index < count and not self.is_cached(index):
                    self.frame(index)

    def dataset(self, index: int) -> Dataset:
        """The header of entry ``index`` (pixels not loaded), for the tag browser."""
        with self._lock:
            n, _ = self._entries[index]
            source = self._instances[n].source
        return read_dataset(source, header_only=True)

    def sources(self) -> list[Path | bytes]:
        with self._lock:
            return [i.source for i in self._instances]

    @property
    def cached_bytes(self) -> int:
        with self._lock:
            return self._cached_bytes

    def _store(self, uid: str, pixels: np.ndarray) -> None:
        if uid in self._cache:
            self._cached_bytes -= self._cache.pop(uid).nbytes
        self._cache[uid] = pixels
        self._cached_bytes += pixels.nbytes
        while self._cached_bytes > self.cache_bytes and len(self._cache) > 1:
            _, evicted = self._cache.popitem(last=False)
            self._cached_bytes -= evicted.nbytes
