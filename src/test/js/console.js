// End-to-end test of the web console at /console, in Debian's headless chromium driven by
// playwright-core (no browser download). Run by ConsoleBrowserTest, which starts the server:
//   node console.js BASE_URL PROJECT TOKEN CHROMIUM SIPP SIP_PORT WORK_DIR SCREENSHOT_DIR PROXY_PORT PREFIX
// WORK_DIR holds register.xml and call.xml (sipp scenarios). PROXY_PORT: where this script runs a
// small reverse proxy that serves the server under PREFIX (e.g. /voice), stripping it, as nginx's
// "location /voice/ { proxy_pass http://sipyard/; }" does. Prints one JSON line with what the
// page showed; exits non-zero on the first failed step, on a page error or on a CSP violation.
"use strict";

const { chromium } = require("playwright-core");
const { spawnSync } = require("child_process");
const http = require("http");
const net = require("net");
const fs = require("fs");
const path = require("path");

const [baseUrl, project, token, chromiumPath, sipp, sipPort, workDir, shots, proxyPort, prefix] = process.argv.slice(2);
const WAIT_MS = 20000;
const USER = "alice";
const PASSWORD = "Console-Test-" + Math.random().toString(36).slice(2, 10);
const KEYBOARD_USER = "bob";

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

/**
 * A reverse proxy that forwards PREFIX/... to the server as /... and answers 404 to anything else
 * (recorded as stray: a console or docs page that calls /api from the host's root shows up there).
 */
function startPrefixProxy() {
  const seen = { forwarded: [], stray: [] };
  const target = new URL(baseUrl);
  const server = http.createServer((req, res) => {
    if (req.url !== prefix && !req.url.startsWith(prefix + "/")) {
      // The browser asks the origin's root for /favicon.ico by itself; anything else is the page's doing.
      if (req.url !== "/favicon.ico") seen.stray.push(req.method + " " + req.url);
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not under " + prefix);
      return;
    }
    const upstreamPath = req.url.slice(prefix.length) || "/";
    seen.forwarded.push(req.method + " " + upstreamPath.split("?")[0]);
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: upstreamPath,
      headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", (e) => {
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(String(e));
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(Number(proxyPort), "127.0.0.1", () => resolve({ server, seen }));
  });
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
    await signInWithKeyboard(page);
    out.tokenInLocalStorage = await page.evaluate((t) => JSON.stringify(localStorage).includes(t)
      || location.href.includes(t), token);
    await shot("02-endpoints-empty");
    out.keyboard = await keyboardOnly(page, shot);

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
    await page.waitForSelector("h1:text('Endpoint " + USER + "')");
    out.heading = await page.textContent("h1");
    await page.click("#phone-open");
    await page.waitForSelector("dialog #phone-domain");
    out.domain = await page.textContent("#phone-domain");
    out.accountUri = await page.textContent("#phone-uri");
    out.phoneServers = await page.locator("#phone-servers li").allTextContents();
    out.phoneText = await page.textContent("#phone-text");
    out.qrPng = path.join(shots, "qr.png");
    await page.locator("#phone-qr svg").screenshot({ path: out.qrPng });
    await shot("04-endpoint-created");
    await page.click("dialog button:text('Close')");
    await page.waitForSelector("dialog", { state: "detached" });

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
    out.resources = await manageResources(page, shot);

    out.prefixed = await behindPrefix(browser, shot);
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

/** On the sign-in form (focus starts in the project field): project, Tab, token, Enter. */
async function signInWithKeyboard(page) {
  await page.waitForSelector("#project:focus");
  await page.keyboard.type(project);
  await page.keyboard.press("Tab");
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('SIP endpoints')");
}

/** The focused element as the user perceives it: what it is, whether it is in a dialog, whether focus is shown. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(), id: e.id, text: (e.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60),
      inDialog: !!e.closest("dialog[open]"),
      visible: e.matches(":focus-visible") && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    };
  });
}

/** Presses key (Tab or Shift+Tab) until the focused element matches selector; at most max presses. */
async function moveFocusTo(page, selector, key = "Tab", max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate((sel) => document.activeElement.matches(sel), selector)) return i + 1;
  }
  throw new Error("focus never reached " + selector + " with " + key + " (now on "
    + JSON.stringify(await focused(page)) + ")");
}

async function waitForFocus(page, selector) {
  await page.waitForFunction((sel) => document.activeElement && document.activeElement.matches(sel), selector);
  return focused(page);
}

/**
 * Create an endpoint, open it from the list, edit a field through an inline validation error,
 * open its phone settings and delete it with confirmation: the keyboard alone. Mouse clicks on
 * the page are counted (a click from the keyboard has detail 0) and must stay at zero.
 */
async function keyboardOnly(page, shot) {
  const kb = {};
  await page.evaluate(() => {
    window.mouseClicks = 0;
    document.addEventListener("click", (e) => { if (e.detail > 0) window.mouseClicks++; }, true);
  });
  const password = "Keyboard-Only-" + Math.random().toString(36).slice(2, 10);

  // Create.
  await moveFocusTo(page, "a[href='#/endpoints/new']");
  await page.keyboard.press("Enter");
  kb.newForm = await waitForFocus(page, "h1");
  await moveFocusTo(page, "#ep-username");
  await page.keyboard.type(KEYBOARD_USER);
  await page.keyboard.press("Tab");
  kb.afterUsername = await focused(page);
  await page.keyboard.type(KEYBOARD_USER + "-password-1");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("ep-password-error").textContent.length > 0);
  kb.passwordError = await page.textContent("#ep-password-error");
  kb.passwordErrorFocus = await focused(page);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('Endpoint " + KEYBOARD_USER + "')");
  kb.created = await waitForFocus(page, "h1");

  // Open it from the list: back up to the navigation, then down to the row.
  await moveFocusTo(page, "nav a[href='#/endpoints']", "Shift+Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("a[aria-label='Open " + KEYBOARD_USER + "']");
  kb.list = await waitForFocus(page, "h1");
  await moveFocusTo(page, "a[aria-label='Open " + KEYBOARD_USER + "']");
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('Endpoint " + KEYBOARD_USER + "')");
  kb.opened = await waitForFocus(page, "h1");

  // Edit a field: an unknown codec is refused beside the field, then fixed.
  await moveFocusTo(page, "#ep-codecs");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("NOPE");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("ep-codecs-error").textContent.length > 0);
  kb.codecsError = await page.textContent("#ep-codecs-error");
  kb.codecsErrorFocus = await focused(page);
  await shot("03b-keyboard-validation-error");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("PCMU");
  await page.keyboard.press("Enter");
  await page.waitForFunction((u) => document.getElementById("status").textContent === "Endpoint " + u + " saved.",
    KEYBOARD_USER);
  kb.saved = await waitForFocus(page, "h1");
  kb.savedCodecs = await page.inputValue("#ep-codecs");
  kb.savedInvalid = await page.getAttribute("#ep-codecs", "aria-invalid");

  // Phone settings: a dialog that takes focus, keeps Tab inside, and gives focus back on Escape.
  await moveFocusTo(page, "#phone-open");
  await page.keyboard.press("Space");
  kb.phoneOpen = await waitForFocus(page, "#phone-title");
  kb.phoneServers = await page.locator("#phone-servers li").allTextContents();
  await shot("04b-keyboard-phone-settings");
  await page.keyboard.press("Tab");
  kb.phoneTab1 = await focused(page);
  await page.keyboard.press("Tab");
  kb.phoneTab2 = await focused(page);
  await page.keyboard.press("Escape");
  await page.waitForSelector("dialog", { state: "detached" });
  kb.phoneClosed = await focused(page);

  // Delete: Escape cancels (focus back on the button), then confirmed.
  await moveFocusTo(page, "#delete-endpoint");
  await page.keyboard.press("Enter");
  kb.confirmOpen = await waitForFocus(page, "dialog button");
  await page.keyboard.press("Escape");
  await page.waitForSelector("dialog", { state: "detached" });
  kb.confirmCancelled = await focused(page);
  await page.keyboard.press("Space");
  await waitForFocus(page, "dialog button");
  await page.keyboard.press("Tab");
  kb.confirmAction = await focused(page);
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=No endpoints found.");
  kb.deleted = await waitForFocus(page, "h1");
  kb.mouseClicks = await page.evaluate(() => window.mouseClicks);
  return kb;
}

/** From the navigation to the Resources list, then its "New <label>" choice. */
async function openNewResourceForm(page, label) {
  await page.click("nav >> text=Resources");
  await page.waitForSelector("h1:text('Resources')");
  await page.click("a:text('New " + label + "')");
  await page.waitForSelector("h1:text('New " + label + "')");
}

/**
 * Resources from the console: a cXML webhook created on a phone-sized screen (through the API's
 * message for a bad URL beside the field), opened from the list and edited; then a SIP gateway
 * whose password must never come back into the page, edited with the password field left empty.
 * The test reads the stored values through the API; the gateway password is never printed.
 */
async function manageResources(page, shot) {
  const r = {};
  await openNewResourceForm(page, "cXML webhook");
  await page.fill("#res-name", "Front desk");
  await page.fill("#res-primary_request_url", "example.com/desk.xml");
  await page.click("button:text('Create cXML webhook')");
  await page.waitForFunction(() => document.getElementById("res-primary_request_url-error").textContent.length > 0);
  r.urlError = await page.textContent("#res-primary_request_url-error");
  r.urlInvalid = await page.getAttribute("#res-primary_request_url", "aria-invalid");
  r.urlErrorFocus = await page.evaluate(() => document.activeElement.id);
  r.phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot("13-phone-resource-form-error");
  await page.fill("#res-primary_request_url", "https://example.com/desk.xml");
  await page.click("button:text('Create cXML webhook')");
  await page.waitForSelector("h1:text('cXML webhook Front desk')");
  r.webhookId = decodeURIComponent(page.url().split("/").pop());

  // Opened from the list and edited.
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.click("nav >> text=Resources");
  await page.click("a:text('Front desk')");
  await page.waitForSelector("h1:text('cXML webhook Front desk')");
  await page.fill("#res-name", "Night desk");
  await page.selectOption("#res-primary_request_method", "GET");
  await page.fill("#res-fallback_request_url", "https://example.com/fallback.xml");
  await page.click("button:text('Save changes')");
  await page.waitForSelector("h1:text('cXML webhook Night desk')");
  r.webhookSaved = await page.textContent("#status");
  await shot("14-resource-form");

  // A cXML application: the API's message for its missing name beside the name field, which gets focus.
  await openNewResourceForm(page, "cXML application");
  await page.fill("#res-voice_url", "https://example.com/app.xml");
  await page.click("button:text('Create cXML application')");
  await page.waitForFunction(() => document.getElementById("res-friendly_name-error").textContent.length > 0);
  r.appNameError = await page.textContent("#res-friendly_name-error");
  r.appErrorFocus = await page.evaluate(() => document.activeElement.id);
  await page.fill("#res-friendly_name", "Main menu");
  await page.click("button:text('Create cXML application')");
  await page.waitForSelector("h1:text('cXML application Main menu')");
  r.appId = decodeURIComponent(page.url().split("/").pop());

  const password = "Gateway-Secret-" + Math.random().toString(36).slice(2, 10);
  const passwordShown = () => page.evaluate((p) => document.documentElement.outerHTML.includes(p)
    || [...document.querySelectorAll("input")].some((i) => i.value.includes(p)), password);
  await openNewResourceForm(page, "SIP gateway");
  await page.fill("#res-name", "Carrier");
  await page.fill("#res-uri", "sip:carrier.example.com:5060");
  await page.fill("#res-username", "acme");
  await page.fill("#res-password", password);
  await page.click("button:text('Create SIP gateway')");
  await page.waitForSelector("h1:text('SIP gateway Carrier')");
  r.gatewayId = decodeURIComponent(page.url().split("/").pop());
  r.gatewayPasswordValue = await page.inputValue("#res-password");
  r.gatewayPasswordHint = await page.textContent("#res-password-hint");
  r.gatewayPasswordShown = await passwordShown();
  await page.fill("#res-uri", "sip:carrier.example.com:5080");
  await page.click("button:text('Save changes')");
  await page.waitForFunction(() => document.getElementById("status").textContent === "SIP gateway Carrier saved.");
  await page.waitForFunction(() => document.activeElement.tagName === "H1"); // the page shown again, read anew
  r.gatewayUri = await page.inputValue("#res-uri");
  r.gatewayPasswordHintAfterEdit = await page.textContent("#res-password-hint");
  r.gatewayPasswordShownAfterEdit = await passwordShown();
  await shot("15-gateway-form");
  // A new password alone (the API wants the username with it; the form sends it along).
  await page.fill("#res-password", password + "-2");
  await page.evaluate(() => { document.getElementById("status").textContent = ""; });
  await page.click("button:text('Save changes')");
  await page.waitForFunction(() => document.getElementById("status").textContent !== ""
    && (document.activeElement.tagName === "H1" || document.querySelector("[aria-invalid=true]") !== null));
  r.gatewayPasswordChange = await page.textContent("#status");
  r.gatewayPasswordChangeErrors = await page.locator(".field .error").allTextContents();
  r.gatewayPasswordShownAfterChange = await passwordShown();

  // The keyboard alone: a SWML webhook created from the list's "New" choice, then deleted with confirmation.
  const hookUrl = "https://example.com/keyboard.swml";
  await page.click("nav >> text=Resources");
  await waitForFocus(page, "h1");
  const clicksBefore = await page.evaluate(() => window.mouseClicks);
  await moveFocusTo(page, "a[href='#/resources/new/swml_webhooks']");
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('New SWML webhook')");
  r.keyboardNewForm = await waitForFocus(page, "h1");
  await moveFocusTo(page, "#res-primary_request_url");
  await page.keyboard.type(hookUrl);
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('SWML webhook " + hookUrl + "')");
  r.keyboardCreated = await waitForFocus(page, "h1");
  await moveFocusTo(page, "button[aria-label='Delete SWML webhook " + hookUrl + "']");
  await page.keyboard.press("Enter");
  await waitForFocus(page, "dialog button");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForSelector("h1:text('Resources')");
  await page.waitForSelector("a:text('Night desk')");
  r.keyboardDeleted = await waitForFocus(page, "h1");
  r.keyboardListAfterDelete = (await page.textContent("tbody")).replace(/\s+/g, " ").trim();
  r.keyboardMouseClicks = (await page.evaluate(() => window.mouseClicks)) - clicksBefore;

  // The list on a phone-sized screen.
  await page.setViewportSize({ width: 375, height: 740 });
  r.phoneListOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot("16-phone-resources");
  return r;
}

/**
 * The console and the API docs behind a reverse proxy that serves sipyard under a path prefix:
 * sign in, list endpoints, open the docs; every request must have gone through the prefix.
 */
async function behindPrefix(browser, shot) {
  const proxy = await startPrefixProxy();
  const result = {};
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    result.problems = [];
    page.on("pageerror", (e) => result.problems.push("page error: " + e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) result.problems.push("console error: " + m.text());
    });
    const proxied = "http://127.0.0.1:" + proxyPort + prefix;
    await page.goto(proxied + "/console");
    result.url = page.url();
    await signInWithKeyboard(page);
    await page.waitForSelector("text=No endpoints found.");
    await page.goto(proxied + "/console/#/profile");
    await page.waitForSelector("#profile-domain");
    result.profileDomain = await page.inputValue("#profile-domain");
    await shot("11-behind-prefix", page);
    await page.goto(proxied + "/api/docs/");
    await page.waitForSelector(".opblock");
    result.docsUrl = page.url();
    result.docsOperations = await page.locator(".opblock").count();
    await shot("12-docs-behind-prefix", page);
  } finally {
    await context.close();
    proxy.server.close();
  }
  result.forwarded = proxy.seen.forwarded;
  result.stray = proxy.seen.stray;
  return result;
}
