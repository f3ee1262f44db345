/**
 * Malformed daily price files, one per kind of fault, each with the physical line the error must name.
 * Shared by the CLI exit-code test and the store-unchanged checks.
 */
const HEADER = 'date,open,high,low,close,volume';
const good = (date: string, close = '101'): string => `${date},100,110,90,${close},1000`;

export interface MalformedCase {
  name: string;
  text: string | Buffer;
  /** The line number the message must name (null for whole-file faults such as an empty file). */
  line: number | null;
  /** A fragment the message must contain (the offending value or reason). */
  mentions: string;
}

export const MALFORMED_CSV: MalformedCase[] = [
  { name: 'empty file', text: '', line: null, mentions: 'empty' },
  { name: 'header only', text: `${HEADER}\n`, line: null, mentions: 'no' },
  { name: 'unknown header', text: 'when,price\n2024-01-01,5\n', line: 1, mentions: 'when' },
  { name: 'bad calendar date', text: `${HEADER}\n${good('2024-01-01')}\n${good('2024-02-30')}\n`, line: 3, mentions: '2024-02-30' },
  { name: 'date is a word', text: `${HEADER}\n${good('yesterday')}\n`, line: 2, mentions: 'yesterday' },
  { name: 'date before Bitcoin', text: `${HEADER}\n${good('1999-01-01')}\n`, line: 2, mentions: '1999-01-01' },
  { name: 'non-numeric close', text: `${HEADER}\n${good('2024-01-01')}\n2024-01-02,100,110,90,abc,1000\n`, line: 3, mentions: 'abc' },
  { name: 'NaN price', text: `${HEADER}\n2024-01-01,NaN,110,90,100,1000\n`, line: 2, mentions: 'NaN' },
  { name: 'Infinity price', text: `${HEADER}\n2024-01-01,100,Infinity,90,100,1000\n`, line: 2, mentions: 'Infinity' },
  { name: 'overflowing 1e309', text: `${HEADER}\n2024-01-01,100,1e309,90,100,1000\n`, line: 2, mentions: '1e309' },
  { name: 'zero price', text: `${HEADER}\n${good('2024-01-01')}\n2024-01-02,100,110,90,0,1000\n`, line: 3, mentions: '"0"' },
  { name: 'negative price', text: `${HEADER}\n2024-01-01,-5,110,90,100,1000\n`, line: 2, mentions: '-5' },
  { name: 'high below low', text: `${HEADER}\n2024-01-01,100,80,90,85,1000\n`, line: 2, mentions: '80' },
  { name: 'negative volume', text: `${HEADER}\n2024-01-01,100,110,90,100,-1\n`, line: 2, mentions: '-1' },
  { name: 'duplicate date', text: `${HEADER}\n${good('2024-01-01')}\n${good('2024-01-02')}\n${good('2024-01-02')}\n`, line: 4, mentions: '2024-01-02' },
  { name: 'mixed order', text: `${HEADER}\n${good('2024-01-01')}\n${good('2024-01-03')}\n${good('2024-01-02')}\n`, line: 4, mentions: '2024-01-02' },
  { name: 'wrong column count', text: `${HEADER}\n${good('2024-01-01')}\n2024-01-02,100,110,90\n`, line: 3, mentions: 'column' },
  { name: 'truncated last line', text: `${HEADER}\n${good('2024-01-01')}\n2024-01-02,100,11`, line: 3, mentions: '2024-01-02' },
  { name: 'mixed delimiters', text: `${HEADER}\n${good('2024-01-01')}\n2024-01-02;100;110;90;101;1000\n`, line: 3, mentions: ';' },
  { name: 'huge field', text: `${HEADER}\n2024-01-01,100,110,90,${'9'.repeat(5000)},1000\n`, line: 2, mentions: 'close' },
  { name: 'binary / not UTF-8', text: Buffer.from([0x64, 0x61, 0x74, 0x65, 0x0a, 0xff, 0xfe, 0x00, 0x01, 0x02, 0x0a]), line: null, mentions: 'UTF-8' },
];
