"""Lessons: Markdown files with YAML front matter and directives, loaded into frozen dataclasses.

This package never imports `steepest.web`, so lessons can be parsed, checked and rendered to
HTML without a server. The authoring format is described in the modules' docstrings:
front_matter, sections, boxes, directive_blocks, math, practice, and course_file for the
folder's `course.yaml`.
"""

from __future__ import annotations

from steepest.lessons.catalogue import SHIPPED_LESSONS, Catalogue, load_catalogue
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.loader import load_lesson, parse_lesson
from steepest.lessons.model import (
    Block,
    HtmlBlock,
    Lesson,
    NextLesson,
    Option,
    QuestionBlock,
    Section,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
)

__all__ = [
    "SHIPPED_LESSONS",
    "Block",
    "Catalogue",
    "HtmlBlock",
    "Lesson",
    "LessonFormatError",
    "NextLesson",
    "Option",
    "QuestionBlock",
    "Section",
    "TypedQuestionBlock",
    "WidgetBlock",
    "WorkedExampleBlock",
    "load_catalogue",
    "load_lesson",
    "parse_lesson",
]
