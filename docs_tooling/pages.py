"""Read a docs page the way the build does, with the build's own Markdown extensions.

The build (MkDocs), the notebook generator and the tests all read pages through
:func:`read_page`: a Python-Markdown instance configured from ``mkdocs.yml``, so
``pymdownx.snippets`` expands the includes and ``pymdownx.superfences`` finds the
fences exactly as they are found when the site is built. Nothing here parses
Markdown by hand.

The rules every page follows, which the build enforces (:func:`include_errors`):

- a Python code block (``python`` or ``pycon``) holds nothing but one include of a
  named section, ``--8<-- "snippets/<module>.py:<section>"``: a ``pycon`` block a
  doctest section, a ``python`` block a plain code section;
- prose may include a measured result from ``results/`` (a Markdown file written by
  the script that measured it); nothing else is ever included.

What a reader copies from a ``pycon`` block is :func:`copy_text`: its code with no
prompts and no output, an example that raises kept as a comment.
"""

from __future__ import annotations

import doctest
import html
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import get_yaml_loader
from pymdownx.snippets import SnippetPreprocessor

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_YML = ROOT / "mkdocs.yml"

# Fence languages that hold Python; a fence with no language counts too, since a
# reader would copy it all the same.
PYTHON_LANGS = frozenset({"", "py", "python", "python3", "pycon"})
CODE_INCLUDE = re.compile(r"snippets/(?P<module>[a-z_][a-z0-9_]*)\.py:(?P<section>[a-z][-_0-9a-z]*)")
RESULT_INCLUDE = re.compile(r"results/[-_0-9a-z]+\.md")
# An option that only the doctest runner reads (``# doctest: +ELLIPSIS``).
# A line where superfences left a fence in Python-Markdown's stash.
_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\x02wzxhzdk:(?P<key>\d+)\x03$", re.MULTILINE)
_DIRECTIVE = re.compile(r"[ \t]*#\s*doctest:\s*[+-]\w+(?:(?:\s*,\s*|\s+)[+-]\w+)*[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its language and its text (includes expanded, unless asked not to)."""

    lang: str
    body: str
    indent: str = ""


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str


@dataclass
class Page:
    """A page as the build reads it: prose (Markdown) and fences in order, and its headings."""

    source: str
    config_file: Path
    expand: bool
    parts: list[str | Fence] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def requires(self) -> list[str]:
        """Packages the page's code needs beyond torch, torchvision, matplotlib, numpy and pandas."""
        return list(self.meta.get("requires", []))

    @property
    def fences(self) -> list[Fence]:
        return [part for part in self.parts if isinstance(part, Fence)]

    @property
    def python_fences(self) -> list[Fence]:
        return [fence for fence in self.fences if fence.lang in PYTHON_LANGS]

    @property
    def copy_text(self) -> str:
        """Everything a reader copies from the page, block after block, in order."""
        return "\n".join(fence_copy_text(fence) for fence in self.python_fences)

    @cached_property
    def headings(self) -> list[Heading]:
        """Every heading with the anchor the build gives it (the toc extension's own list)."""
        md = markdown_instance(self.config_file, expand=self.expand)
        md.convert(self.source)
        return list(_flatten(md.toc_tokens))

    @property
    def title(self) -> str | None:
        return next((h.title for h in self.headings if h.level == 1), None)


@cache
def _markdown_config(config_file: Path) -> tuple[list, dict]:
    """The extensions and their options, as mkdocs.yml gives them to the build."""
    with config_file.open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = dict(settings or {})
    if "pymdownx.snippets" in options:
        # The build runs from the project root, so paths are relative to it.
        base = config_file.parent
        snippets = options["pymdownx.snippets"]
        snippets["base_path"] = [str(base / p) for p in snippets.get("base_path", ["."])]
    return names, options


def markdown_instance(config_file: Path = MKDOCS_YML, *, expand: bool = True) -> markdown.Markdown:
    """A Python-Markdown configured like the build; with ``expand=False``, includes stay as written."""
    names, options = _markdown_config(config_file.resolve())
    if not expand:
        names = [name for name in names if name != "pymdownx.snippets"]
    return markdown.Markdown(extensions=names, extension_configs={n: options[n] for n in names})


def read_page(text: str, config_file: Path = MKDOCS_YML, *, expand: bool = True) -> Page:
    """``text`` split into prose and fences by the build's own preprocessors, plus its headings.

    >>> page = read_page('# 标题\\n\\n说明。\\n\\n```pycon\\n>>> 1 + 1\\n2\\n```\\n')
    >>> page.title, page.fences
    ('标题', [Fence(lang='pycon', body='>>> 1 + 1\\n2\\n', indent='')])
    """
    text, meta = get_data(text)  # MkDocs' own reading of a page's YAML front matter
    md = markdown_instance(config_file, expand=expand)
    fences: list[Fence] = []
    superfences = next(e for e in md.registeredExtensions if hasattr(e, "superfences"))
    for entry in superfences.superfences:
        entry["formatter"] = _recorder(fences)
    # Run the preprocessors up to superfences: includes expanded, each fence replaced
    # by a placeholder for what its formatter returned (here: its index in `fences`).
    lines = text.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
        if preprocessor is md.preprocessors["fenced_code_block"]:
            break
    page = Page(text, config_file, expand, meta=meta)
    text_with_fences = "\n".join(lines)
    at = 0
    for match in _PLACEHOLDER.finditer(text_with_fences):
        stashed = md.htmlStash.rawHtmlBlocks[int(match["key"])]
        if not stashed.startswith("\x00fence:"):
            continue  # raw HTML stays in the prose
        if match.start() > at:
            page.parts.append(text_with_fences[at : match.start()])
        index = int(stashed.removeprefix("\x00fence:"))
        fence = fences[index]
        page.parts.append(Fence(fence.lang, fence.body, match["indent"]))
        at = match.end() + 1
    if at < len(text_with_fences):
        page.parts.append(text_with_fences[at:])
    page.parts = [_restore_html(part, md) if isinstance(part, str) else part for part in page.parts]
    return page


def _recorder(fences: list[Fence]):
    def record(src="", language="", options=None, md=None, **kwargs) -> str:
        fences.append(Fence((language or "").lower(), src if src.endswith("\n") or not src else src + "\n"))
        return f"\x00fence:{len(fences) - 1}"

    return record


def _restore_html(text: str, md: markdown.Markdown) -> str:
    return re.sub(r"\x02wzxhzdk:(\d+)\x03", lambda m: md.htmlStash.rawHtmlBlocks[int(m[1])], text)


def _flatten(tokens: list[dict]):
    for token in tokens:
        yield Heading(token["level"], html.unescape(token["name"]), token["id"])
        yield from _flatten(token["children"])


def includes(text: str) -> list[str]:
    """The targets of the ``--8<--`` include lines of ``text``, found by pymdownx.snippets' own pattern."""
    found = []
    for line in text.splitlines():
        match = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        if match and match["snippet"] and not match["escape"]:
            found.append(match["snippet"][1:-1])
    return found


def _section_kind(target: str, config_file: Path) -> str | None:
    """``"doctest"`` or ``"code"`` for an existing section ``snippets/<module>.py:<name>``."""
    path, name = target.rsplit(":", 1)
    source = config_file.parent / path
    if not source.exists():
        return None
    start = re.search(rf"^(?P<prompt>>>> )?\s*# --8<-- \[start:{re.escape(name)}\]",
                      source.read_text(encoding="utf-8"), re.MULTILINE)
    if start is None:
        return None
    return "doctest" if start["prompt"] else "code"


def include_errors(text: str, config_file: Path = MKDOCS_YML) -> list[str]:
    """What breaks the page rules in the source ``text`` of a page; empty when it follows them.

    >>> include_errors('```python\\nprint("typed by hand")\\n```\\n')
    ['a python block holds hand-typed code: include a section, --8<-- "snippets/<module>.py:<name>"']
    >>> include_errors('--8<-- "noxfile.py"\\n')
    ['prose includes noxfile.py: only results/<name>.md may be included in prose']
    """
    errors = []
    for part in read_page(text, config_file, expand=False).parts:
        if isinstance(part, str):
            errors += [f"prose includes {target}: only results/<name>.md may be included in prose"
                       for target in includes(part) if not RESULT_INCLUDE.fullmatch(target)]
            continue
        if part.lang not in PYTHON_LANGS:
            continue
        lines = [line for line in part.body.splitlines() if line.strip()]
        targets = includes(part.body)
        if len(lines) != 1 or len(targets) != 1:
            errors.append(f"a {part.lang or 'plain'} block holds hand-typed code: include a section, "
                          '--8<-- "snippets/<module>.py:<name>"')
            continue
        target = targets[0]
        if not CODE_INCLUDE.fullmatch(target):
            errors.append(f"a {part.lang or 'plain'} block includes {target}: code comes only from "
                          '"snippets/<module>.py:<section>"')
            continue
        kind = _section_kind(target, config_file)
        wanted = "doctest" if part.lang == "pycon" else "code"
        if kind is not None and kind != wanted:
            errors.append(f"a {part.lang or 'plain'} block includes the {kind} section {target}: "
                          f"use a {'pycon' if kind == 'doctest' else 'python'} fence for it")
    return errors


def console_examples(transcript: str) -> list[doctest.Example]:
    """The examples of a ``pycon`` transcript, as doctest reads them."""
    return doctest.DocTestParser().get_examples(transcript)


def without_directives(transcript: str) -> str:
    """``transcript`` without ``# doctest: ...`` options, which only the test runner reads.

    >>> without_directives(">>> f()  # doctest: +CUDA_ATOL_0_05 +CUDA_RTOL_0_05\\n1.0\\n")
    '>>> f()\\n1.0\\n'
    """
    return _DIRECTIVE.sub("", transcript)


def example_code(example: doctest.Example) -> str:
    """What a reader copies of one example: its source, or, if it raises, its source as a comment."""
    if example.exc_msg is None:
        return example.source
    error = example.exc_msg.split(":", 1)[0].strip().rsplit(".", 1)[-1]
    lines = example.source.rstrip("\n").split("\n")
    lines[-1] += f"  # 会报错：{error}"
    return "".join(f"# {line}\n" for line in lines)


def copy_text(transcript: str) -> str:
    """The code a reader copies from a ``pycon`` transcript: no prompts, no output.

    An example that raises stays, commented out, so the copied code runs from top to
    bottom and still shows the call the page warns about.

    >>> print(copy_text(">>> x = [1, 2]\\n>>> x[5]\\nTraceback (most recent call last):\\n"
    ...                 "IndexError: list index out of range\\n"
    ...                 ">>> len(x)  # doctest: +ELLIPSIS\\n2\\n"), end="")
    x = [1, 2]
    # x[5]  # 会报错：IndexError
    len(x)
    """
    return "".join(example_code(e) for e in console_examples(without_directives(transcript)))


def fence_copy_text(fence: Fence) -> str:
    """What the copy button of ``fence`` copies (includes expanded)."""
    return copy_text(fence.body) if fence.lang == "pycon" else fence.body


def format_pycon(src: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    """superfences format for ``pycon``: highlighted as usual, plus the code to copy.

    Material's copy button copies a block's ``data-copy`` attribute when it has one.
    """
    shown = without_directives(src)
    kwargs["attrs"] = {**kwargs.get("attrs", {}), "data-copy": html.escape(copy_text(shown), quote=True)}
    highlight = md.preprocessors["fenced_code_block"].highlight
    return highlight(src=shown, language=language, options=options, md=md, **kwargs)

