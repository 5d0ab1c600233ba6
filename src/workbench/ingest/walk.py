"""The files in the folders given to ingest: every entry read or listed, links followed once.

Folders are walked depth first with their entries sorted by name (the order of the
sorted recursive listing: a folder's files come right after it). Hidden entries
(``.name``) and Office lock files (``~$name``) are not inputs and are skipped. Every
other entry becomes a :class:`~workbench.ingest.readers.FileSlice`:

* a file, or a link to one: read;
* a folder, or a link to one: walked, once. Each folder is known by its device and
  inode, so a link that leads to a folder already walked (a loop back to a parent, a
  second link to the same folder) is listed with where its files were read, and
  nothing is read twice;
* a folder that cannot be opened (no permission, gone while walking): listed with
  the reason, as are broken links and pipes, sockets or devices.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.ingest.readers import FileSlice


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$"))


def _unreadable(path: str, exc: OSError) -> FileSlice:
    return FileSlice(path, missing=True,
                     why=f"cannot open the folder ({exc.strerror or exc}); its files were not read — give "
                         f"read access to it (or remove it from the input) and ingest again")


def _entry(entry: os.DirEntry) -> tuple[str, FileSlice | None]:
    """("dir", None) for a folder to walk, else ("file", the slice for the entry)."""
    path = Path(entry.path).as_posix()
    try:
        if entry.is_dir():
            return "dir", None
        if entry.is_file():
            return "file", FileSlice(path)
        if entry.is_symlink() and not os.path.exists(entry.path):
            return "file", FileSlice(path, missing=True, why="broken symbolic link; point it at a file or remove it")
    except OSError as exc:
        return "file", FileSlice(path, missing=True, why=f"cannot be read ({exc.strerror or exc}); check it")
    return "file", FileSlice(path, missing=True,
                             why="not a regular file (a pipe, socket or device); copy the postings into a file")


def _identity(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _listing(folder: str) -> list[os.DirEntry]:
    """The entries of ``folder`` that are inputs, sorted by name (raises OSError)."""
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if not _skipped(e.name)), key=lambda e: e.name)


def _subfolder(entry: os.DirEntry, seen: dict[tuple[int, int], str]) -> tuple[list | None, FileSlice | None]:
    """(entries to walk, None), or (None, why it is listed) for a folder met in a walk."""
    path = Path(entry.path).as_posix()
    try:
        key = _identity(entry.path)
        if key in seen:
            return None, FileSlice(path, missing=True,
                                   why=f"link to a folder already read (as {seen[key]}); not read again, "
                                       f"so no posting is counted twice — nothing to do")
        seen[key] = path
        return _listing(entry.path), None
    except OSError as exc:
        return None, _unreadable(path, exc)


def walk_folder(folder: Path) -> list[FileSlice]:
    """Every entry under ``folder`` as a slice to read or a listed problem (see the module)."""
    root = folder.as_posix()
    try:
        seen = {_identity(root): root}
        stack = [iter(_listing(root))]  # one iterator per folder being walked, depth first
    except OSError as exc:
        return [_unreadable(root, exc)]
    found: list[FileSlice] = []
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        kind, item = _entry(entry)
        if kind == "file":
            found.append(item)
            continue
        entries, listed = _subfolder(entry, seen)
        if listed is not None:
            found.append(listed)
        else:
            stack.append(iter(entries))
    return found
