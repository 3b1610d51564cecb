// Diag Terrain KPI dashboard: logs in against the API, reads /api/v1/kpis, draws plain SVG.
// No library and no CDN, so the page works on an intranet with no Internet access.
// Every piece of server data is written with textContent, never as HTML.
"use strict";

const API = "/api/v1";
const SVG = "http://www.w3.org/2000/svg";
const KIND_COLOURS = { energy: "#165e6e", rse: "#5ea04a", label: "#e0a33b", other: "#8a8a8a" };
const KIND_LABELS = {
  energy: "Sobriété énergétique", rse: "RSE (DEAR)", label: "Labels artisanaux",
  other: "Autres diagnostics",
};
const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
  "oct.", "nov.", "déc."];
const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

const $ = (selector) => document.querySelector(selector);
const byTest = (id) => document.querySelector(`[data-testid="${id}"]`);

function token() { return sessionStorage.getItem("diagterrain-token"); }

async function call(path, options = {}) {
  const headers = { "Content-Type": "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(API + path, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.error ? body.error.message : `Erreur ${response.status}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

function element(tag, attributes = {}, text = null, namespace = null) {
  const node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  return node;
}

function svg(width, height) {
  return element("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" }, null, SVG);
}

function periodLabel(period) {
  const [year, part] = period.split("-");
  if (!part) return year;
  if (part.startsWith("T")) return `${part} ${year}`;
  return `${MONTHS[Number(part) - 1]} ${year.slice(2)}`;
}

// ---------------------------------------------------------------- rendering

function tiles(report) {
  const box = byTest("tiles");
  box.replaceChildren();
  const items = [
    ["kpi-total", number.format(report.total_done), "audits réalisés"],
    ["kpi-plans", number.format(report.plans_handed_over), "plans d'actions remis"],
  ];
  if (report.actions) {
    items.push(["kpi-accepted", number.format(report.actions.accepted), "actions retenues"]);
    items.push(["kpi-done", number.format(report.actions.done), "actions réalisées au suivi"]);
  }
  if (report.savings_estimated) {
    items.push(["kpi-kwh", `${number.format(report.savings_estimated.kwh / 1000)} MWh`, "économies estimées / an"]);
    items.push(["kpi-eur", euros.format(report.savings_estimated.eur), "économisables / an"]);
  }
  if (report.follow_up && report.follow_up.follow_ups) {
    items.push(["kpi-achieved", `${number.format(report.follow_up.achieved.kwh)} kWh`, "économies mesurées au suivi"]);
  }
  for (const [id, value, label] of items) {
    const tile = element("div", { class: "tile", "data-testid": id });
    tile.append(element("div", { class: "value" }, value), element("div", { class: "label" }, label));
    box.append(tile);
  }
}

function targets(report) {
  const box = byTest("targets");
  box.replaceChildren();
  for (const kind of report.audits) {
    const row = element("div", { class: "target", "data-testid": `target-${kind.kind}` });
    const caption = element("div", { class: "caption" });
    const goal = kind.target ? ` / ${number.format(kind.target)} (${percent.format(kind.target_share)})` : " (pas d'objectif)";
    caption.append(element("span", {}, kind.label), element("strong", {}, `${number.format(kind.done)}${goal}`));
    const bar = svg(400, 14);
    bar.append(element("rect", { x: 0, y: 0, width: 400, height: 14, fill: "#eef4f5" }, null, SVG));
    const share = kind.target ? Math.min(kind.done / kind.target, 1) : 0;
    bar.append(element("rect", { x: 0, y: 0, width: 400 * share, height: 14, fill: KIND_COLOURS[kind.kind] }, null, SVG));
    row.append(caption, bar);
    box.append(row);
  }
  if (!report.audits.length) box.append(element("p", {}, "Aucun audit sur la période."));
}

function periodsChart(report) {
  const box = byTest("chart-periods");
  box.replaceChildren();
  const rows = report.by_period;
  const width = 560, height = 220, left = 34, bottom = 34;
  const top = Math.max(1, ...rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)));
  const chart = svg(width, height);
  const step = (width - left) / Math.max(rows.length, 1);
  const scale = (height - bottom - 10) / top;
  for (const tick of [0, top]) {
    const y = height - bottom - tick * scale;
    chart.append(element("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 10 }, number.format(tick), SVG));
    chart.append(element("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#c9d6d9" }, null, SVG));
  }
  rows.forEach((row, index) => {
    let y = height - bottom;
    const x = left + index * step + step * 0.15;
    for (const kind of Object.keys(KIND_COLOURS)) {
      const count = row.counts[kind] || 0;
      if (!count) continue;
      const bar = element("rect", {
        x, y: y - count * scale, width: step * 0.7, height: count * scale, fill: KIND_COLOURS[kind],
        "data-period": row.period, "data-kind": kind, "data-count": count,
      }, null, SVG);
      bar.append(element("title", {}, `${periodLabel(row.period)} — ${KIND_LABELS[kind]} : ${count}`, SVG));
      chart.append(bar);
      y -= count * scale;
    }
    chart.append(element("text", { x: x + step * 0.35, y: height - bottom + 14, "text-anchor": "middle", "font-size": 10 }, periodLabel(row.period), SVG));
  });
  box.append(chart, legend(Object.keys(KIND_COLOURS).map((k) => [KIND_LABELS[k], KIND_COLOURS[k]])));
}

function legend(entries) {
  const box = element("div", { class: "legend" });
  for (const [label, colour] of entries) {
    const item = element("span");
    const swatch = element("i");
    swatch.style.background = colour;  // CSSOM, allowed by the page's Content-Security-Policy
    item.append(swatch, document.createTextNode(label));
    box.append(item);
  }
  return box;
}

function barsChart(testid, bars) {
  const box = byTest(testid);
  box.replaceChildren();
  if (!bars.length) { box.append(element("p", {}, "Non publié pour cette sélection.")); return; }
  const width = 560, rowHeight = 30, labelWidth = 210;
  const chart = svg(width, bars.length * rowHeight + 6);
  const top = Math.max(1, ...bars.map((b) => b.value));
  bars.forEach((bar, index) => {
    const y = index * rowHeight + 4;
    const length = (width - labelWidth - 90) * bar.value / top;
    chart.append(element("text", { x: 0, y: y + 15, "font-size": 11 }, bar.label, SVG));
    const rect = element("rect", { x: labelWidth, y, width: length, height: 20, fill: bar.colour, "data-key": bar.key, "data-value": bar.value }, null, SVG);
    rect.append(element("title", {}, `${bar.label} : ${bar.text}`, SVG));
    chart.append(rect);
    chart.append(element("text", { x: labelWidth + length + 6, y: y + 15, "font-size": 11, "data-testid": `${testid}-${bar.key}` }, bar.text, SVG));
  });
  box.append(chart);
}

function savingsChart(report) {
  const bars = [];
  if (report.savings_estimated) bars.push({ key: "estimated", label: "Estimées (plans)", value: report.savings_estimated.kwh, colour: "#165e6e" });
  if (report.savings_accepted) bars.push({ key: "accepted", label: "Retenues par les commerçants", value: report.savings_accepted.kwh, colour: "#5ea04a" });
  if (report.follow_up) {
    bars.push({ key: "done-estimated", label: "Actions faites : estimé", value: report.follow_up.estimated.kwh, colour: "#e0a33b" });
    bars.push({ key: "achieved", label: "Actions faites : mesuré", value: report.follow_up.achieved.kwh, colour: "#b5462f" });
  }
  barsChart("chart-savings", bars.map((b) => ({ ...b, text: `${number.format(b.value)} kWh` })));
}

function actionsChart(report) {
  const a = report.actions;
  const bars = a ? [
    { key: "proposed", label: "Proposées", value: a.proposed, colour: "#165e6e" },
    { key: "accepted", label: "Retenues", value: a.accepted, colour: "#5ea04a" },
    { key: "rejected", label: "Écartées", value: a.rejected, colour: "#8a8a8a" },
    { key: "done", label: "Réalisées (suivi)", value: a.done, colour: "#e0a33b" },
  ] : [];
  barsChart("chart-actions", bars.map((b) => ({ ...b, text: number.format(b.value) })));
}

function table(testid, rows) {
  const body = byTest(testid).querySelector("tbody");
  body.replaceChildren();
  for (const row of rows) {
    const line = element("tr");
    for (const value of [row.label, number.format(row.done), number.format(row.signed)]) line.append(element("td", {}, value));
    body.append(line);
  }
}

function render(report) {
  byTest("suppressed").hidden = !report.suppressed;
  tiles(report);
  targets(report);
  periodsChart(report);
  savingsChart(report);
  actionsChart(report);
  $("#advisors-card").hidden = report.scope.role === "viewer";
  table("advisors", report.advisors);
  table("campaigns", report.campaigns);
  document.body.dataset.loaded = "true";
}

// ---------------------------------------------------------------- flow

async function load() {
  const form = new FormData($("#filters"));
  const params = new URLSearchParams();
  for (const [key, value] of form.entries()) if (value) params.set(key, value);
  byTest("error").textContent = "";
  document.body.dataset.loaded = "false";
  try {
    render(await call(`/kpis?${params}`));
  } catch (error) {
    if (error.status === 401) return logout();
    byTest("error").textContent = error.message;
  }
}

async function start() {
  const me = await call("/auth/me");
  byTest("who").textContent = `${me.full_name} — ${me.org_name}`;
  $("#who").hidden = false;
  $("#login").hidden = true;
  $("#board").hidden = false;
  document.querySelector(".advisor-filter").hidden = me.role === "viewer";
  const year = new Date().getFullYear();
  if (!byTest("from").value) byTest("from").value = `${year}-01-01`;
  if (!byTest("to").value) byTest("to").value = `${year}-12-31`;
  const select = byTest("campaign");
  select.replaceChildren(element("option", { value: "" }, "toutes"));
  for (const campaign of (await call("/campaigns")).campaigns) select.append(element("option", { value: campaign.id }, campaign.name));
  await load();
}

function logout() {
  sessionStorage.removeItem("diagterrain-token");
  $("#board").hidden = true;
  $("#who").hidden = true;
  $("#login").hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  $("#login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    byTest("login-error").textContent = "";
    try {
      const result = await call("/auth/login", {
        method: "POST",
        body: JSON.stringify({ username: form.get("username"), password: form.get("password"), device_name: "Tableau de bord" }),
      });
      sessionStorage.setItem("diagterrain-token", result.token);
      await start();
    } catch (error) {
      byTest("login-error").textContent = error.message;
    }
  });
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); load(); });
  $("#logout").addEventListener("click", async () => {
    try { await call("/auth/logout", { method: "POST" }); } finally { logout(); }
  });
  if (token()) start().catch(logout);
});
