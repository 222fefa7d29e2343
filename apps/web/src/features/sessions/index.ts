export { AgendaItemEditForm } from './AgendaItemEditForm';
export { SessionEditForm, sessionDraftKey } from './SessionEditForm';
export { SessionHistory } from './SessionHistory';
