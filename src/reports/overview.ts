/**
 * The overview page at `/` (全市概况 City overview): one server-rendered HTML document with an inline script that
 * reads the GraphQL API (POST /graphql, JSON, the viewer's token as `Authorization: Bearer` when one is entered)
 * and draws the certification-progress chart as inline SVG. No build step, no CDN: the hub serves everything.
 * The script is allowed by a per-response nonce in the Content-Security-Policy (see reports.router.ts).
 */
import { randomBytes } from 'node:crypto';

/** The page's one query: the city evaluation, certification progress, early warnings and funding checks of a year. */
export const OVERVIEW_QUERY = `query Overview($year: Int!) {
  cityEvaluation(year: $year) {
    qualifiedCount notQualifiedCount insufficientDataCount
    districts {
      districtCode verdict
      blockers { code status message }
      district { name plannedCertificationYear certified fundingChecks(fromYear: $year, toYear: $year) { totalCheck perStudentCheck } }
    }
  }
  certificationProgress(year: $year) {
    plannedYears { plannedYear plannedCount qualifiedOnDataCount certifiedCount }
    earlyWarnings { districtCode plannedCertificationYear verdict blockers { code message } district { name } }
  }
  cityFundingSummary(year: $year) {
    perStudentAverage districtsInAverage districtCount
    totalCheck { met violated noData } perStudentCheck { met violated noData }
  }
}`;

const STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --ok: #2f855a; --bad: #c53030; --nodata: #b7791f;
        --planned: #7b93b8; --certified: #9f7aea; --qualified: #38a169; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #243b53; color: #fff; padding: 14px 24px; display: flex; flex-wrap: wrap; gap: 16px; align-items: center; justify-content: space-between; }
header h1 { font-size: 20px; margin: 0; font-weight: 600; }
header h1 small { font-weight: 400; opacity: .8; margin-left: 8px; }
header form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
header input { font: inherit; padding: 4px 6px; border-radius: 4px; border: 1px solid #9fb3c8; }
header input#year { width: 80px; }
header button { font: inherit; padding: 4px 12px; border-radius: 4px; border: 0; background: #f0b429; color: #243b53; cursor: pointer; }
main { padding: 16px 24px 40px; max-width: 1280px; margin: 0 auto; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin-bottom: 16px; }
h2 { font-size: 16px; margin: 0 0 10px; }
h2 .en, th .en, .card .en { color: var(--muted); font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fff; }
.card b { display: block; font-size: 26px; }
.card.ok b { color: var(--ok); } .card.bad b { color: var(--bad); } .card.nodata b { color: var(--nodata); }
#status { color: var(--muted); margin: 0 0 12px; }
#status.error { color: var(--bad); font-weight: 600; }
#progress-chart { width: 100%; height: auto; display: block; }
#progress-chart text { font-size: 12px; fill: var(--ink); }
#progress-chart .axis { stroke: #9aa5b1; }
#progress-chart .grid { stroke: #eef2f6; }
#progress-chart .planned { fill: var(--planned); } #progress-chart .certified { fill: var(--certified); } #progress-chart .qualified { fill: var(--qualified); }
#progress-chart .current { fill: #fffbea; } #progress-chart text.muted { fill: var(--muted); font-size: 11px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; white-space: nowrap; border: 1px solid currentColor; }
.QUALIFIED, .MET { color: var(--ok); } .NOT_QUALIFIED, .NOT_MET, .VIOLATED { color: var(--bad); } .INSUFFICIENT_DATA, .NO_DATA { color: var(--nodata); }
.blockers { max-width: 380px; color: var(--muted); }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
@media (max-width: 1000px) { .row { grid-template-columns: minmax(0, 1fr); } }
#warnings { max-height: 330px; overflow-y: auto; margin: 0; padding-left: 28px; }
#warnings li { margin-bottom: 8px; }
#warnings .msg { color: var(--muted); font-size: 12px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
a { color: #2368a2; }
footer { color: var(--muted); font-size: 12px; text-align: center; }
`;

/**
 * The script, run in the browser. Plain JavaScript (no build step); text goes into the page only through
 * textContent and attributes, never as HTML.
 */
const SCRIPT = String.raw`
(function () {
  'use strict';
  var QUERY = document.getElementById('overview-query').textContent;
  var TOKEN_KEY = 'junheng.token';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var VERDICT = { QUALIFIED: '达标 Qualified', NOT_QUALIFIED: '未达标 Not qualified', INSUFFICIENT_DATA: '数据不足 Insufficient data' };
  var FUNDING = { MET: '未减少 met', VIOLATED: '减少 violated', NO_DATA: '无数据 no data' };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function badge(kind, label) { return el('span', { 'class': 'badge ' + kind }, label); }
  function token() { return (localStorage.getItem(TOKEN_KEY) || '').trim(); }
  function authHeaders(headers) {
    var t = token();
    if (t) headers.authorization = 'Bearer ' + t;
    return headers;
  }
  function setStatus(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  function graphql(query, variables) {
    return fetch('/graphql', { method: 'POST', headers: authHeaders({ 'content-type': 'application/json' }), body: JSON.stringify({ query: query, variables: variables }) })
      .then(function (res) {
        return res.json().catch(function () { throw new Error('HTTP ' + res.status); });
      })
      .then(function (body) {
        if (body.errors && body.errors.length) throw new Error(body.errors.map(function (e) { return e.message; }).join('; '));
        return body.data;
      });
  }

  /** "CV_R5, G05 ×3", at most 12 codes. */
  function blockerCodes(blockers) {
    var counts = {}; var order = [];
    blockers.forEach(function (b) { if (!counts[b.code]) { counts[b.code] = 0; order.push(b.code); } counts[b.code]++; });
    var shown = order.slice(0, 12).map(function (c) { return counts[c] > 1 ? c + ' ×' + counts[c] : c; }).join(', ');
    return order.length > 12 ? shown + ' … (+' + (order.length - 12) + ')' : shown;
  }
  /** The first messages, one per line, for a tooltip. */
  function blockerMessages(blockers) {
    return blockers.slice(0, 12).map(function (b) { return b.code + ': ' + b.message; }).join('\n') + (blockers.length > 12 ? '\n…' : '');
  }

  /** Downloads go through fetch when a token is set, so the report request carries it too. */
  function reportLink(href, label) {
    var a = el('a', { href: href }, label);
    a.addEventListener('click', function (event) {
      if (!token()) return;
      event.preventDefault();
      fetch(href, { headers: authHeaders({}) }).then(function (res) {
        if (!res.ok) throw new Error(href + ': HTTP ' + res.status);
        return res.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var tmp = el('a', { href: url, download: href.split('/').slice(-2).join('-') });
        document.body.appendChild(tmp); tmp.click(); tmp.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }).catch(function (e) { setStatus(e.message, true); });
    });
    return a;
  }

  function renderCards(city, funding) {
    var cards = $('cards');
    cards.textContent = '';
    function card(kind, zh, en, value, note) {
      cards.appendChild(el('div', { 'class': 'card ' + kind }, el('b', {}, value), zh + ' ', el('span', { 'class': 'en' }, en), note ? el('div', { 'class': 'en' }, note) : null));
    }
    card('ok', '达标', 'Qualified', city.qualifiedCount);
    card('bad', '未达标', 'Not qualified', city.notQualifiedCount);
    card('nodata', '数据不足', 'Insufficient data', city.insufficientDataCount);
    card(funding.totalCheck.violated + funding.perStudentCheck.violated > 0 ? 'bad' : 'ok', '经费减少', 'Funding decreased',
      funding.totalCheck.violated + ' / ' + funding.perStudentCheck.violated,
      '总量 total / 生均 per student; 无数据 no data ' + funding.totalCheck.noData + ' / ' + funding.perStudentCheck.noData);
    card('', '全市生均教育支出', 'City per-student expenditure', funding.perStudentAverage === null ? '—' : Number(funding.perStudentAverage).toLocaleString('zh-CN') + ' 元',
      funding.districtsInAverage + ' / ' + funding.districtCount + ' 区县 districts');
  }

  /** Grouped bars per planned year: planned, certified and qualified on the data, each cumulative. */
  function renderChart(plannedYears, year) {
    var chart = $('progress-chart');
    chart.textContent = '';
    var series = [
      { key: 'plannedCount', cls: 'planned', label: '计划 Planned' },
      { key: 'certifiedCount', cls: 'certified', label: '已认定 Certified' },
      { key: 'qualifiedOnDataCount', cls: 'qualified', label: '数据达标 Qualified on the data' },
    ];
    var totals = series.map(function () { return 0; });
    var points = plannedYears.map(function (p) {
      return { year: p.plannedYear, values: series.map(function (s, i) { return (totals[i] += p[s.key]); }) };
    });
    var W = 720, H = 320, left = 44, right = 16, top = 40, bottom = 40;
    var max = Math.max(1, totals[0]);
    var step = max <= 10 ? 2 : max <= 25 ? 5 : 10;
    var yMax = Math.ceil(max / step) * step;
    var plotW = W - left - right, plotH = H - top - bottom;
    function y(v) { return top + plotH - (v / yMax) * plotH; }
    chart.appendChild(svg('title', {}, '认定进度（累计） Certification progress, cumulative'));
    for (var t = 0; t <= yMax; t += step) {
      chart.appendChild(svg('line', { 'class': 'grid', x1: left, x2: W - right, y1: y(t), y2: y(t) }));
      chart.appendChild(svg('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, t));
    }
    var group = plannedYears.length ? plotW / plannedYears.length : plotW;
    var barW = Math.min(36, (group * 0.8) / series.length);
    points.forEach(function (p, gi) {
      var x0 = left + gi * group;
      if (p.year === year) {
        chart.appendChild(svg('rect', { 'class': 'current', x: x0, y: top, width: group, height: plotH }));
        chart.appendChild(svg('text', { x: x0 + group / 2, y: top + 14, 'text-anchor': 'middle', 'class': 'muted' }, '所选 selected'));
      }
      var start = x0 + (group - barW * series.length) / 2;
      p.values.forEach(function (v, si) {
        var x = start + si * barW;
        var bar = svg('rect', { 'class': 'bar ' + series[si].cls, x: x + 1, y: y(v), width: barW - 2, height: Math.max(0, y(0) - y(v)), 'data-year': p.year, 'data-value': v });
        bar.appendChild(svg('title', {}, p.year + ' ' + series[si].label + ': ' + v));
        chart.appendChild(bar);
        chart.appendChild(svg('text', { x: x + barW / 2, y: y(v) - 4, 'text-anchor': 'middle' }, v));
      });
      chart.appendChild(svg('text', { x: x0 + group / 2, y: H - bottom + 18, 'text-anchor': 'middle' }, p.year));
    });
    chart.appendChild(svg('line', { 'class': 'axis', x1: left, x2: W - right, y1: y(0), y2: y(0) }));
    chart.appendChild(svg('text', { x: left + plotW / 2, y: H - 6, 'text-anchor': 'middle' }, '计划认定年度 Planned certification year'));
    var lx = left;
    series.forEach(function (s) {
      chart.appendChild(svg('rect', { 'class': s.cls, x: lx, y: 10, width: 12, height: 12 }));
      var label = svg('text', { x: lx + 16, y: 20 }, s.label);
      chart.appendChild(label);
      lx += 16 + label.getComputedTextLength() + 24;
    });
    chart.setAttribute('data-rendered', String(points.length));
  }

  function renderWarnings(warnings, year) {
    var list = $('warnings');
    list.textContent = '';
    $('warnings-count').textContent = String(warnings.length);
    if (!warnings.length) { list.appendChild(el('li', {}, '无预警 No early warning for ' + year)); return; }
    warnings.forEach(function (w) {
      list.appendChild(el('li', { title: blockerMessages(w.blockers) },
        el('b', {}, w.district.name), ' (' + w.districtCode + ') · 计划 planned ' + w.plannedCertificationYear + ' · ',
        badge(w.verdict, VERDICT[w.verdict]), ' ', w.blockers.length + ' 项 items: ' + blockerCodes(w.blockers),
        el('span', { 'class': 'msg' }, w.blockers.map(function (b) { return b.message; }).slice(0, 3).join(' · '))));
    });
  }

  function renderTable(districts, year) {
    var body = $('districts').tBodies[0];
    body.textContent = '';
    districts.forEach(function (e) {
      var d = e.district;
      var check = d.fundingChecks[0] || { totalCheck: 'NO_DATA', perStudentCheck: 'NO_DATA' };
      var blockers = el('td', { 'class': 'blockers', title: blockerMessages(e.blockers) },
        e.blockers.length ? blockerCodes(e.blockers) : '—');
      var base = '/reports/evaluation/' + encodeURIComponent(e.districtCode) + '/' + year;
      body.appendChild(el('tr', { 'data-district': e.districtCode },
        el('td', {}, d.name, el('div', { 'class': 'en' }, e.districtCode)),
        el('td', { 'class': 'num' }, d.plannedCertificationYear, d.certified ? el('div', { 'class': 'en' }, '已认定 certified') : null),
        el('td', {}, badge(e.verdict, VERDICT[e.verdict])),
        blockers,
        el('td', {}, '总量 ', badge(check.totalCheck, FUNDING[check.totalCheck]), el('br'), '生均 ', badge(check.perStudentCheck, FUNDING[check.perStudentCheck])),
        el('td', {}, reportLink(base + '.xlsx', 'XLSX'), ' · ', reportLink(base + '/verdict.csv', 'CSV'))));
    });
  }

  function load(year) {
    document.body.setAttribute('data-state', 'loading');
    setStatus('加载中 Loading ' + year + ' …');
    $('city-xlsx').textContent = '';
    $('city-xlsx').appendChild(reportLink('/reports/city/' + year + '.xlsx', '全市报表 City report ' + year + ' (XLSX)'));
    return graphql(QUERY, { year: year }).then(function (data) {
      renderCards(data.cityEvaluation, data.cityFundingSummary);
      renderChart(data.certificationProgress.plannedYears, year);
      renderWarnings(data.certificationProgress.earlyWarnings, year);
      renderTable(data.cityEvaluation.districts, year);
      setStatus(year + ' 年 · ' + data.cityEvaluation.districts.length + ' 个区县 districts');
      document.body.setAttribute('data-state', 'ready');
    }).catch(function (e) {
      setStatus('无法加载 Could not load: ' + e.message, true);
      document.body.setAttribute('data-state', 'error');
    });
  }

  var params = new URLSearchParams(location.search);
  var initial = Number(params.get('year')) || Number(document.body.getAttribute('data-default-year'));
  $('year').value = String(initial);
  $('token').value = token();
  $('controls').addEventListener('submit', function (event) {
    event.preventDefault();
    var t = $('token').value.trim();
    if (t) localStorage.setItem(TOKEN_KEY, t); else localStorage.removeItem(TOKEN_KEY);
    var year = Number($('year').value);
    history.replaceState(null, '', '?year=' + year);
    load(year);
  });
  load(initial);
})();
`;

/** The page for a default year (the latest with school statistics); the nonce goes into the CSP header. */
export function overviewPage(defaultYear: number): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>均衡 Junheng · 全市概况 City overview</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body data-default-year="${Number(defaultYear)}" data-state="loading">
<header>
  <h1>均衡 Junheng · 全市概况<small>City overview</small></h1>
  <form id="controls">
    <label>年度 Year <input id="year" type="number" min="2000" max="2100" required></label>
    <label>访问令牌 Token <input id="token" type="password" autocomplete="off" placeholder="可选 optional"></label>
    <button type="submit">查看 Show</button>
  </form>
</header>
<main>
  <p id="status" role="status"></p>
  <section><div id="cards" class="cards"></div></section>
  <div class="row">
    <section>
      <h2>认定进度 <span class="en">Certification progress: planned vs qualified on the data, cumulative</span></h2>
      <svg id="progress-chart" viewBox="0 0 720 320" role="img" aria-label="认定进度 Certification progress"></svg>
    </section>
    <section>
      <h2>监测预警 <span class="en">Early warning (<span id="warnings-count">0</span>): planned by next year, not certified, not qualified on the data</span></h2>
      <ol id="warnings"></ol>
    </section>
  </div>
  <section>
    <h2>区县 <span class="en">Districts</span> · <span id="city-xlsx"></span></h2>
    <table id="districts">
      <thead><tr>
        <th>区县 <span class="en">District</span></th>
        <th>计划认定 <span class="en">Planned</span></th>
        <th>结论 <span class="en">Verdict</span></th>
        <th>问题 <span class="en">Blockers</span></th>
        <th>两个只增不减 <span class="en">Funding checks</span></th>
        <th>报告 <span class="en">Report</span></th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <footer>优质均衡督导评估 (教督〔2017〕6号) · 数据来自 GraphQL API <a href="/graphql">/graphql</a></footer>
</main>
<script type="application/graphql" id="overview-query" nonce="${nonce}">${OVERVIEW_QUERY}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
  return { html, nonce };
}
