const { PGlite, types } = require('@electric-sql/pglite');
(async () => {
  const t0 = Date.now();
  const db = await PGlite.create();
  console.log('create ms', Date.now() - t0);
  const r = await db.query("select 1::int8 a, 2.5::numeric b, '2024-01-02'::date c, now() d, '\\x01'::bytea e, '{\"x\":1}'::jsonb f, gen_random_uuid() g", []);
  console.log(r.rows, typeof r.rows[0].a, r.affectedRows, Object.keys(r));
  const x = await db.exec("create table t(id int); insert into t values (1),(2); update t set id=3");
  console.log(x.map(y => [y.affectedRows, y.rows.length]));
  const u = await db.query("update t set id=4", []); console.log(u.affectedRows);
  console.log(Object.keys(types).slice(0,20));
  const dump = await db.dumpDataDir('gzip'); console.log('dump', dump.size);
  const t1 = Date.now(); const db2 = await PGlite.create({ loadDataDir: dump }); console.log('restore ms', Date.now()-t1, (await db2.query('select count(*) from t')).rows);
})();
