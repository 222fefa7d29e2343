export * from './demo.module';
export { DEMO_PASSWORD, DEMO_PEOPLE } from './demo-people';
export { DEMO_ACTIONS } from './demo-actions';
