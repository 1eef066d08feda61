"""A small asyncio HTTP/1.x server for terminals: strict on limits (header size, body size -> 413
before reading it, timeouts), tolerant on form (LF-only lines, HTTP/1.0 without Host, bodies to EOF,
chunked or gzip bodies, any content type read as raw bytes). Never logs bodies."""
from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import logging
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qsl, unquote

log = logging.getLogger("device_bridge.http")

MAX_LINE = 16 * 1024
MAX_HEADERS = 100
HEADER_TIMEOUT = 30.0
BODY_TIMEOUT = 120.0
IDLE_TIMEOUT = 15.0


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # decoded, lower-cased, without trailing "/" or ".aspx"
    query: dict[str, str]  # keys lower-cased, first value wins
    version: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    remote: str

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, text: str) -> Response:
        return cls(status, text.encode("utf-8"))


class _Reject(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


Handler = Callable[[Request], Awaitable[Response]]
Admit = Callable[[str, str], bool]  # (remote ip, path) -> allowed


def normalise_path(raw: str) -> str:
    path = unquote(raw.split("?", 1)[0]).lower().rstrip("/")
    return path[: -len(".aspx")] if path.endswith(".aspx") else path


def remote_ip(peer: object) -> str:
    host = peer[0] if isinstance(peer, tuple) and peer else "0.0.0.0"
    address = ipaddress.ip_address(str(host).split("%", 1)[0])
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


class HttpServer:
    def __init__(self, handler: Handler, *, admit: Admit, max_body_bytes: int) -> None:
        self.handler = handler
        self.admit = admit
        self.max_body = max_body_bytes
        self.server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> int:
        self.server = await asyncio.start_server(self._connection, host, port, limit=MAX_LINE, reuse_address=True)
        return int(self.server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        remote = remote_ip(writer.get_extra_info("peername"))
        try:
            keep_alive, first = True, True
            while keep_alive:
                keep_alive = await self._exchange(reader, writer, remote, HEADER_TIMEOUT if first else IDLE_TIMEOUT)
                first = False
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
            pass
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, remote: str,
                        timeout: float) -> bool:
        """One request/response; returns whether the connection stays open."""
        version = "HTTP/1.1"
        try:
            head = await asyncio.wait_for(_read_head(reader), timeout)
            if head is None:
                return False
            method, target, version, headers = head
            path = normalise_path(target)
            if not self.admit(remote, path):
                log.warning("refused %s %s from %s: not in allowed_subnets", method, path, remote)
                raise _Reject(403, "FORBIDDEN")
            body = await asyncio.wait_for(self._read_body(reader, writer, version, method, headers), BODY_TIMEOUT)
        except _Reject as err:
            await _write(writer, version, Response.text(err.status, str(err)), keep_alive=False)
            await _discard(reader)
            return False
        except (asyncio.LimitOverrunError, ValueError):
            await _write(writer, version, Response.text(400, "BAD REQUEST"), keep_alive=False)
            return False
        query = {k.lower(): v for k, v in reversed(parse_qsl(target.partition("?")[2], keep_blank_values=True))}
        request = Request(method, path, query, version, headers, body, remote)
        try:
            response = await self.handler(request)
        except Exception:  # process edge: a handler bug must not kill the listener
            log.exception("handler failed for %s %s from %s", method, path, remote)
            response = Response.text(500, "ERROR")
        connection = headers.get("connection", "").lower()
        keep = "close" not in connection and (version == "HTTP/1.1" or "keep-alive" in connection)
        log.debug("%s %s %s -> %d (%d bytes in)", remote, method, path, response.status, len(body))
        await _write(writer, version, response, keep_alive=keep)
        return keep

    async def _read_body(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, version: str,
                         method: str, headers: dict[str, str]) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = await _read_chunked(reader, self.max_body)
        elif "content-length" in headers:
            length = int(headers["content-length"].strip())
            if length < 0:
                raise ValueError("negative Content-Length")
            if length > self.max_body:
                raise _Reject(413, "TOO LARGE")
            if headers.get("expect", "").lower() == "100-continue" and version == "HTTP/1.1":
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            body = await reader.readexactly(length)
        elif version == "HTTP/1.0" and method in ("POST", "PUT"):
            body = await reader.read(self.max_body + 1)  # old firmware: the body ends at EOF
            while len(body) <= self.max_body and (more := await reader.read(self.max_body + 1 - len(body))):
                body += more
            if len(body) > self.max_body:
                raise _Reject(413, "TOO LARGE")
        else:
            body = b""
        if headers.get("content-encoding", "").lower() in ("gzip", "x-gzip", "deflate"):
            body = _inflate(body, self.max_body)
        return body


async def _read_head(reader: asyncio.StreamReader) -> tuple[str, str, str, dict[str, str]] | None:
    line = await reader.readline()
    while line in (b"\r\n", b"\n"):  # stray CRLF between requests is allowed (RFC 9112 2.2)
        line = await reader.readline()
    if not line:
        return None
    parts = line.decode("latin-1").strip().split()
    if len(parts) not in (2, 3) or not parts[0].isalpha():
        raise ValueError("malformed request line")
    method, target = parts[0].upper(), parts[1]
    version = parts[2].upper() if len(parts) == 3 else "HTTP/1.0"
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise ValueError("unsupported HTTP version")
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADERS + 1):
        raw = await reader.readline()
        if not raw.strip():
            return method, target, version, headers
        name, sep, value = raw.decode("latin-1").partition(":")
        if sep and name.strip():  # lines without a colon are ignored rather than fatal
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    raise ValueError("too many header lines")


async def _read_chunked(reader: asyncio.StreamReader, limit: int) -> bytes:
    body = bytearray()
    while True:
        size = int((await reader.readline()).split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            while (await reader.readline()).strip():  # trailers
                pass
            return bytes(body)
        if len(body) + size > limit:
            raise _Reject(413, "TOO LARGE")
        body += await reader.readexactly(size)
        await reader.readline()


def _inflate(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=47)  # gzip or zlib header, detected
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise ValueError("undecodable compressed body") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise _Reject(413, "TOO LARGE")
    return out


async def _discard(reader: asyncio.StreamReader, limit: int = 1 << 20, seconds: float = 1.0) -> None:
    """Swallow what the client is still sending (briefly) so closing does not reset the connection
    before it has read our refusal."""
    try:
        async with asyncio.timeout(seconds):
            while limit > 0 and (chunk := await reader.read(min(limit, 65536))):
                limit -= len(chunk)
    except (TimeoutError, ConnectionError):
        pass


async def _write(writer: asyncio.StreamWriter, version: str, response: Response, *, keep_alive: bool) -> None:
    """Always uncompressed with a Content-Length, whatever Accept-Encoding asked for."""
    reason = HTTPStatus(response.status).phrase if response.status in HTTPStatus._value2member_map_ else ""
    headers = {"Server": "seen-bridge", "Date": email.utils.formatdate(usegmt=True),
               "Content-Type": response.content_type, "Content-Length": str(len(response.body)),
               "Connection": "keep-alive" if keep_alive else "close", **response.headers}
    head = f"{version} {response.status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(head.encode("latin-1") + b"\r\n" + response.body)
    await writer.drain()
