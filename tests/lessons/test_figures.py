"""Figures: an image alone in its paragraph is a <figure>, and an italic line just under it is
the caption; an image with words around it stays in the line."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.lessons import HtmlBlock, load_lesson

INSIDE = BODY_FIRST_LINE + 3
MATHML = "{http://www.w3.org/1998/Math/MathML}math"


@pytest.fixture
def write_with_drawing(write_lesson: WriteLesson, tmp_path: Path) -> WriteLesson:
    (tmp_path / "test-lesson").mkdir()
    (tmp_path / "test-lesson" / "bowl.svg").write_text("<svg/>", encoding="utf-8")
    return write_lesson


def body(path: Path) -> ElementTree.Element:
    """The section's HTML as a tree: the lesson dialect writes well-formed XHTML."""
    (block,) = load_lesson(path).sections[0].blocks
    assert isinstance(block, HtmlBlock)
    return ElementTree.fromstring(f"<body>{block.html}</body>")


def shape(element: ElementTree.Element) -> list[str]:
    return [child.tag for child in element]


def test_an_image_alone_in_its_paragraph_is_a_figure(write_with_drawing: WriteLesson) -> None:
    tree = body(write_with_drawing(section("![A bowl-shaped loss](test-lesson/bowl.svg)\n")))
    (figure,) = tree.iter("figure")
    assert figure.get("class") == "figure"
    assert shape(figure) == ["img"]
    assert figure[0].get("alt") == "A bowl-shaped loss"
    assert not list(tree.iter("p"))


def test_an_italic_line_under_the_image_is_its_caption(write_with_drawing: WriteLesson) -> None:
    path = write_with_drawing(
        section(
            "![A bowl-shaped loss](test-lesson/bowl.svg)\n"
            '*The loss $L = w^2$ is [$0$]{claim="value w^2 at w = 0"} at the bottom.*\n'
        )
    )
    (figure,) = body(path).iter("figure")
    assert shape(figure) == ["img", "figcaption"]
    caption = figure[1]
    assert "".join(caption.itertext()).startswith("The loss ")
    assert "at the bottom." in "".join(caption.itertext())
    assert len(list(caption.iter(MATHML))) == 2
    # The caption is a caption, not emphasis; a claim in it is checked at its line.
    assert not list(caption.iter("em"))
    (claim,) = load_lesson(path).claims
    assert claim.line == INSIDE + 1


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("See ![a bowl](test-lesson/bowl.svg) here.", id="in-a-sentence"),
        pytest.param("![A bowl](test-lesson/bowl.svg)\nThe bowl.", id="plain-line-under"),
        pytest.param("![A bowl](test-lesson/bowl.svg)\n*One* and *two*.", id="two-emphases"),
        pytest.param("![A bowl](test-lesson/bowl.svg) *Beside it.*", id="caption-on-same-line"),
        pytest.param(
            "- ![A bowl](test-lesson/bowl.svg)\n- ![A bowl](test-lesson/bowl.svg)", id="list"
        ),
    ],
)
def test_an_image_with_words_around_it_stays_in_the_line(
    write_with_drawing: WriteLesson, markup: str
) -> None:
    tree = body(write_with_drawing(section(markup + "\n")))
    assert not list(tree.iter("figure"))
    assert not list(tree.iter("figcaption"))
    assert list(tree.iter("img"))


def test_a_figure_sits_in_a_box_too(write_with_drawing: WriteLesson) -> None:
    path = write_with_drawing(
        section("::: note\n![A bowl](test-lesson/bowl.svg)\n*The bowl from above.*\n:::\n")
    )
    (note,) = body(path).iter("aside")
    assert shape(note) == ["figure"]
    assert shape(note[0]) == ["img", "figcaption"]
