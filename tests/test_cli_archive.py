"""`gongbao ingest / search / show / stats / export` from the outside."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from gongbao.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("ingest", "search", "show", "stats", "export")
runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_ingest_reports_added_then_skipped_and_replaced(tmp_path):
    db = tmp_path / "g.db"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("yangquan-gazette-2023-04.txt", "yangquan-gazette-2024-03.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    first = run("ingest", folder, "--db", db)
    assert first.exit_code == 0, first.output
    assert sum(line.startswith("added ") for line in first.output.splitlines()) == 2
    assert "2 added, 0 replaced, 0 skipped, 0 failed" in first.output
    again = run("ingest", folder, "--db", db)
    assert again.exit_code == 0 and "0 added, 0 replaced, 2 skipped, 0 failed" in again.output
    changed = folder / "yangquan-gazette-2023-04.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("货运源头", "货运的源头"), encoding="utf-8")
    third = run("ingest", changed, "--db", db)
    assert third.exit_code == 0 and "replaced" in third.output and "2023-04" in third.output


def test_ingest_of_a_bad_file_reports_it_and_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 50)
    result = run("ingest", bad, SAMPLES / "yangquan-gazette-2023-04.txt", "--db", tmp_path / "g.db")
    assert result.exit_code == 1
    assert "failed" in result.output and "bad.txt" in result.output
    assert "1 added, 0 replaced, 0 skipped, 1 failed" in result.output
    assert "Traceback" not in result.output


def test_ingest_of_a_missing_path_is_a_one_line_error(tmp_path):
    result = run("ingest", tmp_path / "nowhere", "--db", tmp_path / "g.db")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no such file or folder" in result.output


def test_search_prints_hits_and_facets(archive_path):
    result = run("search", "重污染天气", "应急预案", "--db", archive_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.match(r"1–\d+ of \d+ documents", lines[0])
    assert "阳政办发〔2020〕132号" in lines[1]
    assert any(line.startswith("year:") for line in lines)


def test_search_json_follows_the_spec(archive_path):
    result = run("search", "阳政办发2020 132", "--json", "--db", archive_path)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["query"] == "阳政办发2020 132" and data["total"] == 1
    hit = data["hits"][0]
    assert hit["doc_number"] == "阳政办发〔2020〕132号" and hit["signed"] == "2020-12-09"
    assert {"id", "title", "issuer", "genre", "score", "snippet"} <= set(hit)
    assert data["facets"]["year"] == {"2020": 1}


def test_search_filter_options_and_negation_without_quotes(archive_path):
    result = run("search", "应急预案", "-演练", "--year", "2020", "--json", "--limit", "50", "--db", archive_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] > 0 and all(h["year"] == 2020 for h in data["hits"])
    assert data["total"] < json.loads(run("search", "应急预案", "--year", "2020", "--json",
                                          "--db", archive_path).output)["total"]


@pytest.mark.parametrize("args, message", [
    (["search", "year:abc"], "expects a year"),
    (["search", "!!!"], "nothing to search for"),
    (["search", "x", "--from", "someday"], "cannot read the date"),
    (["show", "阳政办发2020 999"], "no document 阳政办发〔2020〕999号"),
])
def test_user_errors_are_one_line_and_exit_2(archive_path, args, message):
    result = run(*args, "--db", archive_path)
    assert result.exit_code == 2
    assert message in result.output and result.output.strip().count("\n") == 0


def test_a_missing_archive_is_a_clear_error(tmp_path):
    result = run("search", "预案", "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and "no archive at" in result.output and "gongbao ingest" in result.output


def test_gongbao_db_environment_variable_names_the_archive(archive_path):
    result = run("stats", env={"GONGBAO_DB": str(archive_path)})
    assert result.exit_code == 0 and "4 issues, 76 documents" in result.output


def test_show_prints_metadata_outline_and_text(archive_path):
    result = run("show", "阳政发〔2020〕10号", "--db", archive_path)
    assert result.exit_code == 0
    out = result.output
    assert out.splitlines()[0] == "阳泉市人民政府关于印发阳泉市质量奖管理办法的通知"
    for piece in ("阳政发〔2020〕10号", "阳泉市人民政府公报 2020年第6期", "outline", "第一章", "text", "第一条"):
        assert piece in out, piece


def test_show_raw_prints_the_printed_lines_with_numbers(archive_path):
    result = run("show", "阳政办发[2020]132号", "--raw", "--db", archive_path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "lines 1772–" in lines[0]
    assert re.match(r"\s*1772  ## 阳泉市人民政府办公室 关于印发阳泉市重污染天气应急预案的通知", lines[1])
    assert re.match(r"\s*1774  阳政办发〔2020〕132 号", lines[3])


def test_show_json(archive_path):
    data = json.loads(run("show", "阳政任字2022 10", "--json", "--db", archive_path).output)
    assert data["doc_number"] == "阳政任字〔2022〕10号" and any(a["person"] == "石峥" for a in data["appointments"])


def test_stats_and_export(archive_path, tmp_path):
    stats = run("stats", "--db", archive_path)
    assert stats.exit_code == 0 and "4 issues, 76 documents" in stats.output
    data = json.loads(run("stats", "--json", "--db", archive_path).output)
    assert data["documents"] == 76 and data["facets"]["year"]["2022"] == 31
    out = tmp_path / "docs.jsonl"
    result = run("export", "--format", "jsonl", "--output", out, "--db", archive_path)
    assert result.exit_code == 0 and "76 documents" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 76
    csv_out = run("export", "--format", "csv", "--db", archive_path)
    assert csv_out.exit_code == 0 and csv_out.output.startswith("\ufeffid,issue_id,doc_number,title")  # BOM: Excel


@pytest.mark.parametrize("command", COMMANDS)
def test_every_archive_command_has_help_and_a_readme_entry(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The archive and search", 1)[1].split("\n## ", 1)[0]
    assert f"gongbao {command}" in section, command


def test_readme_documents_the_query_language():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The archive and search", 1)[1].split("\n## ", 1)[0]
    for piece in ('"', "OR", "-", "year:", "issuer:", "genre:", "section:", "from:", "to:", "GONGBAO_DB"):
        assert piece in section, piece
