"""`kzdigest ingest` and `kzdigest extract --json` as an operator runs them."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def kzdigest(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if db is not None:
        env["DATABASE_PATH"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_ingest_seeds_then_again_adds_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "kz.db"
    first = kzdigest("ingest", str(seeds_dir), db=db)
    assert first.returncode == 0, first.stderr
    assert "new: 5, duplicates: 0, failed: 0" in first.stdout
    again = kzdigest("ingest", str(seeds_dir), db=db)
    assert again.returncode == 0, again.stderr
    assert "new: 0, duplicates: 5, failed: 0" in again.stdout
    assert again.stdout.count("(already stored)") == 5


def test_ingest_reports_bad_files_and_keeps_the_good_ones(tmp_path: Path, seeds_dir: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seeds_dir / "002_692bf9b055db218c.txt", inbox / "good.txt")
    (inbox / "broken.json").write_text('{"title": "no body"}', encoding="utf-8")
    (inbox / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = kzdigest("ingest", str(inbox), "--db", str(tmp_path / "kz.db"))
    assert result.returncode == 1
    assert "new: 1, duplicates: 0, failed: 2" in result.stdout
    assert "failed: broken.json: record has no body text" in result.stdout
    assert "failed: photo.txt: binary file, not an article" in result.stdout


def test_extract_json_prints_one_contract_line_per_document(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "zz_empty.txt").write_text("", encoding="utf-8")
    result = kzdigest("extract", str(seeds_dir), str(tmp_path / "zz_empty.txt"), "--json")
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["doc"] for line in lines] == [*sorted(p.name for p in seeds_dir.glob("*.txt")), "zz_empty.txt"]
    for line in lines[:-1]:
        assert set(line) >= {"doc", "language", "published", "title", "source", "regions", "officials", "figures"}
        assert "error" not in line
    assert lines[-1]["error"] == "empty file"


@pytest.mark.parametrize("command", ["ingest", "extract", "eval", "reextract"])
def test_every_subcommand_explains_itself(command: str) -> None:
    result = kzdigest(command, "--help")
    assert result.returncode == 0 and "usage: kzdigest" in result.stdout


def test_two_processes_ingesting_the_same_folder_store_each_article_once(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "kz.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(db)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(seeds_dir)], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    news = sum(int(out.split("new: ")[1].split(",")[0]) for out in outputs)
    assert news == 5
    check = kzdigest("ingest", str(seeds_dir), db=db)
    assert "new: 0, duplicates: 5" in check.stdout


def test_the_command_line_starts_without_loading_the_bot() -> None:
    # aiogram takes seconds to import: only `run`, `chat` and `deliver` should pay for it.
    probe = "import sys, bot.cli; print('aiogram' in sys.modules, 'bot.app' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.split() == ["False", "False"]
