"""*Avvia televisita*: the appointment's video room opened in the default browser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from fse_desk.domain.scheduling import Appointment
from fse_desk.errors import FseDeskError
from fse_desk_ui.messages import user_message

RoomLink = Callable[[Appointment, bool], str]  # (appointment, for_patient) -> URL


def open_room(room_link: RoomLink, appointment: Appointment, message: QLabel) -> str:
    """Open the professional's link to the room; the link, or "" with the reason in
    ``message`` (no video server configured, a JWT that cannot be signed…)."""
    try:
        link = room_link(appointment, False)
    except FseDeskError as exc:
        message.setText(user_message(exc))
        return ""
    QDesktopServices.openUrl(QUrl(link))
    return link
