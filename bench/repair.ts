// Repair throughput on one core: seed 000 stripped of its diacritics (the model never saw it),
// repaired repeatedly, in syllables per second against the aim of 100,000; and the time to
// load the shipped model, against the aim of under one second.
import { foldDiacritics } from '../pipeline/vietnamese.js';
import { WORD } from '../repair/lm-tokens.js';
import { defaultRepairer } from '../repair/model.js';
import { seedText } from '../repair/training-texts.js';

const AIM_SYLLABLES_PER_S = 100_000;
const ROUNDS = 10;

export function benchRepair(): void {
  let started = performance.now();
  const repairer = defaultRepairer();
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(`repair  nạp mô hình: ${loadSeconds.toFixed(2)} s (mục tiêu < 1 s)`);

  const stripped = foldDiacritics(seedText('000'));
  const syllables = (stripped.match(WORD) ?? []).length;
  repairer.repair(stripped); // warm up: caches and compiled code, as in a long-running worker
  started = performance.now();
  for (let round = 0; round < ROUNDS; round++) repairer.repair(stripped);
  const perSecond = (syllables * ROUNDS) / ((performance.now() - started) / 1000);
  console.log(
    `repair  văn bản mất dấu: ${Math.round(perSecond).toLocaleString('vi-VN')} âm tiết/giây trên một lõi (mục tiêu ${AIM_SYLLABLES_PER_S.toLocaleString('vi-VN')}: ${(perSecond / AIM_SYLLABLES_PER_S).toFixed(2)}×)`,
  );
  const garbled = seedText('002');
  started = performance.now();
  repairer.repair(garbled);
  const garbledPerSecond = (garbled.match(WORD) ?? []).length / ((performance.now() - started) / 1000);
  console.log(`repair  lớp chữ OCR hỏng (002): ${Math.round(garbledPerSecond).toLocaleString('vi-VN')} âm tiết/giây`);
}
