"""The counsellors' page in a real browser (headless Chromium driven by Selenium).

Runs the interview as a counsellor would for an invented single mother, counts the answers to
the first next action, uses the keyboard only, opens « pourquoi ? » right after typing, makes
errors at a field, prints the fiche to PDF (one A4 page), imports a diagnosis, measures
overflow against the viewport's client width at 320, 390 and 1280 px, runs axe-core, and keeps
a screenshot of each state at 390 and 1280 px. Run by .ci/browser (which starts the server).
Usage: python3 Tests/browser/test_page.py BASE_URL PARCOURS_BINARY SCREENSHOT_DIR
"""
import base64
import json
import os
import re
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import Checks, browser

base, binary, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
check = Checks()


def wait_for(driver, predicate, seconds=10):
    return WebDriverWait(driver, seconds).until(lambda d: predicate(d))


def shot(driver, name, width):
    driver.save_screenshot(os.path.join(shots, f"{name}-{width}.png"))


def cli(profile):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(profile, handle)
    output = subprocess.run([binary, "recommend", handle.name, "--format", "json"], capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    return json.loads(output)


def overflow(driver, what, width):
    # The client width is the viewport less its scroll bar; scrollWidth grows with the content.
    sizes = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    check(sizes[0] <= sizes[1], f"{what} at {width} px: no horizontal scroll (scrollWidth {sizes[0]} > clientWidth {sizes[1]})")


def open_page(driver):
    driver.get(base + "/")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#question-box .ask"))


vocabulary = json.loads(subprocess.run(["curl", "-s", base + "/api/v1/vocabulary"], capture_output=True, text=True, check=True).stdout)
field_ids = [field["name"] for field in vocabulary["fields"]]
labels = {field["name"]: field for field in vocabulary["fields"]}
english = ["all", "any", "not", "includes", "excludes", "true", "false", "in force", "fact"]


def french_only(text, what):
    words = set(re.findall(r"[a-z_]+", text))
    ids = sorted(words & set(field_ids) - {"age"})
    check(not ids, f"{what} names no field id ({ids})")
    check(not re.search(r"(?<![a-zà-ÿ])(age|barriers|single_parent)(?![a-zà-ÿ])", text), f"{what}: no field id")
    found = [word for word in english if re.search(r"(?<![\w])" + word + r"(?![\w])", text)]
    check(not found, f"{what} has no English keyword ({found})")


# An invented person: a single mother of a two-year-old, no driving licence, childcare and
# mobility barriers. What she does not know is answered « Je ne sais pas ».
mother = {"age": 29, "gender": "female", "single_parent": True, "children_under_6": 1, "driving_licence": False,
          "barriers": ["childcare", "mobility"], "autonomy": 3, "project": "emerging", "qualification": "none",
          "territory": "metropole", "justice_status": "none", "rsa_recipient": True, "registered_job_seeker": True,
          "months_unemployed": 14, "employment": "unemployed", "french_level": "C2"}


def answer_current(driver, profile):
    """Answers the question on screen from `profile`; returns the field asked."""
    box = driver.find_element(By.ID, "question-box")
    label = box.find_element(By.ID, "ask-label").text
    field = next((f for f in vocabulary["fields"] if f["label"] == label), None)
    name = field["name"] if field else None
    value = profile.get(name) if name else None
    if value is None:
        box.find_element(By.XPATH, ".//button[normalize-space()='Je ne sais pas']").click()
    elif field["widget"] == "number":
        box.find_element(By.ID, "ask-input").send_keys(str(value) + Keys.ENTER)
    elif field["widget"] == "yes-no":
        box.find_element(By.XPATH, f".//button[normalize-space()='{'Oui' if value else 'Non'}']").click()
    elif field["widget"] == "multi-choice":
        if value:
            for item in value:
                box.find_element(By.ID, "ask-" + item).click()
            box.find_element(By.XPATH, ".//button[normalize-space()='Valider']").click()
        else:
            box.find_element(By.XPATH, ".//button[normalize-space()='Aucun']").click()
    else:
        text = next(v["label"] for v in field["values"] if v["id"] == value)
        box.find_element(By.XPATH, f".//button[normalize-space()=\"{text}\"]").click()
    return name, value is not None


def run_interview(driver, profile, limit=30):
    """Answers until the answer shows a route and a first action; returns the answers given."""
    answers = 0
    asked = []
    for _ in range(limit):
        if driver.find_elements(By.CSS_SELECTOR, "#result .next ol li") and "Aucun parcours" not in driver.find_element(By.CSS_SELECTOR, "#result").text:
            break
        if not driver.find_elements(By.CSS_SELECTOR, "#question-box .ask"):
            break
        before = driver.find_element(By.ID, "progress").text
        name, answered = answer_current(driver, profile)
        asked.append(name)
        answers += 1 if answered else 0
        wait_for(driver, lambda d: d.find_element(By.ID, "progress").text != before)
        wait_for(driver, lambda d: d.find_element(By.ID, "status").text.startswith("Réponse à jour"))
    return answers, asked


for width, height in ((1280, 900), (390, 844)):
    driver = browser(width, height)
    try:
        open_page(driver)
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "the page is in French (lang=fr)")
        levels = driver.execute_script("return [...document.querySelectorAll('h1, h2, h3, h4')].filter(h => h.offsetParent).map(h => +h.tagName[1])")
        check(levels[:1] == [1] and all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"headings in order at {width} px ({levels})")
        shot(driver, "interview-start", width)
        overflow(driver, "the interview", width)
        # The interview: one question at a time, each asked once, a route in at most 8 answers.
        answers, asked = run_interview(driver, mother)
        result = driver.find_element(By.ID, "result").text
        expected = cli(mother)
        check(len(asked) == len(set(asked)), f"no question is asked twice ({asked})")
        check(answers <= 8, f"a first next action and a route in at most 8 answers at {width} px (took {answers}: {asked})")
        check(expected["route"] is None or expected["route"]["label"] in result or answers > 8, "the route shown is one the CLI gives")
        check(driver.find_elements(By.CSS_SELECTOR, "#result .next ol li"), "the answer has next actions")
        if width < 600:
            live = driver.find_element(By.ID, "live")
            check(live.is_displayed() and "Première action" in live.text, "on a phone the first action is right under the question")
            check(live.location["y"] < height * 1.2, "the first action is within the first screen and a bit")
        shot(driver, "interview-answered", width)
        driver.execute_script("document.getElementById('answer').scrollIntoView()")
        shot(driver, "answer", width)
        overflow(driver, "the answer", width)
        # « Retour » undoes the last answer; « Je ne sais pas » sets a question aside.
        progress = driver.find_element(By.ID, "progress").text
        driver.find_element(By.ID, "back").click()
        wait_for(driver, lambda d: d.find_element(By.ID, "progress").text != progress)
        check(driver.find_element(By.ID, "progress").text != progress, "« Retour » goes back one answer")
        # Answering again gives the same answer back (the last answer may be what decided the route).
        run_interview(driver, mother)
        check(driver.find_element(By.ID, "result").text == result, "answering again after « Retour » gives the same answer")
        # « pourquoi ? » in French sentences.
        summary = driver.find_element(By.CSS_SELECTOR, ".decision details.explain summary")
        driver.execute_script("arguments[0].scrollIntoView()", summary)
        summary.click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".decision details.explain .tree"))
        because = driver.find_element(By.CSS_SELECTOR, ".decision details.explain").text
        check("remplie" in because, "the explanation gives each condition's value in words")
        french_only(because, "« pourquoi ? »")
        shot(driver, "why", width)
        # The fiche: « Imprimer la fiche » prints the sheet of POST /api/v1/fiche, one A4 page.
        driver.execute_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
        driver.find_element(By.ID, "print").click()
        wait_for(driver, lambda d: d.execute_script("return window.printed") == 1)
        sheet = driver.find_element(By.ID, "sheet-print").get_attribute("textContent")
        check("Votre parcours" in sheet and "Règle" not in sheet and "la personne" not in sheet, "the printed sheet is the person's, without rule ids")
        french_only(sheet, "the fiche")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        check(not driver.find_element(By.ID, "question-box").is_displayed(), "printing hides the interview")
        check(not driver.find_element(By.ID, "result").is_displayed(), "printing the fiche hides the answer")
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True})["data"])
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        check(pages == 1, f"the fiche prints on one A4 page ({pages})")
        with open(os.path.join(shots, f"fiche-{width}.pdf"), "wb") as handle:
            handle.write(pdf)
        shot(driver, "print", width)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        # Nothing is kept.
        check(driver.get_cookies() == [], "no cookie")
        check(driver.execute_script("return localStorage.length + sessionStorage.length") == 0, "no storage")
    finally:
        driver.quit()

# Keyboard only: the first answer within 5 Tab presses; the skip link leads to the answer.
driver = browser(1280, 900)
try:
    open_page(driver)
    body = driver.find_element(By.TAG_NAME, "body")
    reached = None
    for press in range(1, 6):
        body = driver.switch_to.active_element
        body.send_keys(Keys.TAB)
        # The first answer control of the question (a number field, or a « Oui » / choice button).
        if driver.execute_script("""
            const e = document.activeElement;
            return !!e && !!e.closest('#question-box') && (e.id === 'ask-input' || (e.tagName === 'BUTTON'
                && !['Retour', 'Je ne sais pas'].includes(e.textContent.trim())));"""):
            reached = press
            break
    check(reached is not None, f"the first question's answer is reached in at most 5 Tab presses ({reached})")
    focused = driver.switch_to.active_element
    ring = driver.execute_script("""
        const s = getComputedStyle(arguments[0]);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor];""", focused)
    rgb = [int(x) for x in re.findall(r"\d+", ring[2])[:3]]

    def luminance(c):
        c = [v / 255 for v in c]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    contrast = (1.05) / (luminance(rgb) + 0.05)
    check(ring[0] != "none" and ring[1] >= 2 and contrast >= 3, f"the focus ring is visible with 3:1 against white ({ring}, {contrast:.2f}:1)")
    driver.switch_to.active_element.send_keys("29" + Keys.ENTER)
    wait_for(driver, lambda d: "1 réponse" in d.find_element(By.ID, "progress").text.replace("\u00a0", " "))
    check(driver.execute_script("return document.getElementById('question-box').contains(document.activeElement)"), "after an answer the focus stays in the interview")
    driver.get(base + "/")
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#question-box .ask"))
    driver.switch_to.active_element.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(Keys.TAB)
    check(driver.switch_to.active_element.text == "Aller à la réponse", "the second Tab is the skip link to the answer")
    shot(driver, "skip-link", 1280)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    check(driver.switch_to.active_element.get_attribute("id") == "answer", "the skip link moves the focus to the answer")
    # Targets: every button, field and summary at least 24 px high.
    small = driver.execute_script("""
        document.getElementById('full').hidden = false;
        return [...document.querySelectorAll('button, select, input[type=number], summary, .to-answer')]
          .filter(e => e.offsetParent && e.getBoundingClientRect().height < 24).map(e => e.id || e.textContent.trim());""")
    check(small == [], f"every target is at least 24 px high ({small})")
finally:
    driver.quit()

# The full form, one click away: errors at the field, nothing dropped silently, the stale
# answer greyed, the focus kept; « pourquoi ? » works at the first click after typing.
for width, height in ((1280, 900), (390, 844)):
    driver = browser(width, height)
    try:
        open_page(driver)
        driver.find_element(By.ID, "full-toggle").click()
        check(driver.find_element(By.ID, "full").is_displayed(), "the full form is one click away")
        unnamed = driver.execute_script("""
            return [...document.querySelectorAll('input, select, textarea')].filter(e => e.offsetParent && !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map(e => e.id || e.name);""")
        check(unnamed == [], f"every input has a label (unlabelled: {unnamed})")
        driver.find_element(By.ID, "f-age").send_keys("22")
        driver.find_element(By.ID, "f-single_parent-true").click()
        wait_for(driver, lambda d: "2 réponses" in d.find_element(By.ID, "status").text.replace("\u00a0", " "))
        shot(driver, "full-form", width)
        overflow(driver, "the full form", width)
        autonomy = driver.find_element(By.ID, "f-autonomy")
        autonomy.send_keys("7")
        wait_for(driver, lambda d: d.find_element(By.ID, "f-autonomy").get_attribute("aria-invalid") == "true")
        message = driver.find_element(By.ID, "f-autonomy-e").text
        check("Autonomie" in message and "1" in message and "5" in message and "autonomy" not in message, f"the error is under the field with its French label ({message})")
        check("stale" in driver.find_element(By.ID, "result").get_attribute("class"), "the previous answer is greyed")
        check("date d'avant l'erreur" in driver.find_element(By.ID, "errors").text, "a notice says the answer is out of date")
        check(driver.switch_to.active_element.get_attribute("id") == "f-autonomy", "the focus stays in the field")
        shot(driver, "error", width)
        autonomy.clear()
        autonomy.send_keys("2.5")
        wait_for(driver, lambda d: "entier" in d.find_element(By.ID, "f-autonomy-e").text)
        check(True, "« 2.5 » is not dropped silently: the field says an integer is expected")
        autonomy.clear()
        autonomy.send_keys("3")
        wait_for(driver, lambda d: d.find_element(By.ID, "f-autonomy").get_attribute("aria-invalid") == "false")
        check("stale" not in driver.find_element(By.ID, "result").get_attribute("class"), "a corrected field brings the answer back")
        # The first click on « pourquoi ? » right after typing opens it.
        driver.find_element(By.ID, "f-children_under_6").send_keys("1")
        summary = driver.find_element(By.CSS_SELECTOR, ".decision details.explain summary")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".decision details.explain[open] .tree"))
        check(True, "the first click on « pourquoi ? » after typing opens it")
    finally:
        driver.quit()

# A France Travail diagnosis pasted into the page fills the form; with the département, each
# step names the services of the server's export (serve --services, an invented one here).
diagnosis = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples", "diagnostic-france-travail.json"), encoding="utf-8").read()

for width, height in ((1280, 900), (390, 844)):
    driver = browser(width, height)
    try:
        open_page(driver)
        driver.find_element(By.ID, "full-toggle").click()
        driver.find_element(By.CSS_SELECTOR, "#import-box summary").click()
        Select(driver.find_element(By.ID, "import-format")).select_by_value("france-travail")
        driver.execute_script("document.getElementById('import-text').value = arguments[0]", diagnosis)
        driver.find_element(By.ID, "import").click()
        wait_for(driver, lambda d: "Non repris" in d.find_element(By.ID, "import-report").text)
        report = driver.find_element(By.ID, "import-report").text
        check("Aidant familial" in report and "ligne 27" in report, "the import names the code it could not use, with its line")
        check("à vérifier" in report and "difficultés financières" in report, "the import names the themes not discussed")
        for box in ["f-barriers-mobility", "f-barriers-childcare", "f-driving_licence-false"]:
            check(driver.find_element(By.ID, box).is_selected(), f"the import filled {box}")
        Select(driver.find_element(By.ID, "f-department")).select_by_value("35")
        driver.find_element(By.ID, "f-age").send_keys("30")
        wait_for(driver, lambda d: "CAF d'Ille-et-Exemple" in d.find_element(By.ID, "result").text)
        check(True, "with the département, the steps name nearby services")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".services li")) <= 3 * len(driver.find_elements(By.CSS_SELECTOR, ".plan li > strong")),
              "at most three services per step")
        overflow(driver, "the page after an import", width)
        shot(driver, "import", width)
        driver.execute_script("document.querySelector('.services').scrollIntoView()")
        shot(driver, "services", width)
    finally:
        driver.quit()

# No horizontal scroll at 320 px, in each state; the public pages too; axe-core finds nothing.
axe = None
try:
    import axe_selenium_python
    axe = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js"), encoding="utf-8").read()
except (ImportError, OSError):
    pass
driver = browser(320, 640)
try:
    open_page(driver)
    overflow(driver, "the interview", 320)
    run_interview(driver, mother)
    overflow(driver, "the answer", 320)
    driver.find_element(By.ID, "full-toggle").click()
    overflow(driver, "the full form", 320)
    shot(driver, "full-form", 320)
    for path in ("/accessibilite", "/docs/", "/docs/rules/r2s--parcours.html"):
        driver.get(base + path)
        overflow(driver, path, 320)
    shot(driver, "accessibilite", 320)
finally:
    driver.quit()

driver = browser(1280, 900)
try:
    for path in ("/", "/accessibilite"):
        driver.get(base + path)
        if path == "/":
            wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#question-box .ask"))
        if axe is None:
            check(False, "axe-core is installed (pip install axe-selenium-python)")
            break
        driver.execute_script(axe)
        violations = driver.execute_async_script("const done = arguments[0]; axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));")
        check(violations == [], f"axe-core finds no violation on {path} ({violations})")
    driver.get(base + "/accessibilite")
    check("Déclaration d'accessibilité" in driver.find_element(By.TAG_NAME, "h1").text, "the accessibility statement is served")
    shot(driver, "accessibilite", 1280)
    driver.get(base + "/docs/")
    check("Parcours" in driver.title or driver.find_elements(By.ID, "search"), "the documentation site is served at /docs/")
    shot(driver, "docs", 1280)
finally:
    driver.quit()

print(f"browser: {check.passed} passed, {len(check.failures)} failed")
sys.exit(1 if check.failures else 0)
