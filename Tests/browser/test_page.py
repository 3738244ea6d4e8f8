"""The counsellors' page in a real browser (headless Chromium driven by Selenium).

Fills a profile as a counsellor would, answers a suggested question in one click, opens a
« pourquoi ? », checks the route shown is the CLI's for the same profile, renders the print
view, and keeps screenshots at 1280 and 390 px. Run by .ci/browser (which starts the server).
Usage: python3 Tests/browser/test_page.py BASE_URL PARCOURS_BINARY SCREENSHOT_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import Checks, browser

base, binary, shots = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(shots, exist_ok=True)
check = Checks()


def wait_for(driver, predicate, seconds=10):
    return WebDriverWait(driver, seconds).until(lambda d: predicate(d))


def cli_route(profile):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(profile, handle)
    output = subprocess.run([binary, "recommend", handle.name, "--format", "json"], capture_output=True, text=True, check=True).stdout
    os.unlink(handle.name)
    return json.loads(output)


profile = {"age": 22, "autonomy": 2, "single_parent": True, "children_under_6": 1, "driving_licence": False,
           "barriers": ["mobility", "childcare"], "project": "emerging", "qualification": "none"}

driver = browser(1280, 1000)
try:
    driver.get(base + "/")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "the page is in French (lang=fr)")
    wait_for(driver, lambda d: d.find_elements(By.ID, "f-age"))
    # Every control has an accessible name.
    unnamed = driver.execute_script("""
        return [...document.querySelectorAll('input, select')].filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.name);
    """)
    check(unnamed == [], f"every input has a label (unlabelled: {unnamed})")
    # Fill the diagnosis as a counsellor would.
    driver.find_element(By.ID, "f-age").send_keys("22")
    driver.find_element(By.ID, "f-autonomy").send_keys("2")
    driver.find_element(By.ID, "f-single_parent-true").click()
    driver.find_element(By.ID, "f-children_under_6").send_keys("1")
    driver.find_element(By.ID, "f-driving_licence-false").click()
    driver.find_element(By.ID, "f-barriers-mobility").click()
    driver.find_element(By.ID, "f-barriers-childcare").click()
    Select(driver.find_element(By.ID, "f-project")).select_by_value("emerging")
    Select(driver.find_element(By.ID, "f-qualification")).select_by_value("none")
    expected = cli_route(profile)
    route = expected["route"]["label"] if expected["route"] else "Aucun parcours"
    wait_for(driver, lambda d: route in d.find_element(By.ID, "result").text and "8 réponses" in d.find_element(By.ID, "status").text)
    result = driver.find_element(By.ID, "result").text
    check(route in result, f"the page shows the CLI's route ({route})")
    check(expected["referent_detail"]["label"] in result, "the page shows the CLI's référent")
    check("Prochaines actions" in result, "the next actions come first")
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(shots, "page-1280.png"))
    # Answer the first suggested question in one click.
    questions = driver.find_elements(By.CSS_SELECTOR, ".question-item")
    check(len(questions) > 0, "questions are suggested")
    if questions:
        field = questions[0].get_attribute("data-question")
        button = questions[0].find_element(By.CSS_SELECTOR, ".answer-options button")
        button.click()
        wait_for(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, f'.question-item[data-question="{field}"]'))
        check(True, "answering a question removes it")
        answered = driver.execute_script(f"""
            const inputs = document.querySelectorAll('[name="{field}"]');
            return [...inputs].some(i => (i.type === 'radio' || i.type === 'checkbox') ? i.checked && i.value !== '' : i.value !== '');
        """)
        check(answered, f"the answer to {field} is in the form")
    # « pourquoi ? » opens the rule's explanation.
    summary = driver.find_element(By.CSS_SELECTOR, ".decision details.explain summary")
    summary.click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".decision details.explain .tree"))
    check("vrai" in driver.find_element(By.CSS_SELECTOR, ".decision details.explain").text, "the explanation shows the conditions' values")
    # Nothing is kept.
    check(driver.get_cookies() == [], "no cookie")
    check(driver.execute_script("return localStorage.length + sessionStorage.length") == 0, "no storage")
    # The print view: one page for the person, without the form or rule ids.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    check(not driver.find_element(By.CSS_SELECTOR, ".diagnosis").is_displayed(), "print view hides the form")
    check(not any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, ".rule-id")), "print view hides rule ids")
    driver.save_screenshot(os.path.join(shots, "print-1280.png"))
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    check(len(pdf.get("data", "")) > 1000, "the print view renders to PDF")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
finally:
    driver.quit()

# A France Travail diagnosis pasted into the page fills the form; with the département, each
# step names the services of the server's export (serve --services, an invented one here).
diagnosis = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples", "diagnostic-france-travail.json"), encoding="utf-8").read()


def import_diagnosis(driver):
    driver.get(base + "/")
    wait_for(driver, lambda d: d.find_elements(By.ID, "f-age"))
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
    driver.find_element(By.ID, "f-department").send_keys("35")
    driver.find_element(By.ID, "f-age").send_keys("30")
    wait_for(driver, lambda d: "CAF d'Ille-et-Exemple" in d.find_element(By.ID, "result").text)
    check(True, "with the département, the steps name nearby services")


driver = browser(1280, 1000)
try:
    import_diagnosis(driver)
    check(len(driver.find_elements(By.CSS_SELECTOR, ".services li")) <= 3 * len(driver.find_elements(By.CSS_SELECTOR, ".plan li > strong")),
          "at most three services per step")
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(shots, "import-1280.png"))
    driver.execute_script("document.querySelector('.services').scrollIntoView()")
    driver.save_screenshot(os.path.join(shots, "services-1280.png"))
finally:
    driver.quit()

driver = browser(390, 844)
try:
    import_diagnosis(driver)
    width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(width[0] <= width[1], f"no horizontal scroll at 390 px after an import ({width})")
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(shots, "import-390.png"))
    driver.execute_script("document.querySelector('.services').scrollIntoView()")
    driver.save_screenshot(os.path.join(shots, "services-390.png"))
finally:
    driver.quit()

driver = browser(390, 844)
try:
    driver.get(base + "/")
    wait_for(driver, lambda d: d.find_elements(By.ID, "f-age"))
    driver.find_element(By.ID, "f-age").send_keys("19")
    driver.find_element(By.ID, "f-autonomy").send_keys("3")
    wait_for(driver, lambda d: "2 réponses" in d.find_element(By.ID, "status").text)
    width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(width[0] <= width[1], f"no horizontal scroll at 390 px ({width})")
    driver.save_screenshot(os.path.join(shots, "page-390.png"))
    check(driver.execute_script("return window.scrollX") == 0, "the page is not scrolled sideways")
    driver.execute_script("window.scrollTo(0, document.querySelector('.answer').offsetTop)")
    driver.save_screenshot(os.path.join(shots, "answer-390.png"))
finally:
    driver.quit()

print(f"browser: {check.passed} passed, {len(check.failures)} failed")
sys.exit(1 if check.failures else 0)
