"""Tables scroll sideways in a box of their own, and align columns by class (never by an inline
style, which the pages' Content Security Policy would block)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from lesson_files import WriteLesson, section

from steepest.lessons import HtmlBlock, load_lesson

TABLE = section(
    "| n | finite differences | one backward pass |\n| :--- | :---: | ---: |\n| 10 | 11 | 2 |\n"
)


def table_tree(write_lesson: WriteLesson) -> tuple[str, ElementTree.Element]:
    (block,) = load_lesson(write_lesson(TABLE)).sections[0].blocks
    assert isinstance(block, HtmlBlock)
    return block.html, ElementTree.fromstring(f"<body>{block.html}</body>")


def test_a_table_sits_in_a_box_that_scrolls(write_lesson: WriteLesson) -> None:
    _html, tree = table_tree(write_lesson)
    (box,) = (div for div in tree.iter("div") if div.get("class") == "table-scroll")
    assert [child.tag for child in box] == ["table"]
    assert [part.tag for part in box[0]] == ["thead", "tbody"]


def test_column_alignment_is_a_class_not_a_style(write_lesson: WriteLesson) -> None:
    html, tree = table_tree(write_lesson)
    assert "style=" not in html
    for row in tree.iter("tr"):
        assert [cell.get("class") for cell in row] == ["align-left", "align-center", "align-right"]
