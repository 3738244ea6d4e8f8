"""The documentation site in a real browser (headless Chromium driven by Selenium), from the
file system as policy staff open it: no page is wider than the window at 1280 and 390 px,
the breadcrumb trail leads back, the search finds a rule and a field and opens it with Enter,
and screenshots at both widths are kept. Run by .ci/docs-check (which writes the site).
Usage: python3 Tests/browser/test_docs.py SITE_DIR SCREENSHOT_DIR
"""
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from harness import Checks, browser

site, shots = os.path.abspath(sys.argv[1]), sys.argv[2]
os.makedirs(shots, exist_ok=True)
check = Checks()


def url(page):
    return "file://" + os.path.join(site, page)


pages = ["index.html", "rules/r2s--parcours.html", "schemes/sma.html", "fields/barriers.html", "catalogue/pmsmp.html", "cases/sma--01-eligible-18-ans.html"]

for width, height in ((1280, 900), (390, 844), (320, 640)):
    driver = browser(width, height)
    try:
        for page in pages:
            driver.get(url(page))
            # Against the client width: window.innerWidth grows with the content under emulation.
            overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            check(overflow <= 0, f"{page} at {width} px is {overflow} px wider than the window")
            trail = driver.find_elements(By.CSS_SELECTOR, "nav.trail a")
            check(page == "index.html" or (trail and trail[0].text == "Sommaire"), f"{page} has no breadcrumb back to the index")
        # The search: type, see results, Enter opens the first one.
        driver.get(url("fields/age.html"))
        box = driver.find_element(By.ID, "search")
        box.send_keys("permis auto-ecole")
        results = WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        check(any("auto-école" in result.text.lower() or "auto-ecole" in result.text.lower() for result in results),
              "searching « permis auto-ecole » (no accent) finds the auto-école sociale: " + repr([r.text for r in results]))
        driver.save_screenshot(os.path.join(shots, f"docs-search-{width}.png"))
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: not d.current_url.endswith("fields/age.html"))
        check("/catalogue/" in driver.current_url or "/rules/" in driver.current_url, "Enter opens the first result: " + driver.current_url)
        # A rule is found by what it does, in French.
        driver.get(url("index.html"))
        box = driver.find_element(By.ID, "search")
        box.send_keys("orienter vers le SMA")
        results = WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        check(any(result.get_attribute("href").endswith("rules/sma--orientation.html") for result in results), "searching « orienter vers le SMA » finds the SMA rule")
        driver.get(url("rules/sma--orientation.html"))
        when = driver.find_element(By.TAG_NAME, "main").text
        check("choisi" in when and "toujours" not in when.lower().split("ce qu'elle propose")[0], "the SMA rule says it needs the scheme to be chosen")
        driver.get(url("index.html"))
        box = driver.find_element(By.ID, "search")
        box.send_keys("Freins")
        results = WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        check(any(result.get_attribute("href").endswith("fields/barriers.html") for result in results), "searching « Freins » finds the barriers field")
        box.clear()
        box.send_keys("zzzz introuvable")
        check("Aucun résultat." in driver.find_element(By.ID, "search-results").text, "a search with no match says « Aucun résultat. »")
        for page, name in (("index.html", "index"), ("rules/r2s--parcours.html", "rule"), ("schemes/sma.html", "scheme")):
            driver.get(url(page))
            driver.save_screenshot(os.path.join(shots, f"docs-{name}-{width}.png"))
    finally:
        driver.quit()

print(f"docs: {check.passed} passed, {len(check.failures)} failed; screenshots in {shots}/")
sys.exit(1 if check.failures else 0)
