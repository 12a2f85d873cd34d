// Writes a generated section of a Markdown file, between `<!-- NAME:start -->` and
// `<!-- NAME:end -->`: the one way measured tables get into README.md (size-report.mjs for the
// size budgets, bench/run.ts for the performance budgets). Throws if the markers are missing.
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * @param {string} file
 * @param {string} name
 * @param {string} content
 */
export function writeSection(file, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} markers: the table was not written.`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`);
}
