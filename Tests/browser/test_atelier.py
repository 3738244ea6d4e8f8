"""The rules workshop (/atelier) in a real browser (headless Chromium driven by Selenium).

Opens a rule (preference_travailler) as a form: changes a condition value through the form and
sees its YAML block follow, edits the YAML directly and sees the form follow, changes the title;
changes a fact too (one draft, two files), saves the draft to a file, empties it, reopens it from
the file. Then the threshold flow: lowers the long-term unemployment threshold
(chomage_longue_duree) and sees the impact figure change, types an invalid value in the IAE
level-1 threshold (eligible_iae_niveau_1, months_registered >= 24) and sees its diagnostic at the
field and in the YAML area, sees a case fail (peu_autonome lowered to 1), sets the IAE threshold
to 18 and downloads the change file; `parcours apply` writes it to a copy of Rules/ and `parcours
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
    wait_for(driver, lambda d: d.find_elements(By.ID, "leaf-2-value"))


def type_value(driver, id, value):
    field = driver.find_element(By.ID, id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(value)


def value(driver, id):
    found = driver.find_elements(By.ID, id)
    return found[0].get_attribute("value") if found else None


def choose(driver, key, leaf_value_id=None, expected=None):
    Select(driver.find_element(By.ID, "item")).select_by_value(key)
    if leaf_value_id:
        wait_for(driver, lambda d: value(d, leaf_value_id) == expected)


def reset(driver):
    driver.find_element(By.ID, "reset").click()
    wait_for(driver, lambda d: "Brouillon vide" in text(d, "draft-files"))


def settle(driver, before):
    """Waits until the impact figure is shown and differs from `before` (the page cleared it)."""
    try:
        wait_for(driver, lambda d: text(d, "impact-figure") and text(d, "replay-figure") and text(d, "impact-figure") != before)
    except Exception:
        print("no impact figure; the page says:", text(driver, "check"), text(driver, "impact"), text(driver, "errors"), sep="\n")
        raise
    return text(driver, "impact-figure")


def sha(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def downloaded(name):
    path = os.path.join(downloads, name)
    return path if os.path.exists(path) and not glob.glob(path + ".crdownload") else None


rules_before = {path: sha(path) for path in sorted(glob.glob("Rules/**/*.yaml", recursive=True))}
downloads = tempfile.mkdtemp(prefix="atelier-downloads-")

driver = browser(1280, 900)
try:
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    open_atelier(driver)
    check(Select(driver.find_element(By.ID, "item")).first_selected_option.get_attribute("value") == "fact:eligible_iae_niveau_1",
          "the IAE level-1 criterion is the item offered first")
    field = Select(driver.find_element(By.ID, "leaf-2-field")).first_selected_option.text
    op = Select(driver.find_element(By.ID, "leaf-2-op")).first_selected_option.text
    check("inscription" in field and op == "au moins", f"the comparison is said in French ({field!r} {op!r})")
    check(value(driver, "leaf-2-value") == "24", "the value field holds the threshold in force (24)")
    check(value(driver, "f-label").startswith("Critère IAE de niveau 1"), "the fact's label is in the form")
    check("months_registered >= 24" in value(driver, "yaml") and value(driver, "yaml").startswith("  eligible_iae_niveau_1:"),
          "the fact's YAML block is shown beside the form")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#item-form fieldset.group")) == 2, "the any/all groups of the condition are drawn")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#routes details")) >= 5, "the rules are listed by route")
    check("Quand" in driver.find_element(By.ID, "facts").text and "Source" in driver.find_element(By.ID, "facts").text,
          "each fact shows its condition in French and its source")
    check(driver.find_element(By.ID, "download").get_attribute("disabled") is not None, "nothing to download before a change")
    check(driver.find_element(By.ID, "save").get_attribute("disabled") is not None, "nothing to save before a change")

    # A rule as a form: preference_travailler (all: preference = work, autonomy >= 2).
    choose(driver, "rule:preference_travailler", "leaf-1-value", "2")
    check(value(driver, "f-title") == "La personne veut travailler vite, l'emploi d'abord", "the rule's title is in the form")
    check(value(driver, "f-priority") == "53" and value(driver, "f-route") == "work_first", "its priority and route are in the form")
    check(Select(driver.find_element(By.ID, "leaf-0-value")).first_selected_option.text != "work", "an enumeration's value is shown by its French label")
    type_value(driver, "leaf-1-value", "3")
    wait_for(driver, lambda d: "- autonomy >= 3" in value(d, "yaml"))
    yaml = value(driver, "yaml")
    check("- preference = work" in yaml and "route: work_first" in yaml, "the form rewrites the condition only: the rest of the block is as it was")
    settle(driver, "")
    check("se charge sans erreur" in text(driver, "check"), "the edited rule is checked as one types")
    # Conditions added and removed, a group's kind changed, through the form.
    driver.find_element(By.CSS_SELECTOR, "#item-form fieldset.group > .actions > button").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "leaf-2-field"))
    check(value(driver, "yaml").count("        - ") == 3, "a comparison added in the form is a third item of the YAML list")
    Select(driver.find_element(By.ID, "group-0-type")).select_by_value("any")
    wait_for(driver, lambda d: "      any:" in value(d, "yaml"))
    Select(driver.find_element(By.ID, "group-0-type")).select_by_value("all")
    driver.find_element(By.CSS_SELECTOR, "#item-form [aria-label='Comparaison 3'] button").click()
    wait_for(driver, lambda d: not d.find_elements(By.ID, "leaf-2-field"))
    wait_for(driver, lambda d: "      all:" in value(d, "yaml") and value(d, "yaml").count("        - ") == 2)
    check(True, "a comparison removed in the form leaves the YAML list")
    # The YAML edited directly: the form follows.
    driver.execute_script("const area = document.getElementById('yaml'); area.value = area.value.replace('autonomy >= 3', 'autonomy >= 4'); area.dispatchEvent(new Event('input'));")
    wait_for(driver, lambda d: value(d, "leaf-1-value") == "4")
    check(True, "the form follows the YAML typed beside it")
    type_value(driver, "f-title", "La personne veut travailler tout de suite")
    wait_for(driver, lambda d: "    title: La personne veut travailler tout de suite" in value(d, "yaml"))
    shot(driver, "atelier-form-rule", 1280)
    # A second item in the same draft: a fact of another file.
    choose(driver, "fact:chomage_longue_duree", "leaf-0-value", "12")
    type_value(driver, "leaf-0-value", "10")
    wait_for(driver, lambda d: "employment.yaml" in text(d, "draft-files") and "facts.yaml" in text(d, "draft-files"))
    check("2 fichiers changés" in text(driver, "draft-files").replace("\u00a0", " "), f"one draft, two files ({text(driver, 'draft-files')!r})")
    # A catalogue entry as a form: its name and its « seulement si » condition.
    choose(driver, "entry:france_travail", "leaf-0-value", "full_time")
    check(value(driver, "f-name") == "France Travail" and value(driver, "leaf-0-field") == "employment" and value(driver, "leaf-0-op") == "!=",
          "a catalogue entry opens as a form with its condition")
    check(value(driver, "yaml").startswith("  france_travail:"), "the entry's YAML block is beside it")
    # A finding on a key's line goes to that key's field.
    choose(driver, "rule:preference_travailler", "leaf-1-value", "4")
    type_value(driver, "f-priority", "dix")
    wait_for(driver, lambda d: text(d, "f-priority-error"))
    check(driver.find_element(By.ID, "f-priority").get_attribute("aria-invalid") == "true", f"an invalid priority is marked at its field ({text(driver, 'f-priority-error')!r})")
    type_value(driver, "f-priority", "53")
    wait_for(driver, lambda d: "    priority: 53" in value(d, "yaml") and "se charge sans erreur" in text(d, "check"))
    # A condition too complex for the form is edited in YAML only.
    choose(driver, "rule:autonomie_faible_contrat_engagement")
    wait_for(driver, lambda d: d.find_elements(By.ID, "condition-yaml"))
    check("YAML seulement" in text(driver, "condition-yaml"), "a condition the form cannot draw says it is edited in YAML")

    # Save the draft to a file, empty it, reopen it.
    driver.find_element(By.ID, "save").click()
    wait_for(driver, lambda d: downloaded("brouillon-atelier.yaml"), 20)
    with open(downloaded("brouillon-atelier.yaml"), encoding="utf-8") as handle:
        saved = handle.read()
    check("path: \"employment.yaml\"" in saved and "path: \"facts.yaml\"" in saved, "the saved draft holds both changed files")
    check("- autonomy >= 4" in saved and "months_unemployed >= 10" in saved, "the saved draft holds both edits")
    check("# Au-dessus des préférences et de l'autonomie" in saved, "comments elsewhere in the rule's file survive")
    reset(driver)
    driver.find_element(By.ID, "open").send_keys(downloaded("brouillon-atelier.yaml"))
    wait_for(driver, lambda d: "Brouillon rouvert" in text(d, "reopened"))
    reopened = text(driver, "reopened")
    check("2 fichiers changés" in reopened.replace("\u00a0", " ") and "travailler vite" in reopened and "12 mois" in reopened, f"the reopened draft names its items ({reopened!r})")
    choose(driver, "rule:preference_travailler", "leaf-1-value", "4")
    check(value(driver, "f-title") == "La personne veut travailler tout de suite", "the reopened rule shows its edits in the form")
    choose(driver, "fact:chomage_longue_duree", "leaf-0-value", "10")
    settle(driver, "")
    check(True, "the reopened draft is checked and measured")
    shot(driver, "atelier-reopened", 1280)
    reset(driver)

    # The long-term unemployment threshold (chomage_longue_duree, months_unemployed >= 12):
    # lowered, the impact figure appears; lowered again, the figure changes.
    choose(driver, "fact:chomage_longue_duree", "leaf-0-value", "12")
    type_value(driver, "leaf-0-value", "9")
    first = settle(driver, "")
    check("personne" in first and "recommandation" in first and not first.startswith("0"), f"the impact figure is said in French ({first!r})")
    impact = driver.find_element(By.ID, "impact").text
    check("valorisation_competences" in impact and "absente → proposée" in impact, f"the impact names the step people gain ({impact[:200]!r})")
    check("null" not in impact, "no « null » shown")
    shot(driver, "atelier-impact", 1280)
    type_value(driver, "leaf-0-value", "6")
    second = settle(driver, first)
    check(second != first, f"the impact figure changes with the threshold ({first!r} then {second!r})")
    reset(driver)

    # An invalid value: the diagnostic is at the field and in the YAML area, the download is off.
    choose(driver, "fact:eligible_iae_niveau_1", "leaf-2-value", "24")
    type_value(driver, "leaf-2-value", "dix")
    wait_for(driver, lambda d: text(d, "leaf-2-error"))
    error = text(driver, "leaf-2-error")
    check("nombre entier" in error, f"the diagnostic of an invalid value is at the field ({error!r})")
    check(driver.find_element(By.ID, "leaf-2-value").get_attribute("aria-invalid") == "true", "the invalid field is marked aria-invalid")
    findings = text(driver, "yaml-findings")
    check("Ligne 30" in findings and "nombre entier" in findings, f"the YAML area says the line ({findings!r})")
    check(driver.find_element(By.ID, "download").get_attribute("disabled") is not None, "no change file for a draft that does not load")
    shot(driver, "atelier-invalid", 1280)
    reset(driver)

    # A fact whose change breaks cases: peu_autonome lowered to 1.
    choose(driver, "fact:peu_autonome", "leaf-0-value", "2")
    type_value(driver, "leaf-0-value", "1")
    settle(driver, "")
    replay = text(driver, "replay")
    check("échoue" in replay and "attendu" in replay, f"the failing cases are said in French, with what was expected ({replay[:120]!r})")
    note = text(driver, "download-note")
    check("échoue" in note and "parcours replay" in note, f"beside the download button, a warning that cases fail ({note[:120]!r})")
    reset(driver)
    check(text(driver, "download-note") == "", "the warning goes with the draft")

    # The IAE threshold at 18 months; download the change file.
    choose(driver, "fact:eligible_iae_niveau_1", "leaf-2-value", "24")
    type_value(driver, "leaf-2-value", "18")
    settle(driver, "")
    driver.find_element(By.ID, "summary").send_keys("Critère IAE de niveau 1 dès 18 mois d'inscription")
    driver.find_element(By.ID, "download").click()
    wait_for(driver, lambda d: downloaded("changement-eligible_iae_niveau_1.yaml"), 20)
    change = downloaded("changement-eligible_iae_niveau_1.yaml")
    with open(change, encoding="utf-8") as handle:
        check("parcours replay" in handle.readline(), "the change file's first line says to replay the cases after apply")

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
            driver.execute_script("document.getElementById('leaf-2-value').scrollIntoView({block: 'center'})")
            shot(driver, "atelier-form-condition", width)
            driver.execute_script("document.getElementById('yaml').scrollIntoView({block: 'center'})")
            shot(driver, "atelier-form-yaml", width)
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
