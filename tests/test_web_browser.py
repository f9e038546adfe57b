"""The web page in a real browser (Playwright driving Debian's chromium): the Board's whole job.

Skipped, with the reason, when playwright or /usr/bin/chromium is missing; ``.ci/run``
installs both. Screenshots of each step are saved under the test's temporary folder.
"""

from __future__ import annotations

import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from mttq_docs import api
from mttq_docs.web.server import address, make_server

from .helpers import SHIPPED, edited_workbook
from .test_collect import type_into

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - said by the skip below
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(sync_playwright is None, reason="playwright chưa được cài "
                       "(pip install playwright)"),
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="không có /usr/bin/chromium "
                       "(apt-get install chromium)"),
]


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "Kế hoạch 2018"
    api.init(root)
    server = make_server(root)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield root, address(server)
    server.close()
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_the_board_s_whole_job_in_a_browser(tmp_path, site, browser, size):
    root, url = site
    shots = tmp_path / "anh"
    shots.mkdir()
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height},
                                  accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(180_000)
    expect.set_options(timeout=180_000)  # generating on a slow machine takes a while
    page.goto(url)
    expect(page.locator("#bang-tinh-ten")).not_to_have_text("…")

    # 1. A workbook with an error: the row, the column, the value and what to do.
    bad = edited_workbook(tmp_path, ("Phân công", 5, "Mã mô hình", "BVTM"), name="co_loi.xlsx")
    page.set_input_files("#bang-tinh-tep", str(bad))
    expect(page.locator("#bang-tinh-co-loi")).to_be_visible()
    errors = page.locator("#ket-qua-bang-tinh tr.loi")
    expect(errors.first).to_contain_text("BVTM")
    expect(errors.first).to_contain_text("có phải 'BVMT'?")
    page.screenshot(path=str(shots / f"1_loi_{width}.png"), full_page=True)

    # ... then the good one: the plan as districts, communes and models.
    good = tmp_path / "Kế hoạch tỉnh.xlsx"
    shutil.copyfile(SHIPPED, good)
    page.set_input_files("#bang-tinh-tep", str(good))
    expect(page.locator("#bang-tinh-hop-le")).to_be_visible()
    expect(page.locator("#ket-qua-bang-tinh")).to_contain_text("Kim Thành")
    expect(page.locator("#bang-tinh-ten")).to_have_text("ke_hoach_tinh.xlsx")
    page.screenshot(path=str(shots / f"1_bang_tinh_{width}.png"), full_page=False)
    page.screenshot(path=str(shots / f"1_bang_tinh_{width}_ca_trang.png"), full_page=True)

    # 2. "Tạo văn bản", then a district's zip downloaded and opened.
    page.get_by_role("button", name="Tạo văn bản", exact=True).click()
    expect(page.locator("#tao-xong")).to_be_visible()
    zips = page.locator("#ds-zip a")
    expect(zips.first).to_have_attribute("href", "/tai-ve/tinh.zip")
    page.locator("#buoc-tao").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"2_tao_van_ban_{width}.png"))
    with page.expect_download() as waited:
        page.locator('#ds-zip a[href="/tai-ve/kim_thanh.zip"]').click()
    download = tmp_path / "kim_thanh.zip"
    waited.value.save_as(download)
    with zipfile.ZipFile(download) as package:
        names = package.namelist()
        draft_name = next(n for n in names if "01_ke_hoach_" in n and n.endswith(".docx"))
        received = tmp_path / "tu_xa"
        package.extract(draft_name, received)

    # 3. A commune fills its draft and sends it back; its value shows on the page.
    draft = received / draft_name
    filled = tmp_path / Path(draft_name).name
    type_into(draft, {"dia_ban.thon": "Thôn Đông Hưng"}, target=filled)
    page.set_input_files("#thu-thap-tep", str(filled))
    page.get_by_role("button", name="Thu thập", exact=True).click()
    try:
        expect(page.locator("#thu-thap-xong")).to_be_visible()
    finally:
        page.screenshot(path=str(shots / f"3_thu_thap_{width}_ca_trang.png"), full_page=True)
    expect(page.locator("#ket-qua-thu-thap")).to_contain_text("Thôn Đông Hưng")
    expect(page.locator("#ket-qua-thu-thap")).to_contain_text("1/10 điểm đã gửi lại")
    page.locator("#buoc-thu-thap").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"3_thu_thap_{width}.png"))
    page.screenshot(path=str(shots / f"3_thu_thap_{width}_ca_trang.png"), full_page=True)
    assert (root / "van_ban" / "kim_thanh" / f"{Path(draft_name).stem} (gui lai 1).docx").is_file()

    # Nothing overflows the window sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    context.close()
    print(f"ảnh chụp: {shots}")
