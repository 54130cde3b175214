"""The embedded stream management server (API.md): an ASGI app over SQLite, run on uvicorn.

``create_app`` builds the app, ``EmbeddedServer`` runs it on a background
thread (tests, the GUI's demo), ``serve`` runs it in the foreground (the
``qiemonitor serve`` command). Never imports Qt.
"""

from qiemonitor.server.app import create_app
from qiemonitor.server.runner import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    AppOptions,
    EmbeddedServer,
    default_db_path,
    serve,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "AppOptions",
    "EmbeddedServer",
    "create_app",
    "default_db_path",
    "serve",
]
