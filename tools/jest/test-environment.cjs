// Loaded before every test file (jest.preset.js `setupFiles`): tests share one embedded PostgreSQL cluster that lives
// outside the work tree and on its own port, so they never touch (or collide with) a running `npm start`.
const { tmpdir } = require('node:os');
const { join } = require('node:path');

process.env.MS_STATE_DIR ??= join(tmpdir(), 'ms-test-state');
process.env.EMBEDDED_PG_PORT ??= '54328';
