"""CSV exports open cleanly in a spreadsheet: each row carries its own incident's notes, the source
names the outlet and relaying agencies, and commas, quotes and newlines survive a read-back with
pandas and with the csv module."""

from __future__ import annotations

import csv
import io

import pandas as pd
from conftest import CASSETTES, SEEDS

from summarizer.api import summarize_files
from summarizer.render import to_csv
from summarizer.schema import ArticleRecord
from summarizer.settings import Settings


def _seeds() -> list[ArticleRecord]:
    results = summarize_files([SEEDS], settings=Settings.resolve(replay_dir=CASSETTES))
    return [r.record for r in results if r.record is not None]


def test_each_row_carries_its_own_incidents_notes_and_source() -> None:
    records = _seeds()
    rows = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert len(rows) == sum(len(r.incidents) for r in records)
    by_patrol = {(r["article_id"][:3], r["patrol_number"]): r for r in rows}
    main, background = by_patrol["000", "26"], by_patrol["000", "25"]
    assert main["notes"].startswith("An explosion hit the 26th joint")
    assert "25th" not in main["notes"]  # the background event is in its own row
    assert background["notes"].startswith("An explosion hit the 25th joint")
    assert main["source"] == "Interfax"  # relays the ministry's claim in the text
    assert by_patrol["001", ""]["source"] == "Reuters"
    assert by_patrol["002", "21"]["source"] == "The Moscow Times"
    assert by_patrol["003", "24"]["source"] == "SouthFront"


def test_cells_with_commas_quotes_and_newlines_read_back_unchanged() -> None:
    rec = _seeds()[1]
    tricky = 'Line one, with "quotes"; a semicolon\nand a second line\r\nand a third'
    rec.incidents[0].summary = tricky
    rec = rec.model_copy(update={"outlet": 'Outlet, "Quoted"'})
    text = to_csv([rec])
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(row)
    assert len(frame) == 1
    for column, value in row.items():
        assert frame.loc[0, column] == value, column
    assert row["notes"] == tricky
    assert row["source"].startswith('Outlet, "Quoted"')
