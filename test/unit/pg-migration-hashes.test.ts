import { migrations } from '../../src/main/core/store/postgres/migrations';
import { describeMigrationPins } from '../helpers/migration-pins';

/**
 * The PostgreSQL twin of migration-hashes.test.ts: a shipped migration never changes, because
 * databases recorded its hash and the runner refuses one whose recorded hash differs. This pin
 * notices in `npm test` instead of on a user's server.
 *
 * Adding a migration: add its hash here in the same commit. Editing a shipped one: don't — add the
 * next number instead.
 */
const SHIPPED: Record<string, string> = {
  '001-core': '782ffd1012e3cf0eb2b9e0d63d1dde22698f03125a7efbb31428cae32972b7f2',
  '002-requests': '48514caf2a1cc7697667856413e07a132540ae58aa4e905798bb3f174deb9ae2',
  '003-sender': '4d9e10b1f0f5f43f9030d45e9e018a4b46ee254f71f371db608284fe71b57333',
  '004-schemas': '73e03ef2a6e9c5024d9fe9bc44667cd46711f94c4b05dd4a9f8e9af2e945f6f8',
};

describeMigrationPins('shipped PostgreSQL migrations', migrations, SHIPPED);
