import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * TypeORM's `query()` answers a bare `UPDATE ... RETURNING` / `DELETE ... RETURNING` on PostgreSQL with
 * `[rows, affectedCount]`, not the rows: `rows.length` is then always 2 and `rows[0]` is an array. That has
 * caused real bugs here (refresh rotation, account lockout, session minutes linked twice). The one way we
 * write such a statement is a CTE: `WITH changed AS (UPDATE ... RETURNING ...) SELECT ... FROM changed`.
 */
const LIBS = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every query() call whose SQL (a string literal) starts with UPDATE or DELETE and returns rows. */
function bareReturningStatements(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\.query(?:<[^>]*>)?\(\s*(['`])([\s\S]*?)\1/g)) {
    const sql = match[2].trim();
    if (/^(UPDATE|DELETE)\b/i.test(sql) && /\bRETURNING\b/i.test(sql)) found.push(sql.split('\n')[0]);
  }
  return found;
}

describe('UPDATE/DELETE ... RETURNING through TypeORM', () => {
  it('recognises the bare form and accepts the CTE form', () => {
    expect(
      bareReturningStatements("await m.query('UPDATE t SET a = 1 WHERE id = $1 RETURNING id', [id]);"),
    ).toHaveLength(1);
    expect(bareReturningStatements('await m.query(`DELETE FROM t\n WHERE id = $1 RETURNING id`, [id]);')).toHaveLength(
      1,
    );
    expect(
      bareReturningStatements("await m.query('WITH c AS (UPDATE t SET a = 1 RETURNING id) SELECT id FROM c');"),
    ).toHaveLength(0);
    expect(bareReturningStatements("await m.query('UPDATE t SET a = 1 WHERE id = $1', [id]);")).toHaveLength(0);
  });

  it('is written as a CTE everywhere in libs/', () => {
    const offenders = sourceFiles(LIBS).flatMap((file) =>
      bareReturningStatements(fs.readFileSync(file, 'utf8')).map((sql) => `${path.relative(LIBS, file)}: ${sql}`),
    );
    expect(offenders).toEqual([]);
  });
});
