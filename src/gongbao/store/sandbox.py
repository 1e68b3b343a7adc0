"""Parse an untrusted file in a child process with a time and a memory limit.

The server parses uploads this way: a file that makes the parser slow or hungry costs one child
process, killed at its limit, never the server (which keeps answering meanwhile: the waiting is
done in a worker thread). The child is started afresh for each file (spawn: no state shared with
the server), imports the parser, then limits itself (`RLIMIT_CPU`, `RLIMIT_AS`) before reading
the file; the parent also stops waiting after a wall-clock limit and kills it.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
from dataclasses import dataclass

from gongbao.errors import GongbaoError, InputError

__all__ = ["ParseLimits", "prepare_limited", "DEFAULT_LIMITS"]


@dataclass(frozen=True)
class ParseLimits:
    cpu_seconds: float = 60.0  # CPU time the parse may use
    memory_bytes: int = 1 << 30  # address space it may add to what the parser needs when loaded
    startup_seconds: float = 60.0  # how long the child may take to start and import the parser

    @property
    def wall_seconds(self) -> float:
        """How long the parent waits for the result once the child has started."""
        return 2 * self.cpu_seconds + 1


DEFAULT_LIMITS = ParseLimits()


def _address_space() -> int:
    """This process's current virtual size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn, path: str, data: bytes, digest: str, limits: ParseLimits) -> None:  # pragma: no cover - child
    from gongbao.store.ingest import PARSE_ERRORS, prepare_file
    from gongbao.search.tokenize import words

    words("预热")  # load the segmenter's dictionary before the limits: it is not the file's cost
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(used.ru_utime + used.ru_stime + limits.cpu_seconds)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))
    if _address_space():
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + limits.memory_bytes, hard))
    conn.send(("ready", None))
    try:
        conn.send(("done", prepare_file(path, data, digest)))
    except MemoryError:
        conn.send(("error", f"{path}: parsing it needs more than the {limits.memory_bytes >> 20} MiB allowed"))
    except GongbaoError as e:
        conn.send(("error", str(e)))
    except PARSE_ERRORS as e:
        conn.send(("error", f"{path}: could not parse: {type(e).__name__}: {e}"))


def prepare_limited(path: str, data: bytes, digest: str, limits: ParseLimits = DEFAULT_LIMITS):
    """`store.ingest.prepare_file` in a child process within `limits`; InputError when the file
    went over them (or failed to parse)."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, path, data, digest, limits), daemon=True)
    child.start()
    send.close()
    try:
        for wait in (limits.startup_seconds, limits.wall_seconds):
            if not receive.poll(wait):
                raise InputError(f"{path}: parsing it was stopped after {wait:g} s (the limit)")
            try:
                kind, value = receive.recv()
            except EOFError:  # the child died: killed at its CPU limit, or out of memory
                child.join(5)
                raise InputError(f"{path}: parsing it was stopped at its limit of "
                                 f"{limits.cpu_seconds:g} s of CPU or {limits.memory_bytes >> 20} MiB "
                                 f"(the parser process ended with code {child.exitcode})") from None
            if kind == "done":
                return value
            if kind == "error":
                raise InputError(value)
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
