export { lintAsIfIn } from './lib/lint-fixture';
