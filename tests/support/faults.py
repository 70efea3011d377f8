"""Real faulty listeners on loopback for fault tests: a server that accepts connections and
never answers (a hung SMTP server, S3 endpoint or database), and a port that refuses."""

from __future__ import annotations

import socket
import threading


class HungListener:
    """Accepts every connection on 127.0.0.1 and never sends or reads a byte, like a server
    stuck under load. Use as a context manager; `accepted` counts the connections."""

    def __init__(self, port: int = 0):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(128)
        self.sock.settimeout(0.2)  # so the accepting thread notices close()
        self.port = self.sock.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.accepted = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)
            self.accepted += 1

    def close(self) -> None:
        self._closed.set()
        self._thread.join(timeout=5)
        self.sock.close()
        for connection in self.connections:
            connection.close()

    def __enter__(self) -> HungListener:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def refusing_port() -> int:
    """A loopback port nothing listens on: connections to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
