"""A fake ZKTeco terminal on TCP speaking the documented frame format (0x5050 0x7D82 + length,
then command/checksum/session/reply header), enough for pyzk to connect, read sizes and download
the attendance log. It records every command it receives so tests can prove nothing destructive
(clear, disable, write) was ever sent."""
from __future__ import annotations

import socket
import struct
import threading
from datetime import datetime

CMD_CONNECT, CMD_EXIT, CMD_GET_FREE_SIZES = 1000, 1001, 50
CMD_READ_BUFFER, CMD_FREE_DATA = 1503, 1502
CMD_ACK_OK, CMD_DATA = 2000, 1501
TOP = struct.Struct("<HHI")


def encode_time(t: datetime) -> bytes:
    value = ((t.year % 100) * 12 * 31 + (t.month - 1) * 31 + t.day - 1) * 86400 + (t.hour * 60 + t.minute) * 60 \
        + t.second
    return struct.pack("<I", value)


class FakeTerminal:
    def __init__(self, records: list[tuple[str, datetime, int, int]]) -> None:
        """records: (user id, device-local time, verify method, punch state)."""
        self.records = records
        self.commands: list[int] = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self._running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self._running = False
        self.sock.close()

    def _accept(self) -> None:
        while self._running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while True:
                head = self._read(conn, TOP.size)
                if head is None:
                    return
                _, _, length = TOP.unpack(head)
                packet = self._read(conn, length)
                if packet is None:
                    return
                command, _, _, reply_id = struct.unpack("<4H", packet[:8])
                self.commands.append(command)
                code, data = self._answer(command)
                payload = struct.pack("<4H", code, 0, 4242, reply_id) + data
                conn.sendall(TOP.pack(0x5050, 0x7D82, len(payload)) + payload)
                if command == CMD_EXIT:
                    return

    def _answer(self, command: int) -> tuple[int, bytes]:
        if command == CMD_GET_FREE_SIZES:
            fields = [0] * 20
            fields[8] = len(self.records)  # records; users stay 0 so pyzk skips the user table
            return CMD_ACK_OK, struct.pack("<20i", *fields) + struct.pack("<3i", 0, 0, 0)
        if command == CMD_READ_BUFFER:
            rows = b"".join(struct.pack("<H24sB4sB8s", i + 1, user.encode(), verify, encode_time(when), punch, b"")
                            for i, (user, when, verify, punch) in enumerate(self.records))
            return CMD_DATA, struct.pack("<I", len(rows)) + rows
        return CMD_ACK_OK, b""

    @staticmethod
    def _read(conn: socket.socket, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return data
