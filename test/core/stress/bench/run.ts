// Prints the stress benchmark figures: `npx tsx test/core/stress/bench/run.ts [repeats]`.
import { benchCascade, benchMonteCarlo, stressBenchInput } from './stressBench';

const repeats = Number(process.argv[2] ?? 3);
const input = stressBenchInput();
console.log(`book: ${input.prepared.compiled.accounts.count} accounts, ${input.prepared.compiled.positions.count} positions, ${input.bench.optionSeries} option series; prepareStressBook ${input.prepareBookMs.toFixed(0)} ms`);
const mc = benchMonteCarlo(repeats, 10_000, input);
console.log(`${mc.name}: median ${mc.totalMs.toFixed(0)} ms (prepare ${mc.prepareMs.toFixed(0)}, accounts ${mc.accountsMs.toFixed(0)}, combine ${mc.combineMs.toFixed(0)}) — ${(mc.revaluationsPerSecond / 1e6).toFixed(1)} M position-scenario revaluations/s; target ${mc.targetMs} ms; peak RSS ${mc.peakRssMb.toFixed(0)} MB; hash ${mc.hash}`);
const c = benchCascade(repeats, input);
console.log(`${c.name}: ${c.rounds} rounds, ${c.accountsLiquidated} accounts liquidated, bad debt ${c.badDebtUsd.toFixed(0)} USD, conservation ${c.conservationHolds ? 'holds' : 'FAILS'} — median ${c.medianMs.toFixed(0)} ms; peak RSS ${c.peakRssMb.toFixed(0)} MB`);
