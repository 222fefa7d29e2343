#!/usr/bin/env node
// Turns the JSON of `node bench/run.mjs --json FILE` into the markdown tables of docs/benchmarks.md.
//   node bench/report.mjs FILE
import * as fs from 'node:fs';

const data = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const f = (x) => (x === null || x === undefined ? '—' : String(x));
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '—');
const targets = ['koers', 'hocuspocus', 'relay'];
const out = [];
out.push(`Run ${data.date}, node ${data.node}${data.quick ? ' (quick)' : ''}.`, '');
out.push(
  '| scenario | target | e2e p50 / p99 ms | ack p50 / p99 ms | throughput | converged | server CPU % | server RSS MiB | load generator | load avg |',
);
out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of data.results) {
  for (const t of targets) {
    const r = row.results[t];
    if (!r) continue;
    if (r.error) {
      out.push(`| ${row.scenario} | ${t} | error: ${r.error.split('\n')[0]} | | | | | | | |`);
      continue;
    }
    if (r.skipped || r.loads) continue;
    const tput =
      r.ackedPerS !== undefined
        ? `${r.ackedPerS} acked/s, ${r.deliveredPerS} delivered/s`
        : `${r.sendRatePerS}/${r.intendedRatePerS} sent/s`;
    const conv = `${r.convergence.converged ? 'yes' : `**no** (within ${r.convergence.afterMs} ms)`}${r.lateJoinerMatches === true ? ', late joiner equal' : r.lateJoinerMatches === false ? ', **late joiner differs**' : ''}`;
    const cpu = `${f(r.server?.cpuPct)}${r.server?.pgCpuPct !== null && r.server?.pgCpuPct !== undefined ? ` (+${r.server.pgCpuPct} pg)` : ''}`;
    const lg = `${r.loadgen.cpuPct}% CPU, loop p99 ${r.loadgen.loopDelayP99Ms} ms${r.loadgen.saturated ? ` — ${r.loadgen.saturated}` : ''}`;
    out.push(
      `| ${row.scenario} | ${t} | ${f(r.e2e.p50)} / ${f(r.e2e.p99)} | ${f(r.ack.p50)} / ${f(r.ack.p99)}${r.ackFailed ? ` (${r.ackFailed} failed)` : ''} | ${tput} | ${conv} | ${cpu} | ${f(r.server?.rssMiB)} (peak ${f(r.peakRssMiB)}) | ${lg} | ${r.loadAverage} |`,
    );
  }
}
out.push('', '| scenario | koers / hocuspocus | koers / relay |', '| --- | --- | --- |');
for (const row of data.results) {
  const k = row.results.koers;
  const h = row.results.hocuspocus;
  const r = row.results.relay;
  if (!k?.e2e) continue;
  const line = (o) =>
    o?.e2e
      ? `e2e p99 ${ratio(k.e2e.p99, o.e2e.p99)}, ack p99 ${ratio(k.ack.p99, o.ack.p99)}, CPU ${ratio(k.server?.cpuPct, o.server?.cpuPct)}, RSS ${ratio(k.server?.rssMiB, o.server?.rssMiB)}${k.ackedPerS ? `, acked/s ${ratio(k.ackedPerS, o.ackedPerS)}, delivered/s ${ratio(k.deliveredPerS, o.deliveredPerS)}` : ''}`
      : '—';
  out.push(`| ${row.scenario} | ${line(h)} | ${line(r)} |`);
}
for (const row of data.results) {
  if (!Object.values(row.results).some((r) => r?.loads || r?.skipped)) continue;
  out.push('', `**${row.scenario}**`, '');
  for (const t of targets) {
    const r = row.results[t];
    if (!r) continue;
    if (r.skipped) {
      out.push(`- ${t}: n/a — ${r.skipped}`);
      continue;
    }
    if (r.error) {
      out.push(`- ${t}: error ${r.error.split('\n')[0]}`);
      continue;
    }
    out.push(
      `- ${t}: wrote ${r.updates} updates (${r.writers} writers) in ${r.writeMs} ms, ${r.writeFailed} failed, converged ${r.convergence?.converged}${r.dbAfterWrite ? `; database after writing: ${r.dbAfterWrite.logRows} log rows, snapshot ${r.dbAfterWrite.snapshotBytes} B` : ''}`,
    );
    for (const l of r.loads)
      out.push(
        `  - ${l.label}: join+sync **${f(l.joinSyncMs)} ms**, connect+join+sync ${l.connectJoinSyncMs} ms, full state ${l.complete ? 'yes' : '**no**'}`,
      );
  }
}
console.log(out.join('\n'));
