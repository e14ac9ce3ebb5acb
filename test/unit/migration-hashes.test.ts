import { migrations } from '../../src/main/core/store/sqlite/migrations';
import { describeMigrationPins } from '../helpers/migration-pins';

/**
 * A shipped migration never changes: users' databases recorded its hash, and the runner refuses
 * to open one whose recorded hash differs. The runner only notices on a user's machine, though;
 * this pin notices in `npm test`. (006 and 007 were edited after they shipped, before this test.)
 *
 * Adding a migration: add its hash here in the same commit. Editing a shipped one: don't — add the
 * next number instead.
 */
const SHIPPED: Record<string, string> = {
  '001-requests': '2288a5e5ef600ce8c917d526b764e2584fa673da50981a2e2611934dc93a52cf',
  '003-search': '996e93672d8c90f362833c34f02edf75eea425aac1f3be7337fce6d18f6a8fa2',
  '004-endpoints': '423a95bae4f1be28c4c9142096a145035944e864659f87c93c2d60f32505d0c6',
  '005-tunnel': 'cc62ede0d2ec8e34e894bff3da6501914018496cf42b660abd9fd4b824b24233',
  '006-signatures': 'edabbc44e2a04be40c69959bfac305555132adffff8b95853934f42f979dfcab',
  '007-sender': 'ba0311af8b107fb0cdc011127f1b486f676a239d62173a568d70126eaf416641',
  '008-forwarding': '2f64ebe6eee92da119508259d93b047fbb89e9a8f046397973de63da9f71680b',
  '009-tokens-audit': '98a905be7d3bcaa84a3b604f196274a38fe57326978b89f1ccb90a2847d14a4b',
  '010-send-by': '9342b126cd14a24f2d6e14628b31c162b45ee9d243124a9d4ee381effd3fd176',
  '011-delivery-leases': 'bf27ec66d7e4f01566d90434cd9a15585552b5a687ed61dd7909bb33d16f5274',
  '012-schemas': 'ac7113de3f6dd85a74965bc11cfb20c4bed11c16da20e3ad770feca9e53c562d',
};

describeMigrationPins('shipped migrations', migrations, SHIPPED);
