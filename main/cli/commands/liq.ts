import { parseDec, type Dec } from '../../core/money/decimal';
import { InputError } from '../../core/errors';
import { singlePositionLiquidation } from '../../core/margin/singlePosition';
import type { Command, ParsedCommandArgs } from '../command';
import { enumFlag, requiredString, stringFlag } from '../flags';

const decFlag = (args: ParsedCommandArgs, name: string, fallback?: string): Dec => {
  const raw = fallback === undefined ? requiredString(args, name) : stringFlag(args, name) ?? fallback;
  try {
    return parseDec(raw, `--${name}`);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
};

/** `mwb liq`: liquidation / bankruptcy price, IM and MM of one isolated position (settlement money: decimal strings). */
export const liq: Command = {
  path: ['liq'],
  summary: 'Liquidation and bankruptcy price, initial and maintenance margin of one position',
  usage: 'mwb liq --side long|short --qty Q --entry P --leverage L --mmr M [--maint-amount C] [--contract linear|inverse] [--convention mark|entry] [--wallet W] [--json]',
  options: {
    side: { type: 'string' }, qty: { type: 'string' }, entry: { type: 'string' }, leverage: { type: 'string' }, mmr: { type: 'string' },
    'maint-amount': { type: 'string' }, contract: { type: 'string' }, convention: { type: 'string' }, wallet: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(_ctx, args) {
    const wallet = stringFlag(args, 'wallet');
    const r = singlePositionLiquidation({
      side: enumFlag(args, 'side', ['long', 'short'] as const),
      quantity: decFlag(args, 'qty'),
      entryPrice: decFlag(args, 'entry'),
      leverage: decFlag(args, 'leverage'),
      maintenanceMarginRate: decFlag(args, 'mmr'),
      maintenanceAmount: decFlag(args, 'maint-amount', '0'),
      contract: enumFlag(args, 'contract', ['linear', 'inverse'] as const, 'linear'),
      convention: enumFlag(args, 'convention', ['mark', 'entry'] as const, 'mark') === 'mark' ? 'markPrice' : 'entryPrice',
      ...(wallet !== undefined ? { walletBalance: decFlag(args, 'wallet') } : {}),
    });
    return {
      liquidationPrice: r.liquidationPrice?.toString() ?? null,
      bankruptcyPrice: r.bankruptcyPrice?.toString() ?? null,
      initialMargin: r.initialMargin.toString(),
      maintenanceMargin: r.maintenanceMargin.toString(),
      walletBalance: r.walletBalance.toString(),
      settlementUnit: r.settlementUnit,
    };
  },
};
