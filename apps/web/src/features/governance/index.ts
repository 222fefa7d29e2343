export { BodiesPage, BodyPage, CalendarPage } from './GovernancePages';
export { AdoptionIndexPage, AdoptionPage, StrategyAdoptionPanel } from './AdoptionPages';
