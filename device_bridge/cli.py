"""`seen-bridge`: run the bridge, check a config, list and re-drive parked events, queue an
allow-listed command for a terminal. Maintenance subcommands open the outbox file directly and are
safe while the bridge runs (SQLite WAL, short transactions)."""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from device_bridge import outbox, registry
from device_bridge.commands import ForbiddenCommand, parse_cli
from device_bridge.config import BridgeConfig, ConfigError, load
from device_bridge.db import connect
from device_bridge.service import DB_FILE, AlreadyRunning, serve

DEFAULT_CONFIG = "seen-bridge.yaml"


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="seen-bridge", description="Relay time-clock punches to Seen.")
    root.add_argument("--config", type=Path, default=Path(os.environ.get("SEEN_BRIDGE_CONFIG", DEFAULT_CONFIG)),
                      help="YAML config (default $SEEN_BRIDGE_CONFIG or ./seen-bridge.yaml)")
    root.add_argument("--log-level", default=os.environ.get("SEEN_BRIDGE_LOG_LEVEL", "INFO"))
    sub = root.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="serve terminals and relay punches until SIGTERM")
    sub.add_parser("check", help="validate the config and print a summary")
    sub.add_parser("parked", help="list parked (permanently refused) events as JSON lines")
    redrive = sub.add_parser("redrive", help="send parked events again")
    which = redrive.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every parked event")
    which.add_argument("--event-id", help="one parked event")
    command = sub.add_parser("command", help="queue an allow-listed command for a ZKTeco ADMS terminal")
    command.add_argument("--device", required=True, help="the terminal's serial number")
    command.add_argument("name", choices=["info", "check", "log", "verify-attlog", "query-attlog"])
    command.add_argument("--start", type=datetime.fromisoformat, help="device wall clock, e.g. 2026-03-01T00:00:00")
    command.add_argument("--end", type=datetime.fromisoformat)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load(args.config)
    except ConfigError as err:
        print(err, file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](config, args)
    except (AlreadyRunning, ForbiddenCommand) as err:
        print(f"seen-bridge: {err}", file=sys.stderr)
        return 1


def _run(config: BridgeConfig, args: argparse.Namespace) -> int:
    asyncio.run(serve(config))
    return 0


def _check(config: BridgeConfig, args: argparse.Namespace) -> int:
    print(f"bridge {config.bridge_id} -> {config.backend_url} (key {config.key_id}, secret file ok)")
    print(f"listen {config.listen_host}:{config.listen_port}, allowed "
          + ", ".join(str(n) for n in config.allowed_subnets))
    for d in config.devices:
        print(f"  {d.vendor:9} {d.serial:24} {d.time_zone.key:20} {d.protocol:4} direction={d.direction.value}")
    return 0


def _parked(config: BridgeConfig, args: argparse.Namespace) -> int:
    conn = connect(config.data_dir / DB_FILE)
    try:
        for row in outbox.parked(conn):
            print(json.dumps(row, ensure_ascii=False))
    finally:
        conn.close()
    return 0


def _redrive(config: BridgeConfig, args: argparse.Namespace) -> int:
    conn = connect(config.data_dir / DB_FILE)
    try:
        count = outbox.redrive(conn, None if args.all else args.event_id)
    finally:
        conn.close()
    print(f"{count} parked event(s) queued again")
    return 0 if count or args.all else 1


def _command(config: BridgeConfig, args: argparse.Namespace) -> int:
    device = config.device(args.device)
    if device is None or device.vendor != "zkteco" or device.protocol != "push":
        print(f"seen-bridge: {args.device} is not a configured ZKTeco ADMS terminal", file=sys.stderr)
        return 1
    command = parse_cli([args.name], start=args.start, end=args.end)
    conn = connect(config.data_dir / DB_FILE)
    try:
        command_id = registry.queue_command(conn, device.serial, command, time.time())
    finally:
        conn.close()
    print(f"queued command {command_id} for {device.serial}: {command.text!r}")
    return 0


COMMANDS = {"run": _run, "check": _check, "parked": _parked, "redrive": _redrive, "command": _command}

if __name__ == "__main__":
    sys.exit(main())
