"""axe-core finds no violations, in both colour schemes, on every page and in every state the
page can reach; and the page works from the keyboard with a visible focus."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import LESSON_PATH, REPO, OpenPage, PageWatch, wait_for_widgets

pytestmark = pytest.mark.browser

BACKPROP_PATH = "/lessons/backpropagation"
CURVATURE_PATH = "/lessons/curvature-hessian-conditioning-and-newton"
MINIBATCH_PATH = "/lessons/stochastic-and-minibatch-gradient-descent"
MOMENTUM_PATH = "/lessons/momentum"
ADAPTIVE_PATH = "/lessons/adaptive-steps-adagrad-rmsprop-adam-and-schedules"
AXE = REPO / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        subprocess.run(["bash", str(REPO / "scripts" / "fetch-axe.sh")], check=True)
    return AXE


def axe_violations(page: Page, axe_script: Path) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in violations
    ]


def reach_every_state(page: Page) -> None:
    """Feedback, steps, an error and a descent path: markup that only JavaScript adds."""
    wait_for_widgets(page)
    page.locator("label[for='question-partial-w2-3w2']").click()
    page.locator("#question-partial-w2").get_by_role("button", name="Check my answer").click()
    page.locator("#question-partial-w2 .verdict").wait_for()
    form = page.locator("form[data-try-it]")
    form.locator('input[name="expression"]').fill("x^2 y")
    form.locator('input[name="expression"]').press("Enter")
    page.locator("[data-try-result] .steps").wait_for()
    page.locator("[data-try-result] details").first.locator("summary").click()
    form.locator('input[name="at"]').fill("x=1,")
    form.locator('input[name="expression"]').press("Enter")
    page.locator("#try-1-at-error .error-text").wait_for()
    page.get_by_role("button", name="Drop a ball here").click()
    typed = page.locator("#question-typed-descent")
    typed.locator("[data-answer-input]").fill("(2, -12)")
    typed.get_by_role("button", name="Check my answer").click()
    typed.locator(".verdict").wait_for()
    unreadable = page.locator("#question-typed-partial-w1")
    unreadable.locator("[data-answer-input]").press_sequentially("2w1 +")
    unreadable.locator(".preview-error").wait_for()
    unreadable.get_by_role("button", name="Check my answer").click()
    unreadable.locator(".verdict-invalid").wait_for()
    practice = page.locator("[data-practice]")
    practice.get_by_role("button", name="New problem").click()
    answer = practice.locator("[data-answer-input]")
    answer.wait_for()
    answer.fill("(0, 0)" if answer.get_attribute("placeholder") == "(a, b)" else "0")
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator(".verdict").wait_for()
    # A wrong first answer earns a second try; the worked solution comes after it.
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator("[data-practice-solution] h4").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        LESSON_PATH,
        BACKPROP_PATH,
        CURVATURE_PATH,
        MINIBATCH_PATH,
        MOMENTUM_PATH,
        ADAPTIVE_PATH,
        "/lessons/no-such-lesson",
    ],
)
def test_no_axe_violations(
    open_page: OpenPage, watch: PageWatch, axe_script: Path, scheme: str, path: str
) -> None:
    watch.allow(r"status of 404")
    page = open_page(path, color_scheme=scheme, bypass_csp=True)
    widget_pages = (
        LESSON_PATH,
        BACKPROP_PATH,
        CURVATURE_PATH,
        MINIBATCH_PATH,
        MOMENTUM_PATH,
        ADAPTIVE_PATH,
    )
    if path in widget_pages:
        wait_for_widgets(page)
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_after_a_backward_sweep(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    page = open_page(BACKPROP_PATH, color_scheme=scheme, bypass_csp=True)
    wait_for_widgets(page)
    plot = page.locator('[data-widget="computation-graph"] [data-plot]')
    plot.focus()
    for _ in range(3):
        plot.press("Enter")
    for details in page.locator("details").all():
        details.locator("summary").click()
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_after_interaction(
    open_page: OpenPage, watch: PageWatch, axe_script: Path, scheme: str
) -> None:
    watch.allow(r"status of 422")  # the live preview of unfinished input
    page = open_page(color_scheme=scheme, bypass_csp=True)
    reach_every_state(page)
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("path", [LESSON_PATH, BACKPROP_PATH])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_on_a_phone_or_a_desktop(
    open_page: OpenPage, axe_script: Path, width: int, path: str
) -> None:
    page = open_page(path, viewport={"width": width, "height": 800}, bypass_csp=True)
    wait_for_widgets(page)
    violations = axe_violations(page, axe_script)
    assert violations == [], "\n".join(violations)


def test_skip_link_is_first_and_moves_focus_to_main(open_page: OpenPage) -> None:
    page = open_page()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_every_control_is_reachable_by_tab_with_a_visible_focus(open_page: OpenPage) -> None:
    page = open_page()
    wait_for_widgets(page)
    seen: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        described = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return [el.tagName, el.id || el.name || el.textContent.trim().slice(0, 20),
                        style.outlineStyle !== 'none' && style.outlineWidth !== '0px'];
            }"""
        )
        tag, name, outlined = described
        if tag == "BODY":
            break
        assert outlined, f"{tag} {name} has no visible focus"
        seen.append(f"{tag}:{name}")
    assert "INPUT:best-box-x" in seen
    assert "INPUT:try-1-expression" in seen
    assert any(item.startswith("INPUT:question-partial-w2-") for item in seen)
    assert "BUTTON:Reset progress" in seen


def test_no_horizontal_scroll_on_a_360px_phone(open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 360, "height": 740})
    wait_for_widgets(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
