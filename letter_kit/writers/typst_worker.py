"""The process that runs Typst for letterkit, with no network.

Typst downloads a package (``#import "@preview/..."``) that is not on the machine,
and nothing in its compiler's settings turns that off; a template can build the name
at run time, so no reading of its source can find every such import either. This
process therefore takes the network away from itself before it loads Typst: on Linux
(x86-64 and ARM64) a seccomp filter makes the kernel refuse every ``socket()`` call
(with EACCES), so no connection, not even a DNS query, can be made. Where there is no
seccomp, downloads are pointed at a proxy address where nothing listens.

It runs as a script of its own (``python -I typst_worker.py ROOT ENTRY``), imports
nothing from letterkit, and serves requests on its standard input: a JSON line
``{"timestamp": ..., "standards": [...]}`` (or ``{"format": "png", "ppi": ...}`` for
a picture of the first page); the answer on standard output is a JSON
line ``{"ok": true, "size": N}`` followed by N bytes of PDF, or ``{"ok": false,
"message": ..., "diagnostic": ..., "hints": [...]}``. It ends when its input does.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

# seccomp, as <linux/seccomp.h>, <linux/filter.h> and <linux/audit.h> define it.
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_LOAD_WORD = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JUMP_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JUMP_AT_LEAST = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RETURN = 0x06  # BPF_RET | BPF_K
_ALLOW = 0x7FFF0000
_REFUSE = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES
_X32_SYSCALLS = 0x40000000
# machine -> (audit architecture, number of the socket system call)
_ARCHITECTURES = {
    "x86_64": (0xC000003E, 41),
    "amd64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
    "arm64": (0xC00000B7, 198),
}


class _Instruction(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def no_sockets() -> bool:
    """Make every later ``socket()`` call of this process fail; True if it took."""
    machine = platform.machine().lower()
    if sys.platform != "linux" or machine not in _ARCHITECTURES:
        return False
    arch, socket_call = _ARCHITECTURES[machine]
    code = [
        (_LOAD_WORD, 0, 0, 4),  # the caller's architecture
        (_JUMP_EQUAL, 1, 0, arch),
        (_RETURN, 0, 0, _REFUSE),  # any other ABI (i386, x32 tricks): refuse all
        (_LOAD_WORD, 0, 0, 0),  # the system call's number
        (_JUMP_AT_LEAST, 2, 0, _X32_SYSCALLS),
        (_JUMP_EQUAL, 1, 0, socket_call),
        (_RETURN, 0, 0, _ALLOW),
        (_RETURN, 0, 0, _REFUSE),
    ]
    instructions = (_Instruction * len(code))(*(_Instruction(*step) for step in code))
    program = _Program(len(code), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) == 0)


def _answer(out: Any, header: dict[str, Any], data: bytes = b"") -> None:
    out.write(json.dumps(header).encode("utf-8") + b"\n" + data)
    out.flush()


def serve(root: str, entry: str) -> None:
    """Compile ``entry`` (a file in the folder ``root``) on each request."""
    sealed = no_sockets()
    # Belt and braces, and the only guard where seccomp is missing: a download would
    # go to a proxy where nothing listens.
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        os.environ[name] = "http://127.0.0.1:9"
    os.environ.pop("NO_PROXY", None)
    os.environ.pop("no_proxy", None)
    import typst  # only now, with the network gone

    empty = Path(root) / ".no-packages"
    empty.mkdir(exist_ok=True)
    compiler = typst.Compiler(
        input=str(Path(root) / entry),
        root=root,
        font_paths=[],
        ignore_system_fonts=True,
        package_path=str(empty),
        package_cache_path=str(empty),
    )
    source, out = sys.stdin.buffer, sys.stdout.buffer
    _answer(out, {"ready": True, "sealed": sealed})
    for line in source:
        request = json.loads(line)
        try:
            if request.get("format") == "png":  # an image, at this resolution
                pdf = compiler.compile(format="png", ppi=float(request["ppi"]))
            else:
                pdf = compiler.compile(
                    format="pdf",
                    timestamp=request["timestamp"],
                    pdf_standards=request["standards"],
                )
        except typst.TypstError as exc:
            _answer(
                out,
                {
                    "ok": False,
                    "message": str(getattr(exc, "message", exc)),
                    "diagnostic": str(getattr(exc, "diagnostic", "") or ""),
                    "hints": [str(h) for h in getattr(exc, "hints", []) or []],
                },
            )
            continue
        assert isinstance(pdf, bytes)
        _answer(out, {"ok": True, "size": len(pdf)}, pdf)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
