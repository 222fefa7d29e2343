/**
 * Jest's global setup and teardown run outside its module mapper: resolve the `@koers/*` aliases of
 * tsconfig.json there too (libs import each other by alias, e.g. core imports @koers/contracts).
 */
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

register({ baseUrl: path.join(__dirname, '..', '..'), paths: { '@koers/*': ['libs/*/src'] } });
