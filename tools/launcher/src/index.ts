export {
  serviceEnvironment,
  startSystem,
  type ProgressEvent,
  type RunningSystem,
  type StartSystemOptions,
} from './lib/system';
export { startServiceProcess, type ServiceProcess } from './lib/service-process';
