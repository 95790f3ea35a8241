"""The user guide's code blocks run: every ```python block of each page in
docs/, in order, in one namespace per page (a block's asserts are its checks)."""
import pathlib
import re

import pytest

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_the_guide_has_pages():
    assert PAGES, f"no pages in {DOCS}"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_code_blocks_run(page):
    text = page.read_text()
    ns = {"__name__": f"docs_{page.stem}"}
    blocks = BLOCK.findall(text)
    assert blocks, f"{page.name} has no python blocks"
    for code in blocks:
        line = text[:text.index(code)].count("\n")
        exec(compile("\n" * line + code, str(page), "exec"), ns)  # (tracebacks give the page's lines)
