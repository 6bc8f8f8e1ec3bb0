/**
 * The overview page at `/` (全市概况): one server-rendered HTML document, in the reader's language, with an inline
 * script that signs the user in (a bearer token kept in sessionStorage) and reads the GraphQL API. It shows the
 * city (counts, a map of the districts coloured by verdict with the functional zones beside it, certification
 * progress, the early warning, every district) and, from the table or the map, one district (verdict, blockers,
 * failing schools with their shortfalls, funding checks, the trend over the years). Charts and the map are drawn by
 * Apache ECharts, served from node_modules by the hub with the map data (no CDN: the hub runs on intranets).
 *
 * Every word comes from the message catalogue: the server renders the page's texts in its locale, those with
 * figures as templates whose `{name}` placeholders the script fills in (see `pageTexts`). Scripts and styles are
 * allowed by a per-response nonce in the Content-Security-Policy (reports.router.ts).
 */
import { randomBytes } from 'node:crypto';
import { catalogue } from '../messages/catalogue';
import { t, type Locale, type MessageCode } from '../messages';
import type { MessageParams } from '../messages/define';

/** The city view's one query: evaluation, certification progress, early warnings and funding checks of a year. */
export const OVERVIEW_QUERY = `query Overview($year: Int!) {
  cityEvaluation(year: $year) {
    qualifiedCount notQualifiedCount insufficientDataCount
    costToQualify { oneOff yearly years comparable schoolsPriced schoolsUnpriced usesDefaults unitCostsNote }
    districts {
      districtCode verdict
      blockers { code status message }
      costToQualify { oneOff yearly years comparable schoolsPriced schoolsUnpriced }
      district { name kind plannedCertificationYear certified fundingChecks(fromYear: $year, toYear: $year) { totalCheck perStudentCheck }
        certificationStatus { stage reachedOn late } }
    }
  }
  certificationProgress(year: $year) {
    plannedYears { plannedYear plannedCount qualifiedOnDataCount certifiedCount }
    earlyWarnings { districtCode plannedCertificationYear verdict overdueFindings blockers { code message } district { name } projection { year late message }
      certificationStatus { stage reachedOn late } }
    rectificationWarnings { districtCode district { name } summary { open overdue oldestOverdueDueOn } }
  }
  ledger { summary { total open overdue closed closingRate averageDaysToClose } }
  cityFundingSummary(year: $year) {
    perStudentAverage districtsInAverage districtCount
    totalCheck { met violated noData } perStudentCheck { met violated noData }
  }
}`;

/**
 * The district view's query; the script appends one aliased `evaluation(year: …)` per year with school statistics
 * for the trend (`TREND_FIELDS`).
 */
export const DISTRICT_QUERY = `query District($code: String!, $year: Int!, $from: Int!, $to: Int!) {
  district(code: $code) {
    code name kind plannedCertificationYear certified certifiedYear
    evaluation(year: $year) {
      verdict
      precondition { met message }
      blockers { code status message schoolCode stage }
      costToQualify { oneOff yearly years comparable schoolsPriced schoolsUnpriced unitCostsNote }
      resourceAllocation {
        stage schoolCount schoolsMeetingRule
        failingSchools { schoolCode stage status indicatorsMet message school { name } failing { code shortfall { description } message } costToQualify { summary } }
      }
    }
    fundingChecks(fromYear: $from, toYear: $to) {
      year basis expenditure enrolment perStudent previousPerStudent totalCheck perStudentCheck evidence { notes }
    }
    ledger { total open overdue closed closingRate averageDaysToClose }
    trend(toYear: $year) { projection { basis year late message } }
    __TREND__
  }
  findings(filter: { districtCode: $code, states: [OPEN, RECTIFYING, SUBMITTED, REOPENED] }, first: 50, orderBy: [{ field: DUE_ON, direction: ASC }]) {
    totalCount
    nodes { number schoolCode school { name } indicatorCode description state dueOn overdue }
  }
}`;
export const TREND_FIELDS = 'verdict resourceAllocation { schoolCount schoolsMeetingRule }';

/** Catalogue entries the page uses. */
const PAGE_CODES: MessageCode[] = [
  ...(Object.keys(catalogue) as MessageCode[]).filter((c) => c.startsWith('PAGE_')),
  'VERDICT_QUALIFIED', 'VERDICT_NOT_QUALIFIED', 'VERDICT_INSUFFICIENT_DATA',
  'STATUS_MET', 'STATUS_NOT_MET', 'STATUS_NO_DATA',
  'FUNDING_MET', 'FUNDING_VIOLATED', 'FUNDING_NO_DATA',
  'STAGE_PRIMARY', 'STAGE_JUNIOR', 'BASIS_FINAL', 'BASIS_BUDGET',
  'COL_DISTRICT', 'COL_PLANNED_YEAR', 'COL_VERDICT', 'COL_BLOCKERS', 'COL_TOTAL_CHECK', 'COL_PER_STUDENT_CHECK', 'COL_SCHOOL',
  'COL_STAGE', 'COL_INDICATORS_MET', 'COL_SHORTFALLS', 'COL_BASIS', 'COL_EXPENDITURE', 'COL_ENROLMENT', 'COL_PER_STUDENT',
  'COL_PREVIOUS_PER_STUDENT', 'COL_NOTES', 'COL_YEAR', 'COL_SCHOOL_RULE', 'REPORT_NO_BLOCKER', 'REPORT_META_PRECONDITION', 'REPORT_DISTRICT_NOT_FOUND',
  'SHEET_VERDICT', 'SHEET_INDICATORS', 'SHEET_SCHOOLS', 'SHEET_SPREADS', 'SHEET_SOURCES', 'SHEET_LEDGER',
  'COL_FINDING_NUMBER', 'COL_FINDING', 'COL_STATE', 'COL_DUE_ON', 'COL_CODE',
  'FINDING_STATE_OPEN', 'FINDING_STATE_RECTIFYING', 'FINDING_STATE_SUBMITTED', 'FINDING_STATE_CLOSED', 'FINDING_STATE_REOPENED',
];

/**
 * The page's texts in `locale`: a message with figures is rendered with `{name}` in place of each figure, which the
 * script replaces (page messages take their figures as strings and only place them, so the template is exact).
 */
export function pageTexts(locale: Locale): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const code of PAGE_CODES) {
    const example = (catalogue[code] as unknown as { example: MessageParams }).example;
    const placeholders = Object.fromEntries(Object.keys(example).map((k) => [k, `{${k}}`]));
    texts[code] = t(code, placeholders as never, locale);
  }
  return texts;
}

const STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --ok: #2f855a; --bad: #c53030; --nodata: #b7791f; --none: #9aa5b1; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #243b53; color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; min-width: 0; }
header h1 .brand { color: #f0b429; margin-right: 8px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.controls select, .controls button, .controls a { font: inherit; }
.controls select { padding: 3px 6px; border-radius: 4px; border: 1px solid #9fb3c8; }
.controls a, .controls button.link { color: #d9e8f6; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
.controls .lang [aria-current] { color: #fff; font-weight: 600; text-decoration: none; }
main { padding: 16px 20px 32px; max-width: 1360px; margin: 0 auto; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; margin-bottom: 16px; min-width: 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
.sub { color: var(--muted); font-size: 12px; font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 0; }
.stat b { display: block; font-size: 24px; }
.stat.ok b { color: var(--ok); } .stat.bad b { color: var(--bad); } .stat.nodata b { color: var(--nodata); }
.stat .sub { display: block; }
td.cost { min-width: 9em; max-width: 14em; }
td.cost .muted { white-space: normal; }
#status { color: var(--muted); margin: 0 0 12px; }
#status.error { color: var(--bad); font-weight: 600; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 1000px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
.chart { width: 100%; height: 340px; }
#map { height: 420px; }
.zones { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; align-items: center; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; font-size: 12px; color: var(--muted); margin-top: 6px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
i.QUALIFIED { background: #48bb78; } i.NOT_QUALIFIED { background: #f56565; } i.INSUFFICIENT_DATA { background: #f6c453; }
i.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f4f8; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; white-space: nowrap; border: 1px solid currentColor; }
button.badge { background: #fff; cursor: pointer; font: inherit; font-size: 12px; }
.QUALIFIED, .MET { color: var(--ok); } .NOT_QUALIFIED, .NOT_MET, .VIOLATED { color: var(--bad); } .INSUFFICIENT_DATA, .NO_DATA { color: var(--nodata); }
.muted { color: var(--muted); }
.codes { color: var(--muted); max-width: 360px; }
#warnings { max-height: 360px; overflow-y: auto; margin: 0; padding-left: 24px; }
#warnings li { margin-bottom: 8px; }
#warnings .msg { color: var(--muted); font-size: 12px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.pace { font-size: 13px; color: var(--muted); margin: 2px 0; }
li.none { list-style: none; margin-left: -24px; color: var(--muted); }
.pace.late { color: #b42318; font-weight: 600; }
.cert { font-size: 12px; color: var(--muted); white-space: normal; overflow-wrap: anywhere; }
.cert.late { color: #b42318; font-weight: 600; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { padding: 6px 0; border-bottom: 1px solid var(--line); }
ul.plain li:last-child { border-bottom: 0; }
dl.facts { display: grid; grid-template-columns: minmax(6em, 16em) minmax(0, 1fr); gap: 4px 14px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.links a { margin-right: 10px; white-space: nowrap; }
a { color: #2368a2; }
a.district { font-weight: 600; }
#signin { max-width: 560px; margin: 40px auto; }
#signin input { width: 100%; font: inherit; padding: 6px 8px; border: 1px solid #9fb3c8; border-radius: 4px; margin: 6px 0 10px; }
#signin button { font: inherit; padding: 6px 18px; border-radius: 4px; border: 0; background: #f0b429; color: #243b53; cursor: pointer; }
#signin .error { color: var(--bad); font-weight: 600; }
[hidden] { display: none !important; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 12px 24px; }
@media (max-width: 700px) {
  header { padding: 10px 12px; }
  main { padding: 12px 10px 24px; }
  section.card { padding: 12px; }
  #map { height: 340px; }
  .chart { height: 300px; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2px 8px; border-bottom: 2px solid var(--line); padding: 6px 0; }
  table.stack td { border: 0; padding: 2px 4px; width: auto; }
  table.stack td.num { text-align: left; }
  table.stack td.codes, table.stack td.wide { grid-column: 1 / -1; }
  table.stack td.codes { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: 11px; color: var(--muted); }
  .stat b { font-size: 20px; }
  .codes { max-width: none; }
  dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
  dl.facts dd { margin-bottom: 6px; }
}
@media print {
  header .controls, #status, .links, footer { display: none; }
  body { background: #fff; }
  section.card { break-inside: avoid; border-color: #bbb; }
}
`;

/**
 * The script, run in the browser. Plain JavaScript (no build step); text goes into the page only through
 * textContent and attributes, never as HTML.
 */
const SCRIPT = String.raw`
(function () {
  'use strict';
  var TEXT = JSON.parse(document.getElementById('page-text').textContent);
  var OVERVIEW_QUERY = document.getElementById('overview-query').textContent;
  var DISTRICT_QUERY = document.getElementById('district-query').textContent;
  var TREND_FIELDS = document.body.getAttribute('data-trend-fields');
  var LOCALE = document.documentElement.lang;
  var YEARS = JSON.parse(document.body.getAttribute('data-years'));
  var SCHOOL_YEARS = JSON.parse(document.body.getAttribute('data-school-years'));
  var DEV_TOKEN = document.body.getAttribute('data-dev-token') || '';
  var TOKEN_KEY = 'junheng.token';
  var SEP = LOCALE === 'zh-CN' ? '；' : '; ';
  var COLON = LOCALE === 'zh-CN' ? '：' : ': ';
  var MAP_COLOURS = { QUALIFIED: '#48bb78', NOT_QUALIFIED: '#f56565', INSUFFICIENT_DATA: '#f6c453' };
  var charts = [];
  var mapReady = null;

  function $(id) { return document.getElementById(id); }
  /** A text of the catalogue, its {placeholders} filled. */
  function tx(code, params) {
    var s = TEXT[code];
    if (s === undefined) return code;
    for (var k in params || {}) s = s.split('{' + k + '}').join(String(params[k]));
    return s;
  }
  /** A sentence written by the engine (blockers, shortfalls, notes): the one place to switch to code + figures. */
  function engineText(x) { return x && typeof x === 'object' ? (x.message || '') : (x || ''); }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      (Array.isArray(c) ? c : [c]).forEach(function (x) { node.appendChild(typeof x === 'object' ? x : document.createTextNode(String(x))); });
    }
    return node;
  }
  /** ECharts tooltips are HTML: names from the data are escaped. */
  function escapeHtml(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
  function clear(node) { node.textContent = ''; return node; }
  function badge(kind, label) { return el('span', { 'class': 'badge ' + kind }, label); }
  function verdictBadge(v) { return badge(v, tx('VERDICT_' + v)); }
  function fundingBadge(s) { return badge(s, tx('FUNDING_' + s)); }
  /** The latest certification stage and its date, against the plan (late marked). */
  function certStatus(c) {
    if (!c) return null;
    var text = c.stage ? tx('PAGE_CERT_STAGE_ON', { stage: tx('PAGE_CERT_' + c.stage), date: c.reachedOn }) : tx('PAGE_CERT_NONE');
    return el('div', { 'class': 'cert' + (c.late ? ' late' : ''), 'data-stage': c.stage || '', 'data-late': String(c.late) },
      text, c.late ? ' · ' + tx('PAGE_CERT_LATE') : null);
  }
  /** "1234567.5" → "1,234,567.5" from the digits (amounts are exact decimal strings, never floats). */
  function decimal(s) {
    if (s === null || s === undefined) return '—';
    var m = /^(-?)(\d+)(\.\d+)?$/.exec(String(s));
    if (!m) return String(s);
    return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] || '');
  }
  function yuan(s) { return s === null || s === undefined ? '—' : tx('PAGE_YUAN', { amount: decimal(s) }); }
  function blockerCodes(blockers) {
    var counts = {}; var order = [];
    blockers.forEach(function (b) { if (!counts[b.code]) { counts[b.code] = 0; order.push(b.code); } counts[b.code]++; });
    var shown = order.slice(0, 12).map(function (c) { return counts[c] > 1 ? c + ' ×' + counts[c] : c; }).join(', ');
    return order.length > 12 ? shown + ' … +' + (order.length - 12) : shown;
  }
  function setStatus(text, isError) { $('status').textContent = text; $('status').className = isError ? 'error' : ''; }
  function setState(state) { document.body.setAttribute('data-state', state); }

  // ---- signing in: the token lives in this tab's sessionStorage only
  function token() { return (sessionStorage.getItem(TOKEN_KEY) || '').trim(); }
  function showSignIn(problem) {
    $('app').hidden = true; $('signin').hidden = false; $('signout').hidden = true;
    $('signin-error').textContent = problem || '';
    $('signin-dev').hidden = !DEV_TOKEN;
    if (!$('token').value) $('token').value = DEV_TOKEN;
    setState('signin');
    $('token').focus();
  }
  function signOut(problem) { sessionStorage.removeItem(TOKEN_KEY); $('token').value = ''; showSignIn(problem); }
  $('signin-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var t = $('token').value.trim();
    if (!t) { $('signin-error').textContent = tx('PAGE_TOKEN_EMPTY'); return; }
    sessionStorage.setItem(TOKEN_KEY, t);
    $('signin').hidden = true; $('app').hidden = false; $('signout').hidden = false;
    route();
  });
  $('signout').addEventListener('click', function () { signOut(''); });

  function Refused(message) { this.message = message; }
  function headers(extra) {
    extra['accept-language'] = LOCALE;
    extra.authorization = 'Bearer ' + token();
    return extra;
  }
  function graphql(query, variables) {
    return fetch('/graphql', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query: query, variables: variables }) })
      .then(function (res) {
        return res.json().catch(function () { throw new Error('HTTP ' + res.status); }).then(function (body) {
          var errors = body.errors || [];
          var refused = errors.filter(function (e) { return e.extensions && e.extensions.code === 'UNAUTHENTICATED'; })[0];
          if (res.status === 401 || refused) throw new Refused(refused ? refused.message : 'HTTP 401');
          if (errors.length) throw new Error(errors.map(function (e) { return e.message; }).join('; '));
          return body.data;
        });
      });
  }
  function failed(e) {
    if (e instanceof Refused) { signOut(tx('PAGE_TOKEN_REFUSED', { reason: e.message })); return; }
    setStatus(tx('PAGE_LOAD_FAILED', { reason: e.message }), true);
    setState('error');
  }

  /** A report download: fetched with the token, saved under the name the hub gives it (Content-Disposition). */
  function reportLink(href, label) {
    var a = el('a', { href: href }, label);
    a.addEventListener('click', function (event) {
      event.preventDefault();
      fetch(href, { headers: headers({}) }).then(function (res) {
        if (res.status === 401) return res.json().then(function (b) { throw new Refused(b.errors[0].message); });
        if (!res.ok) return res.json().then(function (b) { throw new Error(b.errors[0].message); }, function () { throw new Error('HTTP ' + res.status); });
        var cd = res.headers.get('content-disposition') || '';
        var m = /filename\*=UTF-8''([^;]+)/.exec(cd) || /filename="([^"]+)"/.exec(cd);
        var name = m ? decodeURIComponent(m[1]) : href.split('/').pop();
        return res.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var tmp = el('a', { href: url, download: name });
          document.body.appendChild(tmp); tmp.click(); tmp.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        });
      }).catch(function (e) {
        if (e instanceof Refused) { signOut(tx('PAGE_TOKEN_REFUSED', { reason: e.message })); return; }
        setStatus(tx('PAGE_DOWNLOAD_FAILED', { reason: e.message }), true);
      });
    });
    return a;
  }

  // ---- navigation: ?year=…&district=… (the language stays in ?lang=)
  function params() { return new URLSearchParams(location.search); }
  function currentYear() { return Number(params().get('year')) || Number(document.body.getAttribute('data-default-year')); }
  function go(changes) {
    var p = params();
    for (var k in changes) { if (changes[k] === null) p.delete(k); else p.set(k, changes[k]); }
    history.pushState(null, '', '?' + p.toString());
    route();
  }
  window.addEventListener('popstate', function () { if (token()) route(); });
  $('year').addEventListener('change', function () { go({ year: $('year').value }); });
  document.querySelectorAll('.lang a').forEach(function (a) {
    a.addEventListener('click', function (event) {
      event.preventDefault();
      var p = params(); p.set('lang', a.getAttribute('data-lang'));
      location.search = '?' + p.toString();
    });
  });

  function disposeCharts() { charts.forEach(function (c) { c.dispose(); }); charts = []; }
  function chart(node) { var c = echarts.init(node, null, { renderer: 'canvas' }); charts.push(c); return c; }
  // A chart resized to nothing (a hidden view, a window being re-laid out) has no transform to invert: skip it.
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { var d = c.getDom(); if (d.clientWidth > 0 && d.clientHeight > 0) c.resize(); });
  });
  function narrow() { return window.innerWidth < 700; }

  function route() {
    var year = currentYear();
    $('year').value = String(year);
    var code = params().get('district');
    disposeCharts();
    $('city').hidden = Boolean(code); $('district').hidden = !code;
    return code ? loadDistrict(code, year) : loadCity(year);
  }

  // ---- the city
  function loadCity(year) {
    setState('loading');
    setStatus(tx('PAGE_LOADING', { year: year }));
    clear($('city-xlsx')).appendChild(reportLink('/reports/city/' + year + '.xlsx', tx('PAGE_CITY_REPORT', { year: year }) + ' (XLSX)'));
    return graphql(OVERVIEW_QUERY, { year: year }).then(function (data) {
      var districts = data.cityEvaluation.districts;
      renderCards(data.cityEvaluation, data.cityFundingSummary);
      return ensureMap().then(function () {
        renderMap(districts);
        renderProgress(data.certificationProgress.plannedYears, year);
        renderWarnings(data.certificationProgress.earlyWarnings, year);
        renderLedger(data.ledger.summary, data.certificationProgress.rectificationWarnings);
        renderTable(districts, year);
        setStatus(tx('PAGE_READY', { year: year, count: districts.length }));
        setState('ready');
      });
    }).catch(failed);
  }

  function renderCards(city, funding) {
    var cards = clear($('cards'));
    function stat(kind, value, label, note) {
      cards.appendChild(el('div', { 'class': 'stat ' + kind }, el('b', {}, value), label, note ? el('span', { 'class': 'sub' }, note) : null));
    }
    stat('ok', city.qualifiedCount, tx('VERDICT_QUALIFIED'));
    stat('bad', city.notQualifiedCount, tx('VERDICT_NOT_QUALIFIED'));
    stat('nodata', city.insufficientDataCount, tx('VERDICT_INSUFFICIENT_DATA'));
    var decreased = funding.totalCheck.violated + funding.perStudentCheck.violated;
    stat(decreased > 0 ? 'bad' : 'ok', funding.totalCheck.violated + ' / ' + funding.perStudentCheck.violated, tx('PAGE_CARD_FUNDING'),
      tx('PAGE_CARD_FUNDING_NOTE', { total: funding.totalCheck.noData, perStudent: funding.perStudentCheck.noData }));
    stat('', yuan(funding.perStudentAverage), tx('PAGE_CARD_PER_STUDENT'),
      tx('PAGE_CARD_PER_STUDENT_NOTE', { counted: funding.districtsInAverage, total: funding.districtCount }));
    // The city's cost to qualify (#16.1): the sum of every failing school part's cheapest plan, exact yuan.
    var cost = city.costToQualify;
    stat('', yuan(cost.comparable), tx('PAGE_CARD_COST', { years: cost.years }), costNote(cost));
    $('cards').lastChild.setAttribute('title', cost.unitCostsNote);
  }
  /** One-off and yearly apart, and how many failing school parts are (not) priced. */
  function costNote(cost) {
    return tx('PAGE_COST_NOTE', { oneOff: decimal(cost.oneOff), yearly: decimal(cost.yearly), years: cost.years,
      priced: cost.schoolsPriced, unpriced: cost.schoolsUnpriced });
  }

  function ensureMap() {
    if (!mapReady) {
      mapReady = fetch('/assets/chongqing-districts.geojson').then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap('chongqing', geo);
        return geo;
      });
    }
    return mapReady;
  }

  function renderMap(districts) {
    var node = $('map');
    var zones = clear($('zones'));
    var data = [];
    var counts = { QUALIFIED: 0, NOT_QUALIFIED: 0, INSUFFICIENT_DATA: 0 };
    districts.forEach(function (e) {
      counts[e.verdict]++;
      if (e.district.kind === 'FUNCTIONAL_ZONE') {
        var b = el('button', { type: 'button', 'class': 'badge ' + e.verdict, 'data-zone': e.districtCode, title: tx('VERDICT_' + e.verdict) },
          el('i', { 'class': 'swatch ' + e.verdict }), e.district.name + ' · ' + tx('VERDICT_' + e.verdict));
        b.addEventListener('click', function () { go({ district: e.districtCode }); });
        zones.appendChild(b);
        return;
      }
      data.push({ name: e.districtCode, value: 1, label: e.district.name, verdict: e.verdict, itemStyle: { areaColor: MAP_COLOURS[e.verdict] } });
    });
    var legend = clear($('map-legend'));
    ['QUALIFIED', 'NOT_QUALIFIED', 'INSUFFICIENT_DATA'].forEach(function (v) {
      legend.appendChild(el('span', {}, el('i', { 'class': v }), tx('VERDICT_' + v) + ' ' + counts[v]));
    });
    var c = chart(node);
    c.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { return p.data && p.data.label ? escapeHtml(p.data.label) + '<br>' + escapeHtml(tx('VERDICT_' + p.data.verdict)) : ''; } },
      series: [{
        type: 'map', map: 'chongqing', nameProperty: 'code', roam: false, selectedMode: false,
        layoutCenter: ['50%', '50%'], layoutSize: '98%',
        itemStyle: { areaColor: '#e4e7eb', borderColor: '#fff', borderWidth: 0.8 },
        emphasis: { label: { show: true, formatter: function (p) { return (p.data && p.data.label) || ''; }, fontSize: 12 }, itemStyle: { areaColor: '#2368a2' } },
        label: { show: !narrow(), fontSize: 9, color: '#1f2933', formatter: function (p) { return p.data && p.data.label ? p.data.label.replace(/(土家族|苗族)+自治县$/, '') : ''; } },
        data: data,
      }],
    });
    c.on('click', function (p) { if (p.data) go({ district: p.data.name }); });
    node.setAttribute('data-rendered', String(data.length));
  }

  /** Grouped bars per planned year: planned, certified and qualified on the data, each cumulative. */
  function renderProgress(plannedYears, year) {
    var keys = ['plannedCount', 'certifiedCount', 'qualifiedOnDataCount'];
    var names = [tx('PAGE_SERIES_PLANNED'), tx('PAGE_SERIES_CERTIFIED'), tx('PAGE_SERIES_QUALIFIED')];
    var colours = ['#7b93b8', '#9f7aea', '#38a169'];
    var totals = [0, 0, 0];
    var series = keys.map(function (k, i) {
      return {
        type: 'bar', name: names[i], itemStyle: { color: colours[i] }, barMaxWidth: 28,
        label: { show: !narrow(), position: 'top', fontSize: 11 },
        data: plannedYears.map(function (p) { totals[i] += p[k]; return totals[i]; }),
      };
    });
    series[0].markArea = { silent: true, itemStyle: { color: 'rgba(240,180,41,0.15)' }, data: plannedYears.some(function (p) { return p.plannedYear === year; }) ? [[{ xAxis: String(year) }, { xAxis: String(year) }]] : [] };
    var node = $('progress-chart');
    var c = chart(node);
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 8, top: narrow() ? 52 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: plannedYears.map(function (p) { return String(p.plannedYear); }), axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', name: tx('PAGE_AXIS_DISTRICTS'), minInterval: 1, axisLabel: { fontSize: 12 }, nameTextStyle: { fontSize: 12, align: 'left' } },
      series: series,
    });
    node.setAttribute('data-rendered', String(plannedYears.length));
    node.setAttribute('data-planned', JSON.stringify(series[0].data));
  }

  function renderWarnings(warnings, year) {
    var list = clear($('warnings'));
    $('warnings-count').textContent = String(warnings.length);
    if (!warnings.length) { list.appendChild(el('li', { 'class': 'none' }, tx('PAGE_WARNINGS_NONE', { year: year }))); return; }
    warnings.forEach(function (w) {
      var link = el('a', { href: '?district=' + encodeURIComponent(w.districtCode), 'class': 'district' }, w.district.name);
      link.addEventListener('click', function (event) { event.preventDefault(); go({ district: w.districtCode }); });
      list.appendChild(el('li', {},
        link, ' ', el('span', { 'class': 'muted' }, tx('PAGE_PLANNED_IN', { year: w.plannedCertificationYear })), ' ',
        certStatus(w.certificationStatus),
        verdictBadge(w.verdict), ' ', tx('PAGE_ITEMS', { count: w.blockers.length }) + ' · ' + blockerCodes(w.blockers),
        w.overdueFindings ? el('span', { 'class': 'badge NOT_QUALIFIED' }, tx('PAGE_LEDGER_OVERDUE', { count: w.overdueFindings })) : null,
        w.projection ? el('div', { 'class': 'pace' + (w.projection.late ? ' late' : '') }, w.projection.message) : null,
        el('span', { 'class': 'msg' }, w.blockers.slice(0, 3).map(engineText).join(' · '))));
    });
  }

  /** 督导台账 of the city: counts, and the districts with overdue rectifications (逾期未整改), most overdue first. */
  function ledgerFacts(summary) {
    return tx('PAGE_LEDGER_COUNTS', {
      total: summary.total, open: summary.open, overdue: summary.overdue, closed: summary.closed,
      rate: summary.closingRate === null ? '—' : (Math.round(summary.closingRate * 1000) / 10) + '%',
    });
  }
  function renderLedger(summary, warnings) {
    $('ledger-summary').textContent = ledgerFacts(summary);
    var list = clear($('ledger-warnings'));
    if (!warnings.length) { list.appendChild(el('li', { 'class': 'none' }, tx('PAGE_LEDGER_NO_OVERDUE'))); return; }
    warnings.forEach(function (w) {
      var link = el('a', { href: '?district=' + encodeURIComponent(w.districtCode), 'class': 'district' }, w.district.name);
      link.addEventListener('click', function (event) { event.preventDefault(); go({ district: w.districtCode }); });
      list.appendChild(el('li', {}, link, ' ', el('span', { 'class': 'badge NOT_QUALIFIED' }, tx('PAGE_LEDGER_OVERDUE', { count: w.summary.overdue })), ' ',
        el('span', { 'class': 'muted' }, tx('PAGE_LEDGER_OPEN_SINCE', { open: w.summary.open, due: w.summary.oldestOverdueDueOn || '—' }))));
    });
  }

  function renderTable(districts, year) {
    var body = clear($('districts').tBodies[0]);
    districts.forEach(function (e) {
      var d = e.district;
      var check = d.fundingChecks[0] || { totalCheck: 'NO_DATA', perStudentCheck: 'NO_DATA' };
      var base = '/reports/evaluation/' + encodeURIComponent(e.districtCode) + '/' + year;
      var link = el('a', { href: '?district=' + encodeURIComponent(e.districtCode) + '&year=' + year, 'class': 'district' }, d.name);
      link.addEventListener('click', function (event) { event.preventDefault(); go({ district: e.districtCode }); });
      body.appendChild(el('tr', { 'data-district': e.districtCode },
        el('td', { 'data-label': tx('COL_DISTRICT') }, link, el('div', { 'class': 'muted' }, e.districtCode)),
        el('td', { 'class': 'num', 'data-label': tx('COL_PLANNED_YEAR') }, d.plannedCertificationYear, d.certified ? el('div', { 'class': 'muted' }, tx('PAGE_CERTIFIED')) : null,
          certStatus(d.certificationStatus)),
        el('td', { 'data-label': tx('COL_VERDICT') }, verdictBadge(e.verdict)),
        el('td', { 'class': 'codes', 'data-label': tx('COL_BLOCKERS'), title: e.blockers.slice(0, 12).map(function (b) { return b.code + ': ' + engineText(b); }).join('\n') },
          e.blockers.length ? blockerCodes(e.blockers) : '—'),
        el('td', { 'data-label': tx('COL_TOTAL_CHECK') + ' / ' + tx('COL_PER_STUDENT_CHECK') },
          tx('PAGE_TOTAL') + ' ', fundingBadge(check.totalCheck), el('br'), tx('PAGE_PER_STUDENT') + ' ', fundingBadge(check.perStudentCheck)),
        el('td', { 'class': 'num cost', 'data-label': tx('PAGE_COL_COST'), title: costNote(e.costToQualify) },
          e.costToQualify.schoolsPriced + e.costToQualify.schoolsUnpriced
            ? [yuan(e.costToQualify.comparable), el('div', { 'class': 'muted' }, tx('PAGE_COST_SPLIT', { oneOff: decimal(e.costToQualify.oneOff), yearly: decimal(e.costToQualify.yearly) }))]
            : '—'),
        el('td', { 'class': 'links', 'data-label': tx('PAGE_REPORTS') }, reportLink(base + '.xlsx', 'XLSX'), reportLink(base + '/verdict.csv', 'CSV'))));
    });
  }

  // ---- one district
  function loadDistrict(code, year) {
    setState('loading');
    setStatus(tx('PAGE_LOADING', { year: year }));
    var trend = SCHOOL_YEARS.map(function (y) { return 'e' + y + ': evaluation(year: ' + Number(y) + ') { ' + TREND_FIELDS + ' }'; }).join('\n    ');
    var from = YEARS.length ? Math.min(YEARS[0], year) : year;
    var to = YEARS.length ? Math.max(YEARS[YEARS.length - 1], year) : year;
    return graphql(DISTRICT_QUERY.replace('__TREND__', trend), { code: code, year: year, from: from, to: to }).then(function (data) {
      var d = data.district;
      if (!d) { setStatus(tx('REPORT_DISTRICT_NOT_FOUND', { code: code }), true); setState('error'); return; }
      data_findings = data.findings;
      renderDistrict(d, year);
      setStatus(tx('PAGE_DISTRICT_TITLE', { name: d.name, year: year }));
      setState('ready');
    }).catch(failed);
  }

  var data_findings = { totalCount: 0, nodes: [] };
  function renderDistrict(d, year) {
    var e = d.evaluation;
    $('d-title').textContent = tx('PAGE_DISTRICT_TITLE', { name: d.name, year: year });
    var head = clear($('d-head'));
    head.appendChild(el('dl', { 'class': 'facts' },
      el('dt', {}, tx('COL_VERDICT')), el('dd', {}, verdictBadge(e.verdict)),
      el('dt', {}, tx('COL_PLANNED_YEAR')), el('dd', {}, d.plannedCertificationYear, d.certified ? ' · ' + tx('PAGE_CERTIFIED') + (d.certifiedYear ? ' ' + d.certifiedYear : '') : ''),
      el('dt', {}, tx('COL_SCHOOL_RULE')), el('dd', {}, e.resourceAllocation.map(function (a) {
        return tx('PAGE_SCHOOLS_MEETING', { stage: tx('STAGE_' + a.stage.toUpperCase()), meeting: a.schoolsMeetingRule, total: a.schoolCount });
      }).join(SEP) || '—'),
      el('dt', {}, tx('PAGE_COL_COST')), el('dd', {}, e.costToQualify.schoolsPriced + e.costToQualify.schoolsUnpriced
        ? yuan(e.costToQualify.comparable) + ' · ' + costNote(e.costToQualify) : '—')));
    head.appendChild(el('p', { 'class': 'muted' }, tx('REPORT_META_PRECONDITION', { text: engineText(e.precondition) })));
    var base = '/reports/evaluation/' + encodeURIComponent(d.code) + '/' + year;
    var links = clear($('d-links'));
    links.appendChild(el('span', { 'class': 'muted' }, tx('PAGE_REPORTS') + ' '));
    links.appendChild(reportLink(base + '.xlsx', 'XLSX'));
    var sheets = [['verdict', 'SHEET_VERDICT'], ['indicators', 'SHEET_INDICATORS'], ['schools', 'SHEET_SCHOOLS'], ['spreads', 'SHEET_SPREADS']];
    // The report has a ledger sheet only when the district has findings.
    if (d.ledger.total > 0) sheets.push(['ledger', 'SHEET_LEDGER']);
    sheets.push(['sources', 'SHEET_SOURCES']);
    sheets.forEach(function (s) {
      links.appendChild(reportLink(base + '/' + s[0] + '.csv', tx(s[1]) + ' CSV'));
    });
    var print = el('button', { type: 'button', 'class': 'link' }, tx('PAGE_PRINT'));
    print.addEventListener('click', function () { window.print(); });
    links.appendChild(print);

    var blockers = clear($('d-blockers'));
    if (!e.blockers.length) blockers.appendChild(el('li', {}, tx('REPORT_NO_BLOCKER')));
    e.blockers.forEach(function (b) {
      blockers.appendChild(el('li', {}, el('b', {}, b.code), ' ', badge(b.status || 'NOT_MET', tx('STATUS_' + (b.status || 'NOT_MET'))), ' ', engineText(b)));
    });

    var schools = clear($('d-schools').tBodies[0]);
    var failing = [];
    e.resourceAllocation.forEach(function (a) { a.failingSchools.forEach(function (s) { failing.push(s); }); });
    $('d-schools').hidden = !failing.length;
    $('d-schools-none').hidden = Boolean(failing.length);
    // Whether the plans are priced at delivered unit costs or at the hub's defaults (D117).
    $('d-costs-note').textContent = failing.length ? e.costToQualify.unitCostsNote : '';
    failing.forEach(function (s) {
      var shortfalls = s.failing.map(function (f) { return f.code + COLON + engineText(f.shortfall ? f.shortfall.description : f.message); });
      // The cheapest priced plan (一校一策 with a budget), a sentence in the reader's language.
      if (s.costToQualify) shortfalls.push(s.costToQualify.summary);
      schools.appendChild(el('tr', { 'data-school': s.schoolCode },
        el('td', { 'data-label': tx('COL_SCHOOL') }, s.school.name, el('div', { 'class': 'muted' }, s.schoolCode)),
        el('td', { 'data-label': tx('COL_STAGE') }, tx('STAGE_' + s.stage.toUpperCase())),
        el('td', { 'class': 'num', 'data-label': tx('COL_INDICATORS_MET') }, s.indicatorsMet + ' / 7'),
        el('td', { 'class': 'wide', 'data-label': tx('COL_SHORTFALLS') }, shortfalls.length ? el('ul', { 'class': 'plain' }, shortfalls.map(function (t) { return el('li', {}, t); })) : engineText(s))));
    });

    var check = d.fundingChecks.filter(function (c) { return c.year === year; })[0];
    $('d-funding-title').textContent = tx('PAGE_FUNDING_TITLE', { year: year });
    var funding = clear($('d-funding'));
    if (check) {
      funding.appendChild(el('dl', { 'class': 'facts' },
        el('dt', {}, tx('COL_TOTAL_CHECK')), el('dd', {}, fundingBadge(check.totalCheck)),
        el('dt', {}, tx('COL_PER_STUDENT_CHECK')), el('dd', {}, fundingBadge(check.perStudentCheck)),
        el('dt', {}, tx('COL_BASIS')), el('dd', {}, check.basis ? tx('BASIS_' + check.basis.toUpperCase()) : '—'),
        el('dt', {}, tx('COL_EXPENDITURE')), el('dd', {}, decimal(check.expenditure)),
        el('dt', {}, tx('COL_ENROLMENT')), el('dd', {}, check.enrolment === null ? '—' : decimal(check.enrolment)),
        el('dt', {}, tx('COL_PER_STUDENT')), el('dd', {}, decimal(check.perStudent)),
        el('dt', {}, tx('COL_PREVIOUS_PER_STUDENT')), el('dd', {}, decimal(check.previousPerStudent)),
        el('dt', {}, tx('COL_NOTES')), el('dd', {}, check.evidence.notes.map(engineText).join(SEP) || '—')));
    }
    renderDistrictLedger(d.ledger, data_findings);
    renderTrend(d);
  }

  /** The district's 督导台账: its counts and the findings not closed, the earliest due first. */
  function renderDistrictLedger(summary, findings) {
    $('d-ledger-summary').textContent = ledgerFacts(summary);
    var body = clear($('d-ledger').tBodies[0]);
    $('d-ledger').hidden = !findings.nodes.length;
    $('d-ledger-more').hidden = findings.totalCount <= findings.nodes.length;
    $('d-ledger-more').textContent = tx('PAGE_LEDGER_MORE', { count: findings.totalCount - findings.nodes.length });
    findings.nodes.forEach(function (f) {
      body.appendChild(el('tr', { 'data-finding': f.number },
        el('td', { 'data-label': tx('COL_FINDING_NUMBER') }, f.number),
        el('td', { 'data-label': tx('COL_SCHOOL') }, f.school ? f.school.name : '—', f.schoolCode ? el('div', { 'class': 'muted' }, f.schoolCode) : null),
        el('td', { 'data-label': tx('COL_CODE') }, f.indicatorCode || '—'),
        el('td', { 'class': 'wide', 'data-label': tx('COL_FINDING') }, f.description),
        el('td', { 'data-label': tx('COL_STATE') }, tx('FINDING_STATE_' + f.state)),
        el('td', { 'data-label': tx('COL_DUE_ON') }, f.dueOn || '—', f.overdue ? el('div', {}, el('span', { 'class': 'badge NOT_QUALIFIED' }, tx('PAGE_LEDGER_IS_OVERDUE'))) : null)));
    });
  }

  /** Verdict, share of schools meeting the rule and expenditure per student, per year delivered. */
  function renderTrend(d) {
    var years = YEARS.map(String);
    var share = YEARS.map(function (y) {
      var e = d['e' + y];
      if (!e) return null;
      var total = 0, meeting = 0;
      e.resourceAllocation.forEach(function (a) { total += a.schoolCount; meeting += a.schoolsMeetingRule; });
      return total ? { value: Math.round((meeting / total) * 1000) / 10, verdict: e.verdict, itemStyle: { color: MAP_COLOURS[e.verdict] } } : { value: null, verdict: e.verdict };
    });
    var perStudent = YEARS.map(function (y) {
      var c = d.fundingChecks.filter(function (f) { return f.year === y; })[0];
      return c && c.perStudent !== null ? Number(c.perStudent) : '-';
    });
    var pace = $('d-pace');
    pace.textContent = d.trend ? d.trend.projection.message : '';
    pace.className = 'pace' + (d.trend && d.trend.projection.late ? ' late' : '');
    var verdicts = clear($('d-trend-verdicts'));
    YEARS.forEach(function (y, i) { if (share[i]) verdicts.appendChild(el('span', {}, y + ' ', verdictBadge(share[i].verdict))); });
    var node = $('trend-chart');
    var c = chart(node);
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 8, top: narrow() ? 52 : 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years, axisLabel: { fontSize: 12 } },
      yAxis: [
        { type: 'value', name: '%', min: 0, max: 100, axisLabel: { fontSize: 12 } },
        { type: 'value', name: tx('PAGE_PER_STUDENT'), axisLabel: { fontSize: 11 }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: tx('PAGE_TREND_SCHOOLS'), barMaxWidth: 28, data: share.map(function (s) { return s && s.value !== null ? { value: s.value, itemStyle: s.itemStyle } : '-'; }) },
        { type: 'line', name: tx('PAGE_TREND_PER_STUDENT'), yAxisIndex: 1, connectNulls: false, data: perStudent, itemStyle: { color: '#2368a2' } },
      ],
    });
    node.setAttribute('data-rendered', String(years.length));
  }

  $('back').addEventListener('click', function (event) { event.preventDefault(); go({ district: null }); });
  YEARS.forEach(function (y) { $('year').appendChild(el('option', { value: String(y) }, String(y))); });
  if (YEARS.indexOf(currentYear()) < 0) $('year').appendChild(el('option', { value: String(currentYear()) }, String(currentYear())));
  if (token()) { $('signin').hidden = true; $('app').hidden = false; $('signout').hidden = false; route(); } else showSignIn('');
})();
`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface OverviewOptions {
  /** The year the page opens on (the latest with school statistics). */
  defaultYear: number;
  /** Years with school statistics or expenditure, ascending (the year picker, the trend). */
  years: number[];
  /** Years with school statistics (evaluated in the district trend). */
  schoolYears: number[];
  locale: Locale;
  /** Offered pre-filled at sign-in: development only (the development secret); null otherwise. */
  developmentToken: string | null;
}

/** The page in `locale`; the nonce goes into the CSP header. */
export function overviewPage(o: OverviewOptions): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64');
  const L = o.locale;
  const w = (code: MessageCode) => escapeHtml(t(code, {} as never, L));
  const other: Locale = L === 'zh-CN' ? 'en' : 'zh-CN';
  const langLink = (locale: Locale) =>
    locale === L
      ? `<a href="?lang=${locale}" data-lang="${locale}" aria-current="true">${escapeHtml(t('PAGE_LANG_NAME', {}, locale))}</a>`
      : `<a href="?lang=${locale}" data-lang="${locale}" hreflang="${locale}">${escapeHtml(t('PAGE_LANG_NAME', {}, locale))}</a>`;
  // JSON inside <script>: "<" escaped so no text can close the element.
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="${L}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${w('PAGE_BRAND')} · ${w('PAGE_TITLE')}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body data-default-year="${Number(o.defaultYear)}" data-years="${escapeHtml(json(o.years))}" data-school-years="${escapeHtml(json(o.schoolYears))}" data-trend-fields="${escapeHtml(TREND_FIELDS)}" data-dev-token="${escapeHtml(o.developmentToken ?? '')}" data-state="loading">
<header>
  <h1><span class="brand">${w('PAGE_BRAND')}</span>${w('PAGE_TITLE')}</h1>
  <div class="controls">
    <label>${w('PAGE_YEAR')} <select id="year"></select></label>
    <span class="lang" aria-label="${w('PAGE_LANG_SWITCH')}">${langLink(L)} | ${langLink(other)}</span>
    <button type="button" id="signout" class="link" hidden>${w('PAGE_SIGN_OUT')}</button>
  </div>
</header>
<section id="signin" class="card" hidden>
  <h2>${w('PAGE_SIGN_IN_TITLE')}</h2>
  <p>${w('PAGE_SIGN_IN_HELP')}</p>
  <p id="signin-dev" class="muted" hidden>${w('PAGE_SIGN_IN_DEV')}</p>
  <form id="signin-form">
    <label for="token">${w('PAGE_TOKEN_LABEL')}</label>
    <input id="token" type="password" autocomplete="off" spellcheck="false">
    <p id="signin-error" class="error" role="alert"></p>
    <button type="submit">${w('PAGE_SIGN_IN_BUTTON')}</button>
  </form>
</section>
<main id="app" hidden>
  <p id="status" role="status"></p>
  <div id="city">
    <section class="card"><div id="cards" class="cards"></div></section>
    <div class="grid2">
      <section class="card">
        <h2>${w('PAGE_MAP_TITLE')} <span class="sub">${w('PAGE_MAP_HINT')}</span></h2>
        <div id="map" class="chart" role="img" aria-label="${w('PAGE_MAP_TITLE')}"></div>
        <div class="legend" id="map-legend"></div>
        <div class="zones"><span class="sub">${w('PAGE_MAP_ZONES')}</span><span id="zones" class="zones"></span></div>
      </section>
      <section class="card">
        <h2>${w('PAGE_PROGRESS_TITLE')} <span class="sub">${w('PAGE_PROGRESS_SUB')}</span></h2>
        <div id="progress-chart" class="chart" role="img" aria-label="${w('PAGE_PROGRESS_TITLE')}"></div>
      </section>
    </div>
    <section class="card">
      <h2>${w('PAGE_WARNINGS_TITLE')} (<span id="warnings-count">0</span>) <span class="sub">${w('NOTE_WARNINGS')}</span></h2>
      <ol id="warnings"></ol>
    </section>
    <section class="card" id="ledger">
      <h2>${w('SHEET_LEDGER')} <span class="sub">${w('PAGE_LEDGER_SUB')}</span></h2>
      <p id="ledger-summary"></p>
      <ol id="ledger-warnings"></ol>
    </section>
    <section class="card">
      <h2>${w('SHEET_DISTRICTS')} <span class="sub" id="city-xlsx"></span></h2>
      <table id="districts" class="stack">
        <thead><tr>
          <th>${w('COL_DISTRICT')}</th><th>${w('COL_PLANNED_YEAR')}</th><th>${w('COL_VERDICT')}</th><th>${w('COL_BLOCKERS')}</th>
          <th>${w('SHEET_FUNDING')}</th><th>${w('PAGE_COL_COST')}</th><th>${w('PAGE_REPORTS')}</th>
        </tr></thead>
        <tbody></tbody>
      </table>
    </section>
  </div>
  <div id="district" hidden>
    <p><a href="?" id="back">← ${w('PAGE_BACK')}</a></p>
    <section class="card">
      <h2 id="d-title"></h2>
      <div id="d-head"></div>
      <p class="links" id="d-links"></p>
    </section>
    <div class="grid2">
      <section class="card">
        <h2>${w('PAGE_BLOCKERS_TITLE')}</h2>
        <ul class="plain" id="d-blockers"></ul>
      </section>
      <section class="card">
        <h2 id="d-funding-title"></h2>
        <div id="d-funding"></div>
      </section>
    </div>
    <section class="card">
      <h2>${w('PAGE_SCHOOLS_TITLE')}</h2>
      <p id="d-schools-none" class="muted" hidden>${w('PAGE_SCHOOLS_NONE')}</p>
      <p id="d-costs-note" class="muted"></p>
      <table id="d-schools" class="stack">
        <thead><tr><th>${w('COL_SCHOOL')}</th><th>${w('COL_STAGE')}</th><th>${w('COL_INDICATORS_MET')}</th><th>${w('COL_SHORTFALLS')}</th></tr></thead>
        <tbody></tbody>
      </table>
    </section>
    <section class="card">
      <h2>${w('PAGE_TREND_TITLE')}</h2>
      <p id="d-pace" class="pace"></p>
      <div id="d-trend-verdicts" class="legend"></div>
      <div id="trend-chart" class="chart" role="img" aria-label="${w('PAGE_TREND_TITLE')}"></div>
    </section>
    <section class="card" id="d-ledger-card">
      <h2>${w('SHEET_LEDGER')}</h2>
      <p id="d-ledger-summary"></p>
      <table id="d-ledger" class="stack">
        <thead><tr><th>${w('COL_FINDING_NUMBER')}</th><th>${w('COL_SCHOOL')}</th><th>${w('COL_CODE')}</th><th>${w('COL_FINDING')}</th><th>${w('COL_STATE')}</th><th>${w('COL_DUE_ON')}</th></tr></thead>
        <tbody></tbody>
      </table>
      <p id="d-ledger-more" class="muted" hidden></p>
    </section>
  </div>
</main>
<footer>${w('PAGE_FOOTER')} · <a href="/graphql">/graphql</a></footer>
<script type="application/json" id="page-text" nonce="${nonce}">${json(pageTexts(L))}</script>
<script type="application/graphql" id="overview-query" nonce="${nonce}">${OVERVIEW_QUERY}</script>
<script type="application/graphql" id="district-query" nonce="${nonce}">${DISTRICT_QUERY}</script>
<script src="/assets/echarts.min.js" nonce="${nonce}"></script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
  return { html, nonce };
}
