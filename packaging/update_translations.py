"""Regenerate the Chinese translation: lupdate the GUI's sources, fill in Chinese, lrelease.

    .venv/bin/python packaging/update_translations.py          # rewrite .ts and .qm
    .venv/bin/python packaging/update_translations.py --check  # only say what is stale

Steps, each quick (under a second together):

1. ``pyside6-lupdate`` reads ``qiemonitor/app.py`` and ``qiemonitor/ui/*.py``
   into a scratch ``.ts``: every ``self.tr(...)`` and
   ``QCoreApplication.translate(context, ...)``, as (context, source text).
2. A string lupdate finds without a class as its context (a ``tr("...")``
   through a local alias) stops the run, naming file:line: at run time it
   would never translate.
3. Each string takes its Chinese from ``packaging/translations_zh_CN.py``,
   else from the committed ``.ts`` (a translation made in Qt Linguist), else
   it stays unfinished and is printed, ready to paste into that file. Strings
   no longer in the code are dropped.
4. ``resources/translations/qiemonitor_zh_CN.ts`` is written (sorted, without
   line numbers, so the diff shows only what changed) and ``pyside6-lrelease``
   compiles it into the ``.qm`` the app loads. Commit both.

Exit status: 0 when every string is translated and both files are current;
1 when strings are untranslated or a translation is unusable (the files are
still written, untranslated strings show in English); 2 when lupdate or
lrelease fails. ``--check`` writes nothing and exits 1 when a rerun would
change either file.
"""

from __future__ import annotations

import argparse
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
TS_FILE = ROOT / "resources" / "translations" / f"qiemonitor_{LANGUAGE}.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
DICTIONARY_FILE = Path(__file__).with_name(f"translations_{LANGUAGE}.py")

# lupdate cannot see through a local alias (``tr = self.tr``, ``tr = window.tr``,
# a ``_tr(text)`` helper): it records such strings with no context, where no
# run-time lookup would find them. The context each file's alias translates in:
# A context is a class name (what self.tr and QCoreApplication.translate use); lupdate
# makes others ("", "self.self", "window") when an alias hides the call from it.
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d")
_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


class ToolError(Exception):
    """lupdate or lrelease is missing or failed; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Message:
    """One translatable string as the code asks for it, and where lupdate found it."""

    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    where: str = ""  # "qiemonitor/ui/x.py:12", for messages to people

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def placeholders(text: str) -> list[str]:
    """``{name}``, ``{0}``, ``%n`` and ``%1`` in ``text``, sorted: what .format/arg fill in."""
    return sorted(_PLACEHOLDER.findall(text))


def sources(root: Path = ROOT) -> list[Path]:
    """The files whose strings the translation covers."""
    return [root / "qiemonitor" / "app.py", *sorted((root / "qiemonitor" / "ui").glob("*.py"))]


def _tool(name: str) -> str:
    """``pyside6-<name>`` beside this Python (the venv's), else on PATH."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    found = found or shutil.which(f"pyside6-{name}")
    if found is None:
        raise ToolError(f"pyside6-{name} not found: install PySide6-Essentials in this Python")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise ToolError(f"{Path(command[0]).name} failed: {' / '.join(detail[-3:])}")


def extract(root: Path = ROOT) -> list[Message]:
    """Every (context, source) the code translates, by running lupdate over :func:`sources`.

    Raises :class:`ToolError` when lupdate fails, and :class:`ValueError`
    naming file:line of each string that has no context at run time.
    """
    with tempfile.TemporaryDirectory(prefix="qiemonitor-lupdate-") as scratch:
        ts = Path(scratch) / f"scratch_{LANGUAGE}.ts"
        files = [str(path) for path in sources(root)]
        _run([_tool("lupdate"), *files, "-ts", str(ts), "-locations", "absolute",
              "-no-obsolete", "-silent"])  # fmt: skip
        found = [_message(element, context, ts.parent, root) for context, element in _walk(ts)]
    lost = [message for message in found if not _CLASS_NAME.fullmatch(message.context)]
    if lost:
        lines = "\n".join(f"  {m.where}: {m.source!r} (context {m.context!r})" for m in lost)
        raise ValueError(
            "lupdate cannot tell in which context these strings translate; call self.tr(...) "
            f"or QCoreApplication.translate('Context', ...) directly:\n{lines}"
        )
    return found


def _walk(ts: Path) -> Iterable[tuple[str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            yield name, element


def _message(element: ET.Element, context: str, base: Path, root: Path) -> Message:
    where = ""
    location = element.find("location")
    if location is not None:
        path = (base / location.get("filename", "")).resolve()
        relative = path.relative_to(root.resolve()).as_posix()
        where = f"{relative}:{location.get('line', '?')}"
    return Message(
        context=context,
        source=element.findtext("source") or "",
        comment=element.findtext("comment") or "",
        numerus=element.get("numerus") == "yes",
        where=where,
    )


def read_ts(path: Path) -> dict[tuple[str, str, str], str]:
    """The finished translations of a ``.ts``, by (context, source, comment)."""
    if not path.is_file():
        return {}
    found: dict[tuple[str, str, str], str] = {}
    for context, element in _walk(path):
        translation = element.find("translation")
        if translation is None or translation.get("type") in {"unfinished", "obsolete"}:
            continue
        forms = translation.findall("numerusform")
        text = forms[0].text if forms else translation.text
        key = (context, element.findtext("source") or "", element.findtext("comment") or "")
        found[key] = text or ""
    return found


@dataclass
class Result:
    """What :func:`merge` made: the .ts text and what a person should look at."""

    ts_text: str
    untranslated: list[Message]
    unusable: list[str]  # "file:line: why", a translation the .ts does not take
    unused: list[str]  # dictionary entries no string asks for


def merge(
    messages: list[Message],
    existing: Mapping[tuple[str, str, str], str],
    dictionary: Mapping[str, str],
    by_context: Mapping[tuple[str, str], str],
) -> Result:
    """The new .ts: each message with its translation, or unfinished; see the module docstring."""
    chosen: dict[tuple[str, str, str], tuple[Message, str | None]] = {}
    untranslated: list[Message] = []
    unusable: list[str] = []
    for message in messages:
        if message.key in chosen:  # the same string asked for in two places
            continue
        text = by_context.get((message.context, message.source))
        if text is None:
            text = dictionary.get(message.source) or existing.get(message.key)
        problem = _problem(message.source, text) if text else None
        if problem:
            unusable.append(f"{message.where}: {message.source!r} → {text!r}: {problem}")
            text = None
        if not text:
            untranslated.append(message)
        chosen[message.key] = (message, text or None)
    asked = {message.source for message in messages}
    unused = [source for source in dictionary if source not in asked]
    pairs = {(message.context, message.source) for message in messages}
    unused += [
        f"{context}: {source}" for context, source in by_context if (context, source) not in pairs
    ]
    return Result(_ts_text(chosen.values()), untranslated, unusable, unused)


def _problem(source: str, translation: str) -> str | None:
    """Why a translation cannot ship, or None: lost placeholders would break .format()."""
    if placeholders(source) != placeholders(translation):
        return f"placeholders {placeholders(source)} became {placeholders(translation)}"
    if _mnemonic(source) and not _mnemonic(translation):
        return "the source has an & mnemonic, the translation none (write 文件(&F))"
    return None


def _mnemonic(text: str) -> bool:
    return re.search(r"&[^&\s]", text.replace("&&", "")) is not None


def _ts_text(entries: Iterable[tuple[Message, str | None]]) -> str:
    root = ET.Element("TS", version="2.1", language=LANGUAGE, sourcelanguage="en")
    by_context: dict[str, list[tuple[Message, str | None]]] = {}
    for message, text in entries:
        by_context.setdefault(message.context, []).append((message, text))
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for message, text in sorted(by_context[name], key=lambda pair: pair[0].key):
            context.append(_message_element(message, text))
        ET.indent(context, space="    ")  # laid out as lupdate does: <context> at the margin
        context.tail = "\n"
    root.text = "\n"
    return _HEADER + ET.tostring(root, encoding="unicode") + "\n"


def _message_element(message: Message, text: str | None) -> ET.Element:
    element = ET.Element("message", numerus="yes") if message.numerus else ET.Element("message")
    ET.SubElement(element, "source").text = message.source
    if message.comment:
        ET.SubElement(element, "comment").text = message.comment
    translation = ET.SubElement(element, "translation")
    if text is None:
        translation.set("type", "unfinished")
    if message.numerus:  # Chinese has one plural form
        ET.SubElement(translation, "numerusform").text = text or ""
    else:
        translation.text = text or ""
    return element


def release(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` with lrelease; an untranslated string shows in English."""
    _run([_tool("lrelease"), str(ts), "-qm", str(qm), "-silent"])


def load_dictionary(
    path: Path = DICTIONARY_FILE,
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """``ZH_CN`` and ``ZH_CN_BY_CONTEXT`` of ``translations_zh_CN.py``."""
    found = runpy.run_path(str(path))
    plain, by_context = found["ZH_CN"], found.get("ZH_CN_BY_CONTEXT", {})
    if not isinstance(plain, dict) or not isinstance(by_context, dict):
        raise TypeError(f"{path.name}: ZH_CN and ZH_CN_BY_CONTEXT must be dicts")
    return plain, by_context


def update(check: bool = False) -> int:
    """Run the steps of the module docstring; returns the exit status."""
    messages = extract()
    result = merge(messages, read_ts(TS_FILE), *load_dictionary())
    with tempfile.TemporaryDirectory(prefix="qiemonitor-lrelease-") as scratch:
        ts, qm = Path(scratch) / TS_FILE.name, Path(scratch) / QM_FILE.name
        ts.write_text(result.ts_text, encoding="utf-8", newline="\n")
        release(ts, qm)
        made = {TS_FILE: ts.read_bytes(), QM_FILE: qm.read_bytes()}
    stale = [path for path, data in made.items() if not _holds(path, data)]
    if not check:  # only what changed is written, so a rerun leaves the files alone
        for path in stale:
            path.write_bytes(made[path])
    _report(messages, result, [path.name for path in stale], check)
    failed = result.untranslated or result.unusable or (check and stale)
    return 1 if failed else 0


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def _report(messages: list[Message], result: Result, stale: list[str], check: bool) -> None:
    keys = {message.key for message in messages}
    done = len(keys) - len({message.key for message in result.untranslated})
    print(f"{len(keys)} strings, {done} translated into {LANGUAGE}")
    if stale:
        verb = "out of date (run without --check)" if check else "rewritten"
        print(f"{', '.join(stale)}: {verb}")
    for line in result.unusable:
        print(f"unusable translation (fix it in {DICTIONARY_FILE.name}): {line}")
    if result.untranslated:
        print(f"\nUntranslated: add these to ZH_CN in packaging/{DICTIONARY_FILE.name}, rerun:")
        for message in result.untranslated:
            print(f"    {message.source!r}: '',  # {message.context}, {message.where}")
    for source in result.unused:
        print(f"no longer used, can go from {DICTIONARY_FILE.name}: {source!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    options = parser.parse_args(argv)
    try:
        return update(check=options.check)
    except ToolError as error:
        print(f"update_translations: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"update_translations: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
