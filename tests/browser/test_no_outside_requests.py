"""Nothing leaves the machine: on every page, with text in the data that Markdown would turn
into a remote image, an icon, the Streamlit logo or coloured text, the browser makes no request
to any address but the app's own, and none of that markup is drawn. The same holds for the
toast Home shows after "Done", and for a file name and a file's cell shown on the Data page.

Every request the page makes passes through a listener that records, and blocks, anything not
addressed to the app's own loopback server.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from components.shared.navigation import PAGES
from nextround.commands.sample import write_sample
from nextround.domain import dates
from nextround.domain.notes.people import parse_person
from nextround.storage.store import Store
from tests.browser.conftest import sample_with
from tests.conftest import MARKUP_PAYLOADS

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent / "screenshots"

OUTSIDE = "203.0.113.9"  # TEST-NET-3: an address that is nobody's
IMAGE = f"![leak](http://{OUTSIDE}/leak.png)"
MARKUP = f"{IMAGE} :material/skull: :streamlit: :red[RED-MARK] :blue-background[BG-MARK]"
LOCAL = {"127.0.0.1", "localhost"}


@pytest.fixture
def watched(page) -> list[str]:
    """Every request to an address other than the app's own, blocked and recorded."""
    outside: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host in LOCAL:
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def _no_markup_drawn(page, where: str = "") -> None:
    """None of the Markdown in the data became an image, an icon or coloured text."""
    drawn = page.evaluate("""() => ({
        images: [...document.querySelectorAll("[data-testid='stMarkdownContainer'] img")]
            .map(i => i.src.slice(0, 60)),
        skulls: [...document.querySelectorAll("[role='img']")]
            .filter(e => e.textContent.trim() === "skull").length,
        colours: [...document.querySelectorAll("span[class*='stMarkdownColored']")]
            .filter(e => /RED-MARK|BG-MARK/.test(e.textContent)).length,
    })""")
    assert drawn == {"images": [], "skulls": 0, "colours": 0}, where


LEAKY = sample_with(
    {"company": f"Leak {MARKUP}", "role": f"Analyst {MARKUP}", "notes": MARKUP,
     "location": MARKUP, "contact_name": MARKUP},
    {"interviewers": "Bo Lind", "details": MARKUP},
)


def test_no_page_sends_anything_elsewhere(ui, watched, serve) -> None:
    """Every page in turn, in one tab, each opened by its own address. Before: every page
    asked fonts.gstatic.com for its favicon (a Material icon name), and the skull icon and the
    Streamlit logo in the data were drawn."""
    app = serve("leaky", LEAKY)
    sent: dict[str, list[str]] = {}
    for spec in PAGES:
        ui.open(app, spec.url_path)
        ui.assert_no_exception()
        _no_markup_drawn(ui.page, spec.title)
        if watched:
            sent[spec.title] = watched[:]
            watched.clear()
    assert sent == {}


def test_the_done_toast_shows_the_company_as_text(ui, watched, start_app) -> None:
    leaky_app = start_app(LEAKY)  # a Done saves: a server of its own
    ui.open(leaky_app)
    # The innermost block that holds both the company and a Done button: its action card.
    card = ui.page.locator("[data-testid='stVerticalBlock']").filter(
        has_text="Leak ![leak]").filter(has=ui.page.get_by_role("button", name="Done")).last
    ui.click(card.get_by_role("button", name="Done"), "Done")
    toast = ui.page.locator("[data-testid='stToast']").filter(has_text="Leak")
    toast.first.wait_for()
    assert "material/skull" in toast.first.inner_text().replace("\u200b", "")
    _no_markup_drawn(ui.page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    toast.first.screenshot(path=str(SHOTS / "outside-requests-done-toast.png"))
    assert watched == []


def _bad_backup(data_dir: Path) -> None:
    """A sample search whose applications backup has a cell that Markdown would fetch."""
    write_sample(data_dir, dates.today())
    store = Store(data_dir)
    store.update("applications", lambda f: f.assign(notes="a save, so there is a backup"))
    backup = store.backups("applications")[0].path
    backup.unlink()
    backup.write_text(f"id,company,role,stage,date_applied\nA1,Acme,Analyst,applied,{IMAGE}\n")


def test_the_data_page_shows_a_file_name_and_a_bad_cell_as_text(ui, watched, start_app) -> None:
    app = start_app(_bad_backup)
    ui.open(app, "data")
    ui.page.get_by_role("tab", name="Import").click()  # tabs switch in the browser alone
    chooser = ui.page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.csv']")
    name = f"![x](http:\\\\{OUTSIDE}\\name.png) :material/skull:.csv"
    ui.rerun(lambda: chooser.set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": b""}), "the upload")
    ui.page.get_by_text("The file is empty").first.wait_for()
    _no_markup_drawn(ui.page)
    ui.page.get_by_role("tab", name="Backups").click()
    ui.click(ui.page.get_by_role("button", name="Restore this backup"), "Restore")
    ui.click(ui.page.get_by_role("button", name="Restore", exact=True), "Restore in the dialog")
    ui.page.get_by_text("cannot be read").first.wait_for()
    _no_markup_drawn(ui.page)
    ui.screenshot("outside-requests-data-page")
    assert watched == []


# --- every page with names, companies, roles and contacts that are nothing but markup ----------

#: What the payloads would become if drawn: an image or a link to the outside address, the
#: Streamlit logo, a skull icon, KaTeX maths, bold or red text.
DRAWN_PAYLOADS = """() => ({
    images: [...document.querySelectorAll("img")]
        .filter(i => i.src.includes("203.0.113.9") || i.alt === "Streamlit logo"
                     || i.closest("[data-testid='stMarkdownContainer']"))
        .map(i => i.outerHTML.slice(0, 80)),
    links: [...document.querySelectorAll("a[href]")]
        .filter(a => a.getAttribute("href").includes("203.0.113.9")).map(a => a.href),
    katex: document.querySelectorAll(".katex, .katex-html").length,
    skulls: [...document.querySelectorAll("[role='img'], [data-testid='stIconMaterial']")]
        .filter(e => e.textContent.trim().toLowerCase() === "skull").length,
    bold: [...document.querySelectorAll("strong, b")]
        .filter(e => e.textContent.trim().toLowerCase() === "bold").length,
    colours: [...document.querySelectorAll("span[class*='stMarkdownColored']")]
        .filter(e => e.textContent.trim() === "RED-MARK").length,
})"""
NOTHING_DRAWN = {"images": [], "links": [], "katex": 0, "skulls": 0, "bold": 0, "colours": 0}


def _payloads_shown(page) -> int:
    """How many times the payloads' words are on screen as text (the escaped forms keep their
    letters), so a page that showed none of them cannot pass by accident."""
    text = page.inner_text("body").replace("\u200b", "").casefold()
    return sum(text.count(word) for word in ("203.0.113.9", "material/skull", "streamlit:",
                                             "frac12", "**bold**", "red-mark"))


@pytest.fixture
def marked_app(start_app, markup_seed):
    seeded: list = []
    app = start_app(lambda folder: seeded.extend(markup_seed(folder)))
    app.seeded = seeded
    return app


def test_every_page_shows_markup_names_as_text(ui, watched, marked_app) -> None:
    """Every page and every tab, then Notes on each payload's application (where the
    interviewer's name labels two fields): nothing fetched from outside, nothing drawn.
    Before: Notes labelled a field "What you discussed with ![x](http://203.0.113.9/iv.png)",
    and Chromium asked 203.0.113.9 for iv.png."""
    visited, shown = [], 0
    for spec in PAGES:
        ui.open(marked_app, spec.url_path)
        ui.screenshot(f"markup-names-{spec.url_path or 'home'}")
        for tab in [None, *ui.each_tab()]:
            ui.assert_no_exception()
            assert ui.page.evaluate(DRAWN_PAYLOADS) == NOTHING_DRAWN, (spec.title, tab)
            shown += _payloads_shown(ui.page)
            visited.append((spec.title, tab))
    ui.open(marked_app, "notes")
    for number, text in enumerate(MARKUP_PAYLOADS):
        ui.choose("Application", f"{text} – {text}")
        ui.page.get_by_role("textbox", name=re.compile("^What you discussed with ")).first \
            .wait_for()
        ui.assert_no_exception()
        assert ui.page.evaluate(DRAWN_PAYLOADS) == NOTHING_DRAWN, text
        labels = ui.page.locator("[data-testid='stWidgetLabel']").all_inner_texts()
        plain = [label.replace("\u200b", "") for label in labels]
        # The name as the parser reads it ("(...)" after a name is a nickname, and goes).
        assert f"What you discussed with {parse_person(text).name}" in plain, plain
        ui.screenshot(f"markup-names-notes-{number}")
        visited.append(("Notes", text))
    assert shown > 0
    assert watched == []
    assert len(visited) >= len(PAGES) + len(MARKUP_PAYLOADS)
