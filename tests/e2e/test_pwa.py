"""The PWA against the real backend: sign-in, language, the five tabs, offline, install, HR flows."""
from __future__ import annotations

import re
import tempfile
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.e2e_support import CHROMIUM, CHROMIUM_ARGS, ME, PHONE

pytestmark = pytest.mark.e2e

EMPLOYEE = "employee@demo.local"
MANAGER = "manager@demo.local"
HR = "hr@demo.local"


def _wait_for_service_worker(page: Any) -> None:
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)


def test_employee_signs_in_on_a_phone_and_sees_own_name(phone: Any, login: Any, api: Any) -> None:
    # given a 390x844 phone on the login screen
    page = phone.new_page()
    # when the demo employee signs in
    login(page, EMPLOYEE)
    # then the home screen greets them by the name the API knows
    name = api(phone, ME)["me"]["employee"]["name"]
    assert name
    page.get_by_role("heading", level=1).filter(has_text=name).wait_for()


def test_language_choice_persists_after_reload_and_new_sign_in(new_phone: Any, login: Any, api: Any) -> None:
    # given the manager signed in, in whatever language their account has
    first = new_phone()
    page = first.new_page()
    login(page, MANAGER)
    original = api(first, ME)["me"]["locale"]
    target = "EN" if original != "EN" else "ZH_CN"
    lang, home = ("en", "Home") if target == "EN" else ("zh-CN", "首页")
    try:
        # when they pick the other language on the Me tab
        page.locator("nav.tabbar a[href='/me']").click()
        page.locator(f"fieldset.segmented input[value='{lang}']").check()
        page.locator("html[lang='%s']" % lang).wait_for(state="attached")
        page.locator("p.status-ok:not(:empty)").wait_for()
        # then it is used after a reload
        page.reload()
        page.locator("nav.tabbar").wait_for()
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("nav.tabbar a[href='/']").inner_text().strip() == home
        # and on a fresh device (no local storage) after signing in again, in a browser of the other language
        second = new_phone(locale="zh-CN" if target == "EN" else "en-US")
        again = second.new_page()
        login(again, MANAGER)
        again.locator(f"html[lang='{lang}']").wait_for(state="attached")
        assert again.locator("nav.tabbar a[href='/']").inner_text().strip() == home
        assert api(second, ME)["me"]["locale"] == target
    finally:
        api(first, "mutation($l: Locale!) { setMyLocale(locale: $l) { __typename } }", {"l": original})


def test_all_five_tabs_show_real_data(phone: Any, login: Any, api: Any) -> None:
    # given the employee signed in, and what the API says about them and their department
    page = phone.new_page()
    login(page, EMPLOYEE)
    me = api(phone, ME)["me"]["employee"]
    colleagues = api(
        phone,
        "query($d: ID) { employees(departmentId: $d, first: 50) { edges { node { id name } } } }",
        {"d": me["department"]["id"]},
    )["employees"]["edges"]
    colleague = next(e["node"]["name"] for e in colleagues if e["node"]["id"] not in (me["id"], me["manager"]["id"]))
    main = page.locator("main")

    # when they visit Home, then their manager, department and job title are shown
    main.get_by_text(me["manager"]["name"]).first.wait_for()
    main.get_by_text(me["department"]["name"]).first.wait_for()
    main.get_by_text(me["jobTitle"]).first.wait_for()

    # when they open Growth, then their level and the tenure timeline are shown
    page.locator("nav.tabbar a[href='/growth']").click()
    assert page.locator("nav.tabbar a[href='/growth']").get_attribute("aria-current") == "page"
    main.get_by_text(me["level"]).first.wait_for()
    assert page.locator("ol.timeline li").count() >= 2

    # when they open Rewards, then the next work anniversary has a countdown
    page.locator("nav.tabbar a[href='/rewards']").click()
    page.locator(".celebrations .countdown-badge").first.wait_for()

    # when they open Community, then a colleague from their department is listed with the manager highlighted
    page.locator("nav.tabbar a[href='/community']").click()
    main.locator("ul.people").get_by_text(colleague).first.wait_for()
    if any(e["node"]["id"] == me["manager"]["id"] for e in colleagues):
        main.locator("ul.people li.is-manager").get_by_text(me["manager"]["name"]).first.wait_for()

    # when they open Me, then their own profile is shown
    page.locator("nav.tabbar a[href='/me']").click()
    main.get_by_text(me["name"]).first.wait_for()
    assert page.locator("nav.tabbar a[aria-current='page']").count() == 1


def test_offline_reload_still_renders_shell_and_last_known_profile(phone: Any, login: Any, api: Any) -> None:
    # given the employee signed in once, with the service worker in control
    page = phone.new_page()
    login(page, EMPLOYEE)
    name = api(phone, ME)["me"]["employee"]["name"]
    _wait_for_service_worker(page)
    # when the phone loses its connection and the app is reloaded
    phone.set_offline(True)
    try:
        page.reload()
        # then the shell, the offline banner and the saved profile still render
        page.locator("nav.tabbar").wait_for()
        page.locator(".banner[role=status]").wait_for()
        page.get_by_role("heading", level=1).filter(has_text=name).wait_for()
    finally:
        phone.set_offline(False)


def test_app_is_installable(playwright_driver: Any, live_server: str) -> None:
    # given a normal (non-incognito) browser profile
    with tempfile.TemporaryDirectory(prefix="seen-profile-") as profile:
        context = playwright_driver.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, viewport=PHONE, base_url=live_server
        )
        try:
            page = context.new_page()
            # when the app is opened and its service worker is active
            page.goto("/")
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            cdp = context.new_cdp_session(page)
            errors: list[Any] = []
            for _ in range(20):  # the manifest and icons are fetched asynchronously
                errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
                if not errors:
                    break
                time.sleep(0.5)
            # then Chromium reports no installability errors
            assert errors == []
        finally:
            context.close()


def test_hr_invites_a_person_who_sets_a_password_and_is_signed_in(new_phone: Any, login: Any, api: Any) -> None:
    # given HR on the People screen
    hr = new_phone()
    page = hr.new_page()
    login(page, HR)
    page.goto("/me/people")
    suffix = str(int(time.time() * 1000))[-8:]
    name = f"Test Invitee {suffix}"
    # when HR fills in the invitation form
    page.locator("main button.btn-primary.btn-block").click()
    form = page.locator("main form.form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=employeeNumber]").fill(f"E2E{suffix}")
    form.locator("input[name=email]").fill(f"invitee{suffix}@demo.local")
    form.locator("input[name=jobTitle]").fill("Operator")
    form.locator("input[name=level]").fill("L1")
    form.locator("button[type=submit]").click()
    # then an invitation link is shown
    link = page.locator("input.invite-url")
    link.wait_for()
    invite_url = link.input_value()
    assert re.search(r"/invite/[^/]+$", invite_url), invite_url

    # when the invited person opens the link in their own browser and sets a password
    newcomer = new_phone()
    their_page = newcomer.new_page()
    their_page.goto(urlsplit(invite_url).path)
    their_page.locator("input[name=new-password]").fill("a-long-new-password")
    their_page.locator("input[name=confirm-password]").fill("a-long-new-password")
    their_page.locator("form button[type=submit]").click()
    # then they land signed in as themselves
    their_page.locator("nav.tabbar").wait_for()
    their_page.get_by_role("heading", level=1).filter(has_text=name).wait_for()
    assert api(newcomer, ME)["me"]["employee"]["name"] == name


def test_hr_deactivates_a_person(phone: Any, login: Any, api: Any) -> None:
    # given a person who was just invited, and HR on the People screen
    page = phone.new_page()
    login(page, HR)
    suffix = str(int(time.time() * 1000))[-8:]
    name = f"Leaver {suffix}"
    invited = api(
        phone,
        """mutation($i: InviteEmployeeInput!) { inviteEmployee(input: $i) {
             __typename ... on EmployeeInvited { employee { id } } ... on UserError { code message } } }""",
        {"i": {"employeeNumber": f"L{suffix}", "name": name, "email": f"leaver{suffix}@demo.local",
               "jobTitle": "Packer", "level": "L1", "hireDate": "2024-01-15"}},
    )["inviteEmployee"]
    assert invited["__typename"] == "EmployeeInvited", invited
    page.goto("/me/people")
    page.locator("#people-search").fill(name)
    # when HR deactivates them and confirms
    row = page.locator("ul.people li").filter(has_text=name)
    row.locator("button.btn-danger-quiet").click()
    page.locator("dialog[open] button.btn-danger").click()
    # then the result says so and the person has left
    page.locator("p.status-ok").filter(has_text=name).wait_for()
    person = api(phone, "query($id: ID!) { employee(id: $id) { status accountState } }", {"id": invited["employee"]["id"]})
    assert person["employee"]["status"] == "LEFT"
