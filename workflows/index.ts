export { callWorkflow } from './call.ts';
