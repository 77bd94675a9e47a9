// Per-unit tables from the seeds' text: every cell against the golden tables, and every identity
// the document breaks reported.
import { describe, expect, it } from 'vitest';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { compareTables } from './golden-compare.js';
import { spaceAlignedPages } from './table-layouts.js';
import { seedText } from '../samples/seeds.js';
import { golden } from './seeds.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { tableCells } from '../extractors/tables/cells.js';
import { newUnitRegistry } from '../pipeline/store-batch.js';
import { alignedRows } from '../extractors/tables/aligned.js';
import { mendLostDecimals } from '../extractors/tables/decimals.js';

const tablesOf = (seed: string, units = new UnitRegistry()) =>
  extractTables(findTextGrids([{ page: 1, text: seedText(seed) }]), 2020, units);

describe('tables from text', () => {
  it.each(['003', '004'])('seed %s: every cell, label and parent as in the golden tables', (seed) => {
    const { tables } = tablesOf(seed);
    const result = compareTables(tables, golden(seed).tables);
    console.log(`tables ${seed}: ${result.exactCells}/${result.cells} cells, ${result.exactLabels}/${result.labels} rows exact`);
    expect(result.wrong).toEqual([]);
    expect(tables).toHaveLength(golden(seed).tables.length);
  });

  it.each(['003', '004'])('seed %s laid out with spaces (pdftotext -layout) and broken over pages: the same cells', (seed) => {
    const pages = spaceAlignedPages(seedText(seed));
    expect(pages.length).toBeGreaterThan(1);
    const { tables } = extractTables(findTextGrids(pages), 2020, new UnitRegistry());
    const result = compareTables(tables, golden(seed).tables);
    expect(result.wrong).toEqual([]);
  });

  it("checks every row and column of 003 and reports the identities it breaks, keeping the printed values", () => {
    const { tables, warnings } = tablesOf('003');
    const [achieved, allocation] = tables;
    const failed = (table: typeof achieved) => table!.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.row}`);
    // as printed: the month columns T4–T10 and T12 of the 2020 results do not add up to the total row
    expect(failed(achieved)).toEqual(['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T12'].map((m) => `column_sum ${m}`));
    expect(failed(allocation)).toEqual([]);
    // every row with a total is checked (a company's sub-rows count towards it), every column, every rate
    expect(achieved!.checks.filter((c) => c.kind === 'row_sum')).toHaveLength(achieved!.rows.filter((r) => r.cells.total !== null).length);
    expect(achieved!.checks.filter((c) => c.kind === 'column_sum')).toHaveLength(14);
    expect(achieved!.checks.filter((c) => c.kind === 'percent')).toHaveLength(
      achieved!.rows.filter((r) => r.cells.percent !== null && r.cells.target !== null && r.cells.total !== null).length,
    );
    expect(warnings.filter((w) => w.code === 'table_check_failed')).toHaveLength(8);
    expect(achieved!.rows.at(-1)!.cells.T4).toBe(1704);
  });

  it('proposes the one-digit correction that mends both a row and a column, and keeps the printed value', () => {
    // 61 printed where 81 makes both Huyện B's total (191) and T2's total (101) add up
    const text = ['Kết quả năm 2023', 'STT\tĐơn vị\tTháng 1\tTháng 2\tTổng cộng', '1\tHuyện A\t10\t20\t30', '2\tHuyện B\t110\t61\t191', '\tTổng cộng\t120\t101\t221'].join('\n');
    const { tables, warnings } = extractTables(findTextGrids([{ page: 1, text }]), null, new UnitRegistry());
    expect(tables[0]!.rows[1]!.cells.T2).toBe(61);
    expect(tables[0]!.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.row}`)).toEqual(['row_sum Huyện B', 'column_sum T2']);
    const suspects = warnings.filter((w) => w.code === 'table_cell_suspect');
    expect(suspects).toHaveLength(1);
    expect(suspects[0]!.message).toContain('nếu là 81');
  });

  describe('a number OCR read with one character too many, mended where the sums show it', () => {
    // units' targets 9.000 + 8.811 = 17.811; months add up to each row's total
    const table = (total: string, first = '9.000') =>
      [
        'Kết quả năm 2023',
        'STT\tĐơn vị\tChỉ tiêu\tTháng 1\tTháng 2\tTổng cộng',
        `1\tHuyện A\t${first}\t4.000\t5.000\t9.000`,
        '2\tHuyện B\t8.811\t4.411\t4.400\t8.811',
        `\tTổng cộng\t${total}\t8.411\t9.400\t17.811`,
      ].join('\n');
    const read = (text: string) => extractTables(findTextGrids([{ page: 1, text }]), null, new UnitRegistry());

    it.each([
      ['a thousands dot read as a digit', '176811'],
      ['a ruled line read as a 1', '117.811'],
      ['a digit read twice (then a decimal)', '17.8111'],
    ])('%s: %s → 17.811, said in a warning', (_, total) => {
      const { tables, warnings } = read(table(total));
      expect(tables[0]!.rows.at(-1)!.cells.target).toBe(17811);
      expect(tables[0]!.checks.every((c) => c.ok)).toBe(true);
      const mended = warnings.filter((w) => w.code === 'table_cell_mended');
      expect(mended).toHaveLength(1);
      expect(mended[0]!.message).toContain(`“${total}”`);
      expect(warnings.filter((w) => w.code === 'table_check_failed')).toEqual([]);
    });

    it('a unit’s cell: the total it would break stays, the misread cell is mended', () => {
      const { tables } = read(table('17.811', '90.000'));
      expect(tables[0]!.rows[0]!.cells.target).toBe(9000);
    });

    it('no shorter reading that adds up: the value stays as read and the check fails', () => {
      const { tables, warnings } = read(table('18.811'));
      expect(tables[0]!.rows.at(-1)!.cells.target).toBe(18811);
      expect(warnings.filter((w) => w.code === 'table_cell_mended')).toEqual([]);
      expect(warnings.filter((w) => w.code === 'table_check_failed')).toHaveLength(1);
    });

    it('two cells that could each be the misread one: neither is changed', () => {
      // 100 + 100 printed over a total of 110: either unit's 100 read for 10 would explain it
      const text = ['Kết quả năm 2023', 'STT\tĐơn vị\tChỉ tiêu', '1\tHuyện A\t100', '2\tHuyện B\t100', '\tTổng cộng\t110'].join('\n');
      const { tables, warnings } = read(text);
      expect(tables[0]!.rows.map((r) => r.cells.target)).toEqual([100, 100, 110]);
      expect(warnings.filter((w) => w.code === 'table_cell_mended')).toEqual([]);
    });
  });

  it('reads a table without row numbers or totals, space-free labels and a month heading over numbers', () => {
    const text = ['Bảng 2. Kết quả hiến máu năm 2023', 'Đơn vị\tTháng\t\t', '\t1\t2\t3', 'Huyện A\t10\t20\t30', 'Huyện B\t1.200\t\t5', 'Cộng\t1.210\t20\t35'].join('\n');
    const { tables, warnings } = extractTables(findTextGrids([{ page: 1, text }]), null, new UnitRegistry());
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table).toMatchObject({ title: 'Kết quả hiến máu năm 2023', year: 2023, kind: 'achieved', columns: ['T1', 'T2', 'T3'] });
    expect(table!.rows.map((r) => r.cells)).toEqual([
      { T1: 10, T2: 20, T3: 30 },
      { T1: 1200, T2: null, T3: 5 },
      { T1: 1210, T2: 20, T3: 35 },
    ]);
    expect(table!.checks.every((c) => c.ok)).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe('unit registry', () => {
  // 004 (summer 2020 campaign targets) and 003 (2020 results, 2021 allocation) into one registry
  const units = newUnitRegistry();
  const summer = tablesOf('004', units).tables;
  const report = tablesOf('003', units).tables;
  const cells = [...summer, ...report].flatMap((table) => tableCells(table, units));

  it("answers for one unit with its 2020 results, its 2021 target and its 2020 summer target", () => {
    const rachGia = units.resolve('Thành phố Rạch Giá')!;
    expect(units.resolve('BCĐ. TP. Rạch Giá')).toBe(rachGia);
    const mine = cells.filter((cell) => cell.unit === rachGia.id);
    const pick = (kind: string, year: number, column: string) => mine.filter((c) => c.kind === kind && c.year === year && c.column === column).map((c) => c.value);
    expect(pick('achieved', 2020, 'total')).toEqual([1202]);
    expect(pick('allocation', 2021, 'target')).toEqual([1057]);
    expect(pick('target', 2020, 'T6')).toEqual([350]);
  });

  it('gives every unit of the three tables one registry entry, as the golden scopes do', () => {
    const rows = [...summer, ...report].flatMap((table) => table.rows);
    const expected = ['004', '003'].flatMap((seed) => golden(seed).tables.flatMap((table) => table.rows));
    // the same golden unit is always the same registry unit, and two golden units never share one
    const byGolden = new Map<string, Set<number | null>>();
    const byUnit = new Map<number, Set<string | null>>();
    rows.forEach((row, i) => {
      const id = units.resolve(row.label)?.id ?? null;
      const scope = expected[i]!.scope;
      if (scope !== null) byGolden.set(scope, (byGolden.get(scope) ?? new Set()).add(id));
      if (id !== null) byUnit.set(id, (byUnit.get(id) ?? new Set()).add(scope));
    });
    expect([...byGolden].filter(([, ids]) => ids.size > 1 || ids.has(null))).toEqual([]);
    expect([...byUnit].filter(([, scopes]) => scopes.size > 1 || scopes.has(null))).toEqual([]);
    const named = rows.filter((row, i) => units.resolve(row.label)?.name === expected[i]!.scope).length;
    console.log(`unit names as the golden scopes: ${named}/${rows.length}`);
  });

  it('keeps an unknown unit as a new one and names no unit for totals and categories', () => {
    const registry = new UnitRegistry();
    const giang = registry.resolve('Trường Cao đẳng Kiên Giang')!;
    expect(registry.resolve('Trường Đại học Kiên Giang')).not.toBe(giang);
    expect(registry.resolve('Trường Cao đẳng Y tế')).not.toBe(giang);
    expect(registry.resolve('Công ty Xây dựng Hòa Bình')).toBe(registry.resolve('Tập đoàn xây dựng Hòa Bình'));
    expect(registry.resolve('Cty Cổ phần Vinpearl - Kiên Giang')).toBe(registry.resolve('Công ty cổ phần Vinpearl chi nhánh Kiên Giang'));
    expect(registry.resolve('Vinmart')).not.toBe(registry.resolve('Công ty cổ phần Vinpearl chi nhánh Kiên Giang'));
    for (const label of ['Tổng cộng', 'Cộng', 'Khách vãn lai', 'Tiểu cầu']) expect(registry.resolve(label)).toBeNull();
    expect(registry.resolve('Cà Mau')?.name).toBe('Tỉnh Cà Mau');
    expect(registry.resolve('BCb. huyện Giồng Riêng')?.name).toBe('Huyện Giồng Riềng');
  });
});

// A statistical yearbook's layout (the numbers made up for the test, consistent by construction):
// a bilingual header, the total first with its second-language line, groups with Roman numerals
// whose numbered members follow them, decimal commas and thousands dots, a column that does not add up.
const YEARBOOK = [
  'Biểu 11. Diện tích, dân số và mật độ dân số năm 2016 phân theo huyện/thành phố',
  '\tDiện tích\tDân số trung bình\tMật độ dân số',
  '\t(Km2)\t(Người)\t(Người/km2)',
  'TỔNG SỐ -\t5.150,00\t1.250.000\t243',
  'TOTAL',
  'I. Khu vực đồng bằng -\t1.890,00\t1.010.000\t534',
  'Plain districts',
  '1. TP. Quảng Ngãi\t150,00\t250.000\t1.667',
  '2. Huyện Bình Sơn\t460,00\t180.000\t391',
  '3. Huyện Sơn Tịnh\t1.280,00\t580.000\t453',
  'II. Khu vực miền núi -\t3.260,00\t240.000\t74',
  'Mountain districts',
  '4. Huyện Trà Bồng\t420,00\t32.000\t76',
  '5. Huyện Ba Tơ\t2.840,00\t208.000\t73',
].join('\n');

describe('tables of statistical yearbooks and reports', () => {
  const read = (text: string) => extractTables(findTextGrids([{ page: 1, text }]), 2016, new UnitRegistry());

  it('reads to the last row: groups and their members, the total, second-language lines left out', () => {
    const { tables, warnings } = read(YEARBOOK);
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows.map((row) => [row.label, row.parent, row.cells['Diện tích (Km2)'], row.cells['Dân số trung bình (Người)']]);
    expect(rows).toEqual([
      ['TỔNG SỐ', null, 5150, 1250000],
      ['Khu vực đồng bằng', null, 1890, 1010000],
      ['TP. Quảng Ngãi', 'Khu vực đồng bằng', 150, 250000],
      ['Huyện Bình Sơn', 'Khu vực đồng bằng', 460, 180000],
      ['Huyện Sơn Tịnh', 'Khu vực đồng bằng', 1280, 580000],
      ['Khu vực miền núi', null, 3260, 240000],
      ['Huyện Trà Bồng', 'Khu vực miền núi', 420, 32000],
      ['Huyện Ba Tơ', 'Khu vực miền núi', 2840, 208000],
    ]);
    // members add up to their group and groups to the total; the density is no sum
    const checks = tables[0]!.checks;
    expect(checks.filter((c) => c.kind === 'column_sum')).toHaveLength(6);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('says a table may be cut short when its rows fall short of the total in every column', () => {
    const cut = YEARBOOK.split('\n').slice(0, 9).join('\n');
    const { warnings } = read(cut);
    expect(warnings.map((w) => w.code)).toContain('table_incomplete');
    // a wrong printed figure is no missing row
    const wrong = YEARBOOK.replace('1.280,00', '1.290,00');
    expect(read(wrong).warnings.map((w) => w.code)).not.toContain('table_incomplete');
  });
});

// made-up numbers, consistent by construction; layouts as text layers give them
describe('headers and rows a text layer breaks', () => {
  const read = (lines: string[]) => extractTables(findTextGrids([{ page: 1, text: lines.join('\n') }]), 2023, new UnitRegistry());

  it('puts a lower header row printed from the first column under the heading it belongs to', () => {
    const { tables } = read([
      'Biểu 4. Số đơn vị máu tiếp nhận theo quý năm 2023',
      'Đơn vị tính: đơn vị máu',
      'STT\tĐơn vị\tKế hoạch năm 2023\tThực hiện theo quý\tCả năm\tTỷ lệ %',
      'Quý I\tQuý II\tQuý III\tQuý IV',
      '1\tHuyện A\t1.000\t200\t300\t250\t250\t1.000\t100,0',
      '2\tHuyện B\t500\t100\t100\t150\t100\t450\t90,0',
      '\tTổng cộng\t1.500\t300\t400\t400\t350\t1.450\t96,7',
    ]);
    const [table] = tables;
    expect(table!.title).toBe('Số đơn vị máu tiếp nhận theo quý năm 2023');
    expect(table!.columns).toEqual(['target', 'Q1', 'Q2', 'Q3', 'Q4', 'total', 'percent']);
    expect(table!.rows[1]!.cells).toEqual({ target: 500, Q1: 100, Q2: 100, Q3: 150, Q4: 100, total: 450, percent: 90 });
    expect(table!.checks.every((c) => c.ok)).toBe(true);
  });

  it('spans the heading whose words the sub-headings repeat, and the one whose parts never exceed its total', () => {
    const { tables } = read([
      'Dân số trung bình năm 2023 phân theo huyện',
      '\tTổng số\tPhân theo giới tính\tPhân theo thành thị, nông thôn',
      'Nam\tNữ\tThành thị\tNông thôn',
      'Huyện A\t100\t48\t52\t30\t70',
      'Huyện B\t60\t30\t30\t10\t50',
    ]);
    expect(tables[0]!.columns).toEqual(['total', 'Phân theo giới tính Nam', 'Phân theo giới tính Nữ', 'Phân theo thành thị, nông thôn Thành thị', 'Phân theo thành thị, nông thôn Nông thôn']);
    const budget = read([
      'Thu ngân sách năm 2023',
      'STT\tĐơn vị\tDự toán năm 2023\tThực hiện năm 2023',
      'Tổng số\tTrong đó: Thu tiền sử dụng đất',
      '1\tHuyện A\t900\t1.000\t400',
      '2\tHuyện B\t500\t450\t100',
    ]).tables[0]!;
    expect(budget.columns).toEqual(['target', 'total', 'Trong đó: Thu tiền sử dụng đất']);
    expect(budget.rows[0]!.cells).toEqual({ target: 900, total: 1000, 'Trong đó: Thu tiền sử dụng đất': 400 });
  });

  it('reads a series of years under "Năm" as years, the table\'s own year among them', () => {
    const { tables } = read([
      'Biểu 12. Diện tích lúa giai đoạn 2021 - 2023',
      'Đơn vị tính: ha',
      'Đơn vị\tNăm',
      '2021\t2022\t2023',
      'Tổng số\t30,5\t31,0\t29,5',
      '1. Huyện A\t10,5\t11,0\t9,5',
      '2. Huyện B\t20,0\t20,0\t20,0',
    ]);
    expect(tables[0]!.columns).toEqual(['2021', '2022', '2023']);
    expect(tables[0]!.rows.map((row) => row.label)).toEqual(['Tổng số', 'Huyện A', 'Huyện B']);
    expect(tables[0]!.checks.every((c) => c.ok)).toBe(true);
  });

  it('joins a name broken over two lines, before or after its numbers, and leaves out its English line', () => {
    const { tables } = read([
      'STT\tĐơn vị\tSố xã\tSố xã có bác sĩ\tTỷ lệ (%)',
      '1\tHuyện Đức',
      'Thọ\t16\t16\t100,0',
      '2\tHuyện Cẩm\t20\t15\t75,0',
      'Xuyên',
      '\tTỔNG SỐ\t36\t31\t86,1',
      'TOTAL',
    ]);
    expect(tables[0]!.rows.map((row) => [row.label, row.cells['Số xã']])).toEqual([
      ['Huyện Đức Thọ', 16],
      ['Huyện Cẩm Xuyên', 20],
      ['TỔNG SỐ', 36],
    ]);
  });

  it('counts a town listed under its district as part of it when the total says so', () => {
    const { tables } = read([
      'Dân số năm 2023 phân theo huyện',
      'Đơn vị\tDân số\tThành thị',
      'Tổng số\t300\t50',
      'Huyện A\t200\t40',
      'Thị trấn X\t40\t40',
      'Huyện B\t100\t10',
    ]);
    const table = tables[0]!;
    expect(table.rows.map((row) => row.parent)).toEqual([null, null, 'Huyện A', null]);
    expect(table.checks.filter((c) => c.kind === 'column_sum').map((c) => [c.expected, c.ok])).toEqual([
      [300, true],
      [50, true],
    ]);
  });
});

describe('numbers OCR damaged in a table', () => {
  it('cuts numbers run together across columns where the columns part', () => {
    const columns = [
      { start: 0, end: 100 },
      { start: 220, end: 300 },
      { start: 360, end: 440 },
      { start: 500, end: 560 },
    ];
    const line = [
      { text: 'Huyện A', start: 0, end: 90 },
      { text: '857.713872.000', start: 216, end: 440 },
      { text: '100,1', start: 500, end: 560 },
    ];
    expect(alignedRows([line], columns)).toEqual([['Huyện A', '857.713', '872.000', '100,1']]);
  });

  it('puts back a decimal comma OCR dropped where the column prints one count of decimals', () => {
    const grid = [
      ['STT', 'Đơn vị', 'Diện tích (ha)', 'Số hộ'],
      ['1', 'Xã A', '1.086,8', '1200'],
      ['2', 'Xã B', '3125', '950'],
      ['3', 'Xã C', '1.4544', '1.020'],
      ['4', 'Xã D', '41,8', '87'],
    ];
    expect(mendLostDecimals(grid).map((row) => row.slice(2))).toEqual([
      ['Diện tích (ha)', 'Số hộ'],
      ['1.086,8', '1200'],
      ['312,5', '950'],
      ['1.454,4', '1.020'],
      ['41,8', '87'],
    ]);
  });
});
