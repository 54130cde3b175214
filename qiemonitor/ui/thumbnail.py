"""The app's one thumbnail loader: bytes from core.thumbnails, decoded safely into QImages."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from qiemonitor.core.thumbnails import ThumbnailError, ThumbnailFetcher

__all__ = ["HEADER_SIZE", "ThumbnailLoader"]

HEADER_SIZE = QSize(192, 108)
_ALLOCATION_LIMIT_MIB = 8
_MAX_SIDE = 4096
_DECODED_ENTRIES = 64


class ThumbnailLoader(QObject):
    """Fetches thumbnails asynchronously and hands them out scaled to ``size``.

    Bad bytes, oversize images and timeouts end in ``failed``, never in an
    exception. Decoded images are cached by URL, so selecting a room again
    shows its picture at once.

    Signals:
        loaded(str, QImage): the image at a URL, scaled to fit ``size``.
        failed(str, str): a URL and a one-line reason it has no image.
    """

    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(
        self,
        fetcher: ThumbnailFetcher | None = None,
        *,
        size: QSize = HEADER_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher or ThumbnailFetcher()
        self._size = QSize(size)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._tasks: dict[str, asyncio.Task[None]] = {}

    @property
    def size(self) -> QSize:
        return QSize(self._size)

    def image_for(self, url: str) -> QImage | None:
        """The decoded image of ``url`` if it is already here."""
        image = self._images.get(url)
        if image is not None:
            self._images.move_to_end(url)
        return image

    def request(self, url: str) -> None:
        """Start loading ``url``; ``loaded`` or ``failed`` follows (at once if cached)."""
        image = self.image_for(url)
        if image is not None:
            self.loaded.emit(url, image)
            return
        if url in self._tasks:
            return
        try:
            task = asyncio.get_running_loop().create_task(self._load(url))
        except RuntimeError:
            self.failed.emit(url, self.tr("no event loop to load the image"))
            return
        self._tasks[url] = task
        task.add_done_callback(lambda _: self._tasks.pop(url, None))

    async def aclose(self) -> None:
        """Stop every load in flight and close the image client (app shutdown)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._fetcher.aclose()

    async def _load(self, url: str) -> None:
        try:
            data = await self._fetcher.fetch(url)
        except ThumbnailError as error:
            self.failed.emit(url, error.reason)
            return
        image, problem = self._decode(data)
        if image is None:
            self.failed.emit(url, problem)
            return
        self._images[url] = image
        while len(self._images) > _DECODED_ENTRIES:
            self._images.popitem(last=False)
        self.loaded.emit(url, image)

    def _decode(self, data: bytes) -> tuple[QImage | None, str]:
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAllocationLimit(_ALLOCATION_LIMIT_MIB)
        if not reader.canRead():
            return None, self.tr("not an image this app can read")
        size = reader.size()
        if size.isValid():
            # Refuse before decoding, so a decompression bomb costs nothing.
            too_big = size.width() * size.height() * 4 > _ALLOCATION_LIMIT_MIB * 1024 * 1024
            if too_big or max(size.width(), size.height()) > _MAX_SIDE:
                text = self.tr("image is too large ({0} × {1} pixels)")
                return None, text.format(size.width(), size.height())
            reader.setScaledSize(size.scaled(self._size, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            return None, self.tr("cannot decode image: {0}").format(reader.errorString())
        if not size.isValid():
            image = image.scaled(
                self._size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return image, ""
