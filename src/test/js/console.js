// End-to-end test of the web console at /console, in Debian's headless chromium driven by
// playwright-core (no browser download). Run by ConsoleBrowserTest, which starts the server:
//   node console.js BASE_URL PROJECT TOKEN CHROMIUM SIPP SIP_PORT WORK_DIR SCREENSHOT_DIR
// WORK_DIR holds register.xml and call.xml (sipp scenarios). Prints one JSON line with what the
// page showed; exits non-zero on the first failed step, on a page error or on a CSP violation.
"use strict";

const { chromium } = require("playwright-core");
const { spawnSync } = require("child_process");
const net = require("net");
const fs = require("fs");
const path = require("path");

const [baseUrl, project, token, chromiumPath, sipp, sipPort, workDir, shots] = process.argv.slice(2);
const WAIT_MS = 20000;
const USER = "alice";
const PASSWORD = "Console-Test-" + Math.random().toString(36).slice(2, 10);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on("error", reject);
  });
}

async function runSipp(scenario, csvLine, label, calls = 1, mayFail = false) {
  const csv = path.join(workDir, label + ".csv");
  fs.writeFileSync(csv, "SEQUENTIAL\n" + csvLine + "\n");
  const errors = path.join(workDir, label + "-errors.log");
  const result = spawnSync(sipp, ["127.0.0.1:" + sipPort, "-sf", path.join(workDir, scenario), "-inf", csv,
    "-i", "127.0.0.1", "-p", String(await freePort()), "-t", "u1", "-m", String(calls), "-timeout", "15s", "-timeout_error", "-nostdin",
    "-trace_err", "-error_file", errors], { cwd: workDir, timeout: 25000, encoding: "utf8" });
  const log = fs.existsSync(errors) ? fs.readFileSync(errors, "utf8") : "";
  check(mayFail ? result.status !== null : result.status === 0, "sipp " + label + " exited " + result.status + ": " + result.stdout + result.stderr + log);
}

(async () => {
  fs.rmSync(shots, { recursive: true, force: true }); // only this run's screenshots
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const problems = [];
  const out = { screenshots: [] };
  let page = null;
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) problems.push("console error: " + m.text());
    });
    const shot = async (name, target) => {
      const file = path.join(shots, name + ".png");
      await (target || page).screenshot({ path: file, fullPage: !target });
      out.screenshots.push(file);
    };

    // Served at /console (redirected to /console/) with the strict policy.
    const response = await page.goto(baseUrl + "/console");
    out.url = page.url();
    out.csp = response.headers()["content-security-policy"];
    await page.waitForSelector("#project");

    // A wrong token is refused on the form, without a browser login prompt.
    await page.fill("#project", project);
    await page.fill("#token", "sy_not-the-token");
    await page.click("button[type=submit]");
    await page.waitForFunction(() => document.getElementById("signin-error").textContent.length > 0);
    out.signInError = await page.textContent("#signin-error");
    await shot("01-sign-in-refused");

    // Sign in with the keyboard alone: focus starts in the project field.
    await page.reload();
    await page.waitForSelector("#project:focus");
    await page.keyboard.type(project);
    await page.keyboard.press("Tab");
    await page.keyboard.type(token);
    await page.keyboard.press("Enter");
    await page.waitForSelector("h1:text('SIP endpoints')");
    out.tokenInLocalStorage = await page.evaluate((t) => JSON.stringify(localStorage).includes(t)
      || location.href.includes(t), token);
    await shot("02-endpoints-empty");

    // Create: a weak password gets the API's own message beside the password field.
    await page.click("text=New endpoint");
    await page.fill("#ep-username", USER);
    await page.fill("#ep-password", USER + "-password");
    await page.fill("#ep-caller_id", "Alice");
    await page.click("button:text('Create endpoint')");
    await page.waitForFunction(() => document.getElementById("ep-password-error").textContent.length > 0);
    out.passwordError = await page.textContent("#ep-password-error");
    out.passwordInvalid = await page.getAttribute("#ep-password", "aria-invalid");
    await shot("03-validation-error");

    await page.fill("#ep-password", PASSWORD);
    await page.click("button:text('Create endpoint')");
    await page.waitForSelector("#phone-domain");
    out.heading = await page.textContent("h1");
    out.domain = await page.textContent("#phone-domain");
    out.accountUri = await page.textContent("#phone-uri");
    out.qrPng = path.join(shots, "qr.png");
    await page.locator("#phone-qr svg").screenshot({ path: out.qrPng });
    await shot("04-endpoint-created");

    // A sipp registration appears in the registrations panel by itself (no reload).
    await runSipp("register.xml", USER + ";" + out.domain + ";" + PASSWORD, "register");
    await page.waitForSelector("#registrations td:text('sipp')");
    out.registration = (await page.textContent("#registrations tbody")).replace(/\s+/g, " ").trim();
    await shot("05-registration");

    // A test call (alice calls a user that does not exist: 404) appears in the call log.
    await runSipp("call.xml", USER + ";" + out.domain + ";" + PASSWORD + ";nobody-here", "call");
    await page.click("nav >> text=Call log");
    await page.waitForSelector("h1:text('Call log')");
    await page.waitForFunction(() => [...document.querySelectorAll("tbody td")]
      .some((td) => td.textContent.includes("nobody-here")));
    out.callRow = (await page.textContent("tbody tr")).replace(/\s+/g, " ").trim();
    await page.click("text=Details");
    await page.waitForSelector("#decision");
    out.decision = await page.textContent("#decision");
    await shot("06-call-detail");

    // Reset password: confirmed in a dialog, the new one shown once.
    await page.click("nav >> text=Endpoints");
    await page.click("a:text('" + USER + "')");
    await page.click("button:text('Reset password')");
    await page.click("dialog button:text('Reset password')");
    await page.waitForSelector("#secret-value");
    out.newPasswordLength = (await page.textContent("#secret-value")).length;
    await shot("07-password-reset");

    // Wrong passwords from 127.0.0.1 until the guard bans it (threshold 3); the ban is lifted here.
    await runSipp("register.xml", USER + ";" + out.domain + ";Wrong-Guess-12345", "guess", 4, true);
    await page.click("nav >> text=Bans");
    await page.waitForSelector("h1:text('Brute-force bans')");
    await page.waitForFunction(() => [...document.querySelectorAll("tbody td")]
      .some((td) => td.textContent === "127.0.0.1"));
    out.banRow = (await page.textContent("tbody tr")).replace(/\s+/g, " ").trim();
    await shot("08-ban");
    await page.click("button:text('Lift')");
    await page.click("dialog button:text('Lift ban')");
    await page.waitForSelector("text=No bans.");
    await page.click("nav >> text=SIP profile");
    await page.waitForSelector("#profile-domain");
    out.profileDomain = await page.inputValue("#profile-domain");

    // A phone-sized screen: the endpoint list as cards, nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.click("nav >> text=Endpoints");
    await page.waitForSelector("td:text('Alice')");
    out.phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot("09-phone-endpoints");

    // Delete with confirmation.
    await page.click("a:text('" + USER + "')");
    await page.click("button:text('Delete endpoint')");
    await page.click("dialog button:text('Delete')");
    await page.waitForSelector("text=No endpoints found.");
    await shot("10-deleted");
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(shots, "failure.png"), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
  out.problems = problems;
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error("console e2e failed:", e && e.stack ? e.stack : e);
  process.exit(1);
});
