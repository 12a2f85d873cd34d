// Lints a small probe with the repository's own ESLint configuration, as if it were the file at
// `file` (relative to the repository root): what the lint tests run their probes through.
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const repoRoot = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: repoRoot });

/** The messages ESLint reports for `code` placed at `file`. */
export async function lintProbe(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result?.messages ?? [];
}
