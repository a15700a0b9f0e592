"""Video rooms for remote visits: one Jitsi Meet room per appointment.

The room name is 128 random bits: unguessable, and never derived from the
patient (no name, no codice fiscale in a URL that ends up in browser histories
and server logs). When the Jitsi server requires a token (its JWT auth), each
link carries one with the claims the server checks: iss (app id), aud, sub (the
server's domain), room, exp and ``context.user``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote, urlsplit

import jwt

from fse_desk.errors import ConfigError

ROOM_PREFIX = "fsedesk-"
TOKEN_GRACE = timedelta(hours=2)  # a visit may run late; the link stays valid this long


@dataclass(frozen=True, slots=True)
class VideoServer:
    """``base_url`` like ``https://meet.example-asl.it``; ``app_id`` set means the
    server requires a JWT signed (HS256) with the app secret."""

    base_url: str
    app_id: str | None = None
    audience: str = "jitsi"

    def __post_init__(self) -> None:
        if not self.base_url.startswith("https://"):
            raise ConfigError(f"video server {self.base_url!r} must use https://")


@dataclass(frozen=True, slots=True)
class RoomUser:
    """Who joins, as the JWT ``context.user`` shows them (for the patient: a role
    word, not their name)."""

    id: str
    name: str
    moderator: bool = False


def new_room_name() -> str:
    return ROOM_PREFIX + secrets.token_hex(16)


def room_token(
    server: VideoServer, secret: str, room: str, user: RoomUser, visit_end: datetime
) -> str:
    if server.app_id is None:
        raise ConfigError("this video server takes no token: it has no app id configured")
    claims = {
        "iss": server.app_id,
        "aud": server.audience,
        "sub": urlsplit(server.base_url).hostname or "",
        "room": room,
        "exp": int((visit_end + TOKEN_GRACE).timestamp()),
        "context": {"user": {"id": user.id, "name": user.name, "moderator": user.moderator}},
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def room_url(
    server: VideoServer,
    room: str,
    *,
    user: RoomUser | None = None,
    secret: str | None = None,
    visit_end: datetime | None = None,
) -> str:
    """The link to open; with a token when the server requires one."""
    url = f"{server.base_url.rstrip('/')}/{quote(room)}"
    if server.app_id is None:
        return url
    if user is None or secret is None or visit_end is None:
        raise ConfigError("the video server requires a token: user, secret and end are needed")
    return f"{url}?jwt={room_token(server, secret, room, user, visit_end)}"
