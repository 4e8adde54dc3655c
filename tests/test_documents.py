import json
from pathlib import Path

import pytest

from digest.documents import MAX_FILE_BYTES, DocumentError, read_documents
from digest.model import Document


def _read(*paths: Path) -> list[Document | DocumentError]:
    return list(read_documents(list(paths)))


def test_seeds_metadata_matches_gold(seeds_dir: Path, gold_by_doc: dict[str, dict]) -> None:
    documents = _read(seeds_dir)
    assert [d.doc for d in documents] == sorted(gold_by_doc)
    for document in documents:
        assert isinstance(document, Document), document
        expected = gold_by_doc[document.doc]
        assert document.language == expected["language"], document.doc
        published = document.published.isoformat() if document.published else None
        assert published == expected["published"], document.doc
        assert document.source == expected["source"], document.doc


@pytest.mark.parametrize(
    ("doc", "title"),
    [
        ("001_d36b86ebf6ea9518.txt", "В Алматы ко Дню Республики завершается реализация более 60 социально значимых проектов"),
        ("002_692bf9b055db218c.txt", "Глава государства принял акима Алматинской области Марата Султангазиева"),
        ("003_09374d3476e3e40b.txt", "Олжас Бектенов Президент тапсырмаларын жүзеге асыру аясында Алатау қаласын дамыту жөніндегі кеңестің отырысын өткізді"),
        ("000_4d6d76c6fb0b9d68.txt", None),   # the text opens with its lead, no headline
    ],
)
def test_seed_titles(seeds_dir: Path, doc: str, title: str | None) -> None:
    (document,) = _read(seeds_dir / doc)
    assert document.title == title


def test_seed_bodies_have_no_boilerplate(seeds_dir: Path) -> None:
    for document in _read(seeds_dir):
        body = document.body
        assert "Фото:" not in body
        assert "горячие новости 402" not in body and "Читайте новости" not in body
        assert "Вернуться назад" not in body and "Twitter" not in body
        assert "#АЭС" not in body and "National Emblem" not in body
        assert "Сity" not in body and "Аlatau" not in body     # look-alikes repaired
        assert body.count("\n") >= 5                          # paragraphs kept


def test_html_page(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text(
        """<!doctype html><html><head><title>В Костанае открыли школу на 1200 мест | Kostanay.news</title>
        <meta property="og:title" content="В Костанае открыли школу на 1200 мест">
        <meta property="article:published_time" content="2025-09-01T10:00:00+05:00">
        <meta property="og:site_name" content="Tengrinews.kz"></head><body>
        <nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
        <article><h1>В Костанае открыли школу на 1200 мест</h1>
        <p>В Костанае к новому учебному году открыли школу на 1200 мест. Стоимость строительства
        составила 9,8 млрд тенге, сообщили в акимате Костанайской области.</p>
        <p>В школе 60 кабинетов, спортивный зал и бассейн. Всего в области в этом году
        введено пять новых школ.</p></article>
        <footer>Поделиться Twitter Facebook</footer></body></html>""",
        encoding="utf-8",
    )
    (document,) = _read(page)
    assert isinstance(document, Document)
    assert document.title == "В Костанае открыли школу на 1200 мест"
    assert document.published.isoformat() == "2025-09-01"
    assert document.source == "Tengrinews.kz"
    assert document.language == "ru"
    assert "9,8 млрд тенге" in document.body
    assert "Главная" not in document.body and "Поделиться" not in document.body


def test_json_lines_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "a1", "url": "https://example.kz/1", "title": "Ақтөбеде жаңа зауыт ашылды",
         "body": "Ақтөбе облысында құны 12 млрд теңге болатын зауыт іске қосылды. Онда 300 жұмыс орны ашылды.",
         "published": "2025-05-06", "source": "kazinform"},
        {"url": "https://example.kz/2", "body": "   "},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken", encoding="utf-8")
    first, second, third = _read(path)
    assert isinstance(first, Document)
    assert (first.doc, first.language, first.source, first.url) == ("a1", "kk", "Kazinform", "https://example.kz/1")
    assert first.published.isoformat() == "2025-05-06"
    assert first.body.startswith("Ақтөбеде жаңа зауыт ашылды")
    assert isinstance(second, DocumentError) and "no body" in second.reason
    assert isinstance(third, DocumentError) and third.doc == "feed.jsonl#3" and "invalid JSON" in third.reason


def test_bad_inputs_get_an_error_each_and_the_rest_are_read(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10)
    (tmp_path / "huge.txt").write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    (tmp_path / "short.txt").write_text("Слишком коротко.", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "good.txt").write_text((seeds_dir / "000_4d6d76c6fb0b9d68.txt").read_text(encoding="utf-8"))
    results = {item.doc: item for item in _read(tmp_path)}
    reasons = {name: item.reason for name, item in results.items() if isinstance(item, DocumentError)}
    assert reasons == {
        "bad.json": reasons["bad.json"],
        "binary.txt": "binary file, not an article",
        "dangling.txt": "no such file",
        "empty.txt": "empty file",
        "huge.txt": f"too large: {MAX_FILE_BYTES + 1} bytes (limit {MAX_FILE_BYTES})",
        "short.txt": reasons["short.txt"],
    }
    assert reasons["bad.json"].startswith("invalid JSON")
    assert reasons["short.txt"].startswith("too little text")
    assert isinstance(results["good.txt"], Document)


def test_windows_1251_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("В Павлодарской области построят 3 школы на 900 мест, сообщает Pavlodarnews.kz.".encode("cp1251"))
    (document,) = _read(path)
    assert isinstance(document, Document) and "900 мест" in document.body
