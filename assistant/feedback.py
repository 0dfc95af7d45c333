"""Residents' 👍 / 👎 on answers, with an optional comment, kept durably in SQLite under the data folder for review:
each with the question, the dialogue before it, the answer and its citations as the user saw them."""
from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

FILE = "feedback.sqlite"
Rating = Literal["up", "down"]
_SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    dialogue TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL
)"""
_COLUMNS = ("id", "at", "rating", "comment", "question", "dialogue", "answer", "citations")


class FeedbackStore:
    """One SQLite file shared by the app's threads (one connection, writes serialised by a lock)."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute(_SCHEMA)

    def add(self, rating: Rating, question: str, dialogue: list[str], answer: str, citations: list[dict]) -> int:
        """Stores one rating; returns its id, for a comment to follow."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO feedback (at, rating, question, dialogue, answer, citations) VALUES (?, ?, ?, ?, ?, ?)",
                (at, rating, question, json.dumps(dialogue, ensure_ascii=False), answer,
                 json.dumps(citations, ensure_ascii=False)))
            return cursor.lastrowid

    def comment(self, feedback_id: int, text: str) -> bool:
        """Adds the user's comment to a rating they gave; False when there is no such rating."""
        with self._lock, self._db:
            return self._db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (text, feedback_id)).rowcount == 1

    def rows(self) -> list[dict]:
        """Every rating, oldest first, with the dialogue and citations decoded."""
        with self._lock:
            found = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [{**dict(zip(_COLUMNS, row)), "dialogue": json.loads(row[5]), "citations": json.loads(row[7])}
                for row in found]

    def export(self, out) -> int:
        """Writes every rating as one JSON line to `out`; returns how many."""
        rows = self.rows()
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)

    def close(self) -> None:
        self._db.close()
