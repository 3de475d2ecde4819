// The sipyard web console: one page, plain DOM, no framework. Every action is a call to the
// same /api routes any client uses, with HTTP Basic (project id : API token). The token lives in
// memory and in this tab's sessionStorage only; it never goes into a URL, localStorage or a log.
// Everything the API returns is rendered as text (textContent), never parsed as HTML.
"use strict";

(() => {
  const SESSION_KEY = "sipyard.console.session";
  const REGISTRATION_REFRESH_MS = 5000;
  const CALL_LOG_REFRESH_MS = 5000; // the first page only; a user paging back in time is not disturbed
  const PAGE_SIZE = 20;

  const HANDLERS = ["default", "passthrough", "block-pstn", "resource", "laml_webhooks", "laml_application",
    "relay_script", "relay_context", "relay_topic", "relay_application", "relay_connector", "dialogflow",
    "video_room", "call_flow", "ai_agent"];
  const NUMBER_HANDLERS = ["", "relay_sip_endpoint", "laml_webhooks", "laml_application", "relay_script",
    "relay_context", "relay_topic", "dialogflow", "video_room", "relay_application", "ai_agent", "call_flow"];
  const METHODS = ["POST", "GET"];
  const WEBHOOK_FIELDS = ["call_request_url", "call_request_method", "call_fallback_url", "call_fallback_method",
    "call_status_callback_url", "call_status_callback_method"];
  /** Which handler-specific fields each endpoint call_handler uses (API.md, "Fields"). */
  const ENDPOINT_HANDLER_FIELDS = {
    resource: ["calling_handler_resource_id"],
    laml_webhooks: WEBHOOK_FIELDS,
    laml_application: ["call_laml_application_id"],
    dialogflow: ["call_dialogflow_agent_id"],
    relay_topic: ["call_relay_topic", "call_relay_topic_status_callback_url"],
    relay_context: ["call_relay_context", "call_relay_context_status_callback_url"],
    relay_application: ["call_relay_application"],
    video_room: ["call_video_room_id"],
    relay_script: ["call_relay_script_url"],
  };
  const NUMBER_HANDLER_FIELDS = {
    relay_sip_endpoint: ["call_sip_endpoint_id"],
    laml_webhooks: WEBHOOK_FIELDS,
    laml_application: ["call_laml_application_id"],
    relay_script: ["call_relay_script_url"],
  };
  const ENCRYPTIONS = ["default", "required", "optional"];
  const RESOURCES_PATH = "/api/fabric/resources";
  /**
   * Where the API is: the console is served from <root>/console/, so the API is <root>/api/. Taken
   * from the page's own address, so that it works at the host's root and behind a reverse proxy
   * that serves sipyard under a path prefix (a page at /voice/console/ calls /voice/api/...).
   */
  const API_ROOT = new URL("..", location.href).pathname.replace(/\/$/, "");

  let session = null; // {project, token}
  let signedIn = false; // the server has accepted the session (a later 401 signs out)
  let profile = null; // the project's SIP profile, read at sign-in
  let timers = []; // refreshers of the current view, stopped when the view changes
  let viewGeneration = 0;
  const listState = {}; // per list: {query, filter}
  let flash = null; // a one-time secret to show on the next view: {title, secret}

  // ------------------------------------------------------------------ DOM
  /** Creates an element; props: class, text, on<Event> handlers, anything else as an attribute. */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = String(v);
      else if (k.startsWith("on")) el.addEventListener(k.slice(2).toLowerCase(), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  const main = () => document.getElementById("main");

  let saidAt = 0;

  function say(message, isError) {
    saidAt = Date.now();
    const status = document.getElementById("status");
    status.className = isError ? "status error" : "status";
    status.textContent = message;
  }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString();
  }

  function timeEl(iso) {
    return iso ? h("time", { datetime: iso, title: iso, text: when(iso) }) : "";
  }

  function inSeconds(iso) {
    const s = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    if (isNaN(s)) return "";
    if (s <= 0) return "expired";
    return s < 120 ? "in " + s + " s" : "in " + Math.round(s / 60) + " min";
  }

  function pretty(value) {
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? value : JSON.stringify(value, null, 2);
  }

  // ------------------------------------------------------------------ API
  class ApiError extends Error {
    constructor(status, body) {
      super(messageOf(status, body));
      this.status = status;
      this.body = body;
    }
  }

  function messageOf(status, body) {
    if (body && Array.isArray(body.errors) && body.errors.length) return body.errors.map((e) => e.message).join("; ");
    if (body && typeof body.error === "string") return body.error;
    if (body && typeof body.message === "string") return body.message;
    return "The server answered " + status;
  }

  function basic(project, token) {
    const bytes = new TextEncoder().encode(project + ":" + token);
    let binary = "";
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    return "Basic " + btoa(binary);
  }

  /** Calls the API; resolves to the parsed body, throws ApiError for any status >= 400. */
  async function api(method, path, body) {
    const headers = { Authorization: basic(session.project, session.token), Accept: "application/json" };
    const init = { method, headers, credentials: "omit", cache: "no-store", redirect: "error" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API_ROOT + path, init);
    } catch (e) {
      throw new ApiError(0, { error: "The server cannot be reached (" + e.message + ")" });
    }
    const type = response.headers.get("Content-Type") || "";
    const parsed = response.status === 204 ? null : type.includes("json") ? await response.json().catch(() => null) : null;
    if (response.status === 401 && signedIn) {
      signOut("The server no longer accepts this project id and token. Sign in again.");
      throw new ApiError(401, parsed);
    }
    if (response.status >= 400) throw new ApiError(response.status, parsed);
    return parsed;
  }

  /** The query string of a list link (links.next/prev are absolute; only their query is used). */
  function queryOf(link) {
    if (!link) return null;
    try {
      return new URL(link, location.href).search;
    } catch (e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ session
  function restore() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
      if (saved && typeof saved.project === "string" && typeof saved.token === "string") {
        session = saved;
        signedIn = true;
      }
    } catch (e) {
      sessionStorage.removeItem(SESSION_KEY);
    }
  }

  function signOut(message) {
    session = null;
    signedIn = false;
    profile = null;
    sessionStorage.removeItem(SESSION_KEY);
    document.getElementById("nav").hidden = true;
    if (location.hash !== "#/signin") location.hash = "#/signin";
    else render();
    if (message) say(message, true);
  }

  function signInView() {
    const project = h("input", { id: "project", name: "project", autocomplete: "username", required: true,
      spellcheck: "false", autocapitalize: "off" });
    const token = h("input", { id: "token", name: "token", type: "password", autocomplete: "current-password",
      required: true });
    const error = h("p", { class: "form-errors", id: "signin-error", role: "alert" });
    const form = h("form", { class: "stacked", "aria-describedby": "signin-error", novalidate: true },
      field("project", "Project id", project, "The id printed when the project was created."),
      field("token", "API token", token, "Kept in this browser tab only, until you sign out or close it."),
      error,
      h("div", { class: "actions" }, h("button", { type: "submit", text: "Sign in" })));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      error.textContent = "";
      session = { project: project.value.trim(), token: token.value.trim() };
      if (!session.project || !session.token) {
        error.textContent = "Enter the project id and an API token.";
        session = null;
        return;
      }
      try {
        profile = await api("GET", "/api/relay/rest/sip_profile");
        signedIn = true;
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
        token.value = "";
        say("Signed in to " + profile.domain);
        const wanted = location.hash && location.hash !== "#/signin" ? location.hash : "#/endpoints";
        if (location.hash === wanted) render();
        else location.hash = wanted;
      } catch (err) {
        session = null;
        error.textContent = err.status === 401 ? "The server does not accept this project id and token." : err.message;
        say("");
      }
    });
    return [h("h1", { text: "Sign in" }), h("p", { class: "muted",
      text: "Use the project id and an API token (./sipyard project create or token create)." }), form];
  }

  // ------------------------------------------------------------------ forms
  function field(id, label, control, hint) {
    const hintEl = hint ? h("span", { class: "hint", id: id + "-hint", text: hint }) : null;
    const errorEl = h("p", { class: "error", id: id + "-error", "aria-live": "polite" });
    control.setAttribute("aria-describedby", (hintEl ? id + "-hint " : "") + id + "-error");
    return h("div", { class: "field", "data-field": id }, h("label", { for: id, text: label }), control, hintEl,
      errorEl);
  }

  function select(id, options, value) {
    const s = h("select", { id, name: id });
    for (const o of options) s.appendChild(h("option", { value: o, text: o === "" ? "(none)" : o }));
    s.value = value === null || value === undefined ? "" : value;
    if (s.value === "" && !options.includes("")) s.value = options[0]; // e.g. a method not set yet: the API's default
    return s;
  }

  /**
   * A form over a spec of fields ({name, label, type: text|password|select|list|readonly, options,
   * hint, sendWith}). Shows only the handler fields of the selected handler; on submit sends the
   * changed fields (all filled ones when creating) and shows the API's 422 messages beside them.
   * A password field is write-only: never filled in, and left out of an edit when empty. A field
   * with sendWith: [names] brings those fields along whenever it is sent (the API wants a
   * gateway's username and password together).
   */
  function apiForm({ idPrefix, spec, original, handlerField, handlerFields, submitLabel, send, done }) {
    const controls = {};
    const wrappers = {};
    const formErrors = h("div", { class: "form-errors", role: "alert" });
    const form = h("form", { class: "stacked", novalidate: true });
    for (const f of spec) {
      const id = idPrefix + "-" + f.name;
      const value = original ? original[f.name] : f.initial;
      let control;
      if (f.type === "select") control = select(id, f.options, value === undefined ? f.options[0] : value);
      else {
        control = h("input", { id, name: f.name, type: f.type === "password" ? "password" : "text",
          autocomplete: f.type === "password" ? "new-password" : "off", spellcheck: "false", autocapitalize: "off",
          readonly: f.type === "readonly" });
        control.value = value === null || value === undefined ? "" : Array.isArray(value) ? value.join(", ") : value;
      }
      controls[f.name] = control;
      wrappers[f.name] = field(id, f.label, control, f.hint);
      form.appendChild(wrappers[f.name]);
    }
    const submit = h("button", { type: "submit", text: submitLabel });
    append(form, [formErrors, h("div", { class: "actions" }, submit)]);

    const used = () => (handlerField ? handlerFields[controls[handlerField].value] || [] : []);
    const allHandlerFields = new Set(Object.values(handlerFields || {}).flat());
    const showHandlerFields = () => {
      for (const name of allHandlerFields) if (wrappers[name]) wrappers[name].hidden = !used().includes(name);
    };
    if (handlerField) {
      controls[handlerField].addEventListener("change", showHandlerFields);
      showHandlerFields();
    }

    const valueOf = (f) => {
      const raw = controls[f.name].value.trim();
      if (f.type === "list") return raw === "" ? [] : raw.split(",").map((s) => s.trim()).filter(Boolean);
      return raw === "" ? null : raw;
    };
    const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = {};
      const handlerChanged = handlerField && (!original || controls[handlerField].value !== original[handlerField]);
      for (const f of spec) {
        if (f.type === "readonly") continue;
        if (allHandlerFields.has(f.name) && !used().includes(f.name)) continue;
        const v = valueOf(f);
        if (!original) {
          if (v !== null && !(Array.isArray(v) && v.length === 0)) body[f.name] = v;
        } else if (allHandlerFields.has(f.name) && handlerChanged) {
          if (v !== null) body[f.name] = v;
        } else if (!same(v, original[f.name]) && !(f.type === "password" && v === null)) {
          body[f.name] = v;
        }
      }
      for (const f of spec) {
        if (!(f.name in body)) continue;
        for (const other of f.sendWith || []) if (!(other in body)) body[other] = valueOf(spec.find((g) => g.name === other));
      }
      for (const f of spec) showError(f.name, "");
      formErrors.textContent = "";
      if (original && Object.keys(body).length === 0) {
        say("Nothing changed.");
        return;
      }
      submit.disabled = true;
      try {
        const result = await send(body);
        await done(result, body);
      } catch (err) {
        showApiErrors(err);
      } finally {
        submit.disabled = false;
      }
    });

    function showError(name, message) {
      const c = controls[name];
      if (!c) return false;
      document.getElementById(c.id + "-error").textContent = message;
      if (message) c.setAttribute("aria-invalid", "true");
      else c.removeAttribute("aria-invalid");
      return true;
    }

    function showApiErrors(err) {
      const errors = err.body && Array.isArray(err.body.errors) ? err.body.errors : [];
      const messages = {};
      const elsewhere = [];
      for (const e of errors) {
        if (e.attribute && controls[e.attribute] && !wrappers[e.attribute].hidden) {
          (messages[e.attribute] = messages[e.attribute] || []).push(e.message);
        } else {
          elsewhere.push((e.attribute ? e.attribute + ": " : "") + e.message);
        }
      }
      let first = null; // the first bad field in the form's order, whatever order the API listed them in
      for (const f of spec) {
        if (!messages[f.name]) continue;
        showError(f.name, messages[f.name].join(" "));
        first = first || controls[f.name];
      }
      if (elsewhere.length || !errors.length) {
        append(formErrors, [h("p", { text: elsewhere.length ? elsewhere.join(" ") : err.message })]);
      }
      say("The server refused the change (" + err.status + ").", true);
      (first || submit).focus();
    }

    return form;
  }

  // ------------------------------------------------------------------ shared pieces
  async function confirmDialog(title, text, actionLabel) {
    return new Promise((resolve) => {
      const cancel = h("button", { type: "button", class: "secondary", text: "Cancel" });
      const ok = h("button", { type: "button", class: "danger", text: actionLabel });
      const dialog = h("dialog", { "aria-labelledby": "confirm-title" },
        h("h2", { id: "confirm-title", text: title }), h("p", { text }), h("div", { class: "actions" }, cancel, ok));
      const finish = (answer) => {
        dialog.close();
        dialog.remove();
        resolve(answer);
      };
      cancel.addEventListener("click", () => finish(false));
      ok.addEventListener("click", () => finish(true));
      dialog.addEventListener("cancel", (e) => {
        e.preventDefault();
        finish(false);
      });
      document.body.appendChild(dialog);
      dialog.showModal();
      cancel.focus();
    });
  }

  /**
   * Shows content in a modal dialog labelled by its heading (id labelId), with focus on that
   * heading; Escape or Close closes it and focus goes back to the trigger.
   */
  function showDialog(content, labelId, trigger) {
    const close = h("button", { type: "button", class: "secondary", text: "Close" });
    const dialog = h("dialog", { class: "wide", "aria-labelledby": labelId }, content,
      h("div", { class: "actions" }, close));
    const finish = () => {
      dialog.close();
      dialog.remove();
      if (trigger.isConnected) trigger.focus();
    };
    close.addEventListener("click", finish);
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      finish();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    const heading = dialog.querySelector("#" + labelId);
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  async function copyText(text, button) {
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch (e) {
      copied = false;
    }
    if (!copied) {
      const area = h("textarea", { readonly: true, class: "offscreen", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      area.remove();
      button.focus();
    }
    say(copied ? "Copied to the clipboard." : "Copying is not allowed here; select the text and copy it.", !copied);
  }

  /** A secret shown once (a password), with a copy button. */
  function secretBox(title, secret) {
    const code = h("code", { class: "mono", id: "secret-value", text: secret });
    const copy = h("button", { type: "button", class: "secondary", text: "Copy" });
    copy.addEventListener("click", () => copyText(secret, copy));
    return h("div", { class: "secret", role: "alert" }, h("strong", { text: title }), code, copy,
      h("span", { class: "muted", text: "Shown only now: the server keeps only digests of it." }));
  }

  /** A list with Previous/Next over the API's links; rows rendered by renderRows(data). */
  function pagedList({ key, path, filterParam, filterLabel, head, row, empty, refreshMs }) {
    const state = (listState[key] = listState[key] || { query: "", filter: "" });
    const tableWrap = h("div", { class: "table-wrap" });
    const prev = h("button", { type: "button", class: "secondary", text: "Previous page" });
    const next = h("button", { type: "button", class: "secondary", text: "Next page" });
    const refresh = h("button", { type: "button", class: "secondary", text: "Refresh" });
    let links = {};
    const generation = viewGeneration;
    const load = async () => {
      const params = new URLSearchParams(state.query.replace(/^\?/, ""));
      params.set("page_size", String(PAGE_SIZE));
      if (filterParam) {
        if (state.filter) params.set(filterParam, state.filter);
        else params.delete(filterParam);
      }
      try {
        const page = await api("GET", path + "?" + params.toString());
        if (generation !== viewGeneration) return;
        links = page.links || {};
        prev.disabled = !links.prev;
        next.disabled = !links.next;
        clear(tableWrap).appendChild(page.data.length ? table(head, page.data.map(row)) : h("p", { class: "muted", text: empty }));
      } catch (err) {
        if (generation === viewGeneration) clear(tableWrap).appendChild(h("p", { class: "form-errors", text: err.message }));
      }
    };
    prev.addEventListener("click", () => {
      state.query = queryOf(links.prev) || "";
      load();
    });
    next.addEventListener("click", () => {
      state.query = queryOf(links.next) || "";
      load();
    });
    refresh.addEventListener("click", load);
    const parts = [];
    if (filterParam) {
      const input = h("input", { id: key + "-filter", type: "search", autocomplete: "off" });
      input.value = state.filter;
      const form = h("form", { class: "search", role: "search" }, field(key + "-filter", filterLabel, input),
        h("button", { type: "submit", text: "Search" }));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        state.filter = input.value.trim();
        state.query = "";
        load();
      });
      parts.push(form);
    }
    parts.push(tableWrap, h("div", { class: "pager" }, prev, next, refresh));
    load();
    if (refreshMs) timers.push(setInterval(() => !state.query && load(), refreshMs));
    return { element: h("div", {}, parts), reload: load };
  }

  /** A table whose rows stack as labelled cards on a narrow screen. */
  function table(head, rows) {
    return h("table", { class: "cards" },
      h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c, i) => {
        const td = h("td", { "data-label": head[i] });
        return append(td, [c]);
      })))));
  }

  function facts(pairs) {
    return h("dl", { class: "facts" }, pairs.filter(([, v]) => v !== undefined).map(([k, v]) =>
      [h("dt", { text: k }), append(h("dd", {}), [v === null || v === "" ? h("span", { class: "muted", text: "—" }) : v])]));
  }

  async function ensureProfile() {
    if (!profile) profile = await api("GET", "/api/relay/rest/sip_profile");
    return profile;
  }

  // ------------------------------------------------------------------ endpoints
  /** One field of an apiForm spec (text unless extra says otherwise). */
  function f(name, label, extra) {
    return Object.assign({ name, label, type: "text" }, extra || {});
  }

  /** A URL field and its method (GET or POST) field. */
  function urlWithMethod(url, method, label, hint) {
    return [f(url, label + " URL", { hint }), f(method, label + " method", { type: "select", options: METHODS })];
  }

  /** The cXML webhook fields endpoints and numbers share (laml_webhooks). */
  function webhookFields() {
    return [
      ...urlWithMethod("call_request_url", "call_request_method", "Request", "Absolute http(s) URL of the cXML document."),
      ...urlWithMethod("call_fallback_url", "call_fallback_method", "Fallback"),
      ...urlWithMethod("call_status_callback_url", "call_status_callback_method", "Status callback"),
    ];
  }

  /** codecs, ciphers and encryption, as endpoints and SIP gateways have them. */
  function mediaFields() {
    return [
      f("codecs", "Codecs", { type: "list", hint: "Comma-separated, preferred first, e.g. OPUS, PCMU. Empty: the profile's." }),
      f("ciphers", "Ciphers", { type: "list", hint: "Comma-separated SRTP suites. Empty: the profile's." }),
      f("encryption", "Encryption", { type: "select", options: ENCRYPTIONS }),
    ];
  }

  function endpointSpec(creating) {
    const spec = [
      f("username", "Username", { hint: "Also the authentication user; 1 to 64 characters, no spaces or @." }),
    ];
    if (creating) {
      spec.push(f("password", "Password", { type: "password",
        hint: "At least 10 characters, without the username. Leave empty and the server makes one, shown once." }));
    }
    spec.push(
      f("caller_id", "Caller ID", { hint: "Display name or number shown to the called party." }),
      f("send_as", "Send as", { hint: "random, or one of the project's numbers (E.164). Empty: the profile's default." }),
      ...mediaFields(),
      f("call_handler", "Call handler", { type: "select", options: HANDLERS,
        hint: "What happens to calls this endpoint places." }),
      f("calling_handler_resource_id", "Handler resource id", { hint: "A resource of this project (see Resources)." }),
      ...webhookFields(),
      f("call_laml_application_id", "cXML application id"),
      f("call_dialogflow_agent_id", "Dialogflow agent id"),
      f("call_relay_topic", "Relay topic"),
      f("call_relay_topic_status_callback_url", "Relay topic status callback URL"),
      f("call_relay_context", "Relay context"),
      f("call_relay_context_status_callback_url", "Relay context status callback URL"),
      f("call_relay_application", "Relay application"),
      f("call_video_room_id", "Video room id"),
      f("call_relay_script_url", "SWML script URL"),
    );
    return spec;
  }

  function endpointsView() {
    const list = pagedList({
      key: "endpoints", path: "/api/fabric/resources/sip_endpoints", filterParam: "filter_username",
      filterLabel: "Search by username", empty: "No endpoints found.",
      head: ["Username", "Caller ID", "Call handler", ""],
      row: (ep) => [h("a", { href: "#/endpoints/" + encodeURIComponent(ep.id), text: ep.username }), ep.caller_id || "",
        h("span", { class: "badge", text: ep.call_handler }),
        h("a", { href: "#/endpoints/" + encodeURIComponent(ep.id), text: "Open", "aria-label": "Open " + ep.username })],
    });
    return [h("h1", { text: "SIP endpoints" }),
      h("div", { class: "actions" }, h("a", { class: "button", href: "#/endpoints/new", text: "New endpoint" })),
      list.element];
  }

  function endpointCreateView() {
    const form = apiForm({
      idPrefix: "ep", spec: endpointSpec(true), original: null, handlerField: "call_handler",
      handlerFields: ENDPOINT_HANDLER_FIELDS, submitLabel: "Create endpoint",
      send: (body) => api("POST", "/api/fabric/resources/sip_endpoints", body),
      done: (created) => {
        if (created.password) flash = { title: "Generated password:", secret: created.password };
        say("Endpoint " + created.username + " created.");
        location.hash = "#/endpoints/" + encodeURIComponent(created.id);
      },
    });
    return [h("h1", { text: "New SIP endpoint" }), form];
  }

  async function endpointView(id) {
    const ep = await api("GET", "/api/fabric/resources/sip_endpoints/" + encodeURIComponent(id));
    const prof = await ensureProfile();
    const out = [h("h1", {}, "Endpoint ", h("span", { class: "mono", text: ep.username }))];
    if (flash) {
      out.push(secretBox(flash.title, flash.secret));
      flash = null;
    }
    const secretSlot = h("div", {});
    const reset = h("button", { type: "button", class: "secondary", id: "reset-password", text: "Reset password" });
    reset.addEventListener("click", async () => {
      const ok = await confirmDialog("Reset the password of " + ep.username + "?",
        "Phones using the old password stop registering until they get the new one.", "Reset password");
      if (!ok) return reset.focus();
      const password = newPassword(ep.username);
      try {
        await api("PATCH", "/api/fabric/resources/sip_endpoints/" + encodeURIComponent(id), { password });
        clear(secretSlot).appendChild(secretBox("New password:", password));
        say("Password of " + ep.username + " reset.");
        secretSlot.querySelector("button").focus();
      } catch (err) {
        say(err.message, true);
      }
    });
    const del = h("button", { type: "button", class: "danger", id: "delete-endpoint", text: "Delete endpoint" });
    del.addEventListener("click", async () => {
      const ok = await confirmDialog("Delete " + ep.username + "?",
        "Its registrations end and its credentials stop working. This cannot be undone.", "Delete");
      if (!ok) return del.focus();
      try {
        await api("DELETE", "/api/fabric/resources/sip_endpoints/" + encodeURIComponent(id));
        say("Endpoint " + ep.username + " deleted.");
        location.hash = "#/endpoints";
      } catch (err) {
        say(err.message, true);
      }
    });
    out.push(h("div", { class: "actions" }, phoneSettingsButton(ep, prof), reset, del), secretSlot);
    out.push(registrationsPanel(id));
    out.push(h("section", { class: "panel", "aria-labelledby": "edit-title" }, h("h2", { id: "edit-title", text: "Settings" }),
      apiForm({
        idPrefix: "ep", spec: endpointSpec(false), original: ep, handlerField: "call_handler",
        handlerFields: ENDPOINT_HANDLER_FIELDS, submitLabel: "Save changes",
        send: (body) => api("PATCH", "/api/fabric/resources/sip_endpoints/" + encodeURIComponent(id), body),
        done: () => {
          say("Endpoint " + ep.username + " saved.");
          render();
        },
      })));
    return out;
  }

  /** A strong random password that does not contain the username. */
  function newPassword(username) {
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    for (;;) {
      const bytes = crypto.getRandomValues(new Uint8Array(24));
      let p = "";
      for (const b of bytes) if (b < 4 * alphabet.length) p += alphabet[b % alphabet.length];
      if (p.length >= 20 && !p.toLowerCase().includes(username.toLowerCase())) return p.slice(0, 20);
    }
  }

  /** host:port, with an IPv6 address in brackets. */
  function hostPort(host, port) {
    return (host.includes(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The QR code's text: the account URI, then each server as a SIP URI, as many as fit. */
  function qrCodeOf(uri, servers) {
    const lines = [uri, ...servers.map((s) => "sip:" + hostPort(s.host, s.port) + ";transport=" + s.transport)];
    for (;;) {
      try {
        return QrCode.svg(lines.join("\n"), document);
      } catch (e) {
        if (lines.length === 1 || !(e instanceof RangeError)) throw e;
        lines.pop();
      }
    }
  }

  /** The "Phone settings" button of an endpoint; its dialog shows what to type into a phone. */
  function phoneSettingsButton(ep, prof) {
    const open = h("button", { type: "button", class: "secondary", id: "phone-open", text: "Phone settings",
      "aria-haspopup": "dialog" });
    open.addEventListener("click", () => showDialog(phoneSettings(ep, prof), "phone-title", open));
    return open;
  }

  function phoneSettings(ep, prof) {
    const uri = "sip:" + ep.username + "@" + prof.domain;
    const servers = Array.isArray(prof.sip_servers) ? prof.sip_servers : [];
    const serverLine = (s) => s.transport.toUpperCase() + ": " + (s.transport === "ws" || s.transport === "wss"
      ? s.transport + "://" + hostPort(s.host, s.port) : hostPort(s.host, s.port));
    const lines = [
      "Account URI: " + uri,
      "Domain / realm: " + prof.domain,
      "Username / auth user: " + ep.username,
      "Password: the one set at creation or reset (not retrievable)",
      ...servers.map((s) => "Server " + serverLine(s)),
    ];
    const text = lines.join("\n");
    const copy = h("button", { type: "button", class: "secondary", text: "Copy settings" });
    copy.addEventListener("click", () => copyText(text, copy));
    let qr;
    try {
      qr = h("figure", { class: "qr", id: "phone-qr" }, qrCodeOf(uri, servers),
        h("figcaption", { class: "muted", text: "QR code of " + uri + " and the server addresses" }));
      qr.firstChild.setAttribute("role", "img");
      qr.firstChild.setAttribute("aria-label", "QR code of the account URI " + uri + " and the server addresses");
    } catch (e) {
      qr = h("p", { class: "muted", text: e.message });
    }
    const serverList = servers.length
      ? h("ul", { class: "plain mono", id: "phone-servers" }, servers.map((s) => h("li", { text: serverLine(s) })))
      : h("span", { class: "muted", text: "The server publishes no SIP listener." });
    return [h("h2", { id: "phone-title", text: "Phone settings for " + ep.username }),
      h("div", { class: "phone" },
        h("div", {},
          facts([["Domain", h("span", { class: "mono", id: "phone-domain", text: prof.domain })],
            ["Username", h("span", { class: "mono", text: ep.username })],
            ["Account URI", h("span", { class: "mono", id: "phone-uri", text: uri })],
            ["Servers", serverList]]),
          h("p", { class: "muted", text: "If the domain does not resolve to the server, set a server address as the outbound proxy." }),
          h("pre", { id: "phone-text", text }),
          h("div", { class: "actions" }, copy)),
        qr)];
  }

  function registrationsPanel(id) {
    const body = h("div", { class: "table-wrap", id: "registrations" }, h("p", { class: "muted", text: "Loading…" }));
    const updated = h("p", { class: "muted", "aria-live": "off" });
    const generation = viewGeneration;
    const load = async () => {
      try {
        const page = await api("GET", "/api/fabric/resources/sip_endpoints/" + encodeURIComponent(id) + "/registrations");
        if (generation !== viewGeneration) return;
        clear(body).appendChild(page.data.length
          ? table(["Contact", "Transport", "Source", "User-Agent", "Registered", "Expires"], page.data.map((r) => [
            h("span", { class: "mono", text: r.contact }), r.transport.toUpperCase(),
            h("span", { class: "mono", text: r.source_address + ":" + r.source_port }), r.user_agent || "",
            timeEl(r.registered_at), h("span", { title: r.expires_at, text: inSeconds(r.expires_at) })]))
          : h("p", { class: "muted", text: "No live registrations." }));
        updated.textContent = "Refreshed " + new Date().toLocaleTimeString() + "; refreshes every "
          + REGISTRATION_REFRESH_MS / 1000 + " s.";
      } catch (err) {
        if (generation === viewGeneration) updated.textContent = "Could not refresh: " + err.message;
      }
    };
    load();
    timers.push(setInterval(load, REGISTRATION_REFRESH_MS));
    return h("section", { class: "panel", "aria-labelledby": "reg-title" },
      h("h2", { id: "reg-title", text: "Live registrations" }), body, updated);
  }

  // ------------------------------------------------------------------ profile
  async function profileView() {
    profile = await api("GET", "/api/relay/rest/sip_profile");
    const spec = [
      f("domain", "Domain", { type: "readonly", hint: "The host phones register to (read-only)." }),
      f("realm", "Digest realm", { type: "readonly" }),
      f("domain_identifier", "Domain identifier", { hint: "Lower-case letters, digits, hyphens; the first label of the domain." }),
      f("default_codecs", "Default codecs", { type: "list" }),
      f("default_ciphers", "Default ciphers", { type: "list" }),
      f("default_encryption", "Default encryption", { type: "select", options: ["required", "optional"] }),
      f("default_send_as", "Default send as", { hint: "A project number (E.164); empty = random." }),
      f("default_call_handler", "Default call handler", { type: "select", options: ["passthrough", "block-pstn", "resource"] }),
      f("default_calling_handler_resource_id", "Default handler resource id"),
      f("pstn_gateway_id", "PSTN gateway id", { hint: "A SIP gateway resource for calls to numbers." }),
    ];
    return [h("h1", { text: "SIP profile" }), apiForm({
      idPrefix: "profile", spec, original: profile, submitLabel: "Save profile",
      send: (body) => api("PUT", "/api/relay/rest/sip_profile", body),
      done: (saved) => {
        profile = saved;
        say("Profile saved.");
        render();
      },
    })];
  }

  // ------------------------------------------------------------------ numbers
  function numberSpec(creating) {
    return [
      f("number", "Number", { type: creating ? "text" : "readonly", hint: "E.164, e.g. +15551234567." }),
      f("name", "Name"),
      f("call_handler", "Call handler", { type: "select", options: NUMBER_HANDLERS, initial: "",
        hint: "What a call to this number does; (none) refuses calls." }),
      f("call_sip_endpoint_id", "SIP endpoint id"),
      ...webhookFields(),
      f("call_laml_application_id", "cXML application id"),
      f("call_relay_script_url", "SWML script URL"),
    ];
  }

  function numbersView() {
    const list = pagedList({
      key: "numbers", path: "/api/relay/rest/phone_numbers", filterParam: "filter_number",
      filterLabel: "Search by number", empty: "No phone numbers.", head: ["Number", "Name", "Call handler", ""],
      row: (n) => [h("a", { href: "#/numbers/" + encodeURIComponent(n.id), class: "mono", text: n.number }), n.name || "",
        n.call_handler ? h("span", { class: "badge", text: n.call_handler }) : "", deleteButton("number " + n.number,
          "/api/relay/rest/phone_numbers/" + encodeURIComponent(n.id), () => list.reload())],
    });
    const add = apiForm({
      idPrefix: "num", spec: numberSpec(true), original: null, handlerField: "call_handler",
      handlerFields: NUMBER_HANDLER_FIELDS, submitLabel: "Add number",
      send: (body) => api("POST", "/api/relay/rest/phone_numbers", body),
      done: (n) => {
        say("Number " + n.number + " added.");
        render();
      },
    });
    return [h("h1", { text: "Phone numbers" }), list.element,
      h("section", { class: "panel", "aria-labelledby": "add-number" }, h("h2", { id: "add-number", text: "Add a number" }), add)];
  }

  async function numberView(id) {
    const n = await api("GET", "/api/relay/rest/phone_numbers/" + encodeURIComponent(id));
    return [h("h1", {}, "Number ", h("span", { class: "mono", text: n.number })), apiForm({
      idPrefix: "num", spec: numberSpec(false), original: n, handlerField: "call_handler",
      handlerFields: NUMBER_HANDLER_FIELDS, submitLabel: "Save number",
      send: (body) => api("PATCH", "/api/relay/rest/phone_numbers/" + encodeURIComponent(id), body),
      done: () => {
        say("Number saved.");
        render();
      },
    })];
  }

  function deleteButton(what, path, after) {
    const b = h("button", { type: "button", class: "danger", text: "Delete", "aria-label": "Delete " + what });
    b.addEventListener("click", async () => {
      if (!(await confirmDialog("Delete " + what + "?", "This cannot be undone.", "Delete"))) return b.focus();
      try {
        await api("DELETE", path);
        say("Deleted " + what + ".");
        after();
      } catch (err) {
        say(err.message, true);
      }
    });
    return b;
  }

  // ------------------------------------------------------------------ resources
  /** The fields of a cXML or SWML webhook resource (API.md, "Other resources"). */
  function webhookResourceSpec(language) {
    return [
      f("name", "Name", { hint: "Empty: named after the request URL." }),
      f("used_for", "Used for", { type: "select", options: ["calling", "messaging"] }),
      ...urlWithMethod("primary_request_url", "primary_request_method", "Request",
        "Absolute http(s) URL of the " + language + " document; required."),
      ...urlWithMethod("fallback_request_url", "fallback_request_method", "Fallback", "Fetched when the request URL fails."),
      ...urlWithMethod("status_callback_url", "status_callback_method", "Status callback"),
    ];
  }

  function applicationSpec() {
    return [
      f("friendly_name", "Name", { hint: "Required." }),
      ...urlWithMethod("voice_url", "voice_method", "Voice", "Absolute http(s) URL of the cXML document for calls."),
      ...urlWithMethod("voice_fallback_url", "voice_fallback_method", "Voice fallback"),
      ...urlWithMethod("status_callback", "status_callback_method", "Status callback"),
      ...urlWithMethod("sms_url", "sms_method", "SMS"),
      ...urlWithMethod("sms_fallback_url", "sms_fallback_method", "SMS fallback"),
      ...urlWithMethod("sms_status_callback", "sms_status_callback_method", "SMS status callback"),
    ];
  }

  /** A gateway's fields; its password is write-only (the API shows only password_set). */
  function gatewaySpec(original) {
    const passwordHint = !original ? "Write-only: it is never shown again."
      : original.password_set ? "A password is set. Write-only: leave empty to keep it." : "No password is set.";
    return [
      f("name", "Name", { hint: "Required." }),
      f("uri", "URI", { hint: "Where calls go: sip:user@host:port or user@host[:port]. Required." }),
      ...mediaFields(),
      f("username", "Username", { hint: "Digest credentials the gateway asks for: username and password go together; "
        + "an empty username removes both." }),
      f("password", "Password", { type: "password", hint: passwordHint, sendWith: ["username"] }),
    ];
  }

  /** The resource types a project creates through the API, by the type name resources carry. */
  const RESOURCE_TYPES = {
    cxml_webhook: { collection: "cxml_webhooks", label: "cXML webhook", spec: () => webhookResourceSpec("cXML") },
    swml_webhook: { collection: "swml_webhooks", label: "SWML webhook", spec: () => webhookResourceSpec("SWML") },
    cxml_application: { collection: "cxml_applications", label: "cXML application", spec: applicationSpec },
    sip_gateway: { collection: "sip_gateways", label: "SIP gateway", spec: gatewaySpec },
  };

  function resourceTypeOf(collection) {
    const type = Object.values(RESOURCE_TYPES).find((t) => t.collection === collection);
    if (!type) throw new ApiError(404, { error: "There is no resource type " + collection + "." });
    return type;
  }

  const resourcePath = (type, id) => RESOURCES_PATH + "/" + type.collection + (id ? "/" + encodeURIComponent(id) : "");
  const resourceHref = (type, id) => "#/resources/" + type.collection + "/" + encodeURIComponent(id);

  function resourcesView() {
    const list = pagedList({
      key: "resources", path: RESOURCES_PATH, empty: "No resources.",
      head: ["Name", "Type", "Id", "Created", ""],
      row: (r) => {
        const type = RESOURCE_TYPES[r.type];
        const name = r.display_name || r.id;
        const endpointHref = "#/endpoints/" + encodeURIComponent(r.id);
        return [type ? h("a", { href: resourceHref(type, r.id), text: name })
          : r.type === "sip_endpoint" ? h("a", { href: endpointHref, text: name }) : name,
        h("span", { class: "badge", text: r.type }), h("span", { class: "mono", text: r.id }), timeEl(r.created_at),
        type ? deleteButton(type.label + " " + name, resourcePath(type, r.id), () => list.reload())
          : r.type === "sip_endpoint" ? h("a", { href: endpointHref, text: "Open endpoint" }) : ""];
      },
    });
    const create = Object.values(RESOURCE_TYPES).map((t) =>
      h("a", { class: "button", href: "#/resources/new/" + t.collection, text: "New " + t.label }));
    return [h("h1", { text: "Resources" }), h("p", { class: "muted",
      text: "What the resource call handler and phone numbers point at. Open one to edit it; SIP endpoints are "
        + "edited on their own page." }),
    h("div", { class: "actions", role: "group", "aria-label": "New resource" }, create), list.element];
  }

  function resourceCreateView(collection) {
    const type = resourceTypeOf(collection);
    return [h("h1", { text: "New " + type.label }), apiForm({
      idPrefix: "res", spec: type.spec(null), original: null, submitLabel: "Create " + type.label,
      send: (body) => api("POST", resourcePath(type), body),
      done: (created) => {
        say(type.label + " " + created.display_name + " created.");
        location.hash = resourceHref(type, created.id);
      },
    })];
  }

  async function resourceView(collection, id) {
    const type = resourceTypeOf(collection);
    const resource = await api("GET", resourcePath(type, id));
    const fields = resource[resource.type];
    return [h("h1", {}, type.label + " ", h("span", { class: "mono", text: resource.display_name })),
      facts([["Id", h("span", { class: "mono", text: resource.id })], ["Created", timeEl(resource.created_at)],
        ["Updated", timeEl(resource.updated_at)]]),
      h("div", { class: "actions" }, deleteButton(type.label + " " + resource.display_name, resourcePath(type, id), () => {
        location.hash = "#/resources";
      })),
      h("section", { class: "panel", "aria-labelledby": "edit-title" }, h("h2", { id: "edit-title", text: "Settings" }),
        apiForm({
          idPrefix: "res", spec: type.spec(fields), original: fields, submitLabel: "Save changes",
          send: (body) => api("PATCH", resourcePath(type, id), body),
          done: (saved) => {
            say(type.label + " " + saved.display_name + " saved.");
            render();
          },
        })),
      h("p", {}, h("a", { href: "#/resources", text: "Back to the resources" }))];
  }

  // ------------------------------------------------------------------ call log
  function callsView() {
    const list = pagedList({
      key: "calls", path: "/api/voice/logs", empty: "No calls yet.", refreshMs: CALL_LOG_REFRESH_MS,
      head: ["Started", "From", "To", "Status", "SIP", "Seconds", ""],
      row: (c) => [timeEl(c.start_time), h("span", { class: "mono", text: c.from }), h("span", { class: "mono", text: c.to }),
        h("span", { class: "badge", text: c.status }), c.sip_result_code === null ? "" : String(c.sip_result_code),
        c.duration === null ? "" : String(c.duration),
        h("a", { href: "#/calls/" + encodeURIComponent(c.id), text: "Details", "aria-label": "Details of the call from " + c.from + " to " + c.to })],
    });
    return [h("h1", { text: "Call log" }), list.element];
  }

  async function callView(id) {
    const path = "/api/voice/logs/" + encodeURIComponent(id);
    const call = await api("GET", path);
    const events = [];
    let query = "?page_size=200";
    for (let pages = 0; query && pages < 10; pages++) {
      const page = await api("GET", path + "/events" + query);
      events.push(...page.data);
      query = queryOf(page.links && page.links.next);
    }
    const fetches = events.filter((e) => e.kind === "fetch");
    return [h("h1", {}, "Call ", h("span", { class: "mono", text: call.id })),
      h("section", { class: "panel" }, facts([["From", call.from], ["To", call.to], ["Caller name", call.caller_name],
        ["Direction", call.direction], ["Status", call.status], ["Reason", call.reason],
        ["SIP result", call.sip_result_code === null ? null : String(call.sip_result_code)], ["Handler", call.handler],
        ["Started", timeEl(call.start_time)], ["Answered", timeEl(call.answer_time)], ["Ended", timeEl(call.end_time)],
        ["Duration (s)", call.duration === null ? null : String(call.duration)], ["SIP Call-ID", call.sip_call_id],
        ["Parent call", call.parent_id ? h("a", { href: "#/calls/" + encodeURIComponent(call.parent_id), text: call.parent_id }) : null]])),
      h("section", { class: "panel", "aria-labelledby": "decision-title" }, h("h2", { id: "decision-title", text: "Routing decision" }),
        h("pre", { id: "decision", text: pretty(call.decision) || "(none recorded)" })),
      h("section", { class: "panel", "aria-labelledby": "fetch-title" }, h("h2", { id: "fetch-title", text: "Webhook fetches" }),
        fetches.length ? table(["At", "Detail"], fetches.map((e) => [timeEl(e.at), h("pre", { text: pretty(e.detail) })]))
          : h("p", { class: "muted", text: "No document was fetched for this call." })),
      h("section", { class: "panel", "aria-labelledby": "events-title" }, h("h2", { id: "events-title", text: "Events" }),
        events.length ? table(["At", "Kind", "Detail"], events.map((e) => [timeEl(e.at), h("span", { class: "badge", text: e.kind }),
          h("pre", { text: pretty(e.detail) })])) : h("p", { class: "muted", text: "No events." })),
      h("p", {}, h("a", { href: "#/calls", text: "Back to the call log" }))];
  }

  // ------------------------------------------------------------------ bans
  async function bansView() {
    const page = await api("GET", "/api/relay/rest/sip_bans");
    const rows = page.data.map((b) => {
      const lift = h("button", { type: "button", class: "secondary", text: "Lift", "aria-label": "Lift the ban of " + b.address });
      lift.addEventListener("click", async () => {
        if (!(await confirmDialog("Lift the ban of " + b.address + "?", "Its failure counters are reset too.", "Lift ban"))) {
          return lift.focus();
        }
        try {
          await api("DELETE", "/api/relay/rest/sip_bans/" + encodeURIComponent(b.address));
          say("Ban of " + b.address + " lifted.");
          render();
        } catch (err) {
          say(err.message, true);
        }
      });
      return [h("span", { class: "mono", text: b.address }), b.reason, String(b.failures), timeEl(b.banned_at),
        timeEl(b.banned_until), lift];
    });
    return [h("h1", { text: "Brute-force bans" }), h("p", { class: "muted",
      text: "Addresses the SIP guard banned after repeated failed authentications against this project." }),
    rows.length ? h("div", { class: "table-wrap" }, table(["Address", "Reason", "Failures", "Since", "Until", ""], rows))
      : h("p", { class: "muted", text: "No bans." })];
  }

  // ------------------------------------------------------------------ routing
  const ROUTES = [
    [/^#\/endpoints\/new$/, () => endpointCreateView()],
    [/^#\/endpoints\/([^/]+)$/, (m) => endpointView(decodeURIComponent(m[1]))],
    [/^#\/endpoints$/, () => endpointsView()],
    [/^#\/profile$/, () => profileView()],
    [/^#\/numbers\/([^/]+)$/, (m) => numberView(decodeURIComponent(m[1]))],
    [/^#\/numbers$/, () => numbersView()],
    [/^#\/resources\/new\/([^/]+)$/, (m) => resourceCreateView(decodeURIComponent(m[1]))],
    [/^#\/resources\/([^/]+)\/([^/]+)$/, (m) => resourceView(decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
    [/^#\/resources$/, () => resourcesView()],
    [/^#\/calls\/([^/]+)$/, (m) => callView(decodeURIComponent(m[1]))],
    [/^#\/calls$/, () => callsView()],
    [/^#\/bans$/, () => bansView()],
  ];

  async function render() {
    timers.forEach(clearInterval);
    timers = [];
    const generation = ++viewGeneration;
    const target = main();
    const nav = document.getElementById("nav");
    if (!session) {
      nav.hidden = true;
      clear(target);
      append(target, signInView());
      document.title = "Sign in · sipyard console";
      target.querySelector("input").focus();
      return;
    }
    nav.hidden = false;
    const hash = location.hash && location.hash !== "#/signin" ? location.hash : "#/endpoints";
    if (hash !== location.hash) {
      history.replaceState(null, "", hash);
    }
    const section = "#/" + hash.split("/")[1];
    for (const a of nav.querySelectorAll("a")) {
      if (a.getAttribute("href") === section) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
    const route = ROUTES.find(([re]) => re.test(hash));
    let content;
    try {
      content = route ? await route[1](hash.match(route[0])) : [h("h1", { text: "Not found" }),
        h("p", {}, h("a", { href: "#/endpoints", text: "Go to the endpoints" }))];
    } catch (err) {
      content = [h("h1", { text: err.status === 404 ? "Not found" : "Something went wrong" }), h("p", { class: "form-errors", text: err.message })];
    }
    if (generation !== viewGeneration) return;
    clear(target);
    append(target, content);
    const heading = target.querySelector("h1");
    document.title = (heading ? heading.textContent + " · " : "") + "sipyard console";
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: false });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    restore();
    document.getElementById("sign-out").addEventListener("click", () => {
      signOut();
      say("Signed out.");
    });
    window.addEventListener("hashchange", () => {
      if (Date.now() - saidAt > 1500) say(""); // keep what the action that navigated just said
      render();
    });
    render();
  });
})();
