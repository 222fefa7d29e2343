export { BodiesPage, BodyPage, CalendarPage } from './GovernancePages';
