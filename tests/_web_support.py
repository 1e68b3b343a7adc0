"""Helpers for the API, web and browser tests: an archive of the samples plus one extra issue,
and a real `gongbao serve` process on a free localhost port.

The extra issue (2021 年第 1 期) is written here, not taken from the corpus, because the tests
need two things the samples lack: a document whose title and text hold HTML (`<script>`, `<img
onerror>`), to check that every page shows it as text, and a document citing one of the samples
(阳政办发〔2020〕132号), so that references and "cited by" link across the archive.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SCREENSHOTS = ROOT / "tests" / "screenshots"

# Known facts of the sample archive that the tests check pages and answers against.
DOC_132 = "阳政办发〔2020〕132号"  # 重污染天气应急预案, signed 2020-12-09, issue 2020-06, 11 attachments omitted
DOC_132_ID = "阳政办发2020-132"
XSS_ID = "阳政办发2021-7"
CITING_ID = "阳政办发2021-8"

EXTRA_ISSUE = """阳泉市人民政府公报

2021 年第 1 期

（总第 009 期）

阳泉市人民政府办公室 主管主办

2021 年 2 月 28 日出版

目 录

【市政府办公室文件】

阳泉市人民政府办公室关于加强<script>alert("title")</script>网页安全的通知（阳政办发〔2021〕7号）……………… 1

阳泉市人民政府办公室关于做好重污染天气应急预案演练工作的通知（阳政办发〔2021〕8号）……………… 3

阳泉市人民政府办公室关于加强<script>alert("title")</script>网页安全的通知

阳政办发〔2021〕7号

各县（区）人民政府，市直各单位：

为做好网页安全工作，现将有关事项通知如下：<script>alert("xss")</script>文本中的标记和 & 符号应原样显示。

一、总体要求

坚持<img src=x onerror=alert(1)>安全第一。

阳泉市人民政府办公室

2021年1月4日

（此件公开发布）

阳泉市人民政府办公室关于做好重污染天气应急预案演练工作的通知

阳政办发〔2021〕8号

各县（区）人民政府，市直各单位：

根据《阳泉市重污染天气应急预案》（阳政办发〔2020〕132号），现就做好演练工作通知如下。

阳泉市人民政府办公室

2021年2月1日

（此件公开发布）
"""


def build_web_archive(folder: Path, db: str | None = None) -> Path | str:
    """An archive of the four samples and the extra issue, in `folder` (or in the PostgreSQL
    database `db`, a URL)."""
    from gongbao.store import Archive

    extra = folder / "yangquan-gazette-2021-01-test.txt"
    extra.write_text(EXTRA_ISSUE, encoding="utf-8")
    path = db or folder / "web.db"
    with Archive.open(path) as archive:
        outcomes = archive.ingest_paths([SAMPLES, extra])
    assert all(o.status == "added" for o in outcomes), outcomes
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gongbao_command() -> list[str]:
    """The installed `gongbao` entry point of this interpreter's environment."""
    exe = Path(sys.executable).with_name("gongbao")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from gongbao.cli import app; app()"]


class Server:
    """`gongbao serve` in a child process on 127.0.0.1 and a free port."""

    def __init__(self, db: Path, *, upload_token: str | None = None, log: Path | None = None,
                 extra_args: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [*gongbao_command(), "serve", "--db", str(db), "--host", "127.0.0.1",
                "--port", str(self.port)]
        if upload_token:
            args += ["--upload-token", upload_token]
        args += extra_args or []
        env = {k: v for k, v in os.environ.items() if k != "GONGBAO_UPLOAD_TOKEN"}
        self._log = open(log, "wb") if log else subprocess.DEVNULL
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env)

    def wait(self, timeout: float = 30) -> Server:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gongbao serve exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gongbao serve did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self._log is not subprocess.DEVNULL:
            self._log.close()
