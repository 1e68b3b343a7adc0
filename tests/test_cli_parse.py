"""`gongbao parse` from the outside: output formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from gongbao.cli import app

runner = CliRunner()


def test_text_summary_lists_every_document():
    result = runner.invoke(app, ["parse", str(SAMPLES / "yangquan-gazette-2023-04.txt")])
    assert result.exit_code == 0
    assert "阳泉市人民政府公报 2023年第4期（总第22期），2023-08-30出版" in result.output
    assert result.output.count("阳政办") == 7
    assert "阳政办函〔2023〕60号" in result.output and "2023-07-07" in result.output


def test_json_follows_the_spec():
    result = runner.invoke(app, ["parse", str(SAMPLES / "yangquan-gazette-2022-02.txt"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"source", "issue", "toc", "documents", "warnings"}
    assert data["source"]["layout"] == "plain" and len(data["source"]["sha256"]) == 64
    doc = data["documents"][0]
    for key in ("start_line", "end_line", "title", "doc_number", "doc_number_parts", "issuer", "addressees", "signed",
                "section", "publicity", "genre", "attachments", "cites", "repeals", "appointments", "text", "outline"):
        assert key in doc, key
    assert doc["doc_number_parts"] == {"prefix": "阳政发", "year": 2022, "serial": 1}
    assert doc["cites"][:2] == ["安委〔2022〕1号", "晋政发〔2022〕1号"]
    codes = {w["code"] for w in data["warnings"]}
    assert {"toc-mismatch", "duplicate-number"} <= codes
    for d in data["documents"]:
        for key, value in d.items():
            assert value != "", f"{key} is an empty string; the spec wants null"


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00" * 20, "binary"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, needle):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "gongbao", "parse", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert needle in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert str(bad) in proc.stderr


def test_missing_file_is_exit_2_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "gongbao", "parse", str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_format_is_a_usage_error():
    result = runner.invoke(app, ["parse", str(SAMPLES / "yangquan-gazette-2023-04.txt"), "--format", "xml"])
    assert result.exit_code == 2
