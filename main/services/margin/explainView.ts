import type { MarginExplain } from '../../core/margin/modelDispatch';

/** USD for reading (drivers): rounded to cents with thousands separators; exact amounts stay in components. */
const usd = (value: string | number): string => Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The common reading of each model's explain output: what drove the requirement (in words) and each
 * component with its amount in USD (decimal strings). The full model-specific detail travels alongside.
 */
export function explainComponents(e: MarginExplain): { drivers: string[]; components: { name: string; amountUsd: string; detail: string }[] } {
  switch (e.kind) {
    case 'tiered': {
      const components = e.positions.map((p) => ({
        name: `${p.instrumentId} MM`, amountUsd: p.maintenanceMarginUsd,
        detail: `bracket ${p.bracket.level} (notional ${p.notional} ${p.notionalUnit}, MMR ${p.bracket.maintenanceMarginRate}, maintenance amount ${p.bracket.maintenanceAmount}); IM ${p.initialMarginUsd} USD`,
      }));
      for (const c of e.collateral) components.push({ name: `collateral ${c.asset}`, amountUsd: c.valueUsd, detail: `${c.balance} × ${c.priceUsd} × (1 − haircut ${c.haircut})` });
      const drivers = e.positions.length
        ? [...e.positions].sort((a, b) => Number(b.maintenanceMarginUsd) - Number(a.maintenanceMarginUsd)).slice(0, 3)
          .map((p) => `${p.instrumentId}: bracket ${p.bracket.level}, MM ${usd(p.maintenanceMarginUsd)} USD`)
        : ['no delta-one positions'];
      for (const x of e.excluded) drivers.push(`${x.instrumentId} excluded: ${x.reason}`);
      return { drivers, components };
    }
    case 'scenarioGrid': {
      const components = e.riskUnits.flatMap((r) => [
        { name: `${r.underlying} scan risk`, amountUsd: r.scanRiskUsd, detail: `worst scenario ${r.worstScenario.label} (P&L ${usd(r.worstScenario.pnlUsd)} USD); extreme-move contribution ${r.extremeContributionUsd}` },
        { name: `${r.underlying} short-option contingency`, amountUsd: r.shortOptionContingencyUsd, detail: `${r.netShortOptions} net short options` },
        { name: `${r.underlying} offsetting-futures contingency`, amountUsd: r.offsettingFuturesContingencyUsd, detail: `offset notional ${r.offsetNotionalUsd} USD` },
        { name: `${r.underlying} short-option minimum`, amountUsd: r.shortOptionMinimumUsd, detail: `${r.shortOptionsForMinimum} short options; binding: ${r.binding}` },
      ]);
      for (const c of e.valuation.collateral) components.push({ name: `collateral ${c.asset}`, amountUsd: c.valueUsd, detail: `${c.balance} × ${c.priceUsd} × (1 − haircut ${c.haircut})` });
      const drivers = e.riskUnits.map((r) => `${r.underlying}: ${r.worstScenario.label} (MM ${usd(r.maintenanceMarginUsd)} USD, ${r.binding})`);
      return { drivers: drivers.length ? drivers : ['no positions'], components };
    }
    case 'historicalVar': {
      const components = [
        { name: 'base VaR/ES', amountUsd: e.components.baseMarginUsd, detail: `${e.scenarioCount} historical scenarios to ${e.asOf}; VaR ${e.valueAtRiskUsd}, ES ${e.expectedShortfallUsd}` },
        ...(e.components.stressedMarginUsd !== null ? [{ name: 'stressed-period margin', amountUsd: e.components.stressedMarginUsd, detail: 'anti-procyclicality: stressed weight' }] : []),
        ...(e.components.floorMarginUsd !== null ? [{ name: '10-year floor', amountUsd: e.components.floorMarginUsd, detail: 'anti-procyclicality: floor' }] : []),
        { name: 'APC buffer', amountUsd: e.components.bufferUsd, detail: 'anti-procyclicality: buffer' },
      ];
      for (const c of e.valuation.collateral) components.push({ name: `collateral ${c.asset}`, amountUsd: c.valueUsd, detail: `${c.balance} × ${c.priceUsd} × (1 − haircut ${c.haircut})` });
      const drivers = [
        `VaR between the scenarios of ${e.quantile.lower.date} and ${e.quantile.upper.date}`,
        ...e.worst.slice(0, 3).map((w) => `worst: ${w.date} (loss ${usd(w.lossUsd)} USD)`),
      ];
      return { drivers, components };
    }
    case 'parametricVar': {
      const components = e.assets.map((a) => ({ name: `${a.asset} contribution`, amountUsd: a.contributionUsd.toFixed(2), detail: `delta ${a.deltaUsd.toFixed(2)} USD, daily vol ${(a.dailyVol * 100).toFixed(3)} %` }));
      const drivers = [...e.assets].sort((a, b) => b.contributionUsd - a.contributionUsd).slice(0, 3).map((a) => `${a.asset}: ${usd(a.contributionUsd)} USD of VaR`);
      return { drivers: drivers.length ? drivers : ['no exposures'], components };
    }
  }
}
