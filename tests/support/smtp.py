"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the tests."""

from __future__ import annotations

import email
import email.policy
import threading
import time


class CollectingHandler:
    """aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, subject_contains: str = "", timeout: float = 20):
        """The first message to `address` whose subject contains the text (polls, real SMTP)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                if subject_contains.lower() in str(message["Subject"]).lower():
                    return message
            time.sleep(0.1)
        raise AssertionError(
            f"No email to {address} with {subject_contains!r}; got {[str(m['Subject']) for m in self.to(address)]}"
        )
