"""The tested code of every page of the site, one module per chapter.

``snippets/<chapter>.py`` holds the code that ``docs/<chapter>.md`` shows:

- worked examples are doctests, in the module's ``__test__`` dict, one entry per
  page section. A page includes a section by name (``--8<-- "snippets/<chapter>.py:<name>"``,
  markers ``# --8<-- [start:<name>]`` / ``[end:<name>]``) and shows it as a ``pycon``
  transcript, so the output a reader sees is the output pytest checked;
- reusable functions and classes are plain code sections;
- ``draw_<name>()`` functions return a matplotlib figure that the build renders to
  ``figures/<chapter>/<name>.svg`` (see ``docs_tooling/figures.py``).

Code shown on a page imports only torch, torchvision, matplotlib, numpy, pandas and
the standard library, never this package: a reader copies it into a fresh Python.
"""
