"""The rules workshop (/atelier) in a real browser (headless Chromium driven by Selenium).

Lowers the long-term unemployment threshold (fact chomage_longue_duree) in the form, sees the
impact figure, changes it again and sees the figure change, types an invalid value in the IAE
level-1 threshold (eligible_iae_niveau_1, months_registered >= 24) and sees its diagnostic at the
field, sees a case fail (peu_autonome lowered to 1),
downloads the change file, then `parcours apply` writes it to a copy of Rules/ and `parcours
check` is green on the copy; the rules folder the server reads is unchanged. No horizontal
scroll at 320, 390 and 1280 px; axe-core finds nothing; screenshots at 390 and 1280 px.
Run by .ci/browser (which starts the server).
Usage: python3 Tests/browser/test_atelier.py BASE_URL PARCOURS_BINARY SCREENSHOT_DIR
"""
import glob
import hashlib
import os
import shutil
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


def wait_for(driver, predicate, seconds=60):
    return WebDriverWait(driver, seconds).until(lambda d: predicate(d))


def text(driver, id):
    found = driver.find_elements(By.ID, id)
    return found[0].text if found else ""


def shot(driver, name, width):
    driver.save_screenshot(os.path.join(shots, f"{name}-{width}.png"))


def overflow(driver, what, width):
    sizes = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    check(sizes[0] <= sizes[1], f"{what} at {width} px: no horizontal scroll (scrollWidth {sizes[0]} > clientWidth {sizes[1]})")


def open_atelier(driver):
    driver.get(base + "/atelier")
    wait_for(driver, lambda d: d.find_elements(By.ID, "number-0"))


def type_value(driver, id, value):
    field = driver.find_element(By.ID, id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(value)


def settle(driver, before):
    """Waits until the impact figure is shown and differs from `before` (the page cleared it)."""
    wait_for(driver, lambda d: text(d, "impact-figure") and text(d, "replay-figure") and text(d, "impact-figure") != before)
    return text(driver, "impact-figure")


def sha(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


rules_before = {path: sha(path) for path in sorted(glob.glob("Rules/**/*.yaml", recursive=True))}
downloads = tempfile.mkdtemp(prefix="atelier-downloads-")

driver = browser(1280, 900)
try:
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    open_atelier(driver)
    check(Select(driver.find_element(By.ID, "fact")).first_selected_option.get_attribute("value") == "eligible_iae_niveau_1",
          "the IAE level-1 criterion is the fact offered first")
    label = driver.find_element(By.CSS_SELECTOR, "label[for=number-0]").text
    check("months_registered" in label and "au moins" in label, f"the field names the number in French ({label!r})")
    check(driver.find_element(By.ID, "number-0").get_attribute("value") == "24", "the field holds the threshold in force (24)")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#routes details")) >= 5, "the rules are listed by route")
    check("Quand" in driver.find_element(By.ID, "facts").text and "Source" in driver.find_element(By.ID, "facts").text,
          "each fact shows its condition in French and its source")
    check(driver.find_element(By.ID, "download").get_attribute("disabled") is not None, "nothing to download before a change")

    # The long-term unemployment threshold (chomage_longue_duree, months_unemployed >= 12):
    # lowered, the impact figure appears; lowered again, the figure changes.
    Select(driver.find_element(By.ID, "fact")).select_by_value("chomage_longue_duree")
    wait_for(driver, lambda d: d.find_element(By.ID, "number-0").get_attribute("value") == "12")
    type_value(driver, "number-0", "9")
    first = settle(driver, "")
    check("personne" in first and "recommandation" in first and not first.startswith("0"), f"the impact figure is said in French ({first!r})")
    impact = driver.find_element(By.ID, "impact").text
    check("valorisation_competences" in impact and "absente → proposée" in impact, f"the impact names the step people gain ({impact[:200]!r})")
    check("null" not in impact, "no « null » shown")
    shot(driver, "atelier-impact", 1280)
    type_value(driver, "number-0", "6")
    second = settle(driver, first)
    check(second != first, f"the impact figure changes with the threshold ({first!r} then {second!r})")

    # An invalid value: the diagnostic is at the field, the download is off.
    Select(driver.find_element(By.ID, "fact")).select_by_value("eligible_iae_niveau_1")
    wait_for(driver, lambda d: d.find_element(By.ID, "number-0").get_attribute("value") == "24")
    type_value(driver, "number-0", "dix")
    wait_for(driver, lambda d: text(d, "number-0-error"))
    error = text(driver, "number-0-error")
    check("nombre entier" in error, f"the diagnostic of an invalid value is at the field ({error!r})")
    check(driver.find_element(By.ID, "number-0").get_attribute("aria-invalid") == "true", "the invalid field is marked aria-invalid")
    check(driver.find_element(By.ID, "download").get_attribute("disabled") is not None, "no change file for a draft that does not load")
    shot(driver, "atelier-invalid", 1280)

    # A fact whose change breaks cases: peu_autonome lowered to 1.
    Select(driver.find_element(By.ID, "fact")).select_by_value("peu_autonome")
    wait_for(driver, lambda d: d.find_element(By.ID, "number-0").get_attribute("value") == "2")
    type_value(driver, "number-0", "1")
    settle(driver, "")
    replay = text(driver, "replay")
    check("échoue" in replay and "attendu" in replay, f"the failing cases are said in French, with what was expected ({replay[:120]!r})")

    # The IAE threshold at 18 months; download the change file.
    Select(driver.find_element(By.ID, "fact")).select_by_value("eligible_iae_niveau_1")
    wait_for(driver, lambda d: d.find_element(By.ID, "number-0").get_attribute("value") == "24")
    type_value(driver, "number-0", "18")
    settle(driver, "")
    driver.find_element(By.ID, "summary").send_keys("Critère IAE de niveau 1 dès 18 mois d'inscription")
    driver.find_element(By.ID, "download").click()
    wait_for(driver, lambda d: glob.glob(os.path.join(downloads, "*.yaml")), 20)
    change = glob.glob(os.path.join(downloads, "*.yaml"))[0]

    for width in (1280, 390, 320):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        for details in driver.find_elements(By.CSS_SELECTOR, "details"):
            driver.execute_script("arguments[0].open = true", details)
        overflow(driver, "the workshop with every section open", width)
        for details in driver.find_elements(By.CSS_SELECTOR, "details"):
            driver.execute_script("arguments[0].open = false", details)
        if width != 320:
            driver.execute_script("window.scrollTo(0, 0)")
            shot(driver, "atelier-change", width)
    try:
        import axe_selenium_python
        axe = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js"), encoding="utf-8").read()
        driver.execute_script(axe)
        violations = driver.execute_async_script("const done = arguments[0]; axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));")
        check(violations == [], f"axe-core finds no violation on /atelier ({violations})")
    except ImportError:
        check(False, "axe-core is installed (pip install axe-selenium-python)")
finally:
    driver.quit()

# The change file applies to a copy of Rules/, and check is green there.
with open(change, encoding="utf-8") as handle:
    written = handle.read()
check("base: " + rules_before["Rules/facts.yaml"] in written, "the change file names the SHA-256 of facts.yaml in force")
copy = tempfile.mkdtemp(prefix="atelier-rules-")
shutil.copytree("Rules", os.path.join(copy, "Rules"))
applied = subprocess.run([binary, "apply", change, "--rules", os.path.join(copy, "Rules")], capture_output=True, text=True)
check(applied.returncode == 0, f"parcours apply takes the change file (code {applied.returncode}: {applied.stderr.strip()})")
check("+            - months_registered >= 18" in applied.stdout, f"apply shows the changed line ({applied.stdout[:300]!r})")
with open("Rules/facts.yaml", encoding="utf-8") as old, open(os.path.join(copy, "Rules", "facts.yaml"), encoding="utf-8") as new:
    old_lines, new_lines = old.read().split("\n"), new.read().split("\n")
changed = [index for index, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
check(len(old_lines) == len(new_lines) and len(changed) == 1 and new_lines[changed[0]].strip() == "- months_registered >= 18",
      "only the threshold's line changes: comments and other facts survive")
checked = subprocess.run([binary, "check", "--rules", os.path.join(copy, "Rules"), "--scenarios", "Scenarios"], capture_output=True, text=True)
check(checked.returncode == 0, f"parcours check is green on the applied copy (code {checked.returncode}: {checked.stdout[-300:]})")
again = subprocess.run([binary, "apply", change, "--rules", os.path.join(copy, "Rules")], capture_output=True, text=True)
check(again.returncode == 1, "applying the same change twice is refused (the file changed since)")
shutil.rmtree(copy)
shutil.rmtree(downloads)

rules_after = {path: sha(path) for path in sorted(glob.glob("Rules/**/*.yaml", recursive=True))}
check(rules_after == rules_before, "the server wrote nothing to its rules folder")

print(f"atelier: {check.passed} checks passed, {len(check.failures)} failed")
sys.exit(1 if check.failures else 0)
