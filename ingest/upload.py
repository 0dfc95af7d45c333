"""Staff add or remove a document: checked whole before anything changes, then placed in the corpus and ingested.

A refused file leaves the corpus and the index exactly as they were, and the refusal names the file and the reason.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from .config import Settings
from .pipeline import OCR_CACHE, SUFFIXES, Report, read_chunks, run
from .types import SourceError

MAX_BYTES = int(os.environ.get("POLICY_DESK_MAX_UPLOAD_MB", "50")) * 1024 * 1024
_NAME = re.compile(r"[^\\/:*?\"<>|\x00-\x1f]+")  # one file name: no folder, nothing a file system refuses


class Refused(Exception):
    """Why a document was not added or removed; the message names the file."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(f"{name}：{reason}")


def _kind(data: bytes) -> str:
    """The file's type by its content: ".pdf" by its signature, else text (.txt / .md alike), "" for neither."""
    if data.lstrip()[:5] == b"%PDF-":
        return ".pdf"
    return ".txt" if b"\x00" not in data[:8192] else ""


def _checked_name(name: str) -> str:
    plain = name.strip()
    if not _NAME.fullmatch(plain) or plain in (".", "..") or plain.startswith(".") or PurePosixPath(plain).name != plain:
        raise Refused(name or "（无名）", "文件名不能含路径（/、\\、..）或以“.”开头，请改用普通文件名")
    if Path(plain).suffix.lower() not in SUFFIXES:
        raise Refused(plain, "只接受 PDF、.txt 或 .md 文件")
    return plain


def check(settings: Settings, name: str, data: bytes, progress: bool = False) -> str:
    """The file name to store the document under, once the document reads into passages; Refused otherwise. A scanned
    page is read by OCR here, into the data folder's OCR cache, so the ingest that follows reads it from there."""
    name = _checked_name(name)
    if not data.strip():
        raise Refused(name, "文件是空的（0 字节或只有空白）")
    if len(data) > MAX_BYTES:
        raise Refused(name, f"文件太大（{len(data) / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）")
    kind, suffix = _kind(data), Path(name).suffix.lower()
    if kind != (".pdf" if suffix == ".pdf" else ".txt"):
        found = {"": "二进制文件", ".pdf": "PDF", ".txt": "文本"}[kind]
        raise Refused(name, f"文件内容是{found}，与扩展名 {suffix} 不符（例如 Word 或图片文件改了扩展名），请上传 PDF、.txt 或 .md")
    if kind == ".pdf" and b"%%EOF" not in data[-2048:]:
        raise Refused(name, "PDF 不完整（没有文件结尾标记，可能下载或复制中断了），请重新获取完整文件")
    # read it as ingest will, outside the corpus: encrypted, unreadable, not UTF-8 or passage-less files stop here
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read_chunks(path, name, settings.data_dir / OCR_CACHE, progress)
        except SourceError as exc:
            raise Refused(name, f"{exc.problem}（{exc.fix}）") from exc
    return name


def add(settings: Settings, name: str, data: bytes, progress: bool = False) -> Report:
    """Check the document, put it in the corpus (replacing one of the same name) and bring the index in line."""
    name = check(settings, name, data, progress)
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    # written under a hidden name, which ingest skips, then renamed: ingest never reads half a file
    with tempfile.NamedTemporaryFile(dir=settings.corpus_dir, prefix=".upload-", delete=False) as part:
        part.write(data)
    os.replace(part.name, settings.corpus_dir / name)
    return run(settings, progress=progress)


def remove(settings: Settings, name: str, progress: bool = False) -> Report:
    """Take the document out of the corpus and its passages out of the index."""
    name = _checked_name(name)
    path = settings.corpus_dir / name
    if not path.is_file():
        raise Refused(name, "文件库里没有这个文件")
    path.unlink()
    return run(settings, progress=progress)
